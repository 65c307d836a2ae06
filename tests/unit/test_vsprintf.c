// SPDX-License-Identifier: MIT
/*
 * Unit tests for kernel/vsprintf.c, the formatter behind printk.
 *
 * Every conversion, flag and length modifier the kernel's format strings use is
 * checked against the text Linux's lib/vsprintf.c produces for it, including the
 * kernel's own extensions (%pa, %pS) and the places where Linux differs from C
 * (%#x of 0 is "0x0").  The return value is checked too: snprintf counts what
 * would have been written, scnprintf what was stored.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/kernel.h>
#include <kernel/printk.h>

/* <limits.h> would clash with kernel.h's ULONG_MAX, so the few limits used here: */
#define INT_MAX		0x7fffffff
#define INT_MIN		(-INT_MAX - 1)
#define UINT_MAX	0xffffffffu
#define LLONG_MAX	0x7fffffffffffffffLL
#define LLONG_MIN	(-LLONG_MAX - 1)
#define ULLONG_MAX	0xffffffffffffffffULL

/* Formats into a fresh buffer, checks the text and the return value. */
#define CHECK(expected, fmt, ...) do {						\
	char _buf[128];								\
	int _n;									\
	memset(_buf, 'Z', sizeof(_buf));					\
	_n = snprintf(_buf, sizeof(_buf), fmt, ##__VA_ARGS__);		\
	assert_string_equal(_buf, expected);					\
	assert_int_equal(_n, (int)strlen(expected));				\
} while (0)

/*
 * The same through a function without the format attribute, for formats the
 * compiler rightly rejects but the kernel must still survive (unknown
 * conversions, a NULL string, flags that cancel out).
 */
static int vformat(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

#define CHECK_UNCHECKED(expected, fmt, ...) do {					char _buf[128];									int _n;										memset(_buf, 'Z', sizeof(_buf));						_n = vformat(_buf, sizeof(_buf), fmt, ##__VA_ARGS__);				assert_string_equal(_buf, expected);						assert_int_equal(_n, (int)strlen(expected));				} while (0)

static void test_plain_text_and_percent(void **state)
{
	(void)state;
	CHECK("", "%s", "");
	CHECK("hello", "hello");
	CHECK("100%", "100%%");
	CHECK("a%b", "a%%b");
}

static void test_signed_decimal(void **state)
{
	(void)state;
	CHECK("0", "%d", 0);
	CHECK("42", "%d", 42);
	CHECK("-42", "%i", -42);
	CHECK("2147483647", "%d", INT_MAX);
	CHECK("-2147483648", "%d", INT_MIN);
	CHECK("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK("9223372036854775807", "%lld", LLONG_MAX);
	CHECK("-1", "%ld", -1L);
	CHECK("-5", "%zd", (ptrdiff_t)-5);
	CHECK("-7", "%td", (ptrdiff_t)-7);
	/* h and hh truncate to short and char before the sign is looked at. */
	CHECK("-32768", "%hd", 0x18000);
	CHECK("-1", "%hhd", 0x1ff);
}

static void test_unsigned_and_bases(void **state)
{
	(void)state;
	CHECK("4294967295", "%u", UINT_MAX);
	CHECK("18446744073709551615", "%llu", ULLONG_MAX);
	CHECK("255", "%hhu", 0x1ff);
	CHECK("65535", "%hu", 0x1ffff);
	CHECK("ff", "%hhx", 0x1ff);
	CHECK("deadbeef", "%x", 0xdeadbeefu);
	CHECK("DEADBEEF", "%X", 0xdeadbeefu);
	CHECK("777", "%o", 0777);
	CHECK("12345", "%zu", (size_t)12345);
	CHECK("ffffffff", "%lx", 0xffffffffUL);
}

static void test_u64_above_4g(void **state)
{
	u64 big = 0x123456789ULL;
	u64 top = 0xfffffffffULL;		/* 64 GiB - 1: PAE's reach */

	(void)state;
	CHECK("123456789", "%llx", big);
	CHECK("4886718345", "%llu", big);
	CHECK("fffffffff", "%llx", top);
	CHECK("0x0000000fffffffff", "%#018llx", top);
	CHECK("0x0000001fffffffff", "%#018Lx", 0x1fffffffffULL);
	CHECK("0x123456789", "%#llx", big);
	CHECK("ffffffffffffffff", "%llx", U64_MAX);
	/* a u64 next to 32-bit arguments: the va_list must stay in step */
	CHECK("1 123456789 2", "%d %llx %d", 1, big, 2);
}

static void test_alternate_form(void **state)
{
	(void)state;
	CHECK("0x1f", "%#x", 0x1f);
	CHECK("0X1F", "%#X", 0x1f);
	CHECK("017", "%#o", 017);
	/* Linux's number() prints the 0x prefix even for zero, unlike C. */
	CHECK("0x0", "%#x", 0);
	CHECK("0", "%#o", 0);
	CHECK("0x2badb002", "%#010x", 0x2badb002u);
	CHECK("0x00001234", "%#010x", 0x1234);
	CHECK("0x1000", "%#llx", 0x1000ULL);
}

static void test_width_and_padding(void **state)
{
	(void)state;
	CHECK("   42", "%5d", 42);
	CHECK("42   |", "%-5d|", 42);
	CHECK("00042", "%05d", 42);
	CHECK("-0042", "%05d", -42);
	CHECK_UNCHECKED("42   |", "%-05d|", 42);	/* '-' wins over '0' */
	CHECK("0000beef", "%08x", 0xbeef);
	CHECK("012", "%03lu", 12UL);
	CHECK("07", "%02lu", 7UL);
	CHECK("123456", "%3d", 123456);	/* width is a minimum */
	CHECK("+5", "%+d", 5);
	CHECK(" 5", "% d", 5);
	CHECK("-5", "%+d", -5);
	CHECK("   42", "%*d", 5, 42);
	CHECK("42   |", "%*d|", -5, 42);	/* a negative * width means '-' */
}

static void test_precision(void **state)
{
	(void)state;
	CHECK("007", "%.3d", 7);
	CHECK("  007", "%5.3d", 7);
	CHECK_UNCHECKED("   07", "%05.2d", 7);		/* with a precision, '0' is ignored */
	CHECK("ab", "%.2s", "abcdef");
	CHECK("abc", "%.*s", 3, "abcdef");
	CHECK("   ab", "%5.2s", "abcdef");
}

static void test_strings_and_chars(void **state)
{
	(void)state;
	CHECK("DMA     |", "%-8s|", "DMA");
	CHECK("  Normal", "%8s", "Normal");
	CHECK("HighMem", "%3s", "HighMem");
	CHECK_UNCHECKED("(null)", "%s", (const char *)NULL);
	CHECK("x", "%c", 'x');
	CHECK("  x", "%3c", 'x');
	CHECK("x  |", "%-3c|", 'x');
	CHECK("a\tb", "%c%c%c", 'a', '\t', 'b');
}

static void test_printk_timestamp_format(void **state)
{
	(void)state;
	/* kernel/printk.c's prefix; Linux's is the same format. */
	CHECK("[    0.000000] ", "[%5lu.%06lu] ", 0UL, 0UL);
	CHECK("[    0.012345] ", "[%5lu.%06lu] ", 0UL, 12345UL);
	CHECK("[   12.000001] ", "[%5lu.%06lu] ", 12UL, 1UL);
	CHECK("[123456.999999] ", "[%5lu.%06lu] ", 123456UL, 999999UL);
	CHECK("2458.442 MHz", "%lu.%03lu MHz", 2458UL, 442UL);
}

static void test_pointer_pa(void **state)
{
	phys_addr_t pa = 0xfffc0000;
	phys_addr_t high = 0x13fffffffULL;
	phys_addr_t zero = 0;

	(void)state;
	/* %pa: a phys_addr_t by reference, 64 bits wide on PAE/LPAE kernels. */
	CHECK("[mem 0x00000000fffc0000]", "[mem %pa]", &pa);
	CHECK("0x000000013fffffff-0x0000000000000000", "%pa-%pa", &high, &zero);
	/* %pap is the same conversion; the text after it stays. */
	CHECK("0x00000000fffc0000 bytes", "%pap bytes", &pa);
	CHECK("0x00000000fffc0000a", "%paa", &pa);
}

static void test_pointer_symbol_and_plain(void **state)
{
	char expected[64];
	void *p = (void *)(uintptr_t)0x1234abcd;
	int digits = 2 * (int)sizeof(void *);

	(void)state;
	/* No kallsyms: %pS is the address as 0x + every hex digit of a pointer. */
	memset(expected, '0', sizeof(expected));
	expected[0] = '0';
	expected[1] = 'x';
	memcpy(expected + 2 + digits - 8, "1234abcd", 8);
	strcpy(expected + 2 + digits, " <-");
	CHECK(expected, "%pS <-", p);
	CHECK(expected, "%ps <-", p);
	CHECK(expected, "%p <-", p);
}

static void test_unknown_conversion_and_trailing_percent(void **state)
{
	(void)state;
	CHECK_UNCHECKED("%y", "%y");
	CHECK_UNCHECKED("abc", "abc%");
	CHECK_UNCHECKED("7 %w 8", "%d %w %d", 7, 8);	/* no argument is used by %w */
}

static void test_truncation(void **state)
{
	char buf[8];
	int n;

	(void)state;
	memset(buf, 'Z', sizeof(buf));
	n = snprintf(buf, sizeof(buf), "%s", "hello world");
	assert_int_equal(n, 11);		/* what would have been written */
	assert_string_equal(buf, "hello w");	/* size - 1 chars and a NUL */

	memset(buf, 'Z', sizeof(buf));
	n = snprintf(buf, 4, "%5d", 42);
	assert_int_equal(n, 5);
	assert_string_equal(buf, "   ");
	assert_int_equal(buf[4], 'Z');		/* nothing written past size */

	memset(buf, 'Z', sizeof(buf));
	n = snprintf(buf, 1, "abc");
	assert_int_equal(n, 3);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'Z');

	memset(buf, 'Z', sizeof(buf));
	n = snprintf(buf, 0, "abc%d", 12345);	/* size 0: count only, touch nothing */
	assert_int_equal(n, 8);
	assert_int_equal(buf[0], 'Z');

	n = snprintf(NULL, 0, "%llx", 0x123456789ULL);
	assert_int_equal(n, 9);
}

static void test_scnprintf(void **state)
{
	char buf[8];
	int n;

	(void)state;
	n = scnprintf(buf, sizeof(buf), "%s", "hello world");
	assert_int_equal(n, 7);			/* what was stored, without the NUL */
	assert_string_equal(buf, "hello w");

	n = scnprintf(buf, sizeof(buf), "%d", 123);
	assert_int_equal(n, 3);
	assert_string_equal(buf, "123");

	n = scnprintf(buf, 1, "abc");
	assert_int_equal(n, 0);
	assert_string_equal(buf, "");

	memset(buf, 'Z', sizeof(buf));
	n = scnprintf(buf, 0, "abc");
	assert_int_equal(n, 0);
	assert_int_equal(buf[0], 'Z');

	/* Appending with scnprintf, as Linux's callers do, never overruns. */
	{
		char line[16];
		int len = 0;

		for (int i = 0; i < 10; i++)
			len += scnprintf(line + len, sizeof(line) - len, "%d,", i);
		assert_int_equal(len, 15);
		assert_string_equal(line, "0,1,2,3,4,5,6,7");
	}
}

static void test_vsnprintf_va_list(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(vformat(buf, sizeof(buf), "%s=%#llx/%u", "x", 0x100000000ULL, 3u), 15);
	assert_string_equal(buf, "x=0x100000000/3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text_and_percent),
		cmocka_unit_test(test_signed_decimal),
		cmocka_unit_test(test_unsigned_and_bases),
		cmocka_unit_test(test_u64_above_4g),
		cmocka_unit_test(test_alternate_form),
		cmocka_unit_test(test_width_and_padding),
		cmocka_unit_test(test_precision),
		cmocka_unit_test(test_strings_and_chars),
		cmocka_unit_test(test_printk_timestamp_format),
		cmocka_unit_test(test_pointer_pa),
		cmocka_unit_test(test_pointer_symbol_and_plain),
		cmocka_unit_test(test_unknown_conversion_and_trailing_percent),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_scnprintf),
		cmocka_unit_test(test_vsnprintf_va_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

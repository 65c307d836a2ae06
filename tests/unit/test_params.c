// SPDX-License-Identifier: MIT
/*
 * Unit tests for kernel/params.c, the command-line parsing helpers.
 *
 * next_arg() (splitting, quotes), parameq() (dash = underscore), the option
 * table walk parse_param_table() with a local table of struct obs_kernel_param
 * (early and late passes, unknown options, module parameters, "--"), the text
 * of "Unknown kernel command line parameters", and the number parsers memparse(),
 * get_option() and simple_strto*().  Expected results are Linux 6.1's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/errno.h>
#include <kernel/kernel.h>
#include <kernel/params.h>
#include "hostlog.h"

/* --- next_arg / parameq ----------------------------------------------------- */

static void test_next_arg_plain(void **state)
{
	char line[] = "foo=bar  quiet\tlast";
	char *param, *val, *rest;

	(void)state;
	rest = next_arg(line, &param, &val);
	assert_string_equal(param, "foo");
	assert_string_equal(val, "bar");
	assert_string_equal(rest, "quiet\tlast");	/* the spaces are skipped */

	rest = next_arg(rest, &param, &val);
	assert_string_equal(param, "quiet");
	assert_null(val);				/* no '=': no value at all */
	assert_string_equal(rest, "last");

	rest = next_arg(rest, &param, &val);
	assert_string_equal(param, "last");
	assert_null(val);
	assert_string_equal(rest, "");
}

static void test_next_arg_values(void **state)
{
	char line[] = "a=b=c empty= x";
	char *param, *val, *rest;

	(void)state;
	rest = next_arg(line, &param, &val);
	assert_string_equal(param, "a");
	assert_string_equal(val, "b=c");		/* only the first '=' splits */

	rest = next_arg(rest, &param, &val);
	assert_string_equal(param, "empty");
	assert_non_null(val);				/* "empty=" has a value: "" */
	assert_string_equal(val, "");
	assert_string_equal(rest, "x");
}

static void test_next_arg_quotes(void **state)
{
	char line[] = "foo=\"a b  c\" \"bar=x y\" \"plain word\" next";
	char *param, *val, *rest;

	(void)state;
	rest = next_arg(line, &param, &val);
	assert_string_equal(param, "foo");
	assert_string_equal(val, "a b  c");		/* quotes dropped, spaces kept */

	rest = next_arg(rest, &param, &val);
	assert_string_equal(param, "bar");
	assert_string_equal(val, "x y");		/* the whole option quoted */

	rest = next_arg(rest, &param, &val);
	assert_string_equal(param, "plain word");
	assert_null(val);

	rest = next_arg(rest, &param, &val);
	assert_string_equal(param, "next");
	assert_string_equal(rest, "");
}

static void test_parameq(void **state)
{
	(void)state;
	assert_true(parameq("ignore_loglevel", "ignore_loglevel"));
	assert_true(parameq("ignore-loglevel", "ignore_loglevel"));
	assert_true(parameq("movable_node", "movable-node"));
	assert_true(parameq("", ""));
	assert_false(parameq("quiet", "quiet2"));
	assert_false(parameq("quiet2", "quiet"));
	assert_false(parameq("Quiet", "quiet"));	/* case matters */
	assert_false(parameq("a_b", "a.b"));
}

/* --- parse_param_table with a table of our own ------------------------------ */

struct call {
	const char *name;
	char val[64];
	bool has_val;
};

static struct call calls[16];
static int ncalls;

static void record(const char *name, char *val)
{
	assert_true(ncalls < (int)ARRAY_SIZE(calls));
	calls[ncalls].name = name;
	calls[ncalls].has_val = val != NULL;
	if (val)
		strncpy(calls[ncalls].val, val, sizeof(calls[ncalls].val) - 1);
	ncalls++;
}

static int early_handler(char *val) { record("early", val); return 0; }
static int late_handler(char *val) { record("late", val); return 0; }
static int both_early(char *val) { record("both/early", val); return 0; }
static int both_late(char *val) { record("both/late", val); return 0; }
static int failing_early(char *val) { record("bad/early", val); return -1; }
static int failing_late(char *val) { record("bad/late", val); return -22; }

static const struct obs_kernel_param table[] = {
	{ "early_opt", early_handler, 1 },
	{ "late_opt", late_handler, 0 },
	{ "both", both_early, 1 },		/* as Linux's console=: both passes */
	{ "both", both_late, 0 },
	{ "badearly", failing_early, 1 },
	{ "badlate", failing_late, 0 },
};
#define TABLE_END (table + ARRAY_SIZE(table))

static int reset(void **state)
{
	(void)state;
	memset(calls, 0, sizeof(calls));
	ncalls = 0;
	host_log_reset();
	return 0;
}

static void test_table_early_pass(void **state)
{
	char line[] = "late_opt=1 early-opt=5 both=x unknown";

	(void)state;
	parse_param_table(line, table, TABLE_END, true, NULL);
	assert_int_equal(ncalls, 2);
	assert_string_equal(calls[0].name, "early");
	assert_string_equal(calls[0].val, "5");
	assert_string_equal(calls[1].name, "both/early");
	assert_string_equal(calls[1].val, "x");
}

static void test_table_late_pass(void **state)
{
	char line[] = "late_opt both early_opt=5";
	struct unknown_params unknown = { "", "" };

	(void)state;
	parse_param_table(line, table, TABLE_END, false, &unknown);
	assert_int_equal(ncalls, 2);
	assert_string_equal(calls[0].name, "late");
	assert_false(calls[0].has_val);			/* a bare option gets NULL */
	assert_string_equal(calls[1].name, "both/late");
	/* early_opt is known (to the early pass): not unknown here either */
	assert_string_equal(unknown.with_value, "");
	assert_string_equal(unknown.without_value, "");
}

static void test_table_unknown_lists(void **state)
{
	char line[] = "foo bar=1 late_opt=2 mod.param=3 baz qux=\"a b\" dotted.flag";
	struct unknown_params unknown = { "", "" };
	char list[COMMAND_LINE_SIZE];

	(void)state;
	parse_param_table(line, table, TABLE_END, false, &unknown);
	assert_int_equal(ncalls, 1);
	assert_string_equal(unknown.with_value, "bar=1 qux=a b");
	assert_string_equal(unknown.without_value, "foo baz");	/* no module.params */
	format_unknown_params(&unknown, list, sizeof(list));
	/* Linux: init's environment (with '=') first, then its arguments */
	assert_string_equal(list, "bar=1 qux=a b foo baz");
}

static void test_table_unknown_in_early_pass(void **state)
{
	char line[] = "nokaslr late_opt early_opt=1";
	struct unknown_params unknown = { "", "" };

	(void)state;
	parse_param_table(line, table, TABLE_END, true, &unknown);
	assert_int_equal(ncalls, 1);
	assert_string_equal(unknown.without_value, "nokaslr");
	assert_string_equal(unknown.with_value, "");
}

static void test_table_double_dash_stops(void **state)
{
	char line[] = "late_opt=1 -- late_opt=2 after=1 init_arg";
	struct unknown_params unknown = { "", "" };

	(void)state;
	parse_param_table(line, table, TABLE_END, false, &unknown);
	assert_int_equal(ncalls, 1);
	assert_string_equal(calls[0].val, "1");
	assert_string_equal(unknown.with_value, "");
	assert_string_equal(unknown.without_value, "");
}

static void test_table_malformed(void **state)
{
	char early_line[] = "badearly=zz badlate=1";
	char late_line[] = "badearly=zz badlate=1";

	(void)state;
	parse_param_table(early_line, table, TABLE_END, true, NULL);
	assert_int_equal(ncalls, 1);
	assert_true(host_log_contains("Malformed early option 'badearly'"));
	assert_false(host_log_contains("badlate"));

	host_log_reset();
	parse_param_table(late_line, table, TABLE_END, false, NULL);
	assert_int_equal(ncalls, 2);
	assert_string_equal(calls[1].name, "bad/late");
	assert_true(host_log_contains("Malformed option 'badlate'"));
	assert_false(host_log_contains("early"));
}

static void test_table_empty_and_spaces(void **state)
{
	char line[] = "   ";
	char empty[] = "";
	struct unknown_params unknown = { "", "" };

	(void)state;
	parse_param_table(line, table, TABLE_END, false, &unknown);
	parse_param_table(empty, table, TABLE_END, true, &unknown);
	assert_int_equal(ncalls, 0);
	assert_string_equal(unknown.with_value, "");
	assert_string_equal(unknown.without_value, "");
}

static void test_format_unknown_params(void **state)
{
	struct unknown_params only_flags = { "", "foo baz" };
	struct unknown_params only_values = { "a=1", "" };
	struct unknown_params none = { "", "" };
	struct unknown_params both = { "bar=1", "foo" };
	char buf[64];

	(void)state;
	format_unknown_params(&only_flags, buf, sizeof(buf));
	assert_string_equal(buf, "foo baz");
	format_unknown_params(&only_values, buf, sizeof(buf));
	assert_string_equal(buf, "a=1");
	format_unknown_params(&none, buf, sizeof(buf));
	assert_string_equal(buf, "");
	format_unknown_params(&both, buf, sizeof(buf));
	assert_string_equal(buf, "bar=1 foo");
	format_unknown_params(&both, buf, 5);		/* truncated, still terminated */
	assert_string_equal(buf, "bar=");
}

/* --- numbers ------------------------------------------------------------------ */

static void test_memparse(void **state)
{
	char *end;

	(void)state;
	assert_true(memparse("128M", &end) == 128ULL << 20);
	assert_string_equal(end, "");
	assert_true(memparse("1G", NULL) == 1ULL << 30);
	assert_true(memparse("3G", NULL) == 3ULL << 30);	/* above 2^31 */
	assert_true(memparse("4g", NULL) == 4ULL << 30);	/* 4 GiB: needs 64 bits */
	assert_true(memparse("4k", NULL) == 4096);
	assert_true(memparse("64K", NULL) == 65536);
	assert_true(memparse("2T", NULL) == 2ULL << 40);
	assert_true(memparse("1P", NULL) == 1ULL << 50);
	assert_true(memparse("0x1000", NULL) == 0x1000);
	assert_true(memparse("0x10M", NULL) == 16ULL << 20);
	assert_true(memparse("010", NULL) == 8);		/* base 0: octal */
	assert_true(memparse("4096", NULL) == 4096);

	assert_true(memparse("16M@0x2000000", &end) == 16ULL << 20);
	assert_string_equal(end, "@0x2000000");		/* mem=size@start */
	assert_true(memparse("12abc", &end) == 12);
	assert_string_equal(end, "abc");
}

static void test_memparse_no_number(void **state)
{
	const char *text = "xyz";
	char *end;

	(void)state;
	assert_true(memparse(text, &end) == 0);
	assert_ptr_equal(end, text);
}

static void test_memparse_overflows(void **state)
{
	(void)state;
	assert_false(memparse_overflows("64M"));
	assert_false(memparse_overflows("15E"));
	assert_false(memparse_overflows("0xffffffffffffffff"));
	assert_false(memparse_overflows("18446744073709551615"));
	assert_false(memparse_overflows("abc"));
	assert_true(memparse_overflows("16E"));
	assert_true(memparse_overflows("99999999999G"));
	assert_true(memparse_overflows("18446744073709551616"));
	assert_true(memparse_overflows("0x10000000000000000"));
	assert_true(memparse_overflows("0x400000000000000K"));
}

/* kstrtoint(): Linux's strict parse, what core_param(panic, ...) uses. */
static void test_kstrtoint(void **state)
{
	int v = 77;

	(void)state;
	assert_int_equal(kstrtoint("10", 0, &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(kstrtoint("-1", 0, &v), 0);
	assert_int_equal(v, -1);
	assert_int_equal(kstrtoint("0x10\n", 0, &v), 0);	/* one newline is allowed */
	assert_int_equal(v, 16);
	assert_int_equal(kstrtoint("+7", 10, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(kstrtoint("-2147483648", 0, &v), 0);
	assert_int_equal(v, -2147483647 - 1);
	v = 77;
	assert_int_equal(kstrtoint("abc", 0, &v), -EINVAL);
	assert_int_equal(kstrtoint("", 0, &v), -EINVAL);
	assert_int_equal(kstrtoint(NULL, 0, &v), -EINVAL);
	assert_int_equal(kstrtoint("5s", 0, &v), -EINVAL);
	assert_int_equal(kstrtoint("-", 0, &v), -EINVAL);
	assert_int_equal(kstrtoint("2147483648", 0, &v), -ERANGE);
	assert_int_equal(kstrtoint("99999999999999999999", 0, &v), -ERANGE);
	assert_int_equal(v, 77);				/* untouched on failure */
}

static void test_get_option(void **state)
{
	char list[] = "1,0x10,-4,5-7";
	char *p = list;
	int v = -1;

	(void)state;
	assert_int_equal(get_option(&p, &v), 2);	/* a comma follows */
	assert_int_equal(v, 1);
	assert_int_equal(get_option(&p, &v), 2);
	assert_int_equal(v, 16);
	assert_int_equal(get_option(&p, &v), 2);
	assert_int_equal(v, -4);
	assert_int_equal(get_option(&p, &v), 3);	/* a range: 5-7 */
	assert_int_equal(v, 5);
	assert_string_equal(p, "-7");
}

static void test_get_option_edges(void **state)
{
	char last[] = "42";
	char none[] = "abc";
	char empty[] = "";
	char *p;
	int v = 99;

	(void)state;
	p = last;
	assert_int_equal(get_option(&p, &v), 1);	/* the last number */
	assert_int_equal(v, 42);
	assert_string_equal(p, "");

	v = 99;
	p = none;
	assert_int_equal(get_option(&p, &v), 0);
	assert_int_equal(v, 99);			/* untouched */
	assert_ptr_equal(p, none);

	p = empty;
	assert_int_equal(get_option(&p, &v), 0);
	p = NULL;
	assert_int_equal(get_option(&p, &v), 0);
}

static void test_simple_strtoull(void **state)
{
	const char *s;
	char *end;

	(void)state;
	assert_true(simple_strtoull("0x1f", &end, 0) == 31);
	assert_string_equal(end, "");
	assert_true(simple_strtoull("0X1F", NULL, 0) == 31);
	assert_true(simple_strtoull("017", NULL, 0) == 15);
	assert_true(simple_strtoull("123", NULL, 0) == 123);
	assert_true(simple_strtoull("ff", NULL, 16) == 255);
	assert_true(simple_strtoull("0xff", NULL, 16) == 255);
	assert_true(simple_strtoull("777", NULL, 8) == 511);
	assert_true(simple_strtoull("1010", NULL, 2) == 10);
	assert_true(simple_strtoull("12z", NULL, 36) == 1 * 36 * 36 + 2 * 36 + 35);
	assert_true(simple_strtoull("18446744073709551615", NULL, 10) == U64_MAX);
	assert_true(simple_strtoull("0x100000000", NULL, 0) == 0x100000000ULL);

	/* "0x" with no hex digit after it is the number 0, ending at 'x' */
	s = "0xg";
	assert_true(simple_strtoull(s, &end, 0) == 0);
	assert_ptr_equal(end, s + 1);
	/* base 10 stops at the first non-digit */
	s = "19a";
	assert_true(simple_strtoull(s, &end, 10) == 19);
	assert_ptr_equal(end, s + 2);
	/* octal stops at 8 */
	s = "0789";
	assert_true(simple_strtoull(s, &end, 0) == 7);
	assert_ptr_equal(end, s + 2);
}

static void test_simple_strtol_ul(void **state)
{
	char *end;

	(void)state;
	assert_int_equal(simple_strtol("-12", &end, 10), -12);
	assert_string_equal(end, "");
	assert_int_equal(simple_strtol("-0x10", NULL, 0), -16);
	assert_int_equal(simple_strtol("8", NULL, 0), 8);
	assert_true(simple_strtoul("4294967295", NULL, 10) == 4294967295UL);
	assert_true(simple_strtoul("0x80000000", NULL, 16) == 0x80000000UL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_next_arg_plain),
		cmocka_unit_test(test_next_arg_values),
		cmocka_unit_test(test_next_arg_quotes),
		cmocka_unit_test(test_parameq),
		cmocka_unit_test_setup(test_table_early_pass, reset),
		cmocka_unit_test_setup(test_table_late_pass, reset),
		cmocka_unit_test_setup(test_table_unknown_lists, reset),
		cmocka_unit_test_setup(test_table_unknown_in_early_pass, reset),
		cmocka_unit_test_setup(test_table_double_dash_stops, reset),
		cmocka_unit_test_setup(test_table_malformed, reset),
		cmocka_unit_test_setup(test_table_empty_and_spaces, reset),
		cmocka_unit_test(test_format_unknown_params),
		cmocka_unit_test(test_memparse),
		cmocka_unit_test(test_memparse_no_number),
		cmocka_unit_test(test_memparse_overflows),
		cmocka_unit_test(test_kstrtoint),
		cmocka_unit_test(test_get_option),
		cmocka_unit_test(test_get_option_edges),
		cmocka_unit_test(test_simple_strtoull),
		cmocka_unit_test(test_simple_strtol_ul),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

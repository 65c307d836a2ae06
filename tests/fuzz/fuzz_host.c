// SPDX-License-Identifier: MIT
/*
 * The fuzz targets' stand-in for the kernel's printk() and panic(), plus what
 * every target needs around the kernel code: resetting the boot-time state
 * between inputs, the memblock invariants, and reading the input.
 *
 * It replaces tests/host/printk_host.c, which hands panics to cmocka: here a
 * panic with a reason longjmp()s back to the target (the boot stopped with a
 * clear message, as Linux's would), while BUG() — "kernel BUG at" — aborts,
 * so libFuzzer reports it.  Messages go to a bounded buffer (the host_log_*
 * API of hostlog.h), echoed to stderr when FUZZ_LOG is set in the
 * environment.  No Linux counterpart: Linux's fuzzing of boot code (syzkaller)
 * runs a booted kernel.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <boot/e820.h>
#include <kernel/bug.h>
#include <kernel/of_fdt.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <mm/memblock.h>
#include <mm/mmzone.h>
#include "hostlog.h"
#include "fuzz.h"

jmp_buf fuzz_panic_jmp;
bool fuzz_panic_armed;

/* Enough for any boot's log; beyond it messages are cut, not grown. */
static char log_text[256 * 1024];
static size_t log_len;

void host_log_reset(void)
{
	log_len = 0;
	log_text[0] = '\0';
}

const char *host_log(void)
{
	return log_text;
}

bool host_log_contains(const char *needle)
{
	return strstr(log_text, needle) != NULL;
}

int vprintk(const char *fmt, va_list args)
{
	char buf[1024];
	int n;

	while (fmt[0] == '\001' && fmt[1] != '\0')	/* the KERN_SOH level marker */
		fmt += 2;
	n = vsnprintf(buf, sizeof(buf), fmt, args);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	if (n > 0 && log_len + (size_t)n < sizeof(log_text)) {
		memcpy(log_text + log_len, buf, (size_t)n);
		log_len += (size_t)n;
		log_text[log_len] = '\0';
	}
	if (getenv("FUZZ_LOG"))
		fputs(buf, stderr);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}

void panic(const char *fmt, ...)
{
	char buf[512];
	va_list args;

	va_start(args, fmt);
	vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	if (fuzz_panic_armed && strncmp(buf, "kernel BUG at", 13) != 0)
		longjmp(fuzz_panic_jmp, 1);
	fprintf(stderr, "fuzz: Kernel panic - not syncing: %s\n", buf);
	abort();
}

static void fuzz_fail(const char *when, const char *fmt, ...)
{
	va_list args;

	fprintf(stderr, "fuzz: memblock invariant broken %s: ", when);
	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	fputc('\n', stderr);
	__memblock_dump_all();
	fputs(log_text, stderr);
	abort();
}

bool fuzz_avoid(enum fuzz_bug bug)
{
	static const char *const names[FUZZ_NR_BUGS] = FUZZ_BUG_NAMES;
	const char *list = getenv("FUZZ_KNOWN_BUGS");
	size_t n = strlen(names[bug]);

	if (!list)
		return true;
	if (strcmp(list, "all") == 0)
		return false;
	for (const char *p = list; (p = strstr(p, names[bug])) != NULL; p += n)
		if ((p == list || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return false;
	return true;
}

void fuzz_reset(void)
{
	memblock_reset_for_tests();
	of_fdt_reset_for_tests();
	of_reserved_mem_reset_for_tests();
	zone_movable_reset_for_tests();
	memset(&e820_table, 0, sizeof(e820_table));
	memset(node_data, 0, sizeof(node_data));
	boot_command_line[0] = '\0';
	min_low_pfn = max_low_pfn = max_pfn = 0;
	host_log_reset();
}

/*
 * The invariants memblock.c's header promises for each list: cnt in 1..max,
 * an empty list is one zero-size region, otherwise every region has a size,
 * does not wrap, lies below the next one, is merged with a touching
 * neighbour of the same node and flags, and total_size is the sum.
 */
static void check_type(const struct memblock_type *type, const char *when)
{
	phys_addr_t sum = 0;

	if (type->cnt < 1 || type->cnt > type->max)
		fuzz_fail(when, "%s: cnt %lu, max %lu", type->name, type->cnt, type->max);
	if (type->cnt == 1 && type->regions[0].size == 0) {
		if (type->total_size != 0)
			fuzz_fail(when, "%s: empty but total_size %#llx", type->name,
				  (unsigned long long)type->total_size);
		return;
	}
	for (unsigned long i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];
		const struct memblock_region *next = &type->regions[i + 1];

		if (r->size == 0)
			fuzz_fail(when, "%s[%lu]: zero size at %#llx", type->name, i,
				  (unsigned long long)r->base);
		if (r->base + r->size - 1 < r->base)
			fuzz_fail(when, "%s[%lu]: [%#llx +%#llx] wraps", type->name, i,
				  (unsigned long long)r->base, (unsigned long long)r->size);
		sum += r->size;
		if (i + 1 == type->cnt)
			break;
		if (r->base + r->size > next->base || next->base + next->size == 0)
			fuzz_fail(when, "%s[%lu] [%#llx +%#llx] overlaps or is after the next [%#llx +%#llx]",
				  type->name, i, (unsigned long long)r->base,
				  (unsigned long long)r->size, (unsigned long long)next->base,
				  (unsigned long long)next->size);
		if (r->base + r->size == next->base && r->flags == next->flags && r->nid == next->nid)
			fuzz_fail(when, "%s[%lu] and [%lu] touch with the same node and flags: not merged",
				  type->name, i, i + 1);
	}
	if (sum != type->total_size)
		fuzz_fail(when, "%s: total_size %#llx, sum of regions %#llx", type->name,
			  (unsigned long long)type->total_size, (unsigned long long)sum);
}

void fuzz_check_memblock(const char *when)
{
	check_type(&memblock.memory, when);
	check_type(&memblock.reserved, when);
}

void fuzz_check_alloc(uint64_t size, uint64_t align)
{
	phys_addr_t limit = memblock_get_current_limit();
	phys_addr_t pa = memblock_phys_alloc(size, align);

	fuzz_check_memblock("after memblock_phys_alloc()");
	if (!pa)
		return;
	if (pa & (align - 1))
		fuzz_fail("after memblock_phys_alloc()", "%#llx is not %#llx-aligned",
			  (unsigned long long)pa, (unsigned long long)align);
	if (!memblock_is_region_memory(pa, size))
		fuzz_fail("after memblock_phys_alloc()", "[%#llx +%#llx] is not all memory",
			  (unsigned long long)pa, (unsigned long long)size);
	if (limit != MEMBLOCK_ALLOC_ANYWHERE && pa + size > limit)
		fuzz_fail("after memblock_phys_alloc()", "[%#llx +%#llx] is above the limit %#llx",
			  (unsigned long long)pa, (unsigned long long)size,
			  (unsigned long long)limit);
	if (!memblock_is_region_reserved(pa, size))
		fuzz_fail("after memblock_phys_alloc()", "[%#llx +%#llx] was not reserved",
			  (unsigned long long)pa, (unsigned long long)size);
}

uint64_t fuzz_take(struct fuzz_input *in, int bytes)
{
	uint64_t v = 0;

	for (int i = 0; i < bytes && in->left; i++, in->left--)
		v |= (uint64_t)*in->data++ << (8 * i);
	return v;
}

uint64_t fuzz_range(struct fuzz_input *in, uint64_t lo, uint64_t hi)
{
	uint64_t span = hi - lo, v;
	int bytes = 0;

	if (span == 0)
		return lo;
	while (bytes < 8 && (span >> (8 * bytes)))
		bytes++;
	v = fuzz_take(in, bytes);
	return span == UINT64_MAX ? v : lo + v % (span + 1);
}

bool fuzz_bool(struct fuzz_input *in)
{
	return fuzz_take(in, 1) & 1;
}

void fuzz_parse_early_options(const char *cmdline)
{
	static char buf[COMMAND_LINE_SIZE];

	strncpy(buf, cmdline, sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	parse_param_table(buf, __setup_start, __setup_end, true, NULL);
}

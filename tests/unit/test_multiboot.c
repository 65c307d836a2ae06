// SPDX-License-Identifier: MIT
/*
 * Unit tests for boot/x86/multiboot.c, the reader of the loader's hand-over.
 *
 * Each test builds the boot information a loader would leave in memory —
 * a multiboot v1 struct (QEMU's -kernel) or a v2 tag list (GRUB's multiboot2) —
 * and checks what multiboot_parse() makes of it: the version, the command line
 * (v1 drops the image name that comes first), the memory map (v1's entries of
 * varying size, its e801 fallback, v2's tag), the ranges the loader's data
 * occupies, and the refusals with their messages (bad magic, no info pointer,
 * a corrupt tag list or map).
 *
 * On the host __va() is the identity and a v1 command line is a 32-bit physical
 * address, so the crafted blocks live in memory mapped below 4 GiB.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include <boot/multiboot.h>
#include <kernel/kernel.h>
#include "hostlog.h"

#define ARENA_SIZE	(64 * 1024)

static u8 *arena;		/* below 4 GiB, so a u32 can point into it */
static size_t arena_used;

static int map_low_arena(void **state)
{
	void *p = MAP_FAILED;

	(void)state;
#ifdef MAP_32BIT
	p = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
#endif
	if (p == MAP_FAILED)	/* no MAP_32BIT: ask for a low address outright */
		p = mmap((void *)(uintptr_t)0x10000000, ARENA_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (p == MAP_FAILED || (uintptr_t)p + ARENA_SIZE > 0xffffffffu)
		return -1;
	arena = p;
	return 0;
}

static int unmap_arena(void **state)
{
	(void)state;
	munmap(arena, ARENA_SIZE);
	return 0;
}

static int reset(void **state)
{
	(void)state;
	memset(arena, 0xa5, ARENA_SIZE);	/* garbage, as memory would hold */
	arena_used = 0;
	host_log_reset();
	return 0;
}

static void *arena_alloc(size_t size)
{
	void *p = arena + arena_used;

	arena_used = ALIGN(arena_used + size, 8);
	assert_true(arena_used <= ARENA_SIZE);
	return p;
}

static u32 low_string(const char *s)
{
	char *p = arena_alloc(strlen(s) + 1);

	strcpy(p, s);
	return (u32)(uintptr_t)p;
}

static phys_addr_t pa(const void *p)
{
	return (phys_addr_t)(uintptr_t)p;
}

/* --- v1 ------------------------------------------------------------------------ */

static struct multiboot_info *v1_info(u32 flags, u32 cmdline)
{
	struct multiboot_info *mbi = arena_alloc(sizeof(*mbi));

	memset(mbi, 0, sizeof(*mbi));
	mbi->flags = flags;
	mbi->cmdline = cmdline;
	return mbi;
}

static void test_v1_cmdline_drops_image_name(void **state)
{
	struct multiboot_info *mbi = v1_info(MULTIBOOT_INFO_CMDLINE | MULTIBOOT_INFO_MEMORY,
					     low_string("build/x86/bootmm.elf quiet loglevel=3"));
	struct multiboot_boot boot;

	(void)state;
	assert_int_equal(multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, pa(mbi), &boot), 0);
	assert_int_equal(boot.version, 1);
	assert_string_equal(boot.cmdline, "quiet loglevel=3");
}

static void test_v1_cmdline_spaces_and_name_only(void **state)
{
	struct multiboot_info *spaced = v1_info(MULTIBOOT_INFO_CMDLINE,
						low_string("/boot/bootmm.elf    foo=1 poweroff"));
	struct multiboot_info *name_only = v1_info(MULTIBOOT_INFO_CMDLINE,
						   low_string("/boot/bootmm.elf"));
	struct multiboot_boot boot;

	(void)state;
	assert_int_equal(multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, pa(spaced), &boot), 0);
	assert_string_equal(boot.cmdline, "foo=1 poweroff");
	assert_int_equal(multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, pa(name_only), &boot), 0);
	assert_string_equal(boot.cmdline, "");
}

static void test_v1_without_cmdline(void **state)
{
	/* The flag is what counts: a stale pointer without it is not read. */
	struct multiboot_info *no_flag = v1_info(MULTIBOOT_INFO_MEMORY,
						 low_string("bootmm.elf should-not-be-seen"));
	struct multiboot_info *null_ptr = v1_info(MULTIBOOT_INFO_CMDLINE, 0);
	struct multiboot_boot boot;

	(void)state;
	assert_int_equal(multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, pa(no_flag), &boot), 0);
	assert_int_equal(boot.version, 1);
	assert_non_null(boot.cmdline);
	assert_string_equal(boot.cmdline, "");
	assert_int_equal(multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, pa(null_ptr), &boot), 0);
	assert_string_equal(boot.cmdline, "");
}

/* The e820 map QEMU's pc machine reports for -m 128M. */
static const struct e820_entry qemu_128m[] = {
	{ 0x00000000, 0x0009fc00, E820_TYPE_RAM },
	{ 0x0009fc00, 0x00000400, E820_TYPE_RESERVED },
	{ 0x000f0000, 0x00010000, E820_TYPE_RESERVED },
	{ 0x00100000, 0x07ee0000, E820_TYPE_RAM },
	{ 0x07fe0000, 0x00020000, E820_TYPE_RESERVED },
	{ 0xfffc0000, 0x00040000, E820_TYPE_RESERVED },
};

static void assert_map_is(const struct multiboot_boot *boot, const struct e820_entry *want,
			  unsigned int n)
{
	assert_int_equal(boot->map.nr_entries, n);
	for (unsigned int i = 0; i < n; i++) {
		assert_true(boot->map.entries[i].addr == want[i].addr);
		assert_true(boot->map.entries[i].size == want[i].size);
		assert_int_equal(boot->map.entries[i].type, want[i].type);
	}
}

static bool used_has(const struct multiboot_boot *boot, phys_addr_t start, phys_addr_t end)
{
	for (int i = 0; i < boot->nr_used; i++)
		if (boot->used[i].start == start && boot->used[i].end == end)
			return true;
	return false;
}

/* Gives mbi a v1 memory map; entry i is pad[i] bytes longer than the minimum (allowed). */
static void v1_set_mmap(struct multiboot_info *mbi, const struct e820_entry *map, unsigned int n,
			const u32 *pad)
{
	u8 *start = arena_alloc(n * (sizeof(struct multiboot_mmap_entry) + 16));
	u8 *p = start;

	for (unsigned int i = 0; i < n; i++) {
		struct multiboot_mmap_entry *e = (void *)p;
		u32 extra = pad ? pad[i] : 0;

		e->size = sizeof(*e) - sizeof(e->size) + extra;
		e->addr = map[i].addr;
		e->len = map[i].size;
		e->type = map[i].type;
		p += sizeof(*e) + extra;
	}
	mbi->flags |= MULTIBOOT_INFO_MEM_MAP;
	mbi->mmap_addr = (u32)(uintptr_t)start;
	mbi->mmap_length = p - start;
}

static void test_v1_memory_map(void **state)
{
	static const u32 pad[] = { 0, 4, 0, 12, 0, 0 };
	u32 cmdline = low_string("bootmm.elf poweroff");
	struct multiboot_info *mbi = v1_info(MULTIBOOT_INFO_CMDLINE | MULTIBOOT_INFO_MEMORY, cmdline);
	struct multiboot_boot boot;

	(void)state;
	mbi->mem_lower = 639;			/* ignored: the map wins */
	v1_set_mmap(mbi, qemu_128m, ARRAY_SIZE(qemu_128m), pad);
	assert_int_equal(multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, pa(mbi), &boot), 0);
	assert_map_is(&boot, qemu_128m, ARRAY_SIZE(qemu_128m));
	assert_string_equal(boot.map_source, "BIOS-e820");
	/* what the loader's data occupies, to be reserved: info, command line, map */
	assert_int_equal(boot.nr_used, 3);
	assert_true(used_has(&boot, pa(mbi), pa(mbi) + sizeof(*mbi)));
	assert_true(used_has(&boot, cmdline, cmdline + strlen("bootmm.elf poweroff") + 1));
	assert_true(used_has(&boot, mbi->mmap_addr, mbi->mmap_addr + mbi->mmap_length));
}

static void test_v1_e801_fallback(void **state)
{
	static const struct e820_entry want[] = {
		{ 0, 639 << 10, E820_TYPE_RAM },
		{ 0x100000, 130048ULL << 10, E820_TYPE_RAM },
	};
	struct multiboot_info *mbi = v1_info(MULTIBOOT_INFO_MEMORY, 0);
	struct multiboot_boot boot;

	(void)state;
	mbi->mem_lower = 639;
	mbi->mem_upper = 130048;
	assert_int_equal(multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, pa(mbi), &boot), 0);
	assert_map_is(&boot, want, ARRAY_SIZE(want));
	assert_string_equal(boot.map_source, "BIOS-e801");
}

static void test_v1_no_memory_information(void **state)
{
	struct multiboot_info *mbi = v1_info(0, 0);
	struct multiboot_boot boot;

	(void)state;
	assert_int_equal(multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, pa(mbi), &boot), 0);
	assert_int_equal(boot.map.nr_entries, 0);	/* setup_arch() panics on this */
}

static void test_v1_bad_map_entry(void **state)
{
	struct multiboot_info *mbi = v1_info(0, 0);
	struct multiboot_mmap_entry *e;
	struct multiboot_boot boot;

	(void)state;
	v1_set_mmap(mbi, qemu_128m, ARRAY_SIZE(qemu_128m), NULL);
	e = (void *)(uintptr_t)mbi->mmap_addr;
	e[2].size = 8;				/* the third entry claims to be too short */
	assert_int_equal(multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, pa(mbi), &boot), 0);
	assert_map_is(&boot, qemu_128m, 2);	/* the entries before it are kept */
	assert_true(host_log_contains("has a bad size (8); map cut short"));
}

/* --- v2 ------------------------------------------------------------------------ */

/* Builds a v2 tag list the way GRUB lays it out: 8-byte aligned tags. */
struct v2_builder {
	struct multiboot2_info_header *hdr;
	u8 *next;
};

static void v2_begin(struct v2_builder *b)
{
	b->hdr = arena_alloc(8192);
	b->hdr->reserved = 0;
	b->next = (u8 *)(b->hdr + 1);
}

static void v2_tag(struct v2_builder *b, u32 type, const void *payload, u32 len)
{
	struct multiboot2_tag *tag = (void *)b->next;

	tag->type = type;
	tag->size = sizeof(*tag) + len;
	if (len)
		memcpy(tag + 1, payload, len);
	b->next += ALIGN(tag->size, 8);
}

static phys_addr_t v2_end(struct v2_builder *b)
{
	v2_tag(b, MULTIBOOT2_TAG_END, NULL, 0);
	b->hdr->total_size = b->next - (u8 *)b->hdr;
	return pa(b->hdr);
}

static void test_v2_cmdline(void **state)
{
	static const char cmdline[] = "foo=1 poweroff";	/* GRUB passes no image name */
	u32 meminfo[2] = { 639, 130048 };
	struct v2_builder with, without;
	struct multiboot_boot boot;

	(void)state;
	v2_begin(&with);
	v2_tag(&with, MULTIBOOT2_TAG_BASIC_MEMINFO, meminfo, sizeof(meminfo));
	v2_tag(&with, MULTIBOOT2_TAG_CMDLINE, cmdline, sizeof(cmdline));	/* 23 bytes: padded */
	v2_tag(&with, MULTIBOOT2_TAG_MODULE, "\0\0\0\0\0\0\0\0x", 9);
	assert_int_equal(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, v2_end(&with), &boot), 0);
	assert_int_equal(boot.version, 2);
	assert_string_equal(boot.cmdline, "foo=1 poweroff");

	v2_begin(&without);
	v2_tag(&without, MULTIBOOT2_TAG_BASIC_MEMINFO, meminfo, sizeof(meminfo));
	assert_int_equal(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, v2_end(&without), &boot), 0);
	assert_int_equal(boot.version, 2);
	assert_string_equal(boot.cmdline, "");
}

/* A v2 memory map tag with entries of entry_size bytes. */
static void v2_mmap_tag(struct v2_builder *b, const struct e820_entry *map, unsigned int n,
			u32 entry_size)
{
	u8 payload[8 + 200 * 32];
	const u32 version = 0;

	assert_true(n <= 200 && entry_size <= 32);
	memset(payload, 0, sizeof(payload));
	/* struct multiboot2_tag_mmap after its tag header: entry_size, entry_version */
	memcpy(payload, &entry_size, 4);
	memcpy(payload + 4, &version, 4);
	for (unsigned int i = 0; i < n; i++) {
		/* memcpy: an odd entry_size puts entries at unaligned offsets */
		struct multiboot2_mmap_entry e = { .addr = map[i].addr, .len = map[i].size,
						   .type = map[i].type };

		memcpy(payload + 8 + i * entry_size, &e, entry_size < sizeof(e) ? entry_size : sizeof(e));
	}
	v2_tag(b, MULTIBOOT2_TAG_MMAP, payload, 8 + n * entry_size);
}

static void test_v2_memory_map(void **state)
{
	static const char cmdline[] = "quiet";
	struct v2_builder b;
	struct multiboot_boot boot;
	phys_addr_t info;

	(void)state;
	v2_begin(&b);
	v2_tag(&b, MULTIBOOT2_TAG_CMDLINE, cmdline, sizeof(cmdline));
	v2_mmap_tag(&b, qemu_128m, ARRAY_SIZE(qemu_128m), 24);
	info = v2_end(&b);
	assert_int_equal(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, info, &boot), 0);
	assert_map_is(&boot, qemu_128m, ARRAY_SIZE(qemu_128m));
	assert_string_equal(boot.cmdline, "quiet");
	/* the map and the command line live inside the info block: one range */
	assert_int_equal(boot.nr_used, 1);
	assert_true(used_has(&boot, info, info + b.hdr->total_size));
}

static void test_v2_memory_map_entry_sizes(void **state)
{
	struct v2_builder b;
	struct multiboot_boot boot;

	(void)state;
	v2_begin(&b);				/* a later version's bigger entries */
	v2_mmap_tag(&b, qemu_128m, ARRAY_SIZE(qemu_128m), 32);
	assert_int_equal(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, v2_end(&b), &boot), 0);
	assert_map_is(&boot, qemu_128m, ARRAY_SIZE(qemu_128m));

	reset(NULL);
	v2_begin(&b);				/* entries too small to hold one */
	v2_mmap_tag(&b, qemu_128m, ARRAY_SIZE(qemu_128m), 16);
	assert_int_equal(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, v2_end(&b), &boot), 0);
	assert_int_equal(boot.map.nr_entries, 0);
	assert_true(host_log_contains("memory map entries of 16 bytes are too small; map ignored"));

	reset(NULL);
	v2_begin(&b);				/* big enough, but every entry's u64s misaligned */
	v2_mmap_tag(&b, qemu_128m, ARRAY_SIZE(qemu_128m), 25);
	assert_int_equal(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, v2_end(&b), &boot), 0);
	assert_int_equal(boot.map.nr_entries, 0);
	assert_true(host_log_contains("memory map entry size 25 is not a multiple of 8; map ignored"));
}

static void test_v2_memory_map_too_long(void **state)
{
	static struct e820_entry many[E820_MAX_ENTRIES + 2];
	struct v2_builder b;
	struct multiboot_boot boot;

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(many); i++)
		many[i] = (struct e820_entry){ i * 0x100000ULL, 0x1000, E820_TYPE_RAM };
	v2_begin(&b);
	v2_mmap_tag(&b, many, ARRAY_SIZE(many), 24);
	assert_int_equal(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, v2_end(&b), &boot), 0);
	assert_map_is(&boot, many, E820_MAX_ENTRIES);	/* the first 128 kept */
	assert_true(host_log_contains("memory map has more than 128 entries; ignoring "
				      "[mem 0x0000000008000000-0x0000000008000fff]"));
}

static void test_v2_corrupt_tag_size(void **state)
{
	/* A tag smaller than its own header, and one running past total_size. */
	static const u32 bad_sizes[] = { 4, 0, 4000 };
	static const char cmdline[] = "quiet";

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(bad_sizes); i++) {
		struct v2_builder b;
		struct multiboot_boot boot;
		struct multiboot2_tag *bad;
		phys_addr_t info;

		reset(NULL);
		v2_begin(&b);
		bad = (void *)b.next;
		v2_tag(&b, MULTIBOOT2_TAG_CMDLINE, cmdline, sizeof(cmdline));
		info = v2_end(&b);
		bad->size = bad_sizes[i];

		assert_int_equal(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, info, &boot), -1);
		assert_true(host_log_contains("multiboot2: boot information at"));
		assert_true(host_log_contains("has a corrupt tag list"));
	}
}

static void test_v2_missing_end_tag(void **state)
{
	static const char cmdline[] = "quiet";
	struct v2_builder b;
	struct multiboot_boot boot;

	(void)state;
	v2_begin(&b);
	v2_tag(&b, MULTIBOOT2_TAG_CMDLINE, cmdline, sizeof(cmdline));
	b.hdr->total_size = b.next - (u8 *)b.hdr;	/* the list just stops */

	assert_int_equal(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, pa(b.hdr), &boot), -1);
	assert_true(host_log_contains("has a corrupt tag list"));
}

static void test_v2_bad_total_size(void **state)
{
	struct multiboot2_info_header *hdr = arena_alloc(64);
	struct multiboot_boot boot;

	(void)state;
	hdr->total_size = 8;			/* not even room for the end tag */
	hdr->reserved = 0;
	assert_int_equal(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, pa(hdr), &boot), -1);
	assert_true(host_log_contains("has a bad size (8 bytes)"));
}

static void test_v2_tag_size_wraps(void **state)
{
	/*
	 * 0xffffffff: p + size wraps a 32-bit pointer and ALIGN(size, 8) is 0,
	 * so a walk by pointers would read the same tag for ever.
	 */
	static const u32 huge[] = { 0xffffffffu, 0xfffffff9u, 0xfffffff8u, 0x80000000u };
	static const char cmdline[] = "quiet";

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(huge); i++) {
		struct v2_builder b;
		struct multiboot_boot boot;
		struct multiboot2_tag *bad;

		reset(NULL);
		v2_begin(&b);
		v2_tag(&b, MULTIBOOT2_TAG_CMDLINE, cmdline, sizeof(cmdline));
		bad = (void *)b.next;
		v2_tag(&b, MULTIBOOT2_TAG_MODULE, "\0\0\0\0\0\0\0\0", 8);
		phys_addr_t info = v2_end(&b);
		bad->size = huge[i];
		assert_int_equal(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, info, &boot), -1);
		assert_true(host_log_contains("multiboot2: tag 3 at offset 24 has a bad size"));
		assert_true(host_log_contains("has a corrupt tag list"));
		assert_int_equal(boot.version, 0);
		assert_string_equal(boot.cmdline, "");	/* nothing of a refused block is kept */
		assert_int_equal(boot.map.nr_entries, 0);
	}
}

static void test_v2_tag_too_small_for_its_type(void **state)
{
	struct v2_builder b;
	struct multiboot_boot boot;

	(void)state;
	/* A memory-map tag of 8 bytes: entry_size would be read past its end. */
	v2_begin(&b);
	v2_tag(&b, MULTIBOOT2_TAG_MMAP, NULL, 0);
	assert_int_equal(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, v2_end(&b), &boot), -1);
	assert_true(host_log_contains("multiboot2: tag 6 at offset 8 has a bad size (8 bytes; 16 needed"));

	/* A command-line tag with no room for its NUL. */
	reset(NULL);
	v2_begin(&b);
	v2_tag(&b, MULTIBOOT2_TAG_CMDLINE, NULL, 0);
	assert_int_equal(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, v2_end(&b), &boot), -1);
	assert_true(host_log_contains("multiboot2: tag 1 at offset 8 has a bad size (8 bytes; 9 needed"));

	/* A command line that is not NUL-terminated inside its tag. */
	reset(NULL);
	v2_begin(&b);
	v2_tag(&b, MULTIBOOT2_TAG_CMDLINE, "quietxxx", 8);
	assert_int_equal(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, v2_end(&b), &boot), -1);
	assert_true(host_log_contains("command line tag at offset 8 is not NUL-terminated"));
	assert_string_equal(boot.cmdline, "");
}

static void test_v2_padding_past_total_size(void **state)
{
	static const char cmdline[] = "quiet";	/* 14 bytes: padded to 16 */
	struct v2_builder b;
	struct multiboot_boot boot;

	(void)state;
	v2_begin(&b);
	v2_tag(&b, MULTIBOOT2_TAG_CMDLINE, cmdline, sizeof(cmdline));
	/* total_size ends inside the padding: no room for an end tag */
	b.hdr->total_size = 8 + 14;
	assert_int_equal(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, pa(b.hdr), &boot), -1);
	assert_true(host_log_contains("has a corrupt tag list"));
}

static void test_v1_map_bounds(void **state)
{
	struct multiboot_info *mbi = v1_info(0, 0);
	struct multiboot_mmap_entry *e;
	struct multiboot_boot boot;

	(void)state;
	/* An entry whose size runs past mmap_length: the walk stops, the rest is kept. */
	v1_set_mmap(mbi, qemu_128m, ARRAY_SIZE(qemu_128m), NULL);
	e = (void *)(uintptr_t)mbi->mmap_addr;
	e[1].size = 0xfffffffcu;		/* + 4 wraps to 0 in 32 bits */
	assert_int_equal(multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, pa(mbi), &boot), 0);
	assert_map_is(&boot, qemu_128m, 1);
	assert_true(host_log_contains("has a bad size (4294967292); map cut short"));

	/* mmap_length not a whole number of entries: the tail is named and ignored. */
	reset(NULL);
	mbi = v1_info(0, 0);
	v1_set_mmap(mbi, qemu_128m, ARRAY_SIZE(qemu_128m), NULL);
	mbi->mmap_length += 7;
	assert_int_equal(multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, pa(mbi), &boot), 0);
	assert_map_is(&boot, qemu_128m, ARRAY_SIZE(qemu_128m));
	assert_true(host_log_contains("7 bytes after the last memory map entry ignored"));
}

/* --- refusals -------------------------------------------------------------------- */

static void test_bad_magic(void **state)
{
	struct multiboot_info *mbi = v1_info(MULTIBOOT_INFO_CMDLINE, low_string("x y"));
	struct multiboot_boot boot;

	(void)state;
	assert_int_equal(multiboot_parse(0x12345678, pa(mbi), &boot), -1);
	assert_true(host_log_contains("bad magic 0x12345678"));
	assert_int_equal(boot.version, 0);
	assert_string_equal(boot.cmdline, "");

	host_log_reset();
	/* The header magic (what the kernel image holds), not the loader's. */
	assert_int_equal(multiboot_parse(0x1BADB002, pa(mbi), &boot), -1);
	assert_true(host_log_contains("bad magic 0x1badb002"));
	/* The message names both magic numbers a loader may leave. */
	assert_true(host_log_contains("0x2badb002"));
	assert_true(host_log_contains("0x36d76289"));

	host_log_reset();
	assert_int_equal(multiboot_parse(0, pa(mbi), &boot), -1);
	assert_true(host_log_contains("bad magic 0x00000000"));
}

static void test_null_info(void **state)
{
	struct multiboot_boot boot;

	(void)state;
	assert_int_equal(multiboot_parse(MULTIBOOT_BOOTLOADER_MAGIC, 0, &boot), -1);
	assert_true(host_log_contains("boot information pointer 0x0 in ebx"));
	assert_int_equal(boot.version, 0);
	assert_string_equal(boot.cmdline, "");

	host_log_reset();
	assert_int_equal(multiboot_parse(MULTIBOOT2_BOOTLOADER_MAGIC, 0, &boot), -1);
	assert_true(host_log_contains("boot information pointer 0x0 in ebx"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_v1_cmdline_drops_image_name, reset),
		cmocka_unit_test_setup(test_v1_cmdline_spaces_and_name_only, reset),
		cmocka_unit_test_setup(test_v1_without_cmdline, reset),
		cmocka_unit_test_setup(test_v1_memory_map, reset),
		cmocka_unit_test_setup(test_v1_e801_fallback, reset),
		cmocka_unit_test_setup(test_v1_no_memory_information, reset),
		cmocka_unit_test_setup(test_v1_bad_map_entry, reset),
		cmocka_unit_test_setup(test_v2_cmdline, reset),
		cmocka_unit_test_setup(test_v2_memory_map, reset),
		cmocka_unit_test_setup(test_v2_memory_map_entry_sizes, reset),
		cmocka_unit_test_setup(test_v2_memory_map_too_long, reset),
		cmocka_unit_test_setup(test_v2_corrupt_tag_size, reset),
		cmocka_unit_test_setup(test_v2_missing_end_tag, reset),
		cmocka_unit_test_setup(test_v2_bad_total_size, reset),
		cmocka_unit_test_setup(test_v2_tag_size_wraps, reset),
		cmocka_unit_test_setup(test_v2_tag_too_small_for_its_type, reset),
		cmocka_unit_test_setup(test_v2_padding_past_total_size, reset),
		cmocka_unit_test_setup(test_v1_map_bounds, reset),
		cmocka_unit_test_setup(test_bad_magic, reset),
		cmocka_unit_test_setup(test_null_info, reset),
	};

	return cmocka_run_group_tests(tests, map_low_arena, unmap_arena);
}

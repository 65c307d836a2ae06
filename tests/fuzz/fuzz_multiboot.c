// SPDX-License-Identifier: MIT
/*
 * Fuzz target: the boot information a multiboot loader leaves in memory —
 * a v1 info block with its command line and BIOS memory map (QEMU's
 * -kernel), or a v2 tag list (GRUB's multiboot2) — through
 * multiboot_parse(), the e820 table (sanitised, printed, the early options
 * of the loader's command line applied) and into memblock, as
 * boot/x86/setup.c setup_arch() does.  No single Linux counterpart (Linux
 * on a PC reads boot_params, arch/x86/boot/); the e820 half is Linux's
 * arch/x86/kernel/e820.c.
 *
 * Input: byte 0 chooses v1 or v2 (and, rarely, a wrong magic).  v1: the
 * next bytes are struct multiboot_info, then a length byte and that many
 * bytes of command line, then the memory map; the target places the three
 * in low memory and points the info block's cmdline and mmap_addr at them.
 * v2: the rest is the info block itself.  Every piece lies in a poisoned
 * arena (ASan), exactly as long as the loader said (mmap_length,
 * total_size, clamped to the bytes there are), so a read past what the
 * loader handed over is reported.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sanitizer/asan_interface.h>

#include <boot/multiboot.h>
#include <kernel/params.h>
#include "fuzz.h"
#include "fuzz_x86.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ARENA_SIZE	(1024 * 1024)
#define REDZONE		64

static uint8_t *arena;		/* below 4 GiB: v1 addresses are 32-bit */
static size_t arena_used;

static void arena_init(void)
{
	void *p = MAP_FAILED;

	if (!arena) {
#if UINTPTR_MAX > 0xffffffffu && defined(MAP_32BIT)
		p = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
#else
		p = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#endif
		if (p == MAP_FAILED || (uintptr_t)p + ARENA_SIZE - 1 > 0xffffffffu)
			abort();
		arena = p;
	}
	ASAN_UNPOISON_MEMORY_REGION(arena, ARENA_SIZE);
	memset(arena, 0, ARENA_SIZE);
	ASAN_POISON_MEMORY_REGION(arena, ARENA_SIZE);
	arena_used = REDZONE;
}

/* @len bytes of @src (zero-filled past @srclen) at a fresh 8-aligned place; the rest stays poisoned. */
static uint8_t *arena_put(const void *src, size_t srclen, size_t len)
{
	uint8_t *p = arena + arena_used;

	if (arena_used + len + REDZONE > ARENA_SIZE)
		return NULL;
	ASAN_UNPOISON_MEMORY_REGION(p, len);
	memcpy(p, src, srclen < len ? srclen : len);
	arena_used = (arena_used + len + REDZONE + 7) & ~(size_t)7;
	return p;
}

static uint32_t low(const void *p)
{
	return (uint32_t)(uintptr_t)p;
}

static phys_addr_t place_v1(struct fuzz_input *in)
{
	struct multiboot_info mbi;
	uint8_t cmdline[256];
	size_t n;
	uint8_t *info, *cl, *map;

	memset(&mbi, 0, sizeof(mbi));
	n = in->left < sizeof(mbi) ? in->left : sizeof(mbi);
	memcpy(&mbi, in->data, n);
	in->data += n;
	in->left -= n;

	n = (size_t)fuzz_take(in, 1);
	n = n < in->left ? n : in->left;
	memcpy(cmdline, in->data, n);
	cmdline[n] = '\0';
	in->data += n;
	in->left -= n;
	cl = arena_put(cmdline, n + 1, n + 1);

	if (mbi.mmap_length > in->left)		/* the loader's map is as long as it says */
		mbi.mmap_length = (uint32_t)in->left;
	map = arena_put(in->data, in->left, mbi.mmap_length ? mbi.mmap_length : 1);
	if (mbi.cmdline)
		mbi.cmdline = low(cl);
	mbi.mmap_addr = low(map);
	info = arena_put(&mbi, sizeof(mbi), sizeof(mbi));
	return info && cl && map ? (phys_addr_t)(uintptr_t)info : 0;
}

static phys_addr_t place_v2(struct fuzz_input *in)
{
	uint8_t hdr[8] = { 0 };
	uint32_t total;
	size_t len = in->left < 8 ? 8 : in->left;
	uint8_t *info;

	memcpy(hdr, in->data, in->left < 8 ? in->left : 8);
	memcpy(&total, hdr, 4);
	if (total > len)			/* the block is as long as total_size says */
		total = (uint32_t)len;
	if (total < 8)
		total = 8;
	info = arena_put(in->data, in->left, total);
	if (!info)
		return 0;
	if (in->left < 8)
		memcpy(info, hdr, 8);
	memcpy(info, &total, 4);
	return (phys_addr_t)(uintptr_t)info;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	static struct multiboot_boot boot;
	unsigned int mode = (unsigned int)fuzz_take(&in, 1);
	uint32_t magic = mode & 1 ? MULTIBOOT2_BOOTLOADER_MAGIC : MULTIBOOT_BOOTLOADER_MAGIC;
	phys_addr_t info;

	if (mode == 0xfe)
		magic = 0x1badb002;		/* the header's magic, not the loader's */
	arena_init();
	info = mode & 1 ? place_v2(&in) : place_v1(&in);
	if (!info)
		return 0;
	fuzz_reset();
	fuzz_panic_armed = true;
	if (setjmp(fuzz_panic_jmp) == 0 && multiboot_parse(magic, info, &boot) == 0) {
		static char cmdline[COMMAND_LINE_SIZE];

		set_boot_command_line(boot.cmdline);
		fuzz_x86_reserve_image();
		e820__memory_setup(&boot.map, boot.map_source);
		strcpy(cmdline, boot_command_line);
		fuzz_parse_early_options(cmdline);
		if (boot.version != 0 && boot.map.nr_entries != 0) {	/* else setup_arch() panics */
			for (int i = 0; i < boot.nr_used; i++)
				memblock_reserve(boot.used[i].start,
						 boot.used[i].end - boot.used[i].start);
			fuzz_x86_memblock();
		}
	}
	fuzz_panic_armed = false;
	return 0;
}

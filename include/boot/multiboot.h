/* SPDX-License-Identifier: MIT */
/*
 * The multiboot boot-information formats, as the specifications define them
 * (Multiboot 0.6.96 for v1, Multiboot2 1.6 for v2), and what bootmm takes from them.
 *
 * QEMU's -kernel speaks v1; GRUB's multiboot2 command speaks v2.  Either way the
 * loader leaves a magic number in eax and a physical pointer in ebx;
 * boot/x86/head.S saves both, and boot/x86/multiboot.c reads them here.
 */
#ifndef BOOTMM_MULTIBOOT_H
#define BOOTMM_MULTIBOOT_H

#include <boot/e820.h>
#include <kernel/types.h>

#define COMMAND_LINE_MAX	1024	/* what we read of a loader's command line */

#define MULTIBOOT_BOOTLOADER_MAGIC	0x2BADB002	/* eax from a v1 loader */
#define MULTIBOOT2_BOOTLOADER_MAGIC	0x36D76289	/* eax from a v2 loader */

/* v1: a fixed structure; flags say which fields are valid. */
#define MULTIBOOT_INFO_MEMORY		(1u << 0)	/* mem_lower/mem_upper */
#define MULTIBOOT_INFO_CMDLINE		(1u << 2)
#define MULTIBOOT_INFO_MODS		(1u << 3)
#define MULTIBOOT_INFO_MEM_MAP		(1u << 6)

struct multiboot_info {
	u32 flags;
	u32 mem_lower, mem_upper;	/* KiB below 1 MiB / above 1 MiB */
	u32 boot_device;
	u32 cmdline;			/* physical address of a C string */
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;	/* the BIOS e820 map, see below */
	u32 drives_length, drives_addr;
	u32 config_table;
	u32 boot_loader_name;
	u32 apm_table;
	u32 vbe[6];
	u32 framebuffer[7];
} __attribute__((packed));

/* v1 memory map entry; 'size' does not count itself. */
struct multiboot_mmap_entry {
	u32 size;
	u64 addr;
	u64 len;
	u32 type;			/* 1 usable, 2 reserved, 3 ACPI, 4 NVS, 5 bad */
} __attribute__((packed));

/* v2: a header, then 8-byte-aligned tags until an end tag. */
struct multiboot2_info_header {
	u32 total_size;
	u32 reserved;
};

struct multiboot2_tag {
	u32 type;
	u32 size;			/* including this header, not the padding */
};

#define MULTIBOOT2_TAG_END		0
#define MULTIBOOT2_TAG_CMDLINE		1
#define MULTIBOOT2_TAG_MODULE		3
#define MULTIBOOT2_TAG_BASIC_MEMINFO	4
#define MULTIBOOT2_TAG_MMAP		6

struct multiboot2_tag_mmap {
	u32 type, size;
	u32 entry_size, entry_version;
	/* entries follow: u64 addr, u64 len, u32 type, u32 reserved */
};

/* v2 memory map entry (entry_size may be larger in later versions). */
struct multiboot2_mmap_entry {
	u64 addr;
	u64 len;
	u32 type;
	u32 reserved;
};

/* A physical range the loader's data occupies, to be kept from the allocator. */
struct multiboot_range {
	phys_addr_t start, end;
};

#define MULTIBOOT_MAX_RANGES	4	/* info block, command line, v1 memory map */

/* What boot/x86/multiboot.c found, in the loader-independent form bootmm uses. */
struct multiboot_boot {
	int version;			/* 1 or 2; 0 if the hand-over was unusable */
	const char *cmdline;		/* "" if the loader gave none */
	struct e820_table map;		/* the firmware's memory map, as the loader passed it */
	const char *map_source;		/* "BIOS-e820", or "BIOS-e801" if only sizes came */
	struct multiboot_range used[MULTIBOOT_MAX_RANGES];
	int nr_used;
};

int multiboot_parse(u32 magic, phys_addr_t info, struct multiboot_boot *boot);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The PC's physical memory map, "e820" after the BIOS call that reports it
 * (Linux's arch/x86/include/asm/e820/types.h and api.h).
 *
 * Boot pipeline (x86): the multiboot loader's memory map -> e820_table
 * (boot/x86/multiboot.c) -> sanitised, adjusted by mem= / memmap= and the
 * BIOS quirks (boot/x86/e820.c) -> the usable parts go to memblock.memory.
 */
#ifndef BOOTMM_E820_H
#define BOOTMM_E820_H

#include <kernel/types.h>

enum e820_type {
	E820_TYPE_RAM		= 1,
	E820_TYPE_RESERVED	= 2,
	E820_TYPE_ACPI		= 3,	/* ACPI tables: RAM once they are read */
	E820_TYPE_NVS		= 4,	/* ACPI non-volatile storage */
	E820_TYPE_UNUSABLE	= 5,	/* bad RAM */
	E820_TYPE_PMEM		= 7,
	E820_TYPE_PRAM		= 12,	/* legacy persistent memory */
	E820_TYPE_RESERVED_KERN	= 128,	/* RAM the kernel keeps for itself */
};

/* [addr, addr + size) of one type; packed as in the BIOS's table. */
struct e820_entry {
	u64 addr;
	u64 size;
	u32 type;
} __attribute__((packed));

#define E820_MAX_ENTRIES	128

struct e820_table {
	u32 nr_entries;
	struct e820_entry entries[E820_MAX_ENTRIES];
};

extern struct e820_table e820_table;

void e820__range_add(u64 start, u64 size, enum e820_type type);
u64 e820__range_update(u64 start, u64 size, enum e820_type old_type, enum e820_type new_type);
u64 e820__range_remove(u64 start, u64 size, enum e820_type old_type, bool check_type);
int e820__update_table(struct e820_table *table);
void e820__print_table(const char *who);
bool e820__mapped_all(u64 start, u64 end, enum e820_type type);

void e820__memory_setup(const struct e820_table *firmware, const char *who);
void e820__finish_early_params(void);
void e820__trim_bios_range(void);
unsigned long e820__end_of_ram_pfn(void);
unsigned long e820__end_of_low_ram_pfn(void);
void e820__memblock_setup(void);

#endif

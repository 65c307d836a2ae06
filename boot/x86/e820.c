// SPDX-License-Identifier: MIT
/*
 * The e820 memory map: what RAM a PC has and where (Linux's arch/x86/kernel/e820.c).
 *
 * Boot pipeline (x86): multiboot_parse() turns the loader's map into an
 * e820_table -> e820__memory_setup() sanitises and prints it ("BIOS-e820")
 * -> the early options mem= and memmap= edit it -> e820__trim_bios_range()
 * takes out what a PC's BIOS owns -> e820__memblock_setup() adds every
 * usable range to memblock.memory.
 *
 * Firmware tables are not trusted to be tidy.  "Sanitising" rebuilds the
 * table from the boundaries of all its entries: between two neighbouring
 * boundaries the entry with the highest type number wins (so "reserved" beats
 * "usable", as in Linux), equal neighbours merge, and empty entries vanish.
 * The result is sorted and free of overlaps.
 */
#include <string.h>
#include <asm/page.h>
#include <boot/e820.h>
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/kernel.h>
#include <kernel/params.h>
#include <kernel/pfn.h>
#include <kernel/printk.h>
#include <mm/memblock.h>

/*
 * 686-pae can address 36 bits of physical memory (64 GiB): Linux's
 * max_arch_pfn.  bootmm keeps Linux's figure, though its own page tables
 * (non-PAE, boot/x86/head.S) reach only low memory directly.
 */
#define MAX_PHYSMEM_BITS	36
#define MAX_ARCH_PFN		(1UL << (MAX_PHYSMEM_BITS - PAGE_SHIFT))

#define BIOS_BEGIN		0x000a0000	/* the legacy VGA/BIOS hole: 640 KiB ... */
#define BIOS_END		0x00100000	/* ... to 1 MiB */

struct e820_table e820_table;
static struct e820_table e820_table_firmware __initdata;	/* as the firmware gave it, sanitised */
static bool userdef __initdata;		/* mem= or memmap= changed the table */

static void e820_print_type(enum e820_type type)
{
	switch (type) {
	case E820_TYPE_RAM:
	case E820_TYPE_RESERVED_KERN:	pr_cont("usable"); break;
	case E820_TYPE_RESERVED:	pr_cont("reserved"); break;
	case E820_TYPE_ACPI:		pr_cont("ACPI data"); break;
	case E820_TYPE_NVS:		pr_cont("ACPI NVS"); break;
	case E820_TYPE_UNUSABLE:	pr_cont("unusable"); break;
	case E820_TYPE_PMEM:
	case E820_TYPE_PRAM:		pr_cont("persistent (type %u)", type); break;
	default:			pr_cont("type %u", type); break;
	}
}

void e820__print_table(const char *who)
{
	for (u32 i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		pr_info("%s: [mem %#018Lx-%#018Lx] ", who, e->addr, e->addr + e->size - 1);
		e820_print_type(e->type);
		pr_cont("\n");
	}
}

static void append_entry(struct e820_table *table, u64 start, u64 size, enum e820_type type)
{
	if (table->nr_entries >= E820_MAX_ENTRIES) {
		pr_err("e820: too many entries; ignoring [mem %#010Lx-%#010Lx]\n",
		       start, start + size - 1);
		return;
	}
	table->entries[table->nr_entries].addr = start;
	table->entries[table->nr_entries].size = size;
	table->entries[table->nr_entries].type = type;
	table->nr_entries++;
}

void __init e820__range_add(u64 start, u64 size, enum e820_type type)
{
	append_entry(&e820_table, start, size, type);
}

/**
 * e820__update_table - sort the table, resolve overlaps, merge neighbours
 * @table: the table, rewritten in place
 *
 * Returns 0, or -1 (table unchanged) if it has fewer than two entries or an
 * entry wraps past the top of the 64-bit space — Linux's conditions.
 */
int __init e820__update_table(struct e820_table *table)
{
	static u64 points[2 * E820_MAX_ENTRIES] __initdata;
	static struct e820_table result __initdata;
	u32 n = 0, i, j;

	if (table->nr_entries < 2)
		return -1;
	for (i = 0; i < table->nr_entries; i++) {
		const struct e820_entry *e = &table->entries[i];

		if (e->addr + e->size < e->addr)
			return -1;
		if (!e->size)
			continue;
		points[n++] = e->addr;
		points[n++] = e->addr + e->size;
	}

	/* Insertion sort: at most 256 points, and usually nearly sorted already. */
	for (i = 1; i < n; i++) {
		u64 p = points[i];

		for (j = i; j > 0 && points[j - 1] > p; j--)
			points[j] = points[j - 1];
		points[j] = p;
	}

	result.nr_entries = 0;
	for (i = 0; i + 1 < n; i++) {
		u64 start = points[i], end = points[i + 1];
		u32 type = 0;

		if (start == end)
			continue;
		for (j = 0; j < table->nr_entries; j++) {	/* the highest type covering [start, end) */
			const struct e820_entry *e = &table->entries[j];

			if (e->size && e->addr <= start && e->addr + e->size >= end && e->type > type)
				type = e->type;
		}
		if (!type)
			continue;			/* a hole between entries */
		if (result.nr_entries) {
			struct e820_entry *last = &result.entries[result.nr_entries - 1];

			if (last->type == type && last->addr + last->size == start) {
				last->size += end - start;
				continue;
			}
		}
		append_entry(&result, start, end - start, type);
	}
	*table = result;
	return 0;
}

/*
 * Change the type of every part of [start, start + size) that has old_type.
 * Parts of an entry outside the range keep their type, so an entry may split
 * in three.  Returns the bytes changed.
 */
static u64 __init range_change(u64 start, u64 size, enum e820_type old_type,
			       bool check_type, bool remove, enum e820_type new_type)
{
	u64 end = start + size < start ? U64_MAX : start + size;
	u64 changed = 0;
	u32 i, count = e820_table.nr_entries;

	for (i = 0; i < count; i++) {
		struct e820_entry *e = &e820_table.entries[i];
		u64 e_end = e->addr + e->size;
		u64 lo = max(e->addr, start), hi = min(e_end, end);

		if ((check_type && e->type != old_type) || lo >= hi)
			continue;
		changed += hi - lo;
		if (lo == e->addr && hi == e_end) {		/* the whole entry */
			if (remove)
				e->size = 0;
			else
				e->type = new_type;
			continue;
		}
		if (!remove)
			append_entry(&e820_table, lo, hi - lo, new_type);
		if (lo > e->addr && hi < e_end)			/* a piece from the middle */
			append_entry(&e820_table, hi, e_end - hi, e->type);
		if (lo > e->addr)
			e->size = lo - e->addr;
		else {
			e->size = e_end - hi;
			e->addr = hi;
		}
	}
	return changed;
}

/**
 * e820__range_update - retype [start, start + size) from @old_type to @new_type
 *
 * Logged at debug level as in Linux: "e820: update [mem …] usable ==> reserved".
 */
u64 __init e820__range_update(u64 start, u64 size, enum e820_type old_type,
			      enum e820_type new_type)
{
	printk(KERN_DEBUG "e820: update [mem %#010Lx-%#010Lx] ", start, start + size - 1);
	e820_print_type(old_type);
	pr_cont(" ==> ");
	e820_print_type(new_type);
	pr_cont("\n");
	return range_change(start, size, old_type, true, false, new_type);
}

/**
 * e820__range_remove - take [start, start + size) out of the table
 * @check_type: only where the type is @old_type
 */
u64 __init e820__range_remove(u64 start, u64 size, enum e820_type old_type, bool check_type)
{
	printk(KERN_DEBUG "e820: remove [mem %#010Lx-%#010Lx] ", start, start + size - 1);
	if (check_type)
		e820_print_type(old_type);
	pr_cont("\n");
	return range_change(start, size, old_type, check_type, true, 0);
}

/* True if every byte of [start, end) is in an entry of @type. */
bool __init e820__mapped_all(u64 start, u64 end, enum e820_type type)
{
	bool progress = true;

	while (start < end && progress) {
		progress = false;
		for (u32 i = 0; i < e820_table.nr_entries; i++) {
			const struct e820_entry *e = &e820_table.entries[i];

			if (e->type == type && e->addr <= start && e->addr + e->size > start) {
				start = e->addr + e->size;
				progress = true;
			}
		}
	}
	return start >= end;
}

/*
 * Linux tidies a firmware table without a word; bootmm says what was wrong
 * with it first, so a student who feeds it a broken map sees why the printed
 * table differs from the one given.
 */
static void __init e820_report_firmware_problems(const struct e820_table *t)
{
	u32 empty = 0, i, j;
	bool unsorted = false;

	for (i = 0; i < t->nr_entries; i++) {
		const struct e820_entry *a = &t->entries[i];

		if (!a->size) {
			empty++;
			continue;
		}
		if (i && a->addr < t->entries[i - 1].addr)
			unsorted = true;
		for (j = i + 1; j < t->nr_entries; j++) {
			const struct e820_entry *b = &t->entries[j];

			if (b->size && a->addr < b->addr + b->size && b->addr < a->addr + a->size)
				pr_warn("e820: firmware entries [mem %#018Lx-%#018Lx] and [mem %#018Lx-%#018Lx] overlap; the higher type (%u) wins\n",
					a->addr, a->addr + a->size - 1, b->addr, b->addr + b->size - 1,
					max(a->type, b->type));
		}
	}
	if (unsorted)
		pr_warn("e820: firmware memory map is not sorted; sorting it\n");
	if (empty)
		pr_warn("e820: dropping %u empty entries from the firmware memory map\n", empty);
}

/**
 * e820__memory_setup - take the firmware's map as the kernel's e820 table
 * @firmware: the map the boot loader passed
 * @who: the name the log lines carry ("BIOS-e820" as in Linux)
 */
void __init e820__memory_setup(const struct e820_table *firmware, const char *who)
{
	e820_report_firmware_problems(firmware);
	e820_table = *firmware;
	userdef = false;		/* nothing edited by mem=/memmap= yet */
	e820__update_table(&e820_table);
	e820_table_firmware = e820_table;
	pr_info("BIOS-provided physical RAM map:\n");
	e820__print_table(who);
}

/*
 * A size for mem= or memmap=, or -EINVAL.  Linux's memparse() wraps silently
 * on a number too big for 64 bits ("mem=99999999999G"); bootmm says so and
 * refuses it, so the option is then "Malformed" (bootmm's own line).
 */
static int __init parse_size(const char *option, char *p, u64 *size, char **end)
{
	if (memparse_overflows(p)) {
		pr_err("%s: %s is too big for a 64-bit size\n", option, p);
		return -EINVAL;
	}
	*size = memparse(p, end);
	return *end == p ? -EINVAL : 0;
}

/*
 * mem=nn[KMG]: use no RAM above nn.  Linux's x86 parse_memopt: everything
 * usable from nn up is removed from the table.  Linux reads the size with
 * memparse() and ignores whatever follows it, so "mem=64Mjunk" is 64M there
 * too; bootmm says what it ignored (its own line).
 */
static int __init parse_memopt(char *p)
{
	u64 mem_size;
	char *end;

	if (!p)
		return -EINVAL;
	if (parse_size("mem", p, &mem_size, &end))
		return -EINVAL;		/* "Malformed early option 'mem'" */
	/* Don't remove all memory when getting "mem={invalid}" parameter: (Linux's words) */
	if (mem_size == 0)
		return -EINVAL;
	if (*end)
		pr_warn("mem: ignoring \"%s\" after the size %#llx\n", end,
			(unsigned long long)mem_size);
	e820__range_remove(mem_size, U64_MAX - mem_size, E820_TYPE_RAM, true);
	userdef = true;
	return 0;
}
early_param("mem", parse_memopt);

/*
 * memmap=nn[KMG]@ss  nn bytes of RAM at ss
 * memmap=nn[KMG]$ss  nn bytes at ss reserved (the higher type wins once sanitised)
 * memmap=nn[KMG]#ss  ACPI data;  memmap=nn[KMG]!ss  persistent memory
 * memmap=nn[KMG]     like mem=nn;  memmap=exactmap  start from an empty table
 * Several may be given, comma separated.
 */
static int __init parse_memmap_one(char *p)
{
	u64 start_at, mem_size;
	char *oldp = p;

	if (!strncmp(p, "exactmap", 8)) {
		e820_table.nr_entries = 0;
		userdef = true;
		return 0;
	}
	if (parse_size("memmap", p, &mem_size, &p))
		return -EINVAL;
	(void)oldp;
	if ((*p == '@' || *p == '#' || *p == '$' || *p == '!') && memparse_overflows(p + 1)) {
		pr_err("memmap: %s is too big for a 64-bit address\n", p + 1);
		return -EINVAL;
	}
	if (mem_size == 0 && *p) {
		/* Linux adds an empty entry and drops it without a word (bootmm's own line). */
		pr_warn("memmap: size 0 in \"%s\": nothing to do\n", oldp);
		return 0;
	}
	userdef = true;
	switch (*p) {
	case '@':
		start_at = memparse(p + 1, &p);
		e820__range_add(start_at, mem_size, E820_TYPE_RAM);
		break;
	case '#':
		start_at = memparse(p + 1, &p);
		e820__range_add(start_at, mem_size, E820_TYPE_ACPI);
		break;
	case '$':
		start_at = memparse(p + 1, &p);
		e820__range_add(start_at, mem_size, E820_TYPE_RESERVED);
		break;
	case '!':
		start_at = memparse(p + 1, &p);
		e820__range_add(start_at, mem_size, E820_TYPE_PRAM);
		break;
	default:
		e820__range_remove(mem_size, U64_MAX - mem_size, E820_TYPE_RAM, true);
		break;
	}
	return *p == '\0' ? 0 : -1;
}

static int __init parse_memmap_opt(char *str)
{
	int ret = 0;

	if (!str)
		return -1;
	while (str) {
		char *next = strchr(str, ',');

		if (next)
			*next++ = '\0';
		if (parse_memmap_one(str))
			ret = -1;
		str = next;
	}
	return ret;
}
early_param("memmap", parse_memmap_opt);

/* Is [start, end) usable RAM in the firmware's own map?  The gaps are reported. */
static void __init e820_check_user_ram(void)
{
	for (u32 i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];
		u64 pos = e->addr, end = e->addr + e->size;

		if (e->type != E820_TYPE_RAM)
			continue;
		/* Walk the firmware's RAM (sorted, no overlaps) across [pos, end). */
		for (u32 j = 0; j <= e820_table_firmware.nr_entries && pos < end; j++) {
			const struct e820_entry *f = j < e820_table_firmware.nr_entries ?
						     &e820_table_firmware.entries[j] : NULL;
			u64 f_start = f ? f->addr : end, f_end = f ? f->addr + f->size : end;

			if (f && (f->type != E820_TYPE_RAM || f_end <= pos))
				continue;
			if (f_start > pos) {
				/*
				 * bootmm's own warning (Linux trusts memmap= without a word):
				 * this is what a later "double free?" or fault comes from.
				 */
				pr_warn("e820: user-defined RAM [mem %#018Lx-%#018Lx] is not RAM in the firmware's map: memmap= is trusted, but the kernel will use memory that may not exist\n",
					pos, min(f_start, end) - 1);
			}
			pos = max(pos, f_end);
		}
	}
}

/* After the early options: show the table they produced, as Linux does. */
void __init e820__finish_early_params(void)
{
	if (!userdef)
		return;
	if (e820__update_table(&e820_table) < 0 && e820_table.nr_entries == 0)
		panic("Invalid user supplied memory map");
	pr_info("user-defined physical RAM map:\n");
	e820__print_table("user");
	e820_check_user_ram();
}

/*
 * A PC's first page holds the BIOS data area and real-mode interrupt vectors,
 * and 640 KiB - 1 MiB is VGA memory and BIOS ROM, even where a BIOS calls it
 * RAM.  Linux's trim_bios_range(): neither may ever be handed out.
 */
void __init e820__trim_bios_range(void)
{
	e820__range_update(0, PAGE_SIZE, E820_TYPE_RAM, E820_TYPE_RESERVED);
	e820__range_remove(BIOS_BEGIN, BIOS_END - BIOS_BEGIN, E820_TYPE_RAM, true);
	e820__update_table(&e820_table);
}

/* The first pfn after the last usable page below @limit_pfn. */
static unsigned long __init e820_end_pfn(unsigned long limit_pfn)
{
	unsigned long last_pfn = 0;

	for (u32 i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];
		u64 start_pfn = e->addr >> PAGE_SHIFT;
		u64 end_pfn = (e->addr + e->size) >> PAGE_SHIFT;

		if (e->type != E820_TYPE_RAM && e->type != E820_TYPE_RESERVED_KERN)
			continue;
		if (start_pfn >= limit_pfn)
			continue;
		if (end_pfn > limit_pfn) {
			last_pfn = limit_pfn;
			break;
		}
		if (end_pfn > last_pfn)
			last_pfn = end_pfn;
	}
	return last_pfn;
}

/** e820__end_of_ram_pfn - max_pfn: the end of usable RAM, at most max_arch_pfn */
unsigned long __init e820__end_of_ram_pfn(void)
{
	unsigned long last_pfn = e820_end_pfn(MAX_ARCH_PFN);

	pr_info("last_pfn = %#lx max_arch_pfn = %#lx\n", last_pfn, MAX_ARCH_PFN);
	return last_pfn;
}

/** e820__end_of_low_ram_pfn - the end of usable RAM below 4 GiB */
unsigned long __init e820__end_of_low_ram_pfn(void)
{
	return e820_end_pfn(1UL << (32 - PAGE_SHIFT));
}

/**
 * e820__memblock_setup - hand the usable ranges to memblock.memory
 *
 * Only whole pages count (memblock_trim_memory), and RAM the CPU cannot
 * address is left out with a warning.
 */
void __init e820__memblock_setup(void)
{
	memblock_allow_resize();
	for (u32 i = 0; i < e820_table.nr_entries; i++) {
		const struct e820_entry *e = &e820_table.entries[i];

		if (e->type != E820_TYPE_RAM && e->type != E820_TYPE_RESERVED_KERN)
			continue;
		/* In u64: PFN_DOWN() is an unsigned long, and 2^44 and up would wrap. */
		if (e->addr >= PFN_PHYS((u64)MAX_ARCH_PFN)) {
			pr_warn("e820: ignoring RAM [mem %#018Lx-%#018Lx] above the %d-bit physical address limit\n",
				e->addr, e->addr + e->size - 1, MAX_PHYSMEM_BITS);
			continue;
		}
		memblock_add(e->addr, min(e->size, PFN_PHYS(MAX_ARCH_PFN) - e->addr));
	}
	memblock_trim_memory(PAGE_SIZE);
	memblock_dump_all();
}

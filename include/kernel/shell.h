/* SPDX-License-Identifier: MIT */
/*
 * bootmm's serial shell: the commands a student types once the boot is over
 * (kernel/shell.c and kernel/shell_*.c).
 *
 * Linux would start init at this point, and a student would read /proc and
 * /sys/kernel/debug from a shell in user space.  bootmm has no user space, so
 * kernel_finish_boot() (kernel/poweroff.c) starts this small shell on the
 * console instead, and each command prints what the Linux file it is named
 * after prints, in the same format: meminfo is /proc/meminfo, "memblock
 * memory" is /sys/kernel/debug/memblock/memory, and so on.
 *
 * A command is a struct shell_cmd in one of the tables below, one table per
 * file: the core commands in shell.c, the memory ones in shell_mm.c.
 */
#ifndef BOOTMM_SHELL_H
#define BOOTMM_SHELL_H

#include <kernel/compiler.h>
#include <kernel/types.h>
#include <mm/mmzone.h>

#define SHELL_PROMPT	"bootmm> "

/* What a command returns: 0 when it did its job, or one of these. */
#define SHELL_USAGE	(-2)	/* bad arguments: the shell prints the usage line */
#define SHELL_FAILED	(-1)	/* the command said what went wrong itself */

/**
 * struct shell_cmd - one command
 * @name: what the user types
 * @args: the arguments, for the usage line ("<pfn>", "[memory|reserved]")
 * @help: one line for `help`: what it shows and which Linux file it mirrors
 * @fn: runs it; argv[0] is the name, argc counts it
 * @max_args: how many words may follow the name; the shell prints the usage
 *	line for more without calling @fn (a command checks its minimum itself)
 */
struct shell_cmd {
	const char *name;
	const char *args;
	const char *help;
	int (*fn)(int argc, char **argv);
	int max_args;
};

/*
 * The buddy allocator's commands (meminfo, buddyinfo, pagetypeinfo, alloc,
 * free) and the buddy parts of zoneinfo and memmap are built only when its
 * interface is there: include/mm/gfp.h (alloc_pages, __free_pages),
 * include/mm/page_alloc.h (the counters, migratetype_names) and
 * include/mm/pageblock.h (get_pageblock_migratetype).
 */
#if __has_include(<mm/gfp.h>) && __has_include(<mm/page_alloc.h>) && __has_include(<mm/pageblock.h>)
#define SHELL_HAVE_BUDDY	1
#else
#define SHELL_HAVE_BUDDY	0
#endif

/* The tables, each ended by an entry whose name is NULL. */
extern const struct shell_cmd shell_mm_cmds[];		/* kernel/shell_mm.c */
extern const struct shell_cmd shell_buddy_cmds[];	/* kernel/shell_buddy.c */
extern const struct shell_cmd shell_memory_cmds[];	/* kernel/shell_memory.c */

#if SHELL_HAVE_BUDDY
/* kernel/shell_buddy.c: calls @fn for every block on every free list of every zone. */
void shell_for_each_free_block(void (*fn)(unsigned long pfn, unsigned int order, void *arg), void *arg);
#endif

/*
 * shell_for_each_zone - every zone of every node that has a pglist_data, node
 * by node, ZONE_DMA first (Linux's for_each_zone(), with the indices too).
 */
#define shell_for_each_zone(nid, zi, zone)						\
	for ((nid) = 0; (nid) < MAX_NUMNODES; (nid)++)					\
		for ((zi) = 0; NODE_DATA(nid) && (zi) < MAX_NR_ZONES &&			\
			       ((zone) = &NODE_DATA(nid)->node_zones[zi]); (zi)++)

/* Output goes straight to the console: a command's answer is not a log message. */
__printf(1, 2) void shell_printf(const char *fmt, ...);
void shell_puts(const char *s);

/*
 * shell_parse_u64 - a number typed at the prompt: decimal, or hex after "0x",
 * nothing else after it.  Returns false (and leaves *val alone) for anything
 * else, including a value that does not fit in 64 bits.
 */
bool shell_parse_u64(const char *s, u64 *val);

/*
 * shell_parse_ulong - the same for an unsigned long (a pfn, an order);
 * @what names the argument in the error message it prints when it fails.
 */
bool shell_parse_ulong(const char *cmd, const char *what, const char *s, unsigned long *val);

/*
 * shell_save_boot_state - copy what is about to disappear with the __init
 * sections (memblock, without CONFIG_ARCH_KEEP_MEMBLOCK) for the commands
 * that show it later.  kernel_finish_boot() calls it before the shell starts;
 * anything that frees init memory must come after it.
 */
void shell_save_boot_state(void);

/* kernel/shell_restart.c: the arch's reset, as Linux's machine_restart(). */
__noreturn void shell_machine_restart(void);

/* shell_run - the prompt, for good: returns only by halting or resetting the machine. */
__noreturn void shell_run(void);

#endif

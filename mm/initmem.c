// SPDX-License-Identifier: MIT
/*
 * Freeing the kernel's __init sections (Linux's free_initmem, and
 * free_reserved_area in mm/page_alloc.c).
 *
 * Boot pipeline: the last thing the boot does, once nothing marked __init will
 * run again.  Code and data marked __init / __initdata sit between
 * __init_begin and __init_end (linker/<arch>.lds); their pages go to the buddy
 * allocator: "Freeing unused kernel image (initmem) memory: NK".
 *
 * Before they go, the pages are filled with an instruction that traps
 * (INIT_POISON_WORD in asm/page.h: x86 int3, as Linux's 0xcc poison; ARM a
 * permanently undefined instruction), so a call into freed __init code stops
 * with a report naming the cause (boot/<arch>/traps.c) instead of running
 * whatever the page holds now.  "initmem_test" on the command line makes such
 * a call on purpose, through a pointer kept for the purpose, to show it.
 */
#include <asm/page.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include <mm/initmem.h>
#include <mm/memory_model.h>
#include <mm/page_alloc.h>

bool initmem_freed;

static bool initmem_test_requested __initdata;

static int __init initmem_test_setup(char *arg)
{
	(void)arg;
	initmem_test_requested = true;
	return 0;
}
early_param("initmem_test", initmem_test_setup);

/* An __init function; after free_initmem() its code is poison. */
static noinline int __init initmem_victim(void)
{
	return 42;
}

/* Kept outside the init sections, so the pointer survives the free. */
static int (*initmem_test_fn)(void);

/**
 * free_initmem - hand the __init sections' pages to the buddy allocator
 *
 * Context: once, at the end of boot; nothing __init may run afterwards.
 */
void free_initmem(void)
{
	unsigned int *p = (unsigned int *)__init_begin;

	if (initmem_test_requested)
		initmem_test_fn = initmem_victim;
	while ((char *)p < __init_end)
		*p++ = INIT_POISON_WORD;
	initmem_freed = true;
	/*
	 * mem= can leave the kernel's own pages out of memory: then they have no
	 * place in the page allocator (under SPARSEMEM, not even a struct page).
	 */
	if (!pfn_valid(PFN_DOWN(__pa(__init_begin))) || !pfn_valid(PFN_DOWN(__pa(__init_end) - 1)))
		pr_warn("Freeing unused kernel image (initmem) memory: skipped: the kernel image lies outside the memory the command line left (mem=)\n");
	else
		free_reserved_area(__init_begin, __init_end, -1, "unused kernel image (initmem)");
	if (initmem_test_fn) {
		pr_notice("initmem_test: calling initmem_victim() at %p, freed with the init sections\n",
			  (void *)initmem_test_fn);
		pr_emerg("initmem_test: it returned %d: freed __init code ran!\n", initmem_test_fn());
	}
}

bool in_freed_initmem(unsigned long addr)
{
	return initmem_freed && addr >= (unsigned long)__init_begin &&
	       addr < (unsigned long)__init_end;
}

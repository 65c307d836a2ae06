// SPDX-License-Identifier: MIT
/*
 * The host's stand-ins for boot/<arch>/vmemmap.c: a VMEMMAP window of
 * reserved address space whose slices become accessible as they are
 * populated (tests/host/vmemmap_host.h says why).  Built, with the model's
 * CONFIG_ symbols, into the programs that build mm/memory_model/vmemmap.c.
 */
#include <sys/mman.h>
#include <kernel/errno.h>
#include <kernel/kernel.h>
#include <mm/memblock.h>
#include <mm/mm_types.h>
#include "vmemmap_host.h"

unsigned long vmemmap_host_start, vmemmap_host_size;
struct vmemmap_host_call vmemmap_host_populated[VMEMMAP_HOST_MAX_POPULATED];
int vmemmap_host_nr_populated;

int vmemmap_host_map(void)
{
	void *window;

	vmemmap_host_size = (1UL << (32 - PAGE_SHIFT)) * sizeof(struct page);
	window = mmap(NULL, vmemmap_host_size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		      -1, 0);
	if (window == MAP_FAILED)
		return -1;
	vmemmap_host_start = (unsigned long)window;
	return 0;
}

int vmemmap_host_reset(void)
{
	vmemmap_host_nr_populated = 0;
	if (mmap((void *)vmemmap_host_start, vmemmap_host_size, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0) != (void *)vmemmap_host_start)
		return -1;
	return 0;
}

void vmemmap_host_unmap(void)
{
	munmap((void *)vmemmap_host_start, vmemmap_host_size);
}

static bool in_window(unsigned long start, unsigned long end)
{
	return start >= vmemmap_host_start && end <= vmemmap_host_start + vmemmap_host_size &&
	       start % PAGE_SIZE == 0 && end % PAGE_SIZE == 0 && start < end;
}

/* The kernel's contract: whole pages of the window; here a slice outside it is -EINVAL. */
int vmemmap_populate(unsigned long start, unsigned long end, int node)
{
	struct vmemmap_host_call *call = &vmemmap_host_populated[vmemmap_host_nr_populated];

	if (!in_window(start, end) || vmemmap_host_nr_populated == VMEMMAP_HOST_MAX_POPULATED)
		return -EINVAL;
	if (!memblock_phys_alloc_try_nid(end - start, PAGE_SIZE, node))
		return -ENOMEM;
	if (mprotect((void *)start, end - start, PROT_READ | PROT_WRITE))
		return -ENOMEM;
	call->start = start;
	call->end = end;
	call->node = node;
	vmemmap_host_nr_populated++;
	return 0;
}

/* The undo: the slice faults again (its memory is memblock's, not given back). */
unsigned long vmemmap_free(unsigned long start, unsigned long end)
{
	if (in_window(start, end))
		mprotect((void *)start, end - start, PROT_NONE);
	return 0;
}

/* No page tables to walk: nothing is tagged. */
unsigned long register_page_bootmem_memmap(unsigned long section_nr, struct page *map,
					   unsigned long nr_pages)
{
	(void)section_nr;
	(void)map;
	(void)nr_pages;
	return 0;
}

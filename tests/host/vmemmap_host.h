/* SPDX-License-Identifier: MIT */
/*
 * The host's VMEMMAP window (tests/host/vmemmap_host.c), for the programs that
 * build mm/memory_model/vmemmap.c: its unit tests and its benchmark.
 *
 * The kernel backs the window with page-table entries (boot/<arch>/vmemmap.c),
 * which a host process cannot write.  Here the window is a range of address
 * space reserved with no access at all, big enough for the struct pages of
 * 4 GiB as in the kernels; the stand-in vmemmap_populate() takes the same
 * memory from memblock as the kernel would and makes the slice readable and
 * writable, so that touching the struct page of a pfn in a section without
 * memory faults here as it would in the kernel.  It records each call, for
 * the tests to check.
 */
#ifndef BOOTMM_TESTS_HOST_VMEMMAP_HOST_H
#define BOOTMM_TESTS_HOST_VMEMMAP_HOST_H

#define VMEMMAP_HOST_MAX_POPULATED	64

/* The window, as VMEMMAP_START and VMEMMAP_SIZE (include/mm/sparse.h) read it on the host. */
extern unsigned long vmemmap_host_start, vmemmap_host_size;

/* vmemmap_populate()'s calls since the last vmemmap_host_reset(), in order. */
struct vmemmap_host_call {
	unsigned long start, end;
	int node;
};
extern struct vmemmap_host_call vmemmap_host_populated[VMEMMAP_HOST_MAX_POPULATED];
extern int vmemmap_host_nr_populated;

/* Reserve the window, no access.  Return: 0, or -1 if the host had no room. */
int vmemmap_host_map(void);

/* Forget every slice: the whole window without access again, no call recorded.  Return: 0 or -1. */
int vmemmap_host_reset(void);

void vmemmap_host_unmap(void);

#endif

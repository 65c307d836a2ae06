/* SPDX-License-Identifier: MIT */
/*
 * The flattened device tree at boot (Linux's include/linux/of_fdt.h),
 * read with libfdt by drivers/of/fdt.c and drivers/of/of_reserved_mem.c.
 *
 * The scanning functions take the blob as their first argument: Linux's read
 * the global initial_boot_params, bootmm's are handed it, so that the host unit
 * tests can give them any tree dtc compiled.  On ARM the caller passes
 * initial_boot_params, which early_init_dt_verify() sets.
 */
#ifndef BOOTMM_OF_FDT_H
#define BOOTMM_OF_FDT_H

#include <kernel/types.h>

/* The root's defaults when it has no #address-cells / #size-cells (the DT spec's). */
#define OF_ROOT_NODE_ADDR_CELLS_DEFAULT	1
#define OF_ROOT_NODE_SIZE_CELLS_DEFAULT	1

extern void *initial_boot_params;	/* the DTB's virtual address, once verified */
extern int dt_root_addr_cells;		/* the root's #address-cells */
extern int dt_root_size_cells;		/* the root's #size-cells */

/* Checking the blob and finding what the machine is. */
#ifdef __KERNEL__
bool early_init_dt_verify(phys_addr_t dt_phys, phys_addr_t loader_dt_phys);
#endif
bool early_init_dt_verify_blob(void *blob, size_t avail);
const char *of_flat_dt_get_machine_name(void);

/* setup_arch(): /chosen, the cells, the memory nodes -> memblock. */
void early_init_dt_scan_nodes(const void *fdt);
int early_init_dt_scan_root(const void *fdt);
int early_init_dt_scan_chosen(const void *fdt, char *cmdline);
int early_init_dt_scan_memory(const void *fdt);
void early_init_dt_check_for_usable_mem_range(const void *fdt);
void early_init_dt_add_memory_arch(u64 base, u64 size);

/* arm_memblock_init(): what the tree says is in use (drivers/of/of_reserved_mem.c). */
void early_init_fdt_reserve_self(const void *fdt);
void early_init_fdt_scan_reserved_mem(const void *fdt);

#ifndef __KERNEL__
/* Host unit tests only: forget everything a previous tree left behind. */
void of_fdt_reset_for_tests(void);
void of_reserved_mem_reset_for_tests(void);
#endif

#endif

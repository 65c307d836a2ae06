/* SPDX-License-Identifier: MIT */
/*
 * The flattened device tree at boot (Linux's include/linux/of_fdt.h),
 * read with libfdt by drivers/of/fdt.c.
 */
#ifndef BOOTMM_OF_FDT_H
#define BOOTMM_OF_FDT_H

#include <kernel/types.h>

extern void *initial_boot_params;	/* the DTB's virtual address, once verified */

bool early_init_dt_verify(phys_addr_t dt_phys);
const char *of_flat_dt_get_machine_name(void);
const char *early_init_dt_scan_chosen(void);

#endif

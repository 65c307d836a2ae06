/* SPDX-License-Identifier: MIT */
/*
 * The device-tree path both FDT fuzz targets drive (fuzz_fdt.c over raw
 * blobs, fuzz_fdt_gen.c over generated ones): verify, scan, reserve,
 * allocate, as ARM's setup_arch() and arm_memblock_init() do.
 */
#ifndef BOOTMM_FUZZ_FDT_H
#define BOOTMM_FUZZ_FDT_H

#include <libfdt.h>
#include <kernel/of_fdt.h>
#include <mm/memblock.h>
#include "fuzz.h"

static inline void fuzz_fdt_boot(void *blob, size_t size)
{
	fuzz_panic_armed = true;
	if (setjmp(fuzz_panic_jmp) == 0 && early_init_dt_verify_blob(blob, size)) {
		(void)of_flat_dt_get_machine_name();
		early_init_dt_scan_nodes(blob);
		fuzz_check_memblock("after early_init_dt_scan_nodes()");
		early_init_fdt_reserve_self(blob);
		early_init_fdt_scan_reserved_mem(blob);
		fuzz_check_memblock("after early_init_fdt_scan_reserved_mem()");
		fuzz_check_alloc(PAGE_SIZE, PAGE_SIZE);
		fuzz_check_alloc(0x100000, 0x100000);
	}
	fuzz_panic_armed = false;
	of_reserved_mem_reset_for_tests();	/* its table points into the blob */
}

#endif

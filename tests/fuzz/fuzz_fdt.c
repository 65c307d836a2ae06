// SPDX-License-Identifier: MIT
/*
 * Fuzz target: a device tree blob, as QEMU or a boot loader would pass it in
 * r2, through the ARM kernel's whole device-tree path on the host build:
 * early_init_dt_verify_blob() (libfdt's header and structure checks), then
 * early_init_dt_scan_nodes() (root cells, /chosen, memory nodes, usable
 * ranges -> memblock.memory), the blob reserving itself, the /memreserve/
 * entries and /reserved-memory (static and dynamic regions ->
 * memblock.reserved), and finally one early allocation.  memblock's
 * invariants are checked after each step (tests/fuzz/fuzz_host.c).
 *
 * Boot pipeline: boot/arm/setup.c setup_arch() and boot/arm/mm.c
 * arm_memblock_init(); Linux's drivers/of/fdt.c and of_reserved_mem.c.  The
 * bytes are the blob itself, so the corpus is dtc output; fuzz_fdt_gen.c
 * builds valid trees instead, to reach further.
 */
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>

#include <kernel/of_fdt.h>
#include <mm/memblock.h>
#include "fuzz.h"
#include "fuzz_fdt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Its own copy, exactly as long as the input, so ASan sees any read past it. */
	void *blob;

	blob = malloc(size ? size : 1);

	memcpy(blob, data, size);
	fuzz_reset();
	fuzz_fdt_boot(blob, size);
	free(blob);
	return 0;
}

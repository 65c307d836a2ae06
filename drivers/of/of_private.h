/* SPDX-License-Identifier: MIT */
/*
 * What drivers/of/fdt.c and drivers/of/of_reserved_mem.c share and nobody else
 * needs (Linux's drivers/of/of_private.h): reading cells, node status, and the
 * table of /reserved-memory regions kept between the two passes over it.
 */
#ifndef BOOTMM_OF_PRIVATE_H
#define BOOTMM_OF_PRIVATE_H

#include <libfdt.h>
#include <kernel/types.h>
#include <kernel/errno.h>

u64 of_read_number(const fdt32_t *cell, int size);
u64 dt_mem_next_cell(int s, const fdt32_t **cellp);
bool dt_root_cells_usable(void);
bool of_fdt_device_is_available(const void *fdt, int node);
bool of_fdt_prop_is_string(const void *fdt, int node, const char *name, const char *value);

void fdt_reserved_mem_save_node(int node, const char *uname, phys_addr_t base,
				phys_addr_t size);
void fdt_init_reserved_mem(const void *fdt);

#endif

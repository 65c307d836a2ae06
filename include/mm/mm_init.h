/* SPDX-License-Identifier: MIT */
/*
 * Turning memblock's view of memory into nodes and zones (Linux 6.1's
 * free_area_init in mm/page_alloc.c; mm/mm_init.c from Linux 6.4 on).
 */
#ifndef BOOTMM_MM_MM_INIT_H
#define BOOTMM_MM_MM_INIT_H

void free_area_init(void);

#endif

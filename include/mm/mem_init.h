/* SPDX-License-Identifier: MIT */
/*
 * The hand-over to the buddy allocator and the "Memory:" line: mm/mem_init.c.
 */
#ifndef BOOTMM_MM_MEM_INIT_H
#define BOOTMM_MM_MEM_INIT_H

void mem_init(void);

#endif

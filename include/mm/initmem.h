/* SPDX-License-Identifier: MIT */
/*
 * Freeing the __init sections at the end of boot: mm/initmem.c.
 */
#ifndef BOOTMM_MM_INITMEM_H
#define BOOTMM_MM_INITMEM_H

#include <kernel/types.h>

void free_initmem(void);

/* True once free_initmem() has run and @addr lies in what it freed. */
bool in_freed_initmem(unsigned long addr);

#endif

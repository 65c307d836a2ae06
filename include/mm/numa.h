/* SPDX-License-Identifier: MIT */
/*
 * Memory nodes at boot (Linux's drivers/base/arch_numa.c for arm64, and the
 * one-node case every non-NUMA kernel has): mm/numa.c.
 */
#ifndef BOOTMM_MM_NUMA_H
#define BOOTMM_MM_NUMA_H

void numa_init(void);
int early_pfn_to_nid(unsigned long pfn);

#endif

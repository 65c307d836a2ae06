/* SPDX-License-Identifier: MIT */
/*
 * What the memory models need to know about a 32-bit PC: the SPARSEMEM
 * section geometry (Linux's arch/x86/include/asm/sparsemem.h) and where the
 * SPARSEMEM_VMEMMAP array lives in the kernel's virtual space (bootmm's own:
 * 32-bit Linux has no vmemmap).
 *
 * Boot pipeline: read by include/mm/sparse.h, that is by
 * mm/sparse.c when free_area_init() calls memmap_prepare(), and
 * by boot/x86/vmemmap.c, which maps the VMEMMAP window.
 *
 * Sections.  Debian's 686-pae kernel is a PAE kernel: its page tables hold
 * 36-bit physical addresses (64 GiB), and Linux cuts that space into 512 MiB
 * sections, 2^(36-29) = 128 of them.  (A non-PAE i386 kernel uses 26 and 32.)
 * 128 sections of 8 bytes make a 1 KiB mem_section[] array, which is why
 * i386 Linux selects SPARSEMEM_STATIC.
 *
 * The VMEMMAP window: the struct pages of the first 4 GiB of physical
 * memory, 2^20 pfns * 32 bytes = 32 MiB of virtual space, right after the
 * 896 MiB head.S maps at PAGE_OFFSET:
 *
 *   0xc0000000 - 0xf7ffffff   low memory, mapped by head.S (224 PDEs of 4 MiB)
 *   0xf8000000 - 0xf9ffffff   VMEMMAP: 8 PDEs, filled only for present sections
 *   0xfa000000 - 0xffffffff   free (Linux: vmalloc's top, kmap, fixmap)
 *
 * Linux's i386 puts vmalloc space where the window is; bootmm has no vmalloc
 * yet, and one added later must start at VMEMMAP_END.  Memory above 4 GiB
 * (possible with e820 and PAE) has no room in the window: the VMEMMAP model
 * refuses it, with a message, as SPARSEMEM refuses memory above
 * MAX_PHYSMEM_BITS.
 */
#ifndef BOOTMM_X86_MEMORY_MODEL_H
#define BOOTMM_X86_MEMORY_MODEL_H

#include <asm/page.h>

#define SECTION_SIZE_BITS	29	/* 512 MiB sections */
#define MAX_PHYSMEM_BITS	36	/* PAE: 64 GiB of physical address space */

/*
 * The window is a kernel address; the host unit tests of the VMEMMAP model
 * place one of their own (tests/unit/test_memory_model_vmemmap.c).
 */
#ifdef __KERNEL__
#define VMEMMAP_START		(PAGE_OFFSET + LOWMEM_MAP_SIZE)	/* 0xf8000000 */
#define VMEMMAP_SIZE		(32UL << 20)
#define VMEMMAP_END		(VMEMMAP_START + VMEMMAP_SIZE)
#endif

#endif

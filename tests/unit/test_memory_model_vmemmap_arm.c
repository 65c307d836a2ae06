// SPDX-License-Identifier: MIT
/*
 * Unit tests of SPARSEMEM_VMEMMAP with ARM LPAE's section geometry: 4096 sections of
 * 256 MiB.  The program is test_memory_model_vmemmap.c's; tests/tests.mk builds
 * this file with boot/arm/include/asm/memory_model.h instead of the PC's,
 * which every figure of the tests follows (X86_GEOMETRY).
 */
#include "test_memory_model_vmemmap.c"

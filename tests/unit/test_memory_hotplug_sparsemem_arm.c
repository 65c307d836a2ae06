// SPDX-License-Identifier: MIT
/*
 * Unit tests of memory hot-plug over SPARSEMEM with ARM LPAE's section
 * geometry: 4096 sections of 256 MiB.  The program is
 * test_memory_hotplug_sparsemem.c's; tests/tests.mk builds this file with
 * boot/arm/include/asm/memory_model.h instead of the PC's, which every
 * figure of the tests follows (X86_GEOMETRY, SPFN()).  Here a hot-added
 * section's memory map is an order-10 block, which the buddy allocator can
 * give: the tests of hot-added sections (HOTADD_TESTS) run too.
 */
#include "test_memory_hotplug_sparsemem.c"

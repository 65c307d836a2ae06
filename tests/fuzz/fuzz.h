/* SPDX-License-Identifier: MIT */
/*
 * What the fuzz targets (tests/fuzz/fuzz_*.c) share: a fresh boot-time state
 * for every input, a way back from panic(), and the invariants the early
 * memory pipeline must keep whatever the firmware or the user handed it.
 *
 * Each target is one libFuzzer entry point, LLVMFuzzerTestOneInput(), over
 * the host build of the kernel's parsers and of memblock (the same sources
 * as the unit tests: tests/tests.mk's HOST_LIB_SRCS), built by
 * tests/fuzz/fuzz.mk as 64-bit and as -m32 programs, the latter with the
 * kernel's own 32-bit unsigned long.  panic() with a reason is a legitimate
 * end of a boot (Linux panics on an unusable memory map too), so it returns
 * to the target; "kernel BUG at" and a broken invariant are crashes.
 */
#ifndef BOOTMM_FUZZ_H
#define BOOTMM_FUZZ_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Known bugs (issue 19's fuzzing found or confirmed these; all are fixed on
 * main now, their inputs are crash-* in the corpus, and no target steps
 * around any of them: the names stay for tests/fuzz/KNOWN-BUGS.md).  For a
 * new one, add its name here and a fuzz_avoid() call.  While one is open the
 * targets step around its class of input (fuzz_avoid() returns true), so
 * that fuzzing finds the next bug instead of this one again.  An input that
 * showed it is kept as tests/fuzz/corpus/<target>/xfail-<bug name>-*, with
 * its stack in tests/fuzz/KNOWN-BUGS.md; `make fuzz-replay` runs those with
 * the step-around off and expects them to fail.  FUZZ_KNOWN_BUGS in the
 * environment turns the step-around off: "all", or a comma-separated list of
 * the names below.  Once the fix is merged, delete the bug's entry here and
 * the code under its fuzz_avoid(), and rename its inputs crash-*: then the
 * replay (make test) proves it stays fixed.
 */
enum fuzz_bug {
	FUZZ_BUG_FDT_ROOT_CELLS_OVERFLOW,	/* drivers/of/fdt.c: addr + size cells sum overflows */
	FUZZ_BUG_FDT_MEMORY_END_WRAP,		/* early_init_dt_add_memory_arch: base + size - 1 wraps */
	FUZZ_BUG_MB2_TAG_SIZE,			/* multiboot2: a tag size that wraps the pointer */
	FUZZ_BUG_MB1_MMAP,			/* multiboot v1: an mmap entry size that wraps */
	FUZZ_BUG_MB2_ENTRY_SIZE,		/* multiboot2: entry_size not a multiple of 8, or past the tag */
	FUZZ_BUG_FDT_OLD_VERSION,		/* libfdt's fdt_check_full() faults on a version < 16 tree */
	FUZZ_BUG_E820_PFN_WRAP,			/* x86: RAM above 2^44 (memmap=..@1P): pfns wrap in unsigned long */
	FUZZ_NR_BUGS
};
#define FUZZ_BUG_NAMES { "fdt-root-cells-overflow", "fdt-memory-end-wrap", "mb2-tag-size", "mb1-mmap", \
			 "mb2-entry-size", "fdt-old-version", "e820-pfn-wrap" }

/* True while the target should not hand the kernel an input of @bug's class. */
bool fuzz_avoid(enum fuzz_bug bug);

/* panic() longjmp()s here while a target runs (tests/fuzz/fuzz_host.c). */
extern jmp_buf fuzz_panic_jmp;
extern bool fuzz_panic_armed;

/* Forget every boot-time state a previous input left behind. */
void fuzz_reset(void);

/* abort() with a message if memblock's two lists are not sorted, disjoint, merged and summed. */
void fuzz_check_memblock(const char *when);

/*
 * One early allocation, as the kernel's first would be (without touching the
 * memory: on the host, physical addresses are made up): if it succeeds, it
 * must lie in memory, below the limit, and now be reserved.
 */
void fuzz_check_alloc(uint64_t size, uint64_t align);

/* Consuming the input a piece at a time (LLVM's FuzzedDataProvider, in C). */
struct fuzz_input {
	const uint8_t *data;
	size_t left;
};

uint64_t fuzz_take(struct fuzz_input *in, int bytes);	/* little-endian, 0 when empty */
uint64_t fuzz_range(struct fuzz_input *in, uint64_t lo, uint64_t hi);	/* lo..hi inclusive */
bool fuzz_bool(struct fuzz_input *in);

/* A command line the target gives the kernel's option parser: early options only. */
void fuzz_parse_early_options(const char *cmdline);

#endif

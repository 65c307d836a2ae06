// SPDX-License-Identifier: MIT
/*
 * Fuzz target: device trees built from the input with libfdt's sequential-
 * write API (fdt_create, fdt_begin_node, fdt_property, ... fdt_finish), so
 * that every tree passes early_init_dt_verify_blob() and the bytes go into
 * what the kernel reads: the root's cell counts, /chosen (bootargs, initrd,
 * usable-memory-range), memory nodes (names, device_type, status, reg pairs,
 * numa-node-id, linux,usable-memory, hotpluggable), the /memreserve/ map and
 * /reserved-memory with static and dynamic children (size, alignment,
 * alloc-ranges, no-map, reusable, shared-dma-pool).  A raw-byte fuzzer rarely
 * gets past the structure checks; this one starts past them.
 *
 * Boot pipeline: the same path as fuzz_fdt.c (tests/fuzz/fuzz_fdt.h):
 * boot/arm/setup.c, drivers/of/fdt.c, drivers/of/of_reserved_mem.c, memblock.
 * Numbers are drawn from the values boot code gets wrong: 0, page edges, the
 * 4 GiB and 1 TiB limits, all ones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>

#include <asm/page.h>
#include "fuzz.h"
#include "fuzz_fdt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define BLOB_SIZE	(64 * 1024)

/* An address or size a tree might hold, biased towards the edges. */
static uint64_t pick_number(struct fuzz_input *in)
{
	static const uint64_t edges[] = {
		0, 1, PAGE_SIZE - 1, PAGE_SIZE, PAGE_SIZE + 1, 0x100000, 0x10000000,
		0x40000000, 0x80000000, 0xc0000000, 0xfffff000, 0xffffffff, 0x100000000ULL,
		0xff00000000ULL, 0xffffffffffULL, 0x10000000000ULL, 0xfffffffffffff000ULL,
		0xffffffffffffffffULL, 0x8000000000000000ULL,
	};

	switch (fuzz_take(in, 1) % 8) {
	case 0:
		return edges[fuzz_range(in, 0, sizeof(edges) / sizeof(edges[0]) - 1)];
	case 1:
		return edges[fuzz_range(in, 0, sizeof(edges) / sizeof(edges[0]) - 1)] +
		       fuzz_range(in, 0, 0x2000) - 0x1000;
	case 2:
		return fuzz_take(in, 8);
	case 3:
		return fuzz_take(in, 4);
	default:	/* RAM-like: MiB multiples from 0x40000000, ARM virt's base */
		return 0x40000000ULL + (fuzz_take(in, 2) << 20);
	}
}

/* @n cells of @v, big-endian, the low 32 bits last. */
static size_t put_cells(fdt32_t *out, int n, uint64_t v)
{
	for (int i = n - 1; i >= 0; i--, v >>= 32)
		out[i] = cpu_to_fdt32((uint32_t)v);
	return (size_t)n;
}

/* A cell count: mostly 1 or 2, sometimes 0, 3 or absent (-1). */
static int pick_cells(struct fuzz_input *in)
{
	static const int counts[] = { 1, 2, 1, 2, 1, 2, 0, 3, -1, 4 };

	return counts[fuzz_range(in, 0, 9)];
}

/* reg-like pairs of @ac and @sc cells; sometimes a few stray bytes more or less. */
static int put_pairs(void *fdt, struct fuzz_input *in, const char *name, int ac, int sc,
		     int max_pairs)
{
	fdt32_t cells[64];
	size_t n = 0;
	int pairs = (int)fuzz_range(in, 0, (uint64_t)max_pairs), len;

	if (ac < 0)
		ac = 1;
	if (sc < 0)
		sc = 1;
	for (int i = 0; i < pairs && n + (size_t)(ac + sc) <= 64; i++) {
		n += put_cells(cells + n, ac > 4 ? 4 : ac, pick_number(in));
		n += put_cells(cells + n, sc > 4 ? 4 : sc, pick_number(in));
	}
	len = (int)(n * sizeof(fdt32_t));
	if (fuzz_take(in, 1) == 0xff)		/* a length that is not whole pairs */
		len = (int)fuzz_range(in, 0, (uint64_t)len);
	return fdt_property(fdt, name, cells, len);
}

/* A number as a u32 or u64 property, as /chosen's initrd bounds may be. */
static int put_number(void *fdt, struct fuzz_input *in, const char *name)
{
	uint64_t v = pick_number(in);

	if (fuzz_bool(in))
		return fdt_property_u32(fdt, name, (uint32_t)v);
	return fdt_property_u64(fdt, name, v);
}

static int put_string(void *fdt, struct fuzz_input *in, const char *name)
{
	char s[64];
	size_t n = (size_t)fuzz_range(in, 0, sizeof(s) - 1);

	for (size_t i = 0; i < n; i++)
		s[i] = (char)fuzz_range(in, 0x20, 0x7e);
	s[n] = '\0';
	return fdt_property_string(fdt, name, s);
}

static int put_cell_count(void *fdt, const char *name, int cells)
{
	return cells < 0 ? 0 : fdt_property_u32(fdt, name, (uint32_t)cells);
}

static int gen_chosen(void *fdt, struct fuzz_input *in, int ac, int sc)
{
	int err = fdt_begin_node(fdt, "chosen");

	if (!err && fuzz_bool(in))
		err = put_string(fdt, in, "bootargs");
	if (!err && fuzz_bool(in)) {
		err = put_number(fdt, in, "linux,initrd-start");
		if (!err && fuzz_take(in, 1) != 0xff)
			err = put_number(fdt, in, "linux,initrd-end");
	}
	if (!err && fuzz_bool(in))
		err = put_pairs(fdt, in, "linux,usable-memory-range", ac, sc, 3);
	return err ? err : fdt_end_node(fdt);
}

static int gen_memory(void *fdt, struct fuzz_input *in, int ac, int sc)
{
	static const char *const status[] = { "okay", "ok", "disabled", "fail", "reserved" };
	char name[32];
	uint64_t base = pick_number(in);
	int err;

	switch (fuzz_range(in, 0, 3)) {
	case 0:
		snprintf(name, sizeof(name), "memory");
		break;
	case 1:
		snprintf(name, sizeof(name), "ram@%llx", (unsigned long long)base);
		break;
	default:
		snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)base);
		break;
	}
	err = fdt_begin_node(fdt, name);
	if (!err) {
		switch (fuzz_range(in, 0, 5)) {
		case 0:
			break;				/* no device_type */
		case 1:
			err = fdt_property_string(fdt, "device_type", "cpu");
			break;
		case 2:
			err = fdt_property(fdt, "device_type", "memory", 6);	/* unterminated */
			break;
		default:
			err = fdt_property_string(fdt, "device_type", "memory");
			break;
		}
	}
	if (!err && fuzz_take(in, 1) < 0x20) {
		const char *st = status[fuzz_range(in, 0, 4)];	/* the macro reads it twice */

		err = fdt_property_string(fdt, "status", st);
	}
	if (!err && fuzz_take(in, 1) < 0xf0)
		err = put_pairs(fdt, in, "reg", ac, sc, 4);
	if (!err && fuzz_take(in, 1) < 0x30)
		err = put_pairs(fdt, in, "linux,usable-memory", ac, sc, 3);
	if (!err && fuzz_take(in, 1) < 0x40)
		err = fdt_property_u32(fdt, "numa-node-id", (uint32_t)fuzz_range(in, 0, 5) - 1);
	if (!err && fuzz_take(in, 1) < 0x20)
		err = fdt_property(fdt, "hotpluggable", NULL, 0);
	return err ? err : fdt_end_node(fdt);
}

static int gen_reserved_child(void *fdt, struct fuzz_input *in, int ac, int sc, int i)
{
	static const char *const compat[] = { "shared-dma-pool", "restricted-dma-pool", "bootmm,unknown" };
	char name[32];
	int err;

	snprintf(name, sizeof(name), "region%d@%x", i, (unsigned int)fuzz_take(in, 2));
	err = fdt_begin_node(fdt, name);
	if (!err && fuzz_take(in, 1) < 0xa0) {
		err = put_pairs(fdt, in, "reg", ac, sc, 2);
	} else if (!err) {			/* a dynamic region */
		fdt32_t cells[4];

		err = fdt_property(fdt, "size", cells,
				   (int)(put_cells(cells, sc < 1 ? 1 : sc > 4 ? 4 : sc, pick_number(in)) * 4));
		if (!err && fuzz_bool(in))
			err = fdt_property(fdt, "alignment", cells,
					   (int)(put_cells(cells, sc < 1 ? 1 : sc > 4 ? 4 : sc,
							   pick_number(in)) * 4));
		if (!err && fuzz_bool(in))
			err = put_pairs(fdt, in, "alloc-ranges", ac, sc, 3);
	}
	if (!err && fuzz_take(in, 1) < 0x60)
		err = fdt_property(fdt, "no-map", NULL, 0);
	if (!err && fuzz_take(in, 1) < 0x40)
		err = fdt_property(fdt, "reusable", NULL, 0);
	if (!err && fuzz_take(in, 1) < 0x80) {
		const char *c = compat[fuzz_range(in, 0, 2)];	/* the macro reads it twice */

		err = fdt_property_string(fdt, "compatible", c);
	}
	if (!err && fuzz_take(in, 1) < 0x10)
		err = fdt_property_string(fdt, "status", "disabled");
	return err ? err : fdt_end_node(fdt);
}

static int gen_reserved_memory(void *fdt, struct fuzz_input *in, int ac, int sc)
{
	int err = fdt_begin_node(fdt, "reserved-memory");
	int cac = ac, csc = sc, n;

	if (!err && fuzz_take(in, 1) < 0x30) {	/* cells unlike the root's */
		cac = pick_cells(in);
		csc = pick_cells(in);
	}
	if (!err)
		err = put_cell_count(fdt, "#address-cells", cac);
	if (!err)
		err = put_cell_count(fdt, "#size-cells", csc);
	if (!err && fuzz_take(in, 1) < 0xe0)
		err = fdt_property(fdt, "ranges", NULL, 0);
	n = (int)fuzz_range(in, 0, 6);
	for (int i = 0; !err && i < n; i++)
		err = gen_reserved_child(fdt, in, cac, csc, i);
	return err ? err : fdt_end_node(fdt);
}

static int gen_tree(void *fdt, struct fuzz_input *in)
{
	int ac, sc, err, n;

	err = fdt_create(fdt, BLOB_SIZE);
	n = (int)fuzz_range(in, 0, 3);
	for (int i = 0; !err && i < n; i++)
		err = fdt_add_reservemap_entry(fdt, pick_number(in), pick_number(in));
	if (!err)
		err = fdt_finish_reservemap(fdt);
	if (!err)
		err = fdt_begin_node(fdt, "");
	ac = pick_cells(in);
	sc = pick_cells(in);
	if (!err)
		err = put_cell_count(fdt, "#address-cells", ac);
	if (!err)
		err = put_cell_count(fdt, "#size-cells", sc);
	if (!err && fuzz_bool(in))
		err = fdt_property_string(fdt, "model", "bootmm fuzz");
	if (!err && fuzz_take(in, 1) < 0xe0)
		err = gen_chosen(fdt, in, ac, sc);
	n = (int)fuzz_range(in, 0, 8);
	for (int i = 0; !err && i < n; i++)
		err = gen_memory(fdt, in, ac, sc);
	if (!err && fuzz_take(in, 1) < 0xc0)
		err = gen_reserved_memory(fdt, in, ac, sc);
	if (!err)
		err = fdt_end_node(fdt);
	if (!err)
		err = fdt_finish(fdt);
	return err;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in = { data, size };
	void *blob = malloc(BLOB_SIZE);

	if (gen_tree(blob, &in) == 0) {
		/* An exact-size copy, so ASan sees any read past totalsize. */
		size_t len = fdt_totalsize(blob);
		void *exact = malloc(len);

		memcpy(exact, blob, len);
		fuzz_reset();
		fuzz_fdt_boot(exact, len);
		free(exact);
	}
	free(blob);
	return 0;
}

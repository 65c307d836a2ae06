// SPDX-License-Identifier: MIT
/*
 * Reading the flattened device tree at boot (Linux's drivers/of/fdt.c).
 *
 * Boot pipeline: head.S saved r2 -> setup_arch() -> early_init_dt_verify()
 * checks the blob, then the machine's name and /chosen/bootargs (the command
 * line) are read from it.  Later stages read the memory nodes from here too.
 *
 * The blob is parsed with libfdt, the device tree compiler's own library, as
 * Debian ships it for armhf (see README.md: how libfdt gets into the build).
 * Nothing in it is trusted: the pointer must lie in mapped RAM and the header
 * must pass fdt_check_header() before any other libfdt call.
 */
#define pr_fmt(fmt) "OF: fdt: " fmt

#include <libfdt.h>
#include <asm/page.h>
#include <kernel/init.h>
#include <kernel/of_fdt.h>
#include <kernel/printk.h>

void *initial_boot_params;

/**
 * early_init_dt_verify - check that @dt_phys points at a usable device tree
 *
 * Returns true and sets initial_boot_params if so; otherwise says why not.
 */
bool __init early_init_dt_verify(phys_addr_t dt_phys)
{
	void *fdt;
	int err;

	if (!dt_phys) {
		pr_err("no device tree: r2 is 0 (an ELF given to QEMU's -kernel is started bare, without one; boot the raw image)\n");
		return false;
	}
	if (dt_phys < PHYS_OFFSET || dt_phys + sizeof(struct fdt_header) > PHYS_OFFSET + LOWMEM_MAP_SIZE ||
	    (dt_phys & 7)) {
		pr_err("device tree pointer %#llx (r2) is not an aligned address in mapped RAM\n",
		       (unsigned long long)dt_phys);
		return false;
	}
	fdt = __va(dt_phys);
	err = fdt_check_header(fdt);
	if (err) {
		pr_err("corrupt device tree at %#llx: %s (magic %#010x)\n",
		       (unsigned long long)dt_phys, fdt_strerror(err), (u32)fdt_magic(fdt));
		return false;
	}
	if (dt_phys + fdt_totalsize(fdt) > PHYS_OFFSET + LOWMEM_MAP_SIZE) {
		pr_err("device tree at %#llx is %u bytes long and runs past mapped RAM\n",
		       (unsigned long long)dt_phys, (u32)fdt_totalsize(fdt));
		return false;
	}
	initial_boot_params = fdt;
	return true;
}

/* The root's "model", or failing that its first "compatible" string. */
const char *__init of_flat_dt_get_machine_name(void)
{
	const char *name = fdt_getprop(initial_boot_params, 0, "model", NULL);

	if (!name)
		name = fdt_getprop(initial_boot_params, 0, "compatible", NULL);
	return name ? name : "<unknown>";
}

/* /chosen/bootargs: the kernel command line QEMU's -append put there. */
const char *__init early_init_dt_scan_chosen(void)
{
	int node = fdt_path_offset(initial_boot_params, "/chosen");
	const char *args;
	int len;

	if (node < 0)
		return "";
	args = fdt_getprop(initial_boot_params, node, "bootargs", &len);
	if (!args || len <= 0 || args[len - 1] != '\0')
		return "";
	return args;
}

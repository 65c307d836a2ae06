/* SPDX-License-Identifier: MIT */
/*
 * The boot stub scripts/linux-goldens.sh gives a 32-bit ARM Linux kernel
 * (a zImage) when it boots one of bootmm's device-tree scenarios for a golden.
 *
 * QEMU's -dtb would replace every /memory node of the scenario's tree, so the
 * script boots without -kernel: QEMU's generic loader places the zImage, the
 * tree and this stub in RAM, and starts the CPU here (SVC mode, MMU, caches
 * and interrupts off, as after reset).  The stub does what QEMU's own ARM boot
 * blob (hw/arm/boot.c) does for a device-tree boot, which is what
 * Documentation/arm/booting.rst asks of a boot loader:
 *
 *   r0 = 0, r1 = 0xffffffff (no machine number: boot by device tree),
 *   r2 = the tree's physical address, then jump to the zImage's first byte.
 *
 * The two addresses are not in this file: they are the two words right after
 * the code (dtb_addr at +0x10, kernel_addr at +0x14), which the QEMU command
 * writes with `-device loader,addr=STUB+0x10,data=DTB,data-len=4` (and +0x14
 * for the zImage), so that the .cmd file alone says where everything is.
 * Built with: arm-none-eabi-as, arm-none-eabi-objcopy -O binary (16 bytes).
 */
	.arm
	.text
_start:
	mov	r0, #0			@ r0 = 0
	mvn	r1, #0			@ r1 = ~0: no machine number
	ldr	r2, dtb_addr		@ r2 = the device tree
	ldr	pc, kernel_addr		@ and into the zImage
	/* Not emitted: the QEMU command writes these two words. */
	.set	dtb_addr, .
	.set	kernel_addr, . + 4

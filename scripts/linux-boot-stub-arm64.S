/* SPDX-License-Identifier: MIT */
/*
 * The boot stub scripts/linux-goldens.sh gives a 64-bit ARM Linux kernel (an
 * uncompressed Image) when it boots an arm64 twin of a device-tree scenario
 * (tests/golden/dts-arm64/) for a golden.
 *
 * As for 32-bit ARM (linux-boot-stub-armhf.S), QEMU's generic loader places
 * the Image, the tree and this stub in RAM and starts the CPU here (AArch64
 * EL1, MMU and caches off).  Documentation/arm64/booting.rst asks a boot
 * loader for: x0 = the tree's physical address, x1 = x2 = x3 = 0, then a
 * jump to the Image's first byte (which must sit at a 2 MiB-aligned address
 * plus the header's text_offset).  QEMU's own AArch64 boot blob
 * (hw/arm/boot.c) is these same six instructions.
 *
 * The two addresses are the 64-bit words right after the code (dtb_addr at
 * +0x18, kernel_addr at +0x20, both 8-byte aligned, as loads with the MMU off
 * must be), which the QEMU command writes with `-device
 * loader,addr=STUB+0x18,data=DTB,data-len=8` (and +0x20 for the Image).
 *
 * It is assembled with arm-none-eabi-as, which knows no AArch64 mnemonics, so
 * the instructions are written as their 32-bit encodings (ARMv8 ARM, C6):
 *   LDR (literal), 64-bit:  0x58000000 | imm19 << 5 | Rt, imm19 = offset / 4
 *   ORR (shifted register), 64-bit: 0xaa000000 | Rm << 16 | Rn << 5 | Rd,
 *     "mov Xd, xzr" being orr Xd, xzr, xzr (Rm = Rn = 31)
 *   BR:                     0xd61f0000 | Rn << 5
 * Built with: arm-none-eabi-as, arm-none-eabi-objcopy -O binary (24 bytes).
 */
	.text
_start:
	.word	0x580000c0		/* 0x00: ldr x0, dtb_addr    (+0x18: imm19 = 6, Rt = 0) */
	.word	0xaa1f03e1		/* 0x04: mov x1, xzr */
	.word	0xaa1f03e2		/* 0x08: mov x2, xzr */
	.word	0xaa1f03e3		/* 0x0c: mov x3, xzr */
	.word	0x58000084		/* 0x10: ldr x4, kernel_addr (+0x10 from here: imm19 = 4, Rt = 4) */
	.word	0xd61f0080		/* 0x14: br x4 */
	/* Not emitted: the QEMU command writes these two words. */
	.set	dtb_addr, .		/* 0x18 */
	.set	kernel_addr, . + 8	/* 0x20 */

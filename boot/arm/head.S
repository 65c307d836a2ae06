/* SPDX-License-Identifier: MIT */
/*
 * ARM entry: the first instructions bootmm runs (Linux's arch/arm/kernel/head.S).
 *
 * Boot pipeline: QEMU's Linux boot protocol -> here -> start_kernel() (kernel/main.c).
 *
 * QEMU loads the raw image at PHYS_OFFSET + TEXT_OFFSET (0x40010000) and jumps
 * to its first byte in SVC mode with the MMU and caches off, r0 = 0, r1 = the
 * machine number and r2 = the physical address of the device tree blob.  The
 * kernel is linked at PAGE_OFFSET + TEXT_OFFSET, so until the MMU is on every
 * symbol is used as PHYS(symbol).  This code:
 *   1. keeps r2 (and r1) in registers no other code here touches;
 *   2. turns the VFP on: libfdt is compiled for the hard-float ABI and may use
 *      VFP registers, which trap until CPACR and FPEXC allow them;
 *   3. looks for a device tree appended to the raw image (Linux's
 *      CONFIG_ARM_APPENDED_DTB; docs/device-tree.md): if the FDT magic follows
 *      the image, at _image_end, that tree replaces r2's.  .bss starts there
 *      and is about to be zeroed, so the tree is first moved above _end;
 *   4. zeroes .bss and stores what steps 1 and 3 found in boot_dtb_phys,
 *      boot_loader_dtb_phys and boot_machine_nr;
 *   5. builds the first-level page table swapper_pg_dir with 1 MiB sections:
 *      768 MiB of RAM mapped twice, at its physical address (identity, so the
 *      instruction after "MMU on" still runs) and at PAGE_OFFSET (the 3G/1G
 *      split), plus the UART as device memory;
 *   6. turns the MMU and caches on, jumps up to PAGE_OFFSET, drops the identity
 *      entries, installs the exception vectors and calls start_kernel().
 */
#include <asm/page.h>

#define PV_DELTA	(PAGE_OFFSET - PHYS_OFFSET)
#define PHYS(sym)	((sym) - PV_DELTA)

/* ARMv7 short-descriptor first-level entries: one "section" maps 1 MiB. */
#define PMD_SECT	(2 << 0)
#define PMD_B		(1 << 2)
#define PMD_C		(1 << 3)
#define PMD_XN		(1 << 4)	/* never execute */
#define PMD_AP_KERN	(1 << 10)	/* AP = 01: kernel read/write, user no access */
#define PMD_TEX1	(1 << 12)
#define PMD_S		(1 << 16)	/* shareable */
/* Normal memory, write-back write-allocate (TEX=001 C=1 B=1), shareable. */
#define SECT_RAM	(PMD_SECT | PMD_TEX1 | PMD_C | PMD_B | PMD_S | PMD_AP_KERN)
/* Shareable device memory (TEX=000 C=0 B=1): no caching, no speculation. */
#define SECT_DEVICE	(PMD_SECT | PMD_B | PMD_XN | PMD_AP_KERN)
/* Page-table walks: inner/outer write-back write-allocate, shareable (Linux's TTB_FLAGS_SMP). */
#define TTB_FLAGS	0x6a

#define STACK_SIZE	16384

/* The FDT header's magic, 0xd00dfeed big-endian, as a little-endian load sees it. */
#define FDT_MAGIC_LE	0xedfe0dd0
/* An appended tree larger than this is taken for garbage, not moved. */
#define APPENDED_DTB_MAX	0x100000

/*
 * Unwind information for GDB: one frame description (CFI) covers _start, and it
 * says that lr holds no return address (".cfi_undefined lr").  That marks the
 * frame as the outermost one, so a backtrace ends at _start instead of GDB
 * guessing a caller from whatever lr holds and stopping with "previous frame
 * identical to this frame (corrupt stack?)".  .debug_frame, like the C code's:
 * the linker script keeps no .eh_frame.  The .type/.size make GDB name the frame
 * _start rather than _text/_stext, which share its address.
 */
	.cfi_sections .debug_frame
	.arm
	.section .head.text, "ax"
	.globl _start
	.type	_start, %function
_start:
	.cfi_startproc
	.cfi_undefined lr
	cpsid	aif			/* no interrupts until we have handlers */
	mov	r10, r2			/* 1. the DTB pointer (and r1, for error messages) */
	mov	r11, r1
	mov	r12, #0			/* r2 again, if step 3 replaces r10 */

	mrc	p15, 0, r0, c1, c0, 2	/* 2. CPACR: full access to cp10/cp11 (VFP) */
	orr	r0, r0, #(0xf << 20)
	mcr	p15, 0, r0, c1, c0, 2
	isb
	mov	r0, #0x40000000		/* FPEXC.EN */
	vmsr	fpexc, r0

	ldr	r0, =PHYS(_image_end)	/* 3. an appended tree? (8-byte aligned: see the .lds) */
	ldr	r1, [r0]
	ldr	r3, =FDT_MAGIC_LE
	cmp	r1, r3
	bne	7f
	ldr	r1, [r0, #4]		/* its totalsize, big-endian too */
	rev	r1, r1
	cmp	r1, #40			/* not even a header: not a tree */
	blo	8f
	ldr	r3, =APPENDED_DTB_MAX
	cmp	r1, r3
	bhi	8f
	ldr	r2, =PHYS(_end)		/* the destination: above everything step 4 zeroes */
	add	r2, r2, #7
	bic	r2, r2, #7
	add	r1, r1, #3		/* whole words */
	bic	r1, r1, #3
	add	r4, r0, r1		/* copy from the end down: the destination is */
	add	r5, r2, r1		/* higher and the two ranges may overlap */
6:	ldr	r6, [r4, #-4]!
	str	r6, [r5, #-4]!
	cmp	r4, r0
	bhi	6b
	mov	r12, r10		/* r2's tree: its /chosen is still wanted (fdt.c) */
	mov	r10, r2
	b	7f
8:	ldr	r2, =PHYS(boot_appended_dtb_refused)	/* the magic, but a size not taken: */
	str	r1, [r2]		/* fdt.c says so once the log exists (.data: not zeroed) */
7:
	ldr	r0, =PHYS(__bss_start)	/* 4. zero .bss */
	ldr	r1, =PHYS(__bss_stop)
	mov	r3, #0
1:	cmp	r0, r1
	strlo	r3, [r0], #4
	blo	1b
	ldr	r0, =PHYS(boot_dtb_phys)
	str	r10, [r0]
	ldr	r0, =PHYS(boot_loader_dtb_phys)
	str	r12, [r0]
	ldr	r0, =PHYS(boot_machine_nr)
	str	r11, [r0]

	/* 5. swapper_pg_dir[PHYS_OFFSET/1M + i] = swapper_pg_dir[PAGE_OFFSET/1M + i] = RAM MiB i */
	ldr	r4, =PHYS(swapper_pg_dir)
	ldr	r5, =SECT_RAM
	mov	r6, #0
	ldr	r7, =(LOWMEM_MAP_SIZE >> 20)
2:	add	r8, r6, #(PHYS_OFFSET >> 20)
	orr	r9, r5, r8, lsl #20
	str	r9, [r4, r8, lsl #2]
	add	r3, r6, #(PAGE_OFFSET >> 20)
	str	r9, [r4, r3, lsl #2]
	add	r6, r6, #1
	cmp	r6, r7
	blo	2b
	ldr	r5, =(UART_PHYS | SECT_DEVICE)
	str	r5, [r4, #((UART_PHYS >> 20) << 2)]

	/* 6. MMU on.  TTBCR = 0: TTBR0 translates all addresses, short descriptors. */
	mov	r0, #0
	mcr	p15, 0, r0, c2, c0, 2
	orr	r0, r4, #TTB_FLAGS
	mcr	p15, 0, r0, c2, c0, 0	/* TTBR0 */
	mov	r0, #1			/* DACR: domain 0 "client", AP bits are checked */
	mcr	p15, 0, r0, c3, c0, 0
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0	/* invalidate the TLBs */
	mcr	p15, 0, r0, c7, c5, 0	/* invalidate the instruction cache */
	dsb
	isb
	mrc	p15, 0, r0, c1, c0, 0	/* SCTLR */
	bic	r0, r0, #(1 << 1)	/* A=0: unaligned accesses allowed, as C code expects */
	orr	r0, r0, #(1 << 0)	/* M: MMU */
	orr	r0, r0, #(1 << 2)	/* C: data cache */
	orr	r0, r0, #(1 << 11)	/* Z: branch prediction */
	orr	r0, r0, #(1 << 12)	/* I: instruction cache */
	mcr	p15, 0, r0, c1, c0, 0
	isb
	ldr	pc, =3f			/* an absolute jump lands on the high addresses */
3:
	ldr	r4, =swapper_pg_dir	/* drop the identity entries */
	add	r4, r4, #((PHYS_OFFSET >> 20) << 2)
	ldr	r7, =(LOWMEM_MAP_SIZE >> 20)
	mov	r0, #0
4:	str	r0, [r4], #4
	subs	r7, r7, #1
	bne	4b
	dsb
	mcr	p15, 0, r0, c8, c7, 0	/* invalidate the TLBs */
	dsb
	isb

	ldr	r0, =vectors		/* VBAR: exceptions go to boot/arm/traps.c */
	mcr	p15, 0, r0, c12, c0, 0
	ldr	sp, =(init_stack + STACK_SIZE)
	mov	fp, #0			/* end of the frame chain for GDB's backtrace */
	bl	start_kernel
5:	wfi				/* start_kernel() does not return */
	b	5b
	.cfi_endproc
	.size	_start, . - _start
	.ltorg

/*
 * Exception vectors.  Each one stores the return address and CPSR of the
 * interrupted code on the SVC stack (srsdb), switches to SVC mode so one stack
 * serves all, saves r0-r12 and the interrupted SVC code's lr (the bl below
 * overwrites it) and calls arm_exception(type, regs), which reports the fault
 * and panics.  The one exception it returns from is a data abort on a probe
 * (arm_probe_read_u32(), boot/arm/traps.c), after pointing regs->pc at the
 * probe's fixup: then everything is restored and rfeia resumes there.
 */
	.macro	vector_entry type, correction
	sub	lr, lr, #\correction	/* lr -> the faulting instruction */
	srsdb	sp!, #0x13
	cps	#0x13
	push	{r0-r12, lr}
	mov	r0, #\type
	mov	r1, sp
	bl	arm_exception
	pop	{r0-r12, lr}
	rfeia	sp!
	.endm

	.text
	.align	5
vectors:
	b	vector_reset
	b	vector_undef
	b	vector_svc
	b	vector_pabt
	b	vector_dabt
	b	vector_reset
	b	vector_irq
	b	vector_fiq
vector_reset:	vector_entry 0, 0
vector_undef:	vector_entry 1, 4
vector_svc:	vector_entry 2, 4
vector_pabt:	vector_entry 3, 4
vector_dabt:	vector_entry 4, 8
vector_irq:	vector_entry 6, 4
vector_fiq:	vector_entry 7, 4

	.data
	.align	2
	.globl	boot_dtb_phys
boot_dtb_phys:	.long 0		/* r2 at entry, or the appended tree: physical address of the DTB */
	.globl	boot_loader_dtb_phys
boot_loader_dtb_phys: .long 0	/* r2 at entry if an appended tree replaced it, else 0 */
	.globl	boot_machine_nr
boot_machine_nr: .long 0	/* r1 at entry: the machine number (unused with a DTB) */
	.globl	boot_appended_dtb_refused
boot_appended_dtb_refused: .long 0	/* the totalsize of an appended tree step 3 did not take, else 0 */

	.bss
	.align	14		/* the first-level table must be 16 KiB aligned */
	.globl	swapper_pg_dir
swapper_pg_dir:
	.skip	16384		/* 4096 entries, one per MiB of virtual space */
	.globl	init_stack
init_stack:
	.skip	STACK_SIZE

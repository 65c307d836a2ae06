/* SPDX-License-Identifier: MIT */
/*
 * x86 entry: the first instructions bootmm runs (Linux's arch/x86/kernel/head_32.S).
 *
 * Boot pipeline: bootloader -> here -> start_kernel() (kernel/main.c).
 *
 * A multiboot loader (QEMU's -kernel, or GRUB) jumps to _start in 32-bit
 * protected mode with paging off, eax = the loader's magic number and ebx = the
 * physical address of its boot information (memory map, command line).  This
 * code runs at the physical load address (1 MiB) while the kernel is linked at
 * PAGE_OFFSET + 1 MiB (linker/x86.lds), so until paging is on every symbol is
 * used as "symbol - PAGE_OFFSET".  It:
 *   1. zeroes .bss and keeps eax/ebx in boot_magic/boot_info for later parsing;
 *   2. loads a flat GDT of its own (the loader's may be gone by now);
 *   3. builds one page directory that maps the first 896 MiB of physical memory
 *      twice: at 0 (identity, so the next instruction still works once paging
 *      is on) and at PAGE_OFFSET (Linux's 3G/1G split), with 4 MiB pages (PSE),
 *      so the whole linear map is 224 entries and no page tables;
 *   4. turns paging on, jumps to the high addresses, drops the identity half,
 *      sets up a stack and calls start_kernel().
 */
#include <asm/page.h>

#define MB1_MAGIC	0x1BADB002	/* multiboot v1 header magic */
#define MB1_FLAGS	0x00000003	/* bit 0: page-aligned modules, bit 1: memory map */
#define MB2_MAGIC	0xE85250D6	/* multiboot2 header magic (GRUB's multiboot2 command) */
#define MB2_ARCH_I386	0

#define PDE_4M_KERNEL	0x83		/* present | writable | PS (a 4 MiB page) */
#define KERNEL_PDE	(PAGE_OFFSET >> 22)	/* 768: the first entry of the top 1 GiB */
#define STACK_SIZE	16384

#define PHYS(sym)	((sym) - PAGE_OFFSET)

/* Both headers must lie in the first 8 KiB (v1) / 32 KiB (v2) of the file. */
	.section .multiboot, "a"
	.align 4
multiboot_header:
	.long MB1_MAGIC
	.long MB1_FLAGS
	.long -(MB1_MAGIC + MB1_FLAGS)

	.align 8
multiboot2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long multiboot2_header_end - multiboot2_header
	.long -(MB2_MAGIC + MB2_ARCH_I386 + (multiboot2_header_end - multiboot2_header))
	.short 0, 0			/* end tag: type 0, flags 0, size 8 */
	.long 8
multiboot2_header_end:

/*
 * Unwind information for GDB: one frame description (CFI) covers _start and
 * says that it has no return address (".cfi_undefined eip"), which marks it as
 * the outermost frame, so a backtrace ends at _start.  (GDB's x86 prologue
 * analysis happens to stop here too; ARM's does not, see boot/arm/head.S:
 * both say it the same way, rather than leave it to a guess.)  .debug_frame, like the C
 * code's (the linker script drops .eh_frame).  The .type/.size make GDB name
 * the frame _start rather than _stext, which shares its address.
 */
	.cfi_sections .debug_frame
	.section .head.text, "ax"
	.code32
	.globl _start
	.type	_start, @function
_start:
	.cfi_startproc
	.cfi_undefined eip
	cli
	cld
	movl	%eax, %esi		/* keep the loader's magic and info pointer */
	movl	%ebx, %edx

	/* 1. Zero .bss (loaders should, but do not all promise to). */
	movl	$PHYS(__bss_start), %edi
	movl	$PHYS(__bss_stop), %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb
	movl	%esi, PHYS(boot_magic)
	movl	%edx, PHYS(boot_info)

	/* 2. Our own GDT: flat 4 GiB code and data segments. */
	lgdt	PHYS(gdt_descr_phys)
	ljmp	$0x08, $PHYS(1f)
1:	movl	$0x10, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs

	/* 3. initial_page_dir[i] = initial_page_dir[768 + i] = i * 4 MiB, for i < 224. */
	movl	$PHYS(initial_page_dir), %edi
	xorl	%ecx, %ecx
2:	movl	%ecx, %eax
	shll	$22, %eax
	orl	$PDE_4M_KERNEL, %eax
	movl	%eax, (%edi, %ecx, 4)
	movl	%eax, (KERNEL_PDE * 4)(%edi, %ecx, 4)
	incl	%ecx
	cmpl	$(LOWMEM_MAP_SIZE >> 22), %ecx
	jb	2b

	/* 4. Paging on: CR4.PSE allows 4 MiB pages, CR3 = page directory, CR0.PG|WP. */
	movl	%cr4, %eax
	orl	$0x10, %eax
	movl	%eax, %cr4
	movl	%edi, %cr3
	movl	%cr0, %eax
	orl	$0x80010000, %eax
	movl	%eax, %cr0
	movl	$3f, %eax		/* an absolute jump lands on the high addresses */
	jmp	*%eax
3:
	/* Running at PAGE_OFFSET now: remove the identity entries and flush the TLB. */
	movl	$initial_page_dir, %edi
	xorl	%eax, %eax
	movl	$(LOWMEM_MAP_SIZE >> 22), %ecx
	rep stosl
	movl	%cr3, %eax
	movl	%eax, %cr3
	lgdt	gdt_descr		/* the GDT's virtual address, for later */

	movl	$(init_stack + STACK_SIZE), %esp
	xorl	%ebp, %ebp		/* end of the frame chain for GDB's backtrace */
	call	start_kernel
4:	cli				/* start_kernel() does not return */
	hlt
	jmp	4b
	.cfi_endproc
	.size	_start, . - _start

	.section .data
	.align 4
	.globl boot_magic, boot_info
boot_magic:	.long 0			/* eax from the loader */
boot_info:	.long 0			/* ebx from the loader (physical) */

	.align 8
gdt:
	.quad 0				/* null descriptor */
	.quad 0x00cf9a000000ffff	/* 0x08: code, base 0, limit 4 GiB, 32-bit */
	.quad 0x00cf92000000ffff	/* 0x10: data, base 0, limit 4 GiB */
gdt_end:
gdt_descr_phys:
	.short gdt_end - gdt - 1
	.long PHYS(gdt)
gdt_descr:
	.short gdt_end - gdt - 1
	.long gdt

	.section .bss
	.align PAGE_SIZE
	.globl initial_page_dir
initial_page_dir:
	.skip PAGE_SIZE
	.globl init_stack
init_stack:
	.skip STACK_SIZE

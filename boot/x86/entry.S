/* SPDX-License-Identifier: MIT */
/*
 * x86 exception entry (Linux's arch/x86/entry/entry_32.S, for the 32 CPU
 * exceptions only: bootmm takes no interrupts).
 *
 * Boot pipeline: trap_init() (boot/x86/traps.c) points the IDT's first 32
 * gates at these stubs.  Some exceptions push an error code, others do not;
 * each stub pushes a dummy 0 where the CPU pushed nothing, then its vector
 * number, so that every exception reaches exception_common with the same
 * frame: saved registers, vector, error code, then what the CPU pushed
 * (eip, cs, eflags).  do_exception() reports and panics.
 */
	.text
	.code32

	.macro	exception_stub vector, has_error_code
	.globl	exception_stub_\vector
exception_stub_\vector:
	.if \has_error_code == 0
	pushl	$0
	.endif
	pushl	$\vector
	jmp	exception_common
	.endm

	/* The CPU pushes an error code for 8, 10-14, 17, 21, 29 and 30. */
	exception_stub 0, 0
	exception_stub 1, 0
	exception_stub 2, 0
	exception_stub 3, 0
	exception_stub 4, 0
	exception_stub 5, 0
	exception_stub 6, 0
	exception_stub 7, 0
	exception_stub 8, 1
	exception_stub 9, 0
	exception_stub 10, 1
	exception_stub 11, 1
	exception_stub 12, 1
	exception_stub 13, 1
	exception_stub 14, 1
	exception_stub 15, 0
	exception_stub 16, 0
	exception_stub 17, 1
	exception_stub 18, 0
	exception_stub 19, 0
	exception_stub 20, 0
	exception_stub 21, 1
	exception_stub 22, 0
	exception_stub 23, 0
	exception_stub 24, 0
	exception_stub 25, 0
	exception_stub 26, 0
	exception_stub 27, 0
	exception_stub 28, 0
	exception_stub 29, 1
	exception_stub 30, 1
	exception_stub 31, 0

exception_common:
	pushal				/* edi esi ebp esp ebx edx ecx eax */
	cld
	pushl	%esp			/* struct exception_frame * */
	call	do_exception		/* does not return */
1:	cli
	hlt
	jmp	1b

	/* Their addresses, in vector order, for trap_init(). */
	.section .rodata
	.align	4
	.globl	exception_stubs
exception_stubs:
	.irp	v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.long	exception_stub_\v
	.endr

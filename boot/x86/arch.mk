# SPDX-License-Identifier: MIT
# x86 (32-bit): built by the host gcc with -m32, booted by QEMU's multiboot loader
# (-kernel takes the ELF) or by GRUB from an ISO (make iso / make run-iso).

CROSS_COMPILE	:=
# No SSE/x87 in the kernel: nothing saves those registers, and Linux avoids them too.
# No .eh_frame unwind tables (the linker script drops them): GCC then writes
# .debug_frame, which GDB needs to step over calls with "next".
# memblock stays after boot (as Linux's ARCH_KEEP_MEMBLOCK): the shell, the GDB
# helpers and memory hotplug read it once the __init sections are freed.
ARCH_CFLAGS	:= -DCONFIG_ARCH_KEEP_MEMBLOCK -m32 -march=i686 -mno-sse -mno-mmx -mno-80387 -fno-pic \
		   -fno-asynchronous-unwind-tables
LDFLAGS		:= -m elf_i386 -nostdlib -static -z noexecstack --no-warn-rwx-segments
ARCH_SRCS	:= boot/x86/head.S boot/x86/entry.S boot/x86/traps.c boot/x86/setup.c boot/x86/multiboot.c boot/x86/e820.c \
		   boot/x86/reserve.c boot/x86/mm.c boot/x86/vmemmap.c boot/x86/reboot.c \
		   drivers/tty/serial/8250_early.c drivers/clocksource/tsc.c
ARCH_LIBS	:=
KERNEL_IMAGES	:= $(O)/bootmm.elf

QEMU		:= qemu-system-i386
QEMU_MACHINE	:= -M pc -accel tcg
QEMU_KERNEL	:= $(O)/bootmm.elf
# Writing v to port 0xf4 ends QEMU with status (v << 1) | 1: see boot/x86/reboot.c.
QEMU_EXIT_DEVICE := -device isa-debug-exit,iobase=0xf4,iosize=0x04
# -nographic also tells the machine it has no display (graphics=off), and SeaBIOS
# then makes COM1 its own console (sercon): it reads COM1 as its keyboard and sets
# the UART up for itself, so what is piped into `make run` before the kernel runs
# is eaten or lost.  Measured: `printf 'meminfo\npoweroff\n' | make run` waited at
# the prompt until killed, and of 42 piped lines the first 9 bytes were gone.
# graphics=on again, after -nographic, keeps the firmware off COM1 (its banner
# goes to the unseen VGA screen); the display stays off.
QEMU_AFTER_NOGRAPHIC := -machine graphics=on


# make iso: a GRUB rescue image that boots the same ELF through multiboot2.  The
# command line is written into its grub.cfg, so the ISO is rebuilt whenever
# CMDLINE differs from the one it was made with: `make run-iso CMDLINE=...`
# works like `make run CMDLINE=...`.
ISO := $(O)/bootmm.iso
ISO_CMDLINE := $(O)/iso.cmdline
iso: $(ISO)
$(ISO_CMDLINE): FORCE
	@mkdir -p $(dir $@)
	@printf '%s\n' $(APPEND) | cmp -s - $@ || printf '%s\n' $(APPEND) > $@
$(ISO): $(O)/bootmm.elf boot/x86/grub.cfg $(ISO_CMDLINE)
	@mkdir -p $(O)/iso/boot/grub
	cp $(O)/bootmm.elf $(O)/iso/boot/bootmm.elf
	awk -v cmdline="$$(cat $(ISO_CMDLINE))" '{ sub(/@CMDLINE@/, cmdline) } 1' \
		boot/x86/grub.cfg > $(O)/iso/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(O)/iso 2>$(O)/grub-mkrescue.log || { cat $(O)/grub-mkrescue.log; exit 1; }
# -boot d: the CD first, so the BIOS does not try the (absent) hard disk and
# floppy and print "Boot failed: could not read the boot disk" before GRUB.
run-iso: deps $(ISO)
	$(Q)$(QEMU) $(QEMU_MACHINE) -m $(MEM) -smp $(SMP) -nographic -no-reboot \
		$(QEMU_AFTER_NOGRAPHIC) -cdrom $(ISO) -boot d $(QEMU_EXIT_DEVICE) $(QEMU_EXTRA)
.PHONY: FORCE
FORCE:

# SPDX-License-Identifier: MIT
# ARM (ARMv7-A, QEMU virt, Cortex-A15): built with the GNU Arm Embedded Toolchain
# and booted as a raw image through QEMU's Linux boot protocol, so that r2 holds
# the device tree's address.  The ELF is kept for GDB.

CROSS_COMPILE	:= arm-none-eabi-
LIBFDT		:= build/third_party/libfdt-armhf/usr
# Debian's armhf libfdt is built for the hard-float ABI with 32-bit enums:
# the kernel must match it to link with it (see README, "libfdt").
ARCH_CFLAGS	:= -march=armv7-a -marm -mfloat-abi=hard -mfpu=vfpv3-d16 -fno-short-enums \
		   -isystem $(LIBFDT)/include
LDFLAGS		:= -nostdlib -static -z noexecstack --no-warn-rwx-segments
ARCH_SRCS	:= boot/arm/head.S boot/arm/setup.c boot/arm/traps.c boot/arm/reboot.c \
		   drivers/tty/serial/amba-pl011.c drivers/clocksource/arm_arch_timer.c \
		   drivers/of/fdt.c drivers/of/libfdt_glue.c
ARCH_LIBS	:= $(LIBFDT)/lib/arm-linux-gnueabihf/libfdt.a
KERNEL_IMAGES	:= $(O)/bootmm.elf $(O)/bootmm.bin

$(ARCH_LIBS): | deps

# QEMU's -kernel only passes the DTB pointer to a raw image (an ELF is booted as
# bare metal with r2 = 0), so this is what `make run` boots.
$(O)/bootmm.bin: $(O)/bootmm.elf
	@$(if $(filter 1,$(V)),,echo "  OBJCOPY $@")
	$(Q)$(OBJCOPY) -O binary $< $@

QEMU		:= qemu-system-arm
QEMU_MACHINE	:= -M virt,highmem=off -accel tcg -cpu cortex-a15
QEMU_KERNEL	:= $(O)/bootmm.bin
# Semihosting lets the kernel choose QEMU's exit status (boot/arm/reboot.c).
QEMU_EXIT_DEVICE := -semihosting-config enable=on,target=native

HOST_EXTRA_SRCS	:=

# SPDX-License-Identifier: MIT
# ARM (ARMv7-A, QEMU virt, Cortex-A15): built with the GNU Arm Embedded Toolchain
# and booted as a raw image through QEMU's Linux boot protocol, so that r2 holds
# the device tree's address.  The ELF is kept for GDB.  Each dts/<name>.dts is
# also compiled and appended to a copy of the raw image, bootmm-<name>.bin,
# which `make run DTS=<name>` boots (docs/device-tree.md).

CROSS_COMPILE	:= arm-none-eabi-
LIBFDT		:= build/third_party/libfdt-armhf/usr
# Debian's armhf libfdt is built for the hard-float ABI with 32-bit enums:
# the kernel must match it to link with it (see README, "libfdt").
# memblock stays after boot (Linux's ARCH_KEEP_MEMBLOCK on ARM): ARM's pfn_valid() reads it.
ARCH_CFLAGS	:= -DCONFIG_ARCH_KEEP_MEMBLOCK -march=armv7-a -marm -mfloat-abi=hard -mfpu=vfpv3-d16 -fno-short-enums \
		   -isystem $(LIBFDT)/include
# --no-enum-size-warning: a deliberate mix, not a silenced mistake.  The kernel is
# built with 32-bit enums to match Debian's armhf libfdt (above); arm-none-eabi's
# libgcc exists only in the bare-metal EABI's short-enum flavour (no multilib
# with -fno-short-enums).  What the kernel takes from libgcc is integer division
# (_aeabi_uldivmod, _udivmoddi4, _udivsi3, _divsi3, _dvmd_tls: see a -Map of the
# link), whose interfaces pass integers only, so no enum crosses between the two.
LDFLAGS		:= -nostdlib -static -z noexecstack --no-warn-rwx-segments --no-enum-size-warning
ARCH_SRCS	:= boot/arm/head.S boot/arm/setup.c boot/arm/traps.c boot/arm/reboot.c \
		   drivers/tty/serial/amba-pl011.c drivers/clocksource/arm_arch_timer.c \
		   drivers/of/fdt.c drivers/of/of_reserved_mem.c drivers/of/libfdt_glue.c \
		   boot/arm/mm.c boot/arm/vmemmap.c
ARCH_LIBS	:= $(LIBFDT)/lib/arm-linux-gnueabihf/libfdt.a
KERNEL_IMAGES	:= $(O)/bootmm.elf $(O)/bootmm.bin

$(ARCH_LIBS): | deps

# QEMU's -kernel only passes the DTB pointer to a raw image (an ELF is booted as
# bare metal with r2 = 0), so this is what `make run` boots.  head.S looks for an
# appended tree at _image_end, so the image must end exactly there: checked.
$(O)/bootmm.bin: $(O)/bootmm.elf
	@$(if $(filter 1,$(V)),,echo "  OBJCOPY $@")
	$(Q)$(OBJCOPY) -O binary $< $@
	$(Q)sym() { $(CROSS_COMPILE)nm $< | awk -v s=$$1 '$$3 == s { print "0x" $$1 }'; }; \
	size=$$(stat -c %s $@); want=$$(( $$(sym _image_end) - $$(sym _text) )); \
	if [ "$$size" -ne "$$want" ]; then \
		echo "$@ is $$size bytes, but _image_end - _text is $$want: see linker/arm.lds" >&2; \
		rm -f $@; exit 1; \
	fi

# --- device-tree scenarios: dts/<name>.dts -> bootmm-<name>.bin ----------------
# QEMU's -dtb would replace every memory node of a scenario's tree, so the tree
# travels appended to the raw image instead, as with Linux's
# CONFIG_ARM_APPENDED_DTB (docs/device-tree.md).  `make` builds them all.
DTC		:= dtc
DTS_NAMES	:= $(sort $(basename $(notdir $(wildcard dts/*.dts))))
DTBS		:= $(DTS_NAMES:%=$(O)/dts/%.dtb)
KERNEL_IMAGES	+= $(DTS_NAMES:%=$(O)/bootmm-%.bin)
.SECONDARY: $(DTBS)

$(O)/dts/%.dtb: dts/%.dts $(wildcard dts/*.dtsi) | deps
	@mkdir -p $(dir $@)
	@$(if $(filter 1,$(V)),,echo "  DTC     $<")
	$(Q)$(DTC) -I dts -O dtb -o $@ $<

$(O)/bootmm-%.bin: $(O)/bootmm.bin $(O)/dts/%.dtb
	@$(if $(filter 1,$(V)),,echo "  APPEND  $@")
	$(Q)cat $^ > $@

# make run DTS=<name>: boot that scenario, with the QEMU memory its header names
# ("QEMU memory: 1G") unless MEM= is given too.
ifneq ($(DTS),)
ifeq ($(filter $(DTS),$(DTS_NAMES)),)
$(error DTS=$(DTS): there is no dts/$(DTS).dts (scenarios: $(DTS_NAMES)))
endif
DTS_MEM		:= $(shell sed -n 's/^ \* QEMU memory: *\([0-9][0-9]*[KMGT]\) *$$/\1/p' dts/$(DTS).dts)
ifeq ($(origin MEM),file)
MEM		:= $(DTS_MEM)
else ifneq ($(MEM),$(DTS_MEM))
$(warning DTS=$(DTS) is described for MEM=$(DTS_MEM); QEMU gets MEM=$(MEM), so its RAM and the tree's memory nodes differ)
endif
endif

QEMU		:= qemu-system-arm
QEMU_MACHINE	:= -M virt,highmem=off -accel tcg -cpu cortex-a15
QEMU_KERNEL	:= $(if $(DTS),$(O)/bootmm-$(DTS).bin,$(O)/bootmm.bin)
# Semihosting lets the kernel choose QEMU's exit status (boot/arm/reboot.c).
QEMU_EXIT_DEVICE := -semihosting-config enable=on,target=native


# SPDX-License-Identifier: MIT
#
# bootmm's build, top to bottom: pick the architecture, list the sources, compile
# them, link with the arch's linker script, then the commands that run the kernel
# in QEMU, debug it in GDB and test it.  `make help` lists the targets.
#
#   make [ARCH=x86|arm]            build build/$(ARCH)/bootmm.elf (and .bin on ARM)
#   make run   [MEM= CMDLINE= SMP= QEMU_EXTRA=]   (ends in the serial shell: 'help')
#   make memmap-picture            build/$(ARCH)/memmap.png from the last make run
#   make run ARCH=arm DTS=<name>   boot the device tree dts/<name>.dts
#   make iso / run-iso             x86: the same kernel from a GRUB ISO
#   make debug                     QEMU stopped at the first instruction + GDB
#   make test                      host unit tests, QEMU boot tests, GDB tests
#   make bench                     host benchmarks of the mm core
#   V=1                            show full command lines

.DEFAULT_GOAL := all

ARCH		?= x86
MEM		?= 128M
CMDLINE		?=
SMP		?= 1
QEMU_EXTRA	?=
V		?= 0

ifneq ($(ARCH),x86)
ifneq ($(ARCH),arm)
$(error ARCH must be x86 or arm, not '$(ARCH)')
endif
endif

ifeq ($(V),1)
Q :=
else
Q := @
endif

# The two parts students swap (mm/mm.mk): each variant builds in its own folder,
# so switching never mixes objects: build/x86, build/x86-sparsemem-memblock, ...
MEMORY_MODEL	?= flatmem
EARLY_ALLOCATOR	?= bootmem
O ?= build/$(ARCH)$(if $(filter-out flatmem,$(MEMORY_MODEL)),-$(MEMORY_MODEL))$(if $(filter-out bootmem,$(EARLY_ALLOCATOR)),-$(EARLY_ALLOCATOR))

# Per-arch settings: toolchain, flags, the arch's own sources, and how QEMU boots it.
include boot/$(ARCH)/arch.mk

# The sources, by folder.  The boot pipeline reads left to right in start_kernel().
KERNEL_SRCS := kernel/main.c kernel/printk.c kernel/vsprintf.c kernel/params.c kernel/cmdline.c \
	       kernel/panic.c kernel/string.c kernel/version.c kernel/poweroff.c kernel/shell.c \
	       kernel/shell_mm.c kernel/shell_buddy.c kernel/shell_restart.c kernel/shell_gdbinfo.c \
	       kernel/shell_memory.c
# The console's receive buffer, which both arches' serial drivers fill.
KERNEL_SRCS += drivers/tty/tty_buffer.c
include mm/mm.mk
SRCS := $(ARCH_SRCS) $(KERNEL_SRCS) $(MM_SRCS)

CC		:= $(CROSS_COMPILE)gcc
LD		:= $(CROSS_COMPILE)ld
OBJCOPY		:= $(CROSS_COMPILE)objcopy

# -Og: optimised but still steppable line by line in GDB, which students do.
CFLAGS := -std=gnu11 -Wall -Wextra -Werror -Og -g -ffreestanding -fno-common \
	  -fno-pie -fno-stack-protector -fno-strict-aliasing -D__KERNEL__ \
	  -Iinclude -Iboot/$(ARCH)/include -isystem include/libc $(ARCH_CFLAGS)
ASFLAGS := $(CFLAGS) -D__ASSEMBLY__
# libgcc (64-bit division on 32-bit targets) is looked up when the kernel is
# linked, not when this Makefile is read: on a fresh machine `deps` installs the
# compiler's multilib first, and a path computed before that names nothing.
LIBGCC = $(shell $(CC) $(ARCH_CFLAGS) -print-libgcc-file-name 2>/dev/null)

OBJS := $(patsubst %,$(O)/%.o,$(basename $(SRCS)))
DEPS := $(OBJS:.o=.d)

.PHONY: all run memmap-picture debug qemu-gdb gdb iso run-iso test test-unit test-boot test-gdb \
	clean deps help compile_commands.json bench
all: deps $(KERNEL_IMAGES)

# scripts/install-deps.sh installs what is missing (apt-get, as root or via sudo)
# and says so; when everything is there it prints nothing and takes a moment.
deps:
	$(Q)scripts/install-deps.sh

$(O)/%.o: %.c | deps
	@mkdir -p $(dir $@)
	@$(if $(filter 1,$(V)),,echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(CFLAGS_$(basename $<)) -MMD -MP -c -o $@ $<

$(O)/%.o: %.S | deps
	@mkdir -p $(dir $@)
	@$(if $(filter 1,$(V)),,echo "  AS      $<")
	$(Q)$(CC) $(ASFLAGS) -MMD -MP -c -o $@ $<

# The banner names the compiler and linker that built the kernel, as Linux's does.
CFLAGS_kernel/version = -DBOOTMM_COMPILER='"$(shell $(CC) --version | head -n1), $(shell $(LD) --version | head -n1)"' \
			-DBOOTMM_ARCH='"$(ARCH)"'

$(O)/bootmm.elf: $(OBJS) linker/$(ARCH).lds $(ARCH_LIBS)
	@$(if $(filter 1,$(V)),,echo "  LD      $@")
	$(Q)libgcc='$(LIBGCC)'; [ -f "$$libgcc" ] || { echo "no libgcc for $(CC) $(ARCH_CFLAGS)" \
		"('$$libgcc'): is scripts/install-deps.sh's compiler package installed?" >&2; exit 1; }; \
	$(LD) $(LDFLAGS) -T linker/$(ARCH).lds -o $@ $(OBJS) $(ARCH_LIBS) "$$libgcc"

# Flags live in these files: when they change, everything is rebuilt.
$(OBJS): Makefile boot/$(ARCH)/arch.mk mm/mm.mk

-include $(DEPS)

# --- running -----------------------------------------------------------------
# A per-user GDB port, so two students on one machine do not clash (as xv6 does).
GDBPORT := $(shell expr `id -u` % 5000 + 25000)

# The command line goes to the shell single-quoted and unexpanded by make, so
# memmap=8M$32M arrives as typed ($(value) keeps make from eating "$3").
shell_quote = '$(subst ','\'',$(1))'
APPEND := $(call shell_quote,$(value CMDLINE))

QEMU_CMD = $(QEMU) $(QEMU_MACHINE) -m $(MEM) -smp $(SMP) -nographic $(QEMU_AFTER_NOGRAPHIC) -no-reboot \
	   -kernel $(QEMU_KERNEL) -append $(APPEND) $(QEMU_EXIT_DEVICE) $(QEMU_EXTRA)

# make run also keeps what the serial console printed — boot log and shell session —
# in $(O)/last-run.log (QEMU's chardev logfile=, so the terminal stays QEMU's own
# stdin and stdout, Ctrl-A x and the exit status unchanged); `make memmap-picture`
# draws it.  Only when QEMU_EXTRA does not redirect the serial port itself (the
# GDB tests send it to a file).  The options are -nographic's mon:stdio, spelled out.
RUN_LOG := $(O)/last-run.log
RUN_SERIAL = $(if $(findstring -serial,$(QEMU_EXTRA)),,-chardev stdio,id=con0,mux=on,signal=on,logfile=$(RUN_LOG) \
	     -serial chardev:con0 -mon chardev=con0,mode=readline)

run: all
	$(Q)$(QEMU_CMD) $(RUN_SERIAL)

# A picture of physical memory from the last `make run`: nodes, zones, memblock,
# and, if the shell printed them, iomem and buddyinfo (scripts/memmap-picture.py).
MEMMAP_PICTURE := $(O)/memmap.png
memmap-picture: deps
	$(Q)scripts/memmap-picture.py $(RUN_LOG) -o $(MEMMAP_PICTURE)

# Two terminals: `make qemu-gdb` (serial on this terminal), then `make gdb` with
# the same variant: GDB_VARIANT spells it out, so that each prints the other's
# complete command (and bootmm-connect refuses an ELF QEMU does not run).
GDB_VARIANT = ARCH=$(ARCH) MEMORY_MODEL=$(MEMORY_MODEL) EARLY_ALLOCATOR=$(EARLY_ALLOCATOR)$(if \
	      $(filter command line,$(origin O)), O=$(O))$(if $(filter command line,$(origin GDBPORT)), GDBPORT=$(GDBPORT))
qemu-gdb: all
	@echo "*** QEMU waits for GDB on port $(GDBPORT): run 'make gdb $(GDB_VARIANT)' in another terminal"
	$(Q)$(QEMU_CMD) -S -gdb tcp::$(GDBPORT)

# QEMU must be waiting already: 3 s of retrying, not make debug's 15.
gdb: deps
	$(Q)gdb-multiarch -q -x scripts/gdb/bootmm.gdb -ex 'set tcp connect-timeout 3' \
		-ex 'bootmm-connect $(GDBPORT) make qemu-gdb $(GDB_VARIANT)' $(O)/bootmm.elf

# One terminal: QEMU in the background (serial log in $(O)/serial.log), GDB here,
# stopped at start_kernel, the first C function.  Quitting GDB stops QEMU.
# Ctrl-C must reach GDB only, which then stops the guest (as in two terminals):
# the terminal sends SIGINT to its whole foreground process group, so QEMU runs
# in a session of its own (setsid), and this shell ignores SIGINT (trap :, which
# GDB does not inherit) so that it lives on to stop QEMU when GDB quits.
debug: all
	@echo "*** serial output goes to $(O)/serial.log (tail -f it in another terminal)"
	$(Q)trap : INT; \
	setsid $(QEMU_CMD) -S -gdb tcp::$(GDBPORT) -serial file:$(O)/serial.log \
		-monitor none -display none -nographic </dev/null >/dev/null 2>&1 & \
	qpid=$$!; \
	trap 'kill $$qpid 2>/dev/null; exit 1' HUP TERM; \
	gdb-multiarch -q -x scripts/gdb/bootmm.gdb -ex 'bootmm-connect $(GDBPORT)' \
		-ex 'bootmm-start' $(O)/bootmm.elf; \
	kill $$qpid 2>/dev/null; wait $$qpid 2>/dev/null; true

# --- testing -----------------------------------------------------------------
include tests/tests.mk
include tests/fuzz/fuzz.mk
include tests/bench/bench.mk

clean:
	rm -rf build compile_commands.json

# For editors and clangd: one entry per kernel source, with its real flags.
compile_commands.json:
	$(Q)scripts/compile-commands.py $(foreach s,$(SRCS),"$(s)" "$(CC) $(if $(filter %.S,$(s)),$(ASFLAGS),$(CFLAGS)) -c $(s)") > $@
	@echo "  GEN     $@ ($(ARCH))"

help:
	@sed -n '3,16p' Makefile | sed 's/^# \{0,1\}//'

# SPDX-License-Identifier: MIT
#
# `make test`: host unit tests (cmocka, AddressSanitizer + UBSan), then QEMU boot
# tests and scripted GDB sessions on both arches.  scripts/run-tests.sh drives it
# and prints the closing "N passed, N failed" line.
#
# Unit tests: every tests/unit/test_*.c is one cmocka program, linked with the
# host build of the mm core (HOST_LIB_SRCS).  Adding a test is adding a file.

HOST_CC		?= gcc
HOST_O		:= build/host
HOST_CFLAGS	:= -std=gnu11 -Wall -Wextra -Werror -O1 -g -fno-omit-frame-pointer \
		   -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -U_FORTIFY_SOURCE -Iinclude -Itests/host/include -Itests/host \
		   -include tests/host/host.h
HOST_LDLIBS	:= -lcmocka -lfdt

# Whatever ARCH is: the host build is the same for both.  The x86 boot-protocol
# parsers are plain C over their tables, so they are tested here too.
# The memory model is replaced by a heap-backed double (tests/host/memory_model_host.c);
# the real ones are tested by programs of their own.
HOST_LIB_SRCS	:= kernel/vsprintf.c kernel/params.c kernel/cmdline.c \
		   $(filter-out mm/memory_model/% mm/mem_init.c mm/initmem.c mm/page_alloc_selftest.c,$(MM_SRCS)) \
		   boot/x86/multiboot.c boot/x86/e820.c \
		   tests/host/printk_host.c tests/host/hostparam.c tests/host/memory_model_host.c
# The device-tree reader too; its tests read trees dtc compiles from
# tests/unit/dts/*.dts into $(HOST_O)/tests/dts/, named by BOOTMM_TEST_DTB_DIR.
HOST_LIB_SRCS	+= drivers/of/fdt.c drivers/of/of_reserved_mem.c
# The console's receive ring (plain C, no hardware): tests/unit/test_tty_buffer.c.
HOST_LIB_SRCS	+= drivers/tty/tty_buffer.c
TEST_DTBS	:= $(patsubst tests/unit/dts/%.dts,$(HOST_O)/tests/dts/%.dtb,$(wildcard tests/unit/dts/*.dts))
HOST_CFLAGS	+= -DBOOTMM_TEST_DTB_DIR='"$(abspath $(HOST_O)/tests/dts)"'
HOST_LIB_OBJS	:= $(patsubst %.c,$(HOST_O)/%.o,$(HOST_LIB_SRCS))
# Built only as prerequisites of pattern rules, they would count as intermediate
# files and be deleted after each build; they are worth keeping.
.SECONDARY: $(HOST_LIB_OBJS)
UNIT_TESTS	:= $(patsubst tests/unit/%.c,$(HOST_O)/tests/%,$(wildcard tests/unit/test_*.c))

# The early allocators (mm/mm.mk) implement one API, so a program holds one of
# them, and both end in the buddy allocator's __free_pages_bootmem(), which
# nothing defines until mm/page_alloc.c exists except their own tests.  So the
# library leaves out whichever one EARLY_ALLOCATOR chose, and each allocator's
# tests, test_<name>*.c, link mm/<name>.c whatever the choice.
EARLY_ALLOCATOR_TESTS	:= bootmem nobootmem
EARLY_ALLOCATOR_OBJS	:= $(patsubst %,$(HOST_O)/mm/%.o,$(EARLY_ALLOCATOR_TESTS)) \
			   $(patsubst %.c,$(HOST_O)/%.o,$(EARLY_ALLOCATOR_SRC))
HOST_LIB_OBJS	:= $(filter-out $(EARLY_ALLOCATOR_OBJS),$(HOST_LIB_OBJS))
.SECONDARY: $(EARLY_ALLOCATOR_OBJS)
-include $(EARLY_ALLOCATOR_OBJS:.o=.d)

define early_allocator_tests
ifneq ($(filter $(HOST_O)/tests/test_$(1)%,$(UNIT_TESTS)),)
$(filter $(HOST_O)/tests/test_$(1)%,$(UNIT_TESTS)): $(HOST_O)/tests/%: tests/unit/%.c \
		$(HOST_LIB_OBJS) $(HOST_O)/mm/$(1).o
	@mkdir -p $$(dir $$@)
	@$$(if $$(filter 1,$$(V)),,echo "  HOSTLD  $$@")
	$$(Q)$$(HOST_CC) $$(HOST_CFLAGS) -MMD -MP -o $$@ $$< $$(HOST_LIB_OBJS) $(HOST_O)/mm/$(1).o $$(HOST_LDLIBS)
endif
endef
$(foreach a,$(EARLY_ALLOCATOR_TESTS),$(eval $(call early_allocator_tests,$(a))))

$(HOST_O)/%.o: %.c | deps
	@mkdir -p $(dir $@)
	@$(if $(filter 1,$(V)),,echo "  HOSTCC  $<")
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -MMD -MP -c -o $@ $<

$(HOST_O)/tests/%: tests/unit/%.c $(HOST_LIB_OBJS)
	@mkdir -p $(dir $@)
	@$(if $(filter 1,$(V)),,echo "  HOSTLD  $@")
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -MMD -MP -o $@ $< $(HOST_LIB_OBJS) $(HOST_LDLIBS)

# test_printk tests kernel/printk.c itself (and the console receive buffer it
# reads from), so it links that instead of the
# library's stand-in printk (tests/host/printk_host.c); it needs no mm code.
PRINTK_TEST_OBJS := $(addprefix $(HOST_O)/,kernel/printk.o kernel/vsprintf.o kernel/params.o drivers/tty/tty_buffer.o)
.SECONDARY: $(PRINTK_TEST_OBJS)
$(HOST_O)/tests/test_printk: tests/unit/test_printk.c $(PRINTK_TEST_OBJS)
	@mkdir -p $(dir $@)
	@$(if $(filter 1,$(V)),,echo "  HOSTLD  $@")
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -MMD -MP -o $@ $< $(PRINTK_TEST_OBJS) $(HOST_LDLIBS)

-include $(HOST_LIB_OBJS:.o=.d) $(UNIT_TESTS:=.d)

# Memory-model tests: tests/unit/test_memory_model_<model>[_arm].c test the
# real mm/memory_model/<model>.c (and sparse.c for the sparse models) instead
# of the library's stand-in, with the x86 section geometry, or ARM's for a
# name ending in _arm (boot/<arch>/include/asm/memory_model.h), over the mm
# core rebuilt with that model's CONFIG_ symbols (MEMORY_MODEL_CONFIG_*,
# mm/mm.mk) in $(HOST_O)/model-<model>-<arch>/.
# The core is the library's mm files (the page allocator too: the sparse
# models' hot-plug half allocates and frees through it).
# tests/unit/test_memory_hotplug_<model>[_arm].c are built the same way: memory
# hot-plug (mm/memory_hotplug.c) over the real model and its sections.
MODEL_TEST_CORE		:= $(filter mm/%,$(filter-out $(EARLY_ALLOCATOR_SRC),$(HOST_LIB_SRCS)))
MODEL_TEST_LIBS		:= $(addprefix $(HOST_O)/,kernel/vsprintf.o kernel/params.o kernel/cmdline.o \
			   tests/host/printk_host.o tests/host/hostparam.o)
MODEL_TESTS		:= $(filter $(HOST_O)/tests/test_memory_model_% $(HOST_O)/tests/test_memory_hotplug_%,$(UNIT_TESTS))
model_test_model	= $(firstword $(subst _, ,$(patsubst $(HOST_O)/tests/test_memory_hotplug_%,%,\
			  $(patsubst $(HOST_O)/tests/test_memory_model_%,%,$(1)))))
model_test_arch		= $(if $(filter %_arm,$(1)),arm,x86)
model_test_config	= $(or $(MEMORY_MODEL_CONFIG_$(1)),CONFIG_$(shell echo '$(1)' | tr a-z A-Z))
model_test_srcs		= $(MODEL_TEST_CORE) mm/memory_model/$(1).c \
			  $(if $(filter CONFIG_SPARSEMEM,$(call model_test_config,$(1))),$(SPARSE_SRCS)) \
			  $(if $(filter CONFIG_SPARSEMEM_VMEMMAP,$(call model_test_config,$(1))),tests/host/vmemmap_host.c)
model_test_cflags	= $(HOST_CFLAGS) $(patsubst %,-D%,$(call model_test_config,$(1))) -Iboot/$(2)/include

define memory_model_variant
$(HOST_O)/model-$(1)-$(2)/%.o: %.c | deps
	@mkdir -p $$(dir $$@)
	@$$(if $$(filter 1,$$(V)),,echo "  HOSTCC  $$< ($(1), $(2))")
	$$(Q)$$(HOST_CC) $$(call model_test_cflags,$(1),$(2)) -MMD -MP -c -o $$@ $$<
endef
define memory_model_test
$(1)_OBJS := $$(patsubst %.c,$(HOST_O)/model-$(2)-$(3)/%.o,$$(call model_test_srcs,$(2)))
.SECONDARY: $$($(1)_OBJS)
-include $$($(1)_OBJS:.o=.d)
$(1): tests/unit/$(notdir $(1)).c $$($(1)_OBJS) $(MODEL_TEST_LIBS)
	@mkdir -p $$(dir $$@)
	@$$(if $$(filter 1,$$(V)),,echo "  HOSTLD  $$@")
	$$(Q)$$(HOST_CC) $$(call model_test_cflags,$(2),$(3)) -MMD -MP -o $$@ $$< $$($(1)_OBJS) \
		$(MODEL_TEST_LIBS) $$(HOST_LDLIBS)
endef
$(foreach v,$(sort $(foreach t,$(MODEL_TESTS),$(call model_test_model,$(t))-$(call model_test_arch,$(t)))),\
	$(eval $(call memory_model_variant,$(word 1,$(subst -, ,$(v))),$(word 2,$(subst -, ,$(v))))))
$(foreach t,$(MODEL_TESTS),$(eval $(call memory_model_test,$(t),$(call model_test_model,$(t)),$(call model_test_arch,$(t)))))

# -q: some test trees are wrong on purpose, and dtc would say so.
$(HOST_O)/tests/dts/%.dtb: tests/unit/dts/%.dts | deps
	@mkdir -p $(dir $@)
	@$(if $(filter 1,$(V)),,echo "  DTC     $<")
	$(Q)dtc -q -I dts -O dtb -o $@ $<

$(filter $(HOST_O)/tests/test_fdt%,$(UNIT_TESTS)): | $(TEST_DTBS)

unit-tests: deps $(UNIT_TESTS)

test-unit: unit-tests
	$(Q)scripts/run-tests.sh unit

test-boot: deps
	$(Q)scripts/run-tests.sh boot

test-gdb: deps
	$(Q)scripts/run-tests.sh gdb

# The kernel output README.md and docs/*.md quote, against boots of the
# configurations they name (tests/docs/doccheck.py).
.PHONY: test-docs
test-docs: deps
	$(Q)scripts/run-tests.sh docs

# Everything, both arches.  This is the README's test command and what CI runs.
test: deps
	$(Q)scripts/run-tests.sh all

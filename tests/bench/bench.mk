# SPDX-License-Identifier: MIT
#
# `make bench`: host benchmarks of the mm core, built at -O2 without sanitizers
# (which would dominate the timings) and run at once; each prints a table of
# ns/op.  The sources are the same ones the unit tests build, so they share
# the host include path and the forced tests/host/host.h.

BENCH_O		:= build/bench
BENCH_CC	?= gcc
BENCH_CFLAGS	:= -std=gnu11 -Wall -Wextra -Werror -O2 -g -Iinclude -Itests/host/include \
		   -Itests/host -include tests/host/host.h
BENCH_LDLIBS	:= -lcmocka
BENCH_HDRS	:= $(wildcard include/*/*.h tests/host/*.h tests/host/include/*/*.h)
# memblock doubles its arrays from the buddy allocator once it owns memory
# (mm/memblock.c, as Linux's takes kmalloc()), so whatever links memblock
# links the zones and the buddy allocator too, over the host memory model
# unless a bench brings a real one.
BENCH_BUDDY_SRCS := mm/mm_init.c mm/memmap_check.c mm/numa.c mm/zone_movable.c \
		    $(filter mm/page_alloc%.c mm/zonelist.c mm/watermark.c mm/mem_auto_init.c \
			     mm/page_isolation.c,$(MM_SRCS)) kernel/params.c
BENCH_SRCS	:= tests/bench/bench_memblock.c mm/memblock.c kernel/vsprintf.c \
		   tests/host/printk_host.c $(BENCH_BUDDY_SRCS) tests/host/memory_model_host.c

$(BENCH_O)/bench_memblock: $(BENCH_SRCS) $(BENCH_HDRS) | deps
	@mkdir -p $(dir $@)
	@$(if $(filter 1,$(V)),,echo "  HOSTLD  $@")
	$(Q)$(BENCH_CC) $(BENCH_CFLAGS) -o $@ $(BENCH_SRCS) $(BENCH_LDLIBS)

# The early allocators: tests/bench/bench_bootmem.c calls only the bootmem API,
# so it is built once with each implementation (bench_bootmem: mm/bootmem.c's
# bitmaps; bench_nobootmem: mm/nobootmem.c on memblock); both print
# "workload|RAM|n|ns" lines, which awk joins into one table.
BENCH_EARLY_SRCS := tests/bench/bench_bootmem.c mm/memblock.c kernel/vsprintf.c \
		    tests/host/printk_host.c $(BENCH_BUDDY_SRCS) tests/host/memory_model_host.c

$(BENCH_O)/bench_bootmem $(BENCH_O)/bench_nobootmem: $(BENCH_O)/bench_%: mm/%.c \
		$(BENCH_EARLY_SRCS) $(BENCH_HDRS) | deps
	@mkdir -p $(dir $@)
	@$(if $(filter 1,$(V)),,echo "  HOSTLD  $@")
	$(Q)$(BENCH_CC) $(BENCH_CFLAGS) -o $@ $(BENCH_EARLY_SRCS) $< $(BENCH_LDLIBS)

.PHONY: bench
bench: $(BENCH_O)/bench_memblock $(BENCH_O)/bench_bootmem $(BENCH_O)/bench_nobootmem
	$(Q)$(BENCH_O)/bench_memblock
	$(Q)$(BENCH_O)/bench_bootmem > $(BENCH_O)/bootmem.txt
	$(Q)$(BENCH_O)/bench_nobootmem > $(BENCH_O)/nobootmem.txt
	$(Q)awk -F'|' 'NR == FNR { memblock[$$1 "|" $$2] = $$4; next } \
		FNR == 1 { print "\nearly allocators: the same bootmem API calls, bitmaps vs memblock" \
			" (host, -O2, no sanitizers; median of 7 runs)\n"; \
			printf "%-40s %6s %6s %14s %14s\n", "workload", "RAM", "n", \
				"bootmem ns/op", "memblock ns/op"; \
			printf "%-40s %6s %6s %14s %14s\n", "----------------------------------------", \
				"------", "------", "--------------", "--------------" } \
		{ printf "%-40s %6s %6s %14s %14s\n", $$1, $$2, $$3, $$4, memblock[$$1 "|" $$2] }' \
		$(BENCH_O)/nobootmem.txt $(BENCH_O)/bootmem.txt

# The buddy allocator: tests/bench/bench_page_alloc.c over the host build of
# memblock, the zones and the buddy allocator (the host memory model in place
# of the kernel's, no early allocator or mem_init(): the bench hands the pages
# over itself).  `bench` runs it first.
BENCH_PA_SRCS := tests/bench/bench_page_alloc.c mm/memblock.c $(BENCH_BUDDY_SRCS) \
		 tests/host/memory_model_host.c kernel/vsprintf.c tests/host/printk_host.c

$(BENCH_O)/bench_page_alloc: $(BENCH_PA_SRCS) $(BENCH_HDRS) | deps
	@mkdir -p $(dir $@)
	@$(if $(filter 1,$(V)),,echo "  HOSTLD  $@")
	$(Q)$(BENCH_CC) $(BENCH_CFLAGS) -o $@ $(BENCH_PA_SRCS) $(BENCH_LDLIBS)

.PHONY: bench-page-alloc
bench-page-alloc: $(BENCH_O)/bench_page_alloc
	$(Q)$(BENCH_O)/bench_page_alloc
bench: bench-page-alloc

# The memory models: tests/bench/bench_memmap.c, built once per model with the
# real mm/memory_model/ files and the mm core (x86 section geometry, the
# model's CONFIG_ symbols as tests/tests.mk gives its unit tests); each prints
# "workload|RAM|n|ns" lines, which awk joins into one table.
BENCH_MODELS	:= flatmem sparsemem vmemmap
BENCH_MM_SRCS	:= tests/bench/bench_memmap.c mm/memblock.c $(BENCH_BUDDY_SRCS) mm/bootmem_info.c \
		   kernel/vsprintf.c tests/host/printk_host.c
bench_model_srcs = mm/memory_model/$(1).c \
		   $(if $(filter CONFIG_SPARSEMEM,$(call model_test_config,$(1))),$(SPARSE_SRCS)) \
		   $(if $(filter CONFIG_SPARSEMEM_VMEMMAP,$(call model_test_config,$(1))),tests/host/vmemmap_host.c)

$(BENCH_MODELS:%=$(BENCH_O)/bench_memmap_%): $(BENCH_O)/bench_memmap_%: mm/memory_model/%.c \
		$(SPARSE_SRCS) tests/host/vmemmap_host.c $(BENCH_MM_SRCS) $(BENCH_HDRS) | deps
	@mkdir -p $(dir $@)
	@$(if $(filter 1,$(V)),,echo "  HOSTLD  $@")
	$(Q)$(BENCH_CC) $(BENCH_CFLAGS) $(patsubst %,-D%,$(call model_test_config,$*)) -Iboot/x86/include \
		-o $@ $(BENCH_MM_SRCS) $(call bench_model_srcs,$*) $(BENCH_LDLIBS)

.PHONY: bench-memmap
bench-memmap: $(BENCH_MODELS:%=$(BENCH_O)/bench_memmap_%)
	$(Q)for m in $(BENCH_MODELS); do $(BENCH_O)/bench_memmap_$$m | sed "s/^/$$m|/"; done \
		> $(BENCH_O)/memmap.txt
	$(Q)awk -F'|' '{ v[$$2 "|" $$3 "|" $$1] = $$5; n[$$2 "|" $$3] = $$4 } \
		END { print "\nmemory models: free_area_init() per page of RAM, and a memset of the same" \
			" bytes (host, -O2, no sanitizers, x86 sections, struct page of 56 bytes;" \
			" median of 7 runs)\n"; \
		      printf "%-8s %8s %12s %12s %12s %12s\n", "RAM", "pages", "FLATMEM", "SPARSEMEM", \
			"VMEMMAP", "memset"; \
		      printf "%-8s %8s %12s %12s %12s %12s\n", "--------", "--------", "------------", \
			"------------", "------------", "------------"; \
		      split("1 GiB|3 GiB", ram, "|"); \
		      for (i = 1; i <= 2; i++) \
			printf "%-8s %8s %9s ns %9s ns %9s ns %9s ns\n", ram[i], n["init|" ram[i]], \
				v["init|" ram[i] "|flatmem"], v["init|" ram[i] "|sparsemem"], \
				v["init|" ram[i] "|vmemmap"], v["memset|" ram[i] "|flatmem"]; \
		      printf "\nper pfn_to_page() + page_to_pfn() of a random pfn of 3 GiB: FLATMEM %s ns," \
			" SPARSEMEM %s ns (it reads page->flags for the section), VMEMMAP %s ns\n", \
			v["lookup|3 GiB|flatmem"], v["lookup|3 GiB|sparsemem"], v["lookup|3 GiB|vmemmap"] }' \
		$(BENCH_O)/memmap.txt
bench: bench-memmap

# Memory hot-plug: tests/bench/bench_memory_hotplug.c over the real SPARSEMEM
# model with ARM's sections (the only geometry whose hot-added map the host's
# 56-byte struct page leaves within MAX_ORDER), on the machine of
# tests/unit/test_memory_hotplug.h.
BENCH_HP_SRCS	:= tests/bench/bench_memory_hotplug.c mm/memblock.c $(BENCH_BUDDY_SRCS) mm/bootmem_info.c \
		   mm/memory_model/sparsemem.c $(SPARSE_SRCS) kernel/vsprintf.c kernel/cmdline.c \
		   tests/host/printk_host.c tests/host/hostparam.c

$(BENCH_O)/bench_memory_hotplug: $(BENCH_HP_SRCS) tests/unit/test_memory_hotplug.h $(BENCH_HDRS) | deps
	@mkdir -p $(dir $@)
	@$(if $(filter 1,$(V)),,echo "  HOSTLD  $@")
	$(Q)$(BENCH_CC) $(BENCH_CFLAGS) $(patsubst %,-D%,$(MEMORY_MODEL_CONFIG_sparsemem)) -Iboot/arm/include \
		-o $@ $(BENCH_HP_SRCS) $(BENCH_LDLIBS)

.PHONY: bench-memory-hotplug
bench-memory-hotplug: $(BENCH_O)/bench_memory_hotplug
	$(Q)$(BENCH_O)/bench_memory_hotplug
bench: bench-memory-hotplug

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
BENCH_SRCS	:= tests/bench/bench_memblock.c mm/memblock.c kernel/vsprintf.c \
		   tests/host/printk_host.c
BENCH_HDRS	:= $(wildcard include/*/*.h tests/host/*.h tests/host/include/*/*.h)

$(BENCH_O)/bench_memblock: $(BENCH_SRCS) $(BENCH_HDRS) | deps
	@mkdir -p $(dir $@)
	@$(if $(filter 1,$(V)),,echo "  HOSTLD  $@")
	$(Q)$(BENCH_CC) $(BENCH_CFLAGS) -o $@ $(BENCH_SRCS) $(BENCH_LDLIBS)

# The early allocators: tests/bench/bench_bootmem.c calls only the bootmem API,
# so it is built once with each implementation (bench_bootmem: mm/bootmem.c's
# bitmaps; bench_nobootmem: mm/nobootmem.c on memblock); both print
# "workload|RAM|n|ns" lines, which awk joins into one table.
BENCH_EARLY_SRCS := tests/bench/bench_bootmem.c mm/memblock.c kernel/vsprintf.c \
		    tests/host/printk_host.c

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

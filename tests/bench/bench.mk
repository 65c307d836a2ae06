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

.PHONY: bench
bench: $(BENCH_O)/bench_memblock
	$(Q)$(BENCH_O)/bench_memblock

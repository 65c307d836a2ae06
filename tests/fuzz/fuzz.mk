# SPDX-License-Identifier: MIT
#
# Fuzzing the boot-time parsers (issue 19): libFuzzer targets over the host
# build of the kernel code the unit tests use (tests/tests.mk HOST_LIB_SRCS),
# compiled by Debian's clang with -fsanitize=fuzzer,address,undefined, once
# 64-bit and once -m32 (the kernel's 32-bit unsigned long and size_t).
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS=...] [FUZZ_BITS="64 32"]
#       fuzz each target for FUZZ_SECONDS, one at a time (tests/fuzz/fuzz.sh);
#       new inputs go to build/fuzz/<bits>/corpus-<target>/, a crash to
#       build/fuzz/<bits>/crash-<target>-*, and the run fails.  Keep a crash by
#       copying it to tests/fuzz/corpus/<target>/crash-<what>-<id> (see
#       tests/fuzz/KNOWN-BUGS.md for one that is not fixed yet).
#   make fuzz-replay
#       run every committed input (tests/fuzz/corpus/<target>/) through each
#       target, both widths, without libFuzzer (replay_main.c, tests/fuzz/replay.sh);
#       scripts/run-tests.sh runs it as the "fuzz" part of make test.
#
# Targets: fdt (raw blobs), fdt_gen (trees built with libfdt's sequential-write
# API), multiboot (v1/v2 boot information), cmdline (early options -> zones).
# The -m32 build links Debian's i386 libfdt (scripts/install-deps.sh unpacks
# it into build/third_party/libfdt-i386/); its libFuzzer runtime needs the
# 32-bit libstdc++ (lib32stdc++-12-dev): without it only the replay is built.

FUZZ_CC		?= clang
FUZZ_O		:= build/fuzz
FUZZ_SECONDS	?= 60
FUZZ_TARGETS	?= fdt fdt_gen multiboot cmdline
FUZZ_BITS	?= 64 32
FUZZ_LIBFDT_i386 := build/third_party/libfdt-i386/usr/lib/i386-linux-gnu/libfdt.a
# Extra link flags for the -m32 libFuzzer programs (e.g. -L to a libstdc++.so).
FUZZ_LDFLAGS_32	?=

FUZZ_CFLAGS	:= -std=gnu11 -Wall -Wextra -Werror -O1 -g -fno-omit-frame-pointer \
		   -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -U_FORTIFY_SOURCE -Iinclude -Itests/host/include -Itests/host \
		   -include tests/host/host.h
FUZZ_CFLAGS_64	:=
FUZZ_CFLAGS_32	:= -m32
FUZZ_LIBS_64	:= -lfdt
FUZZ_LIBS_32	:= $(FUZZ_LIBFDT_i386)
FUZZ_DEPS_32	:= $(FUZZ_LIBFDT_i386)

# The unit tests' library, with the fuzz targets' printk/panic instead of cmocka's.
FUZZ_LIB_SRCS	:= $(filter-out tests/host/printk_host.c $(EARLY_ALLOCATOR_SRC) \
		     $(patsubst %,mm/%.c,$(EARLY_ALLOCATOR_TESTS)),$(HOST_LIB_SRCS)) \
		   tests/fuzz/fuzz_host.c

# Does clang find a 32-bit libstdc++ for libFuzzer's -m32 runtime?  Asked only
# for the goals that link libFuzzer (not on every `make run`).
FUZZ_HAVE_LIBFUZZER_32 := $(if $(filter fuzz fuzz-build,$(MAKECMDGOALS)),$(if $(FUZZ_LDFLAGS_32),yes,$(if \
	$(wildcard $(shell $(FUZZ_CC) -m32 -print-file-name=libstdc++.so 2>/dev/null)),yes)))

define fuzz_bits
FUZZ_LIB_OBJS_$(1) := $$(patsubst %.c,$(FUZZ_O)/$(1)/%.o,$$(FUZZ_LIB_SRCS))
.SECONDARY: $$(FUZZ_LIB_OBJS_$(1)) $(FUZZ_O)/$(1)/tests/fuzz/replay_main.o \
	    $$(patsubst %,$(FUZZ_O)/$(1)/tests/fuzz/fuzz_%.o,$$(FUZZ_TARGETS))
-include $(FUZZ_O)/$(1)/tests/fuzz/*.d
-include $$(FUZZ_LIB_OBJS_$(1):.o=.d)

# Coverage for libFuzzer everywhere (fuzzer-no-link); the replay programs link
# the same objects, the sanitizer runtime providing the coverage hooks.
$(FUZZ_O)/$(1)/%.o: %.c | deps
	@mkdir -p $$(dir $$@)
	@$$(if $$(filter 1,$$(V)),,echo "  FUZZCC  $$< ($(1)-bit)")
	$$(Q)$$(FUZZ_CC) $$(FUZZ_CFLAGS) $$(FUZZ_CFLAGS_$(1)) -fsanitize=fuzzer-no-link -MMD -MP -c -o $$@ $$<

$(FUZZ_O)/$(1)/fuzz_%: $(FUZZ_O)/$(1)/tests/fuzz/fuzz_%.o $$(FUZZ_LIB_OBJS_$(1)) | $$(FUZZ_DEPS_$(1))
	@$$(if $$(filter 1,$$(V)),,echo "  FUZZLD  $$@")
	$$(Q)$$(FUZZ_CC) $$(FUZZ_CFLAGS) $$(FUZZ_CFLAGS_$(1)) -fsanitize=fuzzer $$(FUZZ_LDFLAGS_$(1)) \
		-o $$@ $$^ $$(FUZZ_LIBS_$(1))

$(FUZZ_O)/$(1)/replay_%: $(FUZZ_O)/$(1)/tests/fuzz/fuzz_%.o $(FUZZ_O)/$(1)/tests/fuzz/replay_main.o \
		$$(FUZZ_LIB_OBJS_$(1)) | $$(FUZZ_DEPS_$(1))
	@$$(if $$(filter 1,$$(V)),,echo "  FUZZLD  $$@")
	$$(Q)$$(FUZZ_CC) $$(FUZZ_CFLAGS) $$(FUZZ_CFLAGS_$(1)) -o $$@ $$^ $$(FUZZ_LIBS_$(1))
endef
$(foreach b,64 32,$(eval $(call fuzz_bits,$(b))))

$(FUZZ_LIBFDT_i386):
	$(Q)scripts/install-deps.sh

FUZZ_RUNNERS	:= $(foreach b,$(FUZZ_BITS),$(if $(filter 32,$(b)),$(if $(FUZZ_HAVE_LIBFUZZER_32),$(b)),$(b)))
FUZZ_PROGS	:= $(foreach b,$(FUZZ_RUNNERS),$(foreach t,$(FUZZ_TARGETS),$(FUZZ_O)/$(b)/fuzz_$(t)))
FUZZ_REPLAYS	:= $(foreach b,$(FUZZ_BITS),$(foreach t,$(FUZZ_TARGETS),$(FUZZ_O)/$(b)/replay_$(t)))

.PHONY: fuzz fuzz-build fuzz-replay-build fuzz-replay
fuzz-build: deps $(FUZZ_PROGS) $(FUZZ_REPLAYS)
fuzz-replay-build: deps $(FUZZ_REPLAYS)

fuzz: fuzz-build
	$(if $(filter 32,$(FUZZ_BITS)),$(if $(FUZZ_HAVE_LIBFUZZER_32),,@echo "fuzz: no 32-bit libstdc++ for libFuzzer (Debian: lib32stdc++-12-dev): -m32 targets are replayed, not fuzzed"))
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/fuzz.sh $(FUZZ_PROGS)

fuzz-replay: fuzz-replay-build
	$(Q)tests/fuzz/replay.sh $(addprefix $(FUZZ_O)/,$(FUZZ_BITS))

.PHONY: test-fuzz
test-fuzz: deps
	$(Q)scripts/run-tests.sh fuzz

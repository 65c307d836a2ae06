#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# bootmm's test driver, called by `make test` (and test-unit, test-boot, test-gdb):
#
#   scripts/run-tests.sh unit|fuzz|boot|gdb|models|docs|all
#
#   unit  host unit tests: `make unit-tests`, then every cmocka program built from
#         tests/unit/test_*.c (AddressSanitizer + UBSan), with HOST_LOG unset
#   fuzz  `make fuzz-replay`: the committed fuzz corpus (tests/fuzz/corpus/) through
#         the replay build of every fuzz target, 64-bit and -m32 (tests/fuzz/replay.sh)
#   boot  build both arches (and the x86 ISO), then tests/boot/boottest.py: QEMU boots
#   gdb   tests/gdb/gdbtest.py: scripted GDB sessions, the `make debug` flow
#   models  the boot matrix again for each other memory model (every other
#         mm/memory_model/*.c; kernels in build/<arch>-<model>): boottest.py --model,
#         then tests/boot/new_model.py (a new model is one file)
#   docs  tests/docs/doccheck.py: every kernel-output block quoted in README.md and
#         docs/*.md against a boot of the configuration it names
#   all   the six, in that order
#
# Each part has a header; the last line is "N passed, N failed", counting test
# cases (cmocka tests, boot cases, GDB sessions), and the exit status is non-zero
# if anything failed.  A part that cannot run (a build error) counts as failed.
set -uo pipefail
cd "$(dirname "$0")/.."

PASSED=0
FAILED=0
SUMMARY=()
BROKEN_ARCHES=()
BUILT=0

section() {
	printf '\n==== %s ====\n' "$*"
}

# Adds "N passed, M failed" from the last such line of a runner's output to the
# totals and the summary; a runner that printed none counts as one failure.
count_from() {	# log-file part-name start-seconds
	local line p f
	line=$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n1)
	if [ -z "$line" ]; then
		line="0 passed, 1 failed (the runner ended without a summary)"
	fi
	p=${line%% passed*}
	f=${line#*, }
	f=${f%% failed*}
	PASSED=$((PASSED + p))
	FAILED=$((FAILED + f))
	SUMMARY+=("$2: $line in $((SECONDS - $3)) s")
}

# --- unit ------------------------------------------------------------------------

# Counts one cmocka program's results from its output; a crash (sanitizer
# report, abort) counts the tests that did not report a pass as failed.
count_cmocka() {	# output-file exit-status
	local total passed failed
	total=$(sed -n 's/.*\[==========\] Running \([0-9]*\) test(s)\..*/\1/p' "$1" | head -n1)
	passed=$(sed -n 's/.*\[  PASSED  \] \([0-9]*\) test(s)\..*/\1/p' "$1" | tail -n1)
	failed=$(sed -n 's/.*\[  FAILED  \] \([0-9]*\) test(s).*/\1/p' "$1" | tail -n1)
	total=${total:-0} passed=${passed:-0} failed=${failed:-0}
	if [ "$2" -ne 0 ] && [ $((passed + failed)) -lt "$total" ]; then
		# it crashed part-way: the tests cmocka saw finish passed, the rest failed
		passed=$(grep -c '^\[       OK \]' "$1")
		failed=$((total - passed))
	fi
	if [ "$2" -ne 0 ] && [ "$failed" -eq 0 ]; then
		failed=1			# died before cmocka said anything
	fi
	UNIT_PASSED=$((UNIT_PASSED + passed))
	UNIT_FAILED=$((UNIT_FAILED + failed))
}

run_unit() {
	local start=$SECONDS out src prog rc
	UNIT_PASSED=0
	UNIT_FAILED=0
	section "unit tests (host build, cmocka, ASan + UBSan)"
	# The host library takes HOST_EXTRA_SRCS from boot/$(ARCH)/arch.mk; the x86 one
	# holds the multiboot parser that test_multiboot needs, so build with ARCH=x86.
	# The programs are relinked (a second or so) so that one left from an earlier
	# build is never run; -k: a test that does not build must not stop the others.
	for src in tests/unit/test_*.c; do
		rm -f "build/host/tests/$(basename "$src" .c)"
	done
	make -s -k ARCH=x86 unit-tests
	out=$(mktemp)
	for src in tests/unit/test_*.c; do
		prog=build/host/tests/$(basename "$src" .c)
		echo "---- $prog"
		if [ ! -x "$prog" ]; then
			echo "FAIL $prog: did not build (see above)"
			UNIT_FAILED=$((UNIT_FAILED + 1))
			continue
		fi
		# A hang guard, not a time limit: the slowest program takes about 2 s.
		env -u HOST_LOG timeout 60 "$prog" >"$out" 2>&1
		rc=$?
		cat "$out"
		[ "$rc" -eq 124 ] && echo "FAIL $prog: timed out after 60 s"
		count_cmocka "$out" "$rc"
	done
	rm -f "$out"
	echo "unit tests: $UNIT_PASSED passed, $UNIT_FAILED failed"
	PASSED=$((PASSED + UNIT_PASSED))
	FAILED=$((FAILED + UNIT_FAILED))
	SUMMARY+=("unit: $UNIT_PASSED passed, $UNIT_FAILED failed in $((SECONDS - start)) s")
}

# --- fuzz corpus replay ------------------------------------------------------------

run_fuzz() {
	local start=$SECONDS log
	section "fuzz corpus replay (host build, ASan + UBSan, 64-bit and -m32)"
	log=$(mktemp)
	make -s ARCH=x86 fuzz-replay 2>&1 | tee "$log"
	count_from "$log" fuzz "$start"
	rm -f "$log"
}

# --- builds for boot and gdb -------------------------------------------------------

build_kernels() {
	[ "$BUILT" = 1 ] && return
	BUILT=1
	local arch model
	for arch in x86 arm; do
		echo "  BUILD   make ARCH=$arch"
		if ! make -s ARCH="$arch"; then
			echo "  the $arch build failed: its cases fail without booting"
			BROKEN_ARCHES+=(--broken "$arch")
		fi
	done
	echo "  BUILD   make ARCH=x86 iso"
	make -s ARCH=x86 iso || echo "  make iso failed: the GRUB case will show why"
	# The other memory models' kernels: tests/boot/cases_models.py boots them, and
	# the models part the whole matrix.  A failure shows in those cases.
	for model in $OTHER_MODELS; do
		for arch in x86 arm; do
			echo "  BUILD   make ARCH=$arch MEMORY_MODEL=$model O=build/$arch-$model"
			make -s ARCH="$arch" MEMORY_MODEL="$model" O="build/$arch-$model" ||
				echo "  the $arch $model build failed: its cases will fail"
		done
	done
}

# The memory models besides the default FLATMEM: every other file in
# mm/memory_model/ (mm/mm.mk), so that a new model is built and booted here
# without an edit.
OTHER_MODELS=$(for f in mm/memory_model/*.c; do f=${f##*/}; echo "${f%.c}"; done | grep -vx flatmem | tr '\n' ' ')

run_runner() {	# part-name runner
	local start=$SECONDS log
	log=$(mktemp)
	build_kernels
	python3 -B "$2" --no-build ${BROKEN_ARCHES[@]+"${BROKEN_ARCHES[@]}"} | tee "$log"
	count_from "$log" "$1" "$start"
	rm -f "$log"
}

run_boot() {
	section "boot tests (QEMU, x86 and ARM)"
	run_runner boot tests/boot/boottest.py
}

run_gdb() {
	section "GDB tests (gdb-multiarch against QEMU, x86 and ARM)"
	run_runner gdb tests/gdb/gdbtest.py
}

# The boot matrix, unchanged, under each other memory model: the zone block and
# every line must stay Linux's whatever the model (docs/memory-models.md).
run_docs() {
	section "docs: quoted kernel output against real boots (QEMU, x86 and ARM)"
	run_runner docs tests/docs/doccheck.py
}

run_models() {
	local model start log
	for model in $OTHER_MODELS; do
		section "boot tests under MEMORY_MODEL=$model (QEMU, x86 and ARM)"
		start=$SECONDS
		log=$(mktemp)
		build_kernels
		python3 -B tests/boot/boottest.py --model "$model" --no-build \
			${BROKEN_ARCHES[@]+"${BROKEN_ARCHES[@]}"} | tee "$log"
		count_from "$log" "boot ($model)" "$start"
		rm -f "$log"
	done
	# docs/memory-models.md's "Adding a model", followed: one new file in a
	# copy of the tree is built, booted and debugged on both arches.
	section "a new memory model: one file (tests/boot/new_model.py)"
	start=$SECONDS
	log=$(mktemp)
	python3 -B tests/boot/new_model.py | tee "$log"
	count_from "$log" "new model" "$start"
	rm -f "$log"
}

start=$SECONDS
case "${1:-}" in
unit)	run_unit ;;
fuzz)	run_fuzz ;;
boot)	run_boot ;;
gdb)	run_gdb ;;
models)	run_models ;;
docs)	run_docs ;;
all)	run_unit; run_fuzz; run_boot; run_gdb; run_models; run_docs ;;
*)	echo "usage: $0 unit|fuzz|boot|gdb|models|docs|all" >&2; exit 2 ;;
esac

section "summary"
for line in "${SUMMARY[@]}"; do
	echo "  $line"
done
echo "  total time $((SECONDS - start)) s"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]

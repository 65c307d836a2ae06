#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# `make fuzz-replay` (the "fuzz" part of make test): every committed input,
# tests/fuzz/corpus/<target>/*, through the replay build of each fuzz target
# (tests/fuzz/replay_main.c: no libFuzzer, the same ASan + UBSan objects),
# 64-bit and -m32.  A crash or a broken memblock/zone invariant fails.
#
# The xfail-<bug>-<id> inputs (xfail32-<bug>-<id>: only the -m32 build) showed a known bug that another branch is fixing
# (tests/fuzz/KNOWN-BUGS.md): in the main pass the target steps around them
# (fuzz_avoid(), tests/fuzz/fuzz.h); then each is run again with
# FUZZ_KNOWN_BUGS=<bug>, and is expected to fail (a crash, or a hang cut at 3 s).  If it passes, the bug is
# fixed: the script says XPASS (not a failure), and the input should be
# renamed crash-<bug>-* and the step-around deleted.
#
#   tests/fuzz/replay.sh PROGRAM-DIR...     (build/fuzz/64 build/fuzz/32)
# Last line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."

pass=0 fail=0 xfail=0 xpass=0
for dir in "$@"; do
	for prog in "$dir"/replay_*; do
		t=${prog##*/replay_}
		corpus=tests/fuzz/corpus/$t
		[ -d "$corpus" ] || continue
		# A hang guard (a few seconds is the normal time), not a time limit.
		if out=$(env -u FUZZ_KNOWN_BUGS timeout 120 "$prog" "$corpus" 2>&1); then
			echo "PASS $prog: ${out##*$'\n'}"
			pass=$((pass + 1))
		else
			echo "$out" | tail -n 40
			echo "FAIL $prog $corpus (FUZZ_REPLAY_VERBOSE=1 $prog $corpus names each input)"
			fail=$((fail + 1))
		fi
		bits=${dir##*/}
		for f in "$corpus"/xfail-* "$corpus"/xfail"$bits"-*; do
			[ -f "$f" ] || continue
			bug=${f##*/xfail}
			bug=${bug#"$bits"}
			bug=${bug#-}
			bug=${bug%-*}
			if (FUZZ_KNOWN_BUGS=$bug exec timeout 3 "$prog" "$f") >/dev/null 2>&1; then
				echo "XPASS $prog $f: known bug $bug no longer shows (fixed? see tests/fuzz/KNOWN-BUGS.md)"
				xpass=$((xpass + 1))
			else
				echo "XFAIL $prog $f: known bug $bug"
				xfail=$((xfail + 1))
			fi
		done
	done
done
echo "fuzz replay: $xfail expected failures (known bugs), $xpass unexpected passes"
echo "fuzz replay: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

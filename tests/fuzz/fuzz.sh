#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# `make fuzz`: each libFuzzer program named, one after the other (the machine
# is shared: one process, -jobs unset), for FUZZ_SECONDS each, starting from
# the committed corpus tests/fuzz/corpus/<target>/ (read only) and
# build/fuzz/<bits>/corpus-<target>/ (where new inputs go).  -timeout=10: an
# input that runs 10 s is a hang; -rss_limit_mb: one that eats memory.  A
# crash is kept as build/fuzz/<bits>/crash-<target>-<sha1>; every program is
# still run, and the exit status is non-zero if any crashed.
#
#   FUZZ_SECONDS=60 tests/fuzz/fuzz.sh build/fuzz/64/fuzz_fdt ...
set -uo pipefail
cd "$(dirname "$0")/../.."

secs=${FUZZ_SECONDS:-60}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
crashed=()
for p in "$@"; do
	t=${p##*/fuzz_}
	d=${p%/*}
	mkdir -p "$d/corpus-$t"
	dict=()
	[ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
	echo "  FUZZ    $p for $secs s"
	if "$p" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		"${dict[@]}" -artifact_prefix="$d/crash-$t-" \
		"$d/corpus-$t" "tests/fuzz/corpus/$t" >"$d/fuzz-$t.log" 2>&1; then
		echo "          $(grep -E '^stat::number_of_executed_units' "$d/fuzz-$t.log" |
			sed 's/.*: //') executions, $(ls "$d/corpus-$t" | wc -l) inputs in $d/corpus-$t"
	else
		grep -B2 -A30 -E '^==[0-9]+==ERROR|runtime error|^fuzz:|deadly signal|timeout' \
			"$d/fuzz-$t.log" | head -n 60
		echo "fuzz: $p crashed: see $d/fuzz-$t.log and $(ls "$d"/crash-"$t"-* 2>/dev/null |
			tail -n1)"
		crashed+=("$p")
	fi
done
if [ ${#crashed[@]} -gt 0 ]; then
	echo "fuzz: ${#crashed[@]} of $# targets crashed: ${crashed[*]}"
	exit 1
fi
echo "fuzz: $# targets, no crash"

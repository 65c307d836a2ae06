/* SPDX-License-Identifier: MIT */
/*
 * What every host benchmark needs: a monotonic clock in nanoseconds, and a
 * check that stops the run with the kernel's log when a result is wrong (a
 * benchmark of a broken operation measures nothing).
 */
#ifndef BOOTMM_BENCH_H
#define BOOTMM_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <kernel/types.h>
#include "hostlog.h"

static inline u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + (u64)ts.tv_nsec;
}

static inline void bench_check(const char *bench, bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "%s: unexpected result: %s\n%s", bench, what, host_log());
		exit(1);
	}
}

#endif

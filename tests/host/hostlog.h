/* SPDX-License-Identifier: MIT */
/*
 * What the host build's printk and panic leave behind, for tests to check.
 *
 * printk appends each message (level prefix removed) to one growing string;
 * HOST_LOG=1 in the environment also echoes it to stderr while a test runs.
 * panic() records "Kernel panic - not syncing: ..." and then hands control back to
 * cmocka through mock_assert(), so a test can say expect_assert_failure(call) to
 * expect a panic; an unexpected panic fails the test with the message in the log.
 * A "BUG: ..." report (a bad page state) fails the running test at once too, so a
 * broken allocator stops a test within its first bad page instead of running on;
 * the tests of those reports themselves say host_expect_bug_reports(true).
 */
#ifndef BOOTMM_HOSTLOG_H
#define BOOTMM_HOSTLOG_H

#include <stdbool.h>

void host_log_reset(void);
const char *host_log(void);
bool host_log_contains(const char *needle);
void host_expect_bug_reports(bool expected);

#endif

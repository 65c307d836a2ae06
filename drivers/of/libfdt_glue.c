// SPDX-License-Identifier: MIT
/*
 * What Debian's libfdt.a expects from its surroundings, beyond kernel/string.c.
 *
 * Debian builds libfdt with -fstack-protector: its functions compare a canary
 * on the stack with __stack_chk_guard on return and call __stack_chk_fail on a
 * mismatch, which means a libfdt function overran its stack frame — reading a
 * corrupt device tree, most likely.  Linux has the same pair for its own code
 * (CONFIG_STACKPROTECTOR); here only libfdt uses it.
 */
#include <kernel/bug.h>

unsigned long __stack_chk_guard = 0x5a1e5a1e;

void __stack_chk_fail(void)
{
	panic("stack-protector: Kernel stack is corrupted in: libfdt");
}

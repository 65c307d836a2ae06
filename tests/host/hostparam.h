/* SPDX-License-Identifier: MIT */
/*
 * Running one early_param() handler in a unit test, found by name in the
 * kernel's real option table (see include/kernel/init.h on how the host build
 * has that table too).
 */
#ifndef BOOTMM_HOSTPARAM_H
#define BOOTMM_HOSTPARAM_H

/* Returns the handler's result, or -1 if no early option has that name. */
int host_early_param(const char *param, char *val);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The kernel's <stdlib.h>: just what libfdt's libfdt_env.h needs (strtoul),
 * implemented in kernel/string.c.
 */
#ifndef BOOTMM_LIBC_STDLIB_H
#define BOOTMM_LIBC_STDLIB_H

unsigned long strtoul(const char *nptr, char **endptr, int base);

#endif

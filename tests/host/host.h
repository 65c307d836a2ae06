/* SPDX-License-Identifier: MIT */
/*
 * Force-included (-include) into every host-built file of the mm core and into the
 * unit tests.  The kernel's printf family has Linux's names (vsnprintf, snprintf...)
 * and understands kernel formats such as %pa; on the host those names belong to
 * the C library, so here they are renamed to the kernel_* implementation from
 * kernel/vsprintf.c.  The option table's bounds get the names GNU ld gives
 * them on the host.  Nothing else changes between the kernel and the host build.
 */
#ifndef BOOTMM_HOST_H
#define BOOTMM_HOST_H

#define vsnprintf	kernel_vsnprintf
#define snprintf	kernel_snprintf
#define scnprintf	kernel_scnprintf

/* The early_param()/__setup() table's bounds (see include/kernel/init.h). */
#define __setup_start	__start_init_setup
#define __setup_end	__stop_init_setup

#endif

// SPDX-License-Identifier: MIT
/*
 * The banner, the first line of the boot log (Linux's init/version.c).  The
 * compiler and linker versions come from the Makefile, as Linux's do.
 */
#include <kernel/setup.h>

#define BOOTMM_VERSION "0.1"

const char linux_banner[] =
	"bootmm version " BOOTMM_VERSION " (" BOOTMM_ARCH ") (" BOOTMM_COMPILER ") #1\n";

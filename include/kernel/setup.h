/* SPDX-License-Identifier: MIT */
/*
 * What start_kernel() asks of the architecture (Linux's include/linux/init.h
 * and asm/setup.h): boot/<arch>/setup.c implements setup_arch().
 */
#ifndef BOOTMM_SETUP_H
#define BOOTMM_SETUP_H

extern const char linux_banner[];	/* kernel/version.c */

/*
 * setup_arch - everything only the architecture knows how to do: start the
 * console and the clock, read what the bootloader handed over (multiboot info
 * or device tree), fill boot_command_line and run the early options.
 */
void setup_arch(void);

/*
 * zone_sizes_init - the arch's zone limits (where DMA, Normal and HighMem may
 * end) handed to free_area_init(); in boot/<arch>/mm.c.
 */
void zone_sizes_init(void);

#endif

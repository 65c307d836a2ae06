/* SPDX-License-Identifier: MIT */
/*
 * The kernel command line: parsing helpers (kernel/params.c, as Linux's
 * kernel/params.c and lib/cmdline.c) and the boot-time handling of the
 * early_param()/__setup() table (kernel/cmdline.c, as Linux's init/main.c).
 */
#ifndef BOOTMM_PARAMS_H
#define BOOTMM_PARAMS_H

#include <kernel/init.h>
#include <kernel/types.h>

#define COMMAND_LINE_SIZE	1024

/* Filled by setup_arch() from multiboot's cmdline or the DT's /chosen/bootargs. */
extern char boot_command_line[COMMAND_LINE_SIZE];

/* Names of options no handler claimed, space separated (print_unknown_bootoptions). */
struct unknown_params {
	char with_value[COMMAND_LINE_SIZE];	/* "foo=1": Linux passes these to init's environment */
	char without_value[COMMAND_LINE_SIZE];	/* "foo": Linux passes these to init's argv */
};

char *next_arg(char *args, char **param, char **val);
bool parameq(const char *a, const char *b);
void parse_param_table(char *args, const struct obs_kernel_param *start,
		       const struct obs_kernel_param *end, bool early,
		       struct unknown_params *unknown);
void format_unknown_params(const struct unknown_params *unknown, char *buf, size_t size);

unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);
long simple_strtol(const char *cp, char **endp, unsigned int base);
unsigned long long memparse(const char *ptr, char **retptr);
bool memparse_overflows(const char *ptr);
int kstrtoint(const char *s, unsigned int base, int *res);
int get_option(char **str, int *pint);

/* kernel/cmdline.c (kernel only: it walks the linker's .init.setup table) */
void set_boot_command_line(const char *cmdline);
void parse_early_param(void);
void parse_kernel_params(void);

#endif

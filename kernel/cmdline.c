// SPDX-License-Identifier: MIT
/*
 * The boot command line and the table of options the kernel understands
 * (Linux: boot_command_line, parse_early_param, unknown_bootoption and
 * print_unknown_bootoptions in init/main.c).
 *
 * Every early_param()/__setup() in the kernel adds an entry to the linker
 * section .init.setup.  setup_arch() fills boot_command_line and calls
 * parse_early_param(), which runs the early handlers (loglevel=, mem=, ...)
 * before memory is set up.  start_kernel() prints "Kernel command line:" and
 * calls parse_kernel_params() for the rest, reporting options nobody claimed in
 * Linux's words.  Each pass works on its own copy: boot_command_line itself
 * stays as the bootloader gave it.
 */
#include <string.h>
#include <kernel/kernel.h>
#include <kernel/params.h>
#include <kernel/printk.h>

char boot_command_line[COMMAND_LINE_SIZE];
static char tmp_cmdline[COMMAND_LINE_SIZE] __initdata;

void __init set_boot_command_line(const char *cmdline)
{
	size_t len = strlen(cmdline);

	if (len >= COMMAND_LINE_SIZE) {
		pr_warn("Kernel command line truncated to %d characters\n",
			COMMAND_LINE_SIZE - 1);
		len = COMMAND_LINE_SIZE - 1;
	}
	memcpy(boot_command_line, cmdline, len);
	boot_command_line[len] = '\0';
}

/* Runs once, however many times it is called (setup_arch and start_kernel both may). */
void __init parse_early_param(void)
{
	static bool done __initdata;

	if (done)
		return;
	done = true;
	strcpy(tmp_cmdline, boot_command_line);
	parse_param_table(tmp_cmdline, __setup_start, __setup_end, true, NULL);
}

void __init parse_kernel_params(void)
{
	static struct unknown_params unknown __initdata;
	static char list[COMMAND_LINE_SIZE] __initdata;

	strcpy(tmp_cmdline, boot_command_line);
	parse_param_table(tmp_cmdline, __setup_start, __setup_end, false, &unknown);
	format_unknown_params(&unknown, list, sizeof(list));
	if (list[0])
		pr_notice("Unknown kernel command line parameters \"%s\", will be passed to user space.\n",
			  list);
}

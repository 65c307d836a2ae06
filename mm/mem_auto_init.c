// SPDX-License-Identifier: MIT
/*
 * Memory auto-initialisation: zeroing pages as they are handed out
 * (init_on_alloc=1) or as they are freed (init_on_free=1), so that no page
 * carries an earlier user's data to the next (Linux 6.1: the early params
 * and init_mem_debugging_and_hardening() in mm/page_alloc.c,
 * report_meminit() in init/main.c).
 *
 * Linux's defaults come from Kconfig (INIT_ON_ALLOC_DEFAULT_ON,
 * INIT_ON_FREE_DEFAULT_ON; both off upstream, Debian turns the first on),
 * and the stack column from the compiler's -ftrivial-auto-var-init.  bootmm
 * keeps upstream's defaults and builds without stack initialisation:
 *
 *   mem auto-init: stack:off, heap alloc:off, heap free:off
 *
 * Debian's kernels print "stack:all(zero), heap alloc:on, heap free:off";
 * boot bootmm with init_on_alloc=1 for the same heap columns.
 *
 * Boot pipeline: the early params are parsed in setup_arch(); start_kernel()'s
 * mm_init() calls init_mem_debugging_and_hardening() and report_meminit()
 * before mem_init() hands the free pages over (with init_on_free, those are
 * zeroed as they arrive: "clearing system memory may take some time...").
 */
#include <string.h>
#include <kernel/bug.h>
#include <kernel/init.h>
#include <kernel/printk.h>
#include "page_alloc_internal.h"

bool init_on_alloc;
bool init_on_free;

static bool _init_on_alloc_enabled_early;
static bool _init_on_free_enabled_early;

/*
 * "1", "y", "on", "t" and friends; "0", "n", "off", "f" (Linux's kstrtobool()).
 * Return: 0, or -EINVAL (22) for anything else; *@res is set only on success.
 */
static int parse_bool(const char *s, bool *res)
{
	if (!s)
		return -22;
	switch (s[0]) {
	case 'y': case 'Y': case 't': case 'T': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case 'f': case 'F': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		if (s[1] == 'n' || s[1] == 'N') {
			*res = true;
			return 0;
		}
		if (s[1] == 'f' || s[1] == 'F') {
			*res = false;
			return 0;
		}
		break;
	}
	return -22;
}

static int __init early_init_on_alloc(char *buf)
{
	return parse_bool(buf, &_init_on_alloc_enabled_early);
}
early_param("init_on_alloc", early_init_on_alloc);

static int __init early_init_on_free(char *buf)
{
	return parse_bool(buf, &_init_on_free_enabled_early);
}
early_param("init_on_free", early_init_on_free);

/**
 * init_mem_debugging_and_hardening - make the early params take effect
 *
 * Context: start_kernel()'s mm_init(), after parse_early_param(), before the
 * hand-over.  (Linux also settles page poisoning and debug_pagealloc here.)
 */
void __init init_mem_debugging_and_hardening(void)
{
	init_on_alloc = _init_on_alloc_enabled_early;
	init_on_free = _init_on_free_enabled_early;
}

/**
 * report_meminit - print what is zeroed, in Linux 6.1's words
 */
void __init report_meminit(void)
{
	pr_info("mem auto-init: stack:%s, heap alloc:%s, heap free:%s\n", "off",
		want_init_on_alloc(GFP_KERNEL) ? "on" : "off",
		want_init_on_free() ? "on" : "off");
	if (want_init_on_free())
		pr_info("mem auto-init: clearing system memory may take some time...\n");
}

/**
 * kernel_init_pages - zero @numpages pages from @page
 * @page: the first page
 * @numpages: how many
 *
 * Lowmem pages are zeroed through their permanent mapping.  HighMem pages
 * have none, and bootmm has no kmap() to map one for a moment: they are left
 * as they are, and the first time that happens it is said.
 */
void kernel_init_pages(struct page *page, int numpages)
{
	static bool warned;

	if (PageHighMem(page)) {
		if (!warned) {
			warned = true;
			pr_warn("mem auto-init: HighMem pages are not zeroed (no kmap yet)\n");
		}
		return;
	}
	memset(page_address(page), 0, (size_t)numpages * PAGE_SIZE);
}

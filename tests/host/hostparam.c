// SPDX-License-Identifier: MIT
/*
 * host_early_param(): call the early_param() handler registered under a name,
 * as parse_early_param() would for "name=val" (or "name" when val is NULL).
 */
#include <kernel/params.h>
#include "hostparam.h"

int host_early_param(const char *param, char *val)
{
	for (const struct obs_kernel_param *p = __setup_start; p < __setup_end; p++)
		if (p->early && parameq(param, p->str))
			return p->setup_func(val);
	return -1;
}

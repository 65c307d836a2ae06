/* SPDX-License-Identifier: MIT */
/*
 * The error numbers the kernel returns, negated (-ENOMEM), with Linux's values
 * (include/uapi/asm-generic/errno-base.h).  Guarded: the host build's libc
 * defines the same names with the same values.
 */
#ifndef BOOTMM_ERRNO_H
#define BOOTMM_ERRNO_H

#ifndef ENOENT
#define ENOENT		2	/* no such entry */
#endif
#ifndef ENOMEM
#define ENOMEM		12	/* out of memory */
#endif
#ifndef EBUSY
#define EBUSY		16	/* in use */
#endif
#ifndef ENODEV
#define ENODEV		19	/* no such device */
#endif
#ifndef EINVAL
#define EINVAL		22	/* invalid argument */
#endif

#endif

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
#ifndef E2BIG
#define E2BIG		7	/* too big (Linux: argument list; hot-plug: beyond what can be addressed) */
#endif
#ifndef ENOMEM
#define ENOMEM		12	/* out of memory */
#endif
#ifndef EBUSY
#define EFAULT		14	/* bad address */
#define EBUSY		16	/* in use */
#endif
#ifndef EEXIST
#define EEXIST		17	/* exists already */
#endif
#ifndef ENODEV
#define ENODEV		19	/* no such device */
#endif
#ifndef EINVAL
#define EINVAL		22	/* invalid argument */
#endif
#ifndef ERANGE
#define ERANGE		34	/* out of range */
#endif

#endif

/* SPDX-License-Identifier: GPL-2.0+ */
#ifndef __LMB_SHIM_2025_LINUX_BITOPS_H
#define __LMB_SHIM_2025_LINUX_BITOPS_H

#define BIT(n)		(1UL << (n))

static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

#endif

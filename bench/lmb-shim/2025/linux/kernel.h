/* SPDX-License-Identifier: GPL-2.0+ */
/* min() comes with common.h. */
#ifndef max
#define max(a, b)	((a) > (b) ? (a) : (b))
#endif

/* SPDX-License-Identifier: GPL-2.0+ */
/* Nothing alist.c uses. */

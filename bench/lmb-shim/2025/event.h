/* SPDX-License-Identifier: GPL-2.0+ */
/* Nothing lmb.c uses. */

/* SPDX-License-Identifier: GPL-2.0+ */
/* alist.c allocates, and asserts, with the C library. */
#include <assert.h>
#include <stdlib.h>

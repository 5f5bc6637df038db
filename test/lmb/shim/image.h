/* SPDX-License-Identifier: GPL-2.0+ */
/* U-Boot header: what the LMB test needs of it is in shim.h */

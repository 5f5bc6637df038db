/* SPDX-License-Identifier: GPL-2.0+ */
/* No Kconfig on the host: shim.h defines the few symbols LMB reads */

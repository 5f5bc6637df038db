/* SPDX-License-Identifier: GPL-2.0+ */
#ifndef __LMB_SHIM_SECTIONS_H
#define __LMB_SHIM_SECTIONS_H

static char _start[1] __maybe_unused;
static char __bss_start[1] __maybe_unused;
static char __bss_end[1] __maybe_unused;

#endif

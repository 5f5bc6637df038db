/* SPDX-License-Identifier: GPL-2.0+ */
/*
 * What the bootmem command's two files, cmd/bootmem.c and
 * cmd/bootmem_boot.c, share: argument parsing and the boot subcommand.
 * Not a library interface: nothing outside cmd/ includes it.
 */

#ifndef __BOOTMEM_CMD_H
#define __BOOTMEM_CMD_H

#include <linux/types.h>

struct cmd_tbl;

/*
 * The tag of reservations made at the prompt, which the prompt may undo
 * (bootmem unreserve). U-Boot's, firmware's and the board's reservations
 * carry no tag and stay.
 */
#define BOOTMEM_CMD_TAG		0x53

/* Operands a subcommand takes at most, besides its options. */
#define BOOTMEM_CMD_MAX_OPERANDS	4

/**
 * struct bootmem_cmd_args - a subcommand's command line, options apart
 * @nr:		operands found
 * @operand:	the operands, in order
 */
struct bootmem_cmd_args {
	int nr;
	const char *operand[BOOTMEM_CMD_MAX_OPERANDS];
};

int bootmem_cmd_getopt(int argc, char *const argv[], const char *optstring,
		       int (*opt)(void *ctx, int opt, const char *arg),
		       void *ctx, struct bootmem_cmd_args *args);
bool bootmem_cmd_node(const char *cmd, const char *str, int *nidp);

int do_bootmem_boot(struct cmd_tbl *cmdtp, int flag, int argc,
		    char *const argv[]);

#endif /* __BOOTMEM_CMD_H */

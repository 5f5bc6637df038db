// SPDX-License-Identifier: GPL-2.0+
/*
 * The bootmem command: show the NUMA topology and the memory map of the
 * bootmem allocator, and allocate, reserve and free memory by hand
 * (doc/usage/cmd/bootmem.rst).
 *
 * Input is checked in full before anything changes: a malformed argument
 * or a request bootmem would refuse prints one line naming the
 * subcommand, with the size in bytes, and fails; the map stays as it was
 * (the library guarantees that much for every refused call).
 */

#include <bootmem.h>
#include <bootmem_uboot.h>
#include <command.h>
#include <display_options.h>
#include <env.h>
#include <getopt.h>
#include <vsprintf.h>
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include "bootmem_cmd.h"

#define BAR_WIDTH	64
#define SIZE_STR_LEN	16
/* A bootmem request's address as text: "0x" and 16 digits. */
#define ADDR_STR_LEN	20

/**
 * bootmem_cmd_getopt() - a subcommand's options and operands, in any order
 * @argc:	arguments, the subcommand's name first
 * @argv:	the arguments
 * @optstring:	the options, as for getopt()
 * @opt:	called with @ctx for each option, with its value (NULL for
 *		an option without one); returns 0 or a CMD_RET_* code
 * @ctx:	passed to @opt
 * @args:	filled in with the operands
 *
 * U-Boot's getopt() stops at the first operand; this goes on, so that
 * options may follow operands ("bootmem alloc 1M -n 1"). "--" ends the
 * options; "-" and a negative number ("-1") are operands or option
 * values, so that they reach the check that says what is wrong with them.
 *
 * Return: 0; CMD_RET_USAGE for an unknown option, an option without its
 * value or more than BOOTMEM_CMD_MAX_OPERANDS operands; else what @opt
 * returned
 */
int bootmem_cmd_getopt(int argc, char *const argv[], const char *optstring,
		       int (*opt)(void *ctx, int opt, const char *arg),
		       void *ctx, struct bootmem_cmd_args *args)
{
	struct getopt_state gs;
	bool options = true;
	int c, ret;

	args->nr = 0;
	getopt_init_state(&gs);
	while (gs.index < argc) {
		const char *arg = argv[gs.index];

		/* The end of an option or a cluster ("-xu"): the next argument. */
		if (gs.arg_index > 1 && !arg[gs.arg_index]) {
			gs.index++;
			gs.arg_index = 1;
			continue;
		}
		if (gs.arg_index == 1 && options && !strcmp(arg, "--")) {
			options = false;
			gs.index++;
			continue;
		}
		if (gs.arg_index == 1 && (!options || arg[0] != '-' ||
					  !arg[1] || isdigit(arg[1]))) {
			if (args->nr == BOOTMEM_CMD_MAX_OPERANDS)
				return CMD_RET_USAGE;
			args->operand[args->nr++] = arg;
			gs.index++;
			continue;
		}
		c = getopt_silent(&gs, argc, argv, optstring);
		/* getopt() takes the "-1" of "-n -1" for an option. */
		if (c == ':' && gs.index < argc && argv[gs.index][0] == '-' &&
		    isdigit(argv[gs.index][1])) {
			c = gs.opt;
			gs.arg = argv[gs.index++];
		}
		if (c == '?' || c == ':')
			return CMD_RET_USAGE;
		ret = opt(ctx, c, gs.arg);
		if (ret)
			return ret;
	}

	return 0;
}

/*
 * bootmem_parse_num() - a number as the bootmem command reads it
 * @str:	hex digits, "0x" optional, as U-Boot reads every number
 *		(addresses, $filesize); or digits and a K, M, G or T suffix
 *		(either case) for KiB, MiB, GiB or TiB, decimal unless "0x"
 *		comes first: 100M is 100 MiB, 0x10M is 16 MiB
 * @valp:	set to the value on success, untouched on error
 *
 * The suffix rule is Linux's memparse() and U-Boot's mtdparts: a size
 * written "100M" means 100 MiB there, and must here. simple_strtoull()
 * reads the digits, but stops at the first character that is not one and
 * wraps past 64 bits without a word, so the string is checked whole
 * first and the value printed back afterwards: a wrap prints differently.
 *
 * Return: 0; -EINVAL if @str is not such a number; -EOVERFLOW if it does
 * not fit in 64 bits
 */
static int bootmem_parse_num(const char *str, u64 *valp)
{
	static const char suffixes[] = "kmgt";
	const char *digits = str, *suffix = NULL;
	unsigned int base = 16, shift = 0;
	char back[24];
	size_t len;
	u64 val;

	if (str[0] == '0' && tolower(str[1]) == 'x')
		digits += 2;
	len = strlen(digits);
	if (len)
		suffix = strchr(suffixes, tolower(digits[len - 1]));
	if (suffix) {
		shift = 10 * (suffix - suffixes + 1);
		len--;
		if (digits == str)
			base = 10;
	}
	if (!len || strspn(digits, base == 10 ? "0123456789" :
			   "0123456789abcdefABCDEF") < len)
		return -EINVAL;
	val = simple_strtoull(digits, NULL, base);

	while (len > 1 && *digits == '0') {
		digits++;
		len--;
	}
	snprintf(back, sizeof(back), base == 10 ? "%llu" : "%llx", val);
	if (strlen(back) != len || strncasecmp(back, digits, len))
		return -EOVERFLOW;
	if (shift && val >> (64 - shift))
		return -EOVERFLOW;
	*valp = val << shift;

	return 0;
}

/* Parse @str into @valp, or say in one line why @what cannot be it. */
static bool get_num(const char *cmd, const char *what, const char *str,
		    u64 *valp)
{
	int ret = bootmem_parse_num(str, valp);

	if (ret == -EOVERFLOW)
		printf("bootmem %s: %s '%s' does not fit in 64 bits\n", cmd,
		       what, str);
	else if (ret)
		printf("bootmem %s: %s '%s' is not a number: hex, or decimal with K, M, G or T (100M = 100 MiB)\n",
		       cmd, what, str);

	return !ret;
}

static bool get_size(const char *cmd, const char *what, const char *str,
		     u64 *valp)
{
	if (!get_num(cmd, what, str, valp))
		return false;
	if (!*valp)
		printf("bootmem %s: %s '%s' is zero\n", cmd, what, str);

	return *valp;
}

/**
 * bootmem_cmd_node() - parse a node id given at the prompt
 * @cmd:	the subcommand, for the message
 * @str:	decimal digits only
 * @nidp:	set to the node on success
 *
 * Return: true for a node bootmem knows; otherwise prints why and returns
 * false
 */
bool bootmem_cmd_node(const char *cmd, const char *str, int *nidp)
{
	size_t len = strlen(str);
	int nid;

	/* More digits than any node id has would only wrap. */
	nid = len && len <= 3 && strspn(str, "0123456789") == len ?
	      dectoul(str, NULL) : NUMA_NO_NODE;
	if (nid == NUMA_NO_NODE || bootmem_node_info(nid, NULL)) {
		printf("bootmem %s: no node '%s'\n", cmd, str);
		return false;
	}
	*nidp = nid;

	return true;
}

static bool get_label(const char *cmd, const char *str, const char **labelp)
{
	if (!*str || strlen(str) >= BOOTMEM_LABEL_LEN) {
		printf("bootmem %s: label '%s' must have 1 to %d characters\n",
		       cmd, str, BOOTMEM_LABEL_LEN - 1);
		return false;
	}
	*labelp = str;

	return true;
}

/* "0x100000 bytes (1 MiB)": bytes exact, then as print_size() says them. */
static void print_bytes(u64 size, const char *after)
{
	printf("%#llx bytes (", size);
	print_size(size, ")");
	printf("%s", after);
}

/*
 * What print_size() prints, into a buffer: the map's size column needs a
 * string to pad, and print_size() only writes to the console. Same units
 * and the same rounding (to the nearest tenth), so that a size reads the
 * same in the map as everywhere else.
 */
static const char *size_str(char *buf, u64 size)
{
	static const char names[] = "EPTGMK";
	unsigned int i, shift, tenths;
	u64 n, rest;

	for (i = 0; i < sizeof(names) - 1; i++) {
		shift = 10 * (sizeof(names) - 1 - i);
		if (size >> shift)
			break;
	}
	if (i == sizeof(names) - 1) {
		snprintf(buf, SIZE_STR_LEN, "%llu Bytes", size);
		return buf;
	}
	n = size >> shift;
	rest = size & ((1ULL << shift) - 1);
	tenths = (10 * rest + (1ULL << (shift - 1))) >> shift;
	if (tenths >= 10) {
		tenths -= 10;
		n++;
		if (n == 1024 && i) {
			n = 1;
			tenths = 0;
			i--;
		}
	}
	if (tenths)
		snprintf(buf, SIZE_STR_LEN, "%llu.%u %ciB", n, tenths, names[i]);
	else
		snprintf(buf, SIZE_STR_LEN, "%llu %ciB", n, names[i]);

	return buf;
}

static const char *kind_str(enum bootmem_kind kind)
{
	return kind == BOOTMEM_FREE ? "free" :
	       kind == BOOTMEM_RESERVED ? "reserved" : "allocated";
}

static int not_enabled(const char *cmd)
{
	printf("bootmem %s: %s\n", cmd, bootmem_strerror(-EAGAIN));

	return CMD_RET_FAILURE;
}

/* "0-1,4" for the CPUs of a node, "none" without. */
static void print_cpus(const struct bootmem_node_info *info)
{
	unsigned int shown = 0;
	const char *sep = "";
	int cpu, last;

	if (!info->nr_cpus) {
		printf("none");
		return;
	}
	for (cpu = 0; cpu < 64; cpu = last + 1) {
		last = cpu;
		if (!(info->cpumask & (1ULL << cpu)))
			continue;
		while (last < 63 && (info->cpumask & (1ULL << (last + 1))))
			last++;
		printf(last > cpu ? "%s%d-%d" : "%s%d", sep, cpu, last);
		shown += last - cpu + 1;
		sep = ",";
	}
	if (info->nr_cpus > shown)
		printf("%s%u above 63", *sep ? " + " : "",
		       info->nr_cpus - shown);
}

static void print_amount(const char *name, u64 size)
{
	printf("  %-10s %#14llx  ", name, size);
	print_size(size, "\n");
}

static void print_node(int nid)
{
	struct bootmem_node_info info;
	phys_addr_t base;
	phys_size_t size;
	unsigned int i;

	bootmem_node_info(nid, &info);
	printf("node %d: cpus ", nid);
	print_cpus(&info);
	printf(" (%u), %u memory range%s\n", info.nr_cpus, info.nr_ranges,
	       info.nr_ranges == 1 ? "" : "s");
	for (i = 0; !bootmem_node_range(nid, i, &base, &size); i++) {
		printf("  [%#011llx-%#011llx]  ", base, base + size - 1);
		print_size(size, "\n");
	}
	print_amount("present", info.present);
	print_amount("free", info.free);
	print_amount("reserved", info.reserved);
	print_amount("allocated", info.allocated);
}

static void print_distances(void)
{
	int from, to;

	printf("distances:\n  from\\to");
	for_each_bootmem_node(to)
		printf(" %4d", to);
	printf("\n");
	for_each_bootmem_node(from) {
		printf("  %7d", from);
		for_each_bootmem_node(to)
			printf(" %4d", bootmem_distance(from, to));
		printf("\n");
	}
}

/* No options: every argument is an operand. */
static int no_opt(void *ctx, int opt, const char *arg)
{
	return CMD_RET_USAGE;
}

/* The operands of a subcommand without options: how many there are. */
static int operands(int argc, char *const argv[], struct bootmem_cmd_args *args)
{
	int ret = bootmem_cmd_getopt(argc, argv, "", no_opt, NULL, args);

	return ret ? -1 : args->nr;
}

static int do_bootmem_info(struct cmd_tbl *cmdtp, int flag, int argc,
			   char *const argv[])
{
	struct bootmem_cmd_args args;
	phys_addr_t map;
	phys_size_t map_size;
	int nid, nodes = 0;

	if (operands(argc, argv, &args))
		return CMD_RET_USAGE;
	if (!bootmem_enabled())
		return not_enabled(cmdtp->name);
	for_each_bootmem_node(nid)
		nodes++;
	bootmem_map_location(&map, &map_size);
	printf("%d node%s, boot node %d (alloc and boot use it unless -n)\n",
	       nodes, nodes == 1 ? "" : "s", bootmem_boot_node());
	/* bootmem_push() states keep their bitmap on the heap. */
	if (!map_size) {
		printf("bitmap: on the heap\n");
	} else {
		printf("bitmap: [%#011llx-%#011llx]  %#llx  ", map,
		       map + map_size - 1, map_size);
		print_size(map_size, "\n");
	}
	for_each_bootmem_node(nid)
		print_node(nid);
	print_distances();

	return CMD_RET_SUCCESS;
}

/* Where @addr lies among the node's pages, its ranges laid end to end. */
static u64 node_offset(int nid, phys_addr_t addr)
{
	phys_addr_t base;
	phys_size_t size;
	unsigned int i;
	u64 off = 0;

	for (i = 0; !bootmem_node_range(nid, i, &base, &size); i++) {
		if (addr >= base && addr - base < size)
			return off + (addr - base);
		off += size;
	}

	return off;
}

/*
 * One character per slice of the node's pages: '.' all free, 'a' or 'r'
 * under half in use, 'A' or 'R' at least half, by whichever of allocated
 * and reserved holds more of the slice.
 */
static void print_bar(int nid)
{
	u64 used[BAR_WIDTH][2] = { };
	struct bootmem_node_info info;
	struct bootmem_run run;
	u64 slice, off, end, n;
	int i, width;

	bootmem_node_info(nid, &info);
	printf("node %2d |", nid);
	if (!info.present) {
		printf("no memory|\n");
		return;
	}
	slice = DIV_ROUND_UP(info.present, BAR_WIDTH);
	width = DIV_ROUND_UP(info.present, slice);
	for_each_bootmem_run(&run) {
		if (run.nid != nid || run.kind == BOOTMEM_FREE)
			continue;
		off = node_offset(nid, run.base);
		for (end = off + run.size; off < end; off += n) {
			n = min(end, (off / slice + 1) * slice) - off;
			used[off / slice][run.kind == BOOTMEM_RESERVED] += n;
		}
	}
	for (i = 0; i < width; i++) {
		bool res = used[i][1] > used[i][0];
		u64 total = used[i][0] + used[i][1];

		if (!total)
			putc('.');
		else if (total * 2 < slice)
			putc(res ? 'r' : 'a');
		else
			putc(res ? 'R' : 'A');
	}
	printf("| ");
	print_size(slice, "/char\n");
}

static void print_run(const struct bootmem_run *run)
{
	const char *kind = kind_str(run->kind);
	char buf[SIZE_STR_LEN];

	printf("[%#011llx-%#011llx] %10s  %2d  %s", run->base,
	       run->base + run->size - 1, size_str(buf, run->size), run->nid,
	       kind);
	if (*run->label)
		printf("%*s%s", 11 - (int)strlen(kind), "", run->label);
	if (run->flags & BOOTMEM_KEEP)
		printf(" [keep]");
	if (run->flags & BOOTMEM_NOMAP)
		printf(" [nomap]");
	printf("\n");
}

static int do_bootmem_map(struct cmd_tbl *cmdtp, int flag, int argc,
			  char *const argv[])
{
	struct bootmem_cmd_args args;
	struct bootmem_run run;
	int ret, nid = NUMA_NO_NODE;

	ret = operands(argc, argv, &args);
	if (ret < 0 || ret > 1)
		return CMD_RET_USAGE;
	if (!bootmem_enabled())
		return not_enabled(cmdtp->name);
	if (args.nr && !bootmem_cmd_node(cmdtp->name, args.operand[0], &nid))
		return CMD_RET_FAILURE;

	printf("range                           size  node kind       owner\n");
	for_each_bootmem_run(&run) {
		if (nid == NUMA_NO_NODE || run.nid == nid)
			print_run(&run);
	}
	printf("\n");
	if (nid != NUMA_NO_NODE) {
		print_bar(nid);
	} else {
		for_each_bootmem_node(nid)
			print_bar(nid);
	}
	printf("'.' free, 'a'/'r' partly and 'A'/'R' mostly allocated/reserved\n");

	return CMD_RET_SUCCESS;
}

/* The node holding every byte of a range: "node 1" or "nodes 0 to 1". */
static void print_where(phys_addr_t addr, phys_size_t size)
{
	int first = bootmem_addr_to_nid(addr);
	int last = bootmem_addr_to_nid(addr + size - 1);

	if (bootmem_range_nid(addr, size) != NUMA_NO_NODE)
		printf("node %d", first);
	else
		printf("nodes %d to %d", first, last);
}

/* The lowest and highest byte of RAM, over every node. */
static void ram_bounds(phys_addr_t *lowp, phys_addr_t *highp)
{
	phys_addr_t first, last;
	int nid;

	*lowp = BOOTMEM_ALLOC_ANYWHERE;
	*highp = 0;
	for_each_bootmem_node(nid) {
		if (bootmem_node_bounds(nid, &first, &last))
			continue;
		*lowp = min(*lowp, first);
		*highp = max(*highp, last);
	}
}

/**
 * struct range_req - a parsed "<addr> <size>" command line
 * @cmd:	the subcommand's name, for messages
 * @addr:	first byte
 * @size:	bytes
 * @label:	owner label, for reserve
 */
struct range_req {
	const char *cmd;
	u64 addr;
	u64 size;
	const char *label;
};

/* "bootmem free 0x40000000 0x1000 bytes (4 KiB): ", for refusals. */
static void range_refused(const struct range_req *req)
{
	printf("bootmem %s %#llx ", req->cmd, req->addr);
	print_bytes(req->size, ": ");
}

/*
 * Whether every byte of the range is RAM; if not, say in one line where
 * it is not. bootmem would skip the holes, or refuse the range for what
 * its RAM holds, which hides what was mistyped.
 */
static bool check_ram(const struct range_req *req)
{
	phys_addr_t low, high, pos = req->addr;
	phys_addr_t last = req->addr + req->size - 1;
	struct bootmem_run run;

	if (last < req->addr) {
		range_refused(req);
		printf("passes the top of the address space\n");
		return false;
	}
	while (!bootmem_run_at(pos, &run)) {
		pos = run.base + run.size;
		if (!pos || pos - 1 >= last)
			return true;
	}
	ram_bounds(&low, &high);
	range_refused(req);
	if (pos < low)
		printf("%#llx is below RAM, which starts at %#llx\n", pos, low);
	else if (pos > high)
		printf("%#llx is above RAM, which ends at %#llx\n", pos, high);
	else
		printf("%#llx is in a hole between RAM ranges\n", pos);

	return false;
}

/*
 * The first run of the range whose kind is in @kinds (1 << kind each),
 * into @run. Return: whether there is one.
 */
static bool first_run(const struct range_req *req, unsigned int kinds,
		      struct bootmem_run *run)
{
	phys_addr_t pos = req->addr, last = req->addr + req->size - 1;

	while (!bootmem_run_at(pos, run)) {
		if (kinds & (1U << run->kind))
			return true;
		if (run->base + run->size - 1 >= last)
			break;
		pos = run->base + run->size;
	}

	return false;
}

/* "0x40000000 is reserved by 'u-boot: stack'" */
static void print_run_owner(const struct bootmem_run *run)
{
	printf("%#llx is %s", run->base, kind_str(run->kind));
	if (*run->label)
		printf(" by '%s'", run->label);
}

/**
 * struct alloc_req - a parsed "bootmem alloc" command line
 * @cmd:	the subcommand's name, for messages
 * @size:	bytes
 * @align:	alignment
 * @goal:	preferred lowest address
 * @limit:	highest end address
 * @nid:	preferred node
 * @flags:	BOOTMEM_* flags
 * @label:	owner label
 * @var:	environment variable to receive the address
 */
struct alloc_req {
	const char *cmd;
	u64 size;
	u64 align;
	u64 goal;
	u64 limit;
	int nid;
	unsigned int flags;
	const char *label;
	const char *var;
};

static bool get_var(const char *cmd, const char *str, const char **varp)
{
	if (!*str || strpbrk(str, "= \t$")) {
		printf("bootmem %s: bad variable name '%s'\n", cmd, str);
		return false;
	}
	*varp = str;

	return true;
}

/* One option of "bootmem alloc"; see bootmem_cmd_getopt(). */
static int alloc_opt(void *ctx, int opt, const char *val)
{
	struct alloc_req *req = ctx;
	bool ok = true;

	switch (opt) {
	case 'x':
		req->flags |= BOOTMEM_EXACT_NODE;
		break;
	case 'u':
		req->flags |= BOOTMEM_BOTTOM_UP;
		break;
	case 'k':
		req->flags |= BOOTMEM_KEEP;
		break;
	case 'n':
		ok = bootmem_cmd_node(req->cmd, val, &req->nid);
		break;
	case 'a':
		ok = get_size(req->cmd, "alignment", val, &req->align);
		break;
	case 'b':
		ok = get_num(req->cmd, "limit", val, &req->limit);
		break;
	case 'g':
		ok = get_num(req->cmd, "goal", val, &req->goal);
		break;
	case 'l':
		ok = get_label(req->cmd, val, &req->label);
		break;
	case 'v':
		ok = get_var(req->cmd, val, &req->var);
		break;
	}

	return ok ? 0 : CMD_RET_FAILURE;
}

/* "bootmem alloc 0x100000 bytes (1 MiB) on node 1: ", for refusals. */
static void alloc_refused(const struct alloc_req *req)
{
	printf("bootmem %s ", req->cmd);
	print_bytes(req->size, "");
	printf(" on node %d: ", req->nid);
}

/*
 * What can be said without asking bootmem: an alignment that is not a
 * power of two, a size no page count holds, or one larger than the RAM
 * it may come from.
 */
static bool alloc_possible(const struct alloc_req *req)
{
	struct bootmem_node_info info;
	u64 ram = 0;
	int nid;

	if (req->align & (req->align - 1)) {
		printf("bootmem %s: alignment ", req->cmd);
		print_bytes(req->align, " is not a power of two\n");
		return false;
	}
	if (req->size > BOOTMEM_ALLOC_ANYWHERE - BOOTMEM_PAGE_SIZE + 1) {
		alloc_refused(req);
		printf("rounded up to whole pages it passes 2^64\n");
		return false;
	}
	if (req->flags & BOOTMEM_EXACT_NODE) {
		bootmem_node_info(req->nid, &info);
		ram = info.present;
	} else {
		for_each_bootmem_node(nid) {
			bootmem_node_info(nid, &info);
			ram += info.present;
		}
	}
	if (req->size <= ram)
		return true;
	alloc_refused(req);
	if (!ram) {
		printf("node %d has no memory\n", req->nid);
	} else {
		printf("more than the %s RAM, ", req->flags &
		       BOOTMEM_EXACT_NODE ? "node's" : "machine's");
		print_bytes(ram, "\n");
	}

	return false;
}

static int do_bootmem_alloc(struct cmd_tbl *cmdtp, int flag, int argc,
			    char *const argv[])
{
	struct alloc_req req = {
		.cmd = cmdtp->name,
		.align = BOOTMEM_PAGE_SIZE,
		.limit = BOOTMEM_ALLOC_ANYWHERE,
		.nid = bootmem_boot_node(),
		.label = "bootmem alloc",
		.var = "bootmem_addr",
	};
	struct bootmem_cmd_args args;
	char val[ADDR_STR_LEN];
	phys_addr_t addr;
	int ret, nid;

	ret = bootmem_cmd_getopt(argc, argv, "n:xa:b:g:ukl:v:", alloc_opt,
				 &req, &args);
	if (ret)
		return ret;
	if (args.nr != 1)
		return CMD_RET_USAGE;
	if (!get_size(req.cmd, "size", args.operand[0], &req.size))
		return CMD_RET_FAILURE;
	if (!bootmem_enabled())
		return not_enabled(req.cmd);
	if (!alloc_possible(&req))
		return CMD_RET_FAILURE;

	/* A shell buffer takes loads (LMB_NONE claims); one kept for the OS does not */
	if (!(req.flags & BOOTMEM_KEEP))
		req.flags |= BOOTMEM_LOAD_BUFFER;
	ret = bootmem_alloc(req.size, req.align, req.goal, req.limit, req.nid,
			    req.flags, req.label, &addr);
	if (ret) {
		alloc_refused(&req);
		if (ret != -ENOMEM)
			printf("%s\n", bootmem_strerror(ret));
		else
			printf("nothing free that large%s%s\n",
			       req.flags & BOOTMEM_EXACT_NODE ? " on it" :
			       " on it or a fallback node",
			       req.limit != BOOTMEM_ALLOC_ANYWHERE ?
			       " below the limit" : "");
		return CMD_RET_FAILURE;
	}
	snprintf(val, sizeof(val), "%#llx", addr);
	if (env_set(req.var, val)) {
		bootmem_free(addr, req.size);
		printf("bootmem %s: cannot set %s\n", req.cmd, req.var);
		return CMD_RET_FAILURE;
	}
	nid = bootmem_addr_to_nid(addr);
	printf("%s=%s: ", req.var, val);
	print_bytes(req.size, " on ");
	print_where(addr, req.size);
	if (nid != req.nid)
		printf(" (node %d had no room)", req.nid);
	printf("\n");

	return CMD_RET_SUCCESS;
}

/* The one option a range takes: -l, for reserve. */
static int range_opt(void *ctx, int opt, const char *val)
{
	struct range_req *req = ctx;

	return get_label(req->cmd, val, &req->label) ? 0 : CMD_RET_FAILURE;
}

/*
 * Parse "<addr> <size>" with @optstring's options, and check the range is
 * RAM. Return: 0 or a CMD_RET_* code, after saying why.
 */
static int parse_range(struct range_req *req, const char *optstring,
		       int argc, char *const argv[])
{
	struct bootmem_cmd_args args;
	int ret;

	ret = bootmem_cmd_getopt(argc, argv, optstring, range_opt, req, &args);
	if (ret)
		return ret;
	if (args.nr != 2)
		return CMD_RET_USAGE;
	if (!get_num(req->cmd, "address", args.operand[0], &req->addr) ||
	    !get_size(req->cmd, "size", args.operand[1], &req->size))
		return CMD_RET_FAILURE;
	if (!bootmem_enabled())
		return not_enabled(req->cmd);

	return check_ram(req) ? 0 : CMD_RET_FAILURE;
}

/* Free and unreserve take whole pages, as the map shows them. */
static bool whole_pages(const struct range_req *req)
{
	if (!((req->addr | req->size) & (BOOTMEM_PAGE_SIZE - 1)))
		return true;
	range_refused(req);
	printf("not whole pages of %#llx bytes\n", BOOTMEM_PAGE_SIZE);

	return false;
}

/* "reserved [0x..-0x..] 0x2000 bytes (8 KiB) on node 1" */
static void print_done(const char *what, phys_addr_t addr, phys_size_t size)
{
	printf("%s [%#llx-%#llx] ", what, addr, addr + size - 1);
	print_bytes(size, " on ");
	print_where(addr, size);
	printf("\n");
}

static int do_bootmem_reserve(struct cmd_tbl *cmdtp, int flag, int argc,
			      char *const argv[])
{
	struct range_req req = { .cmd = cmdtp->name,
				 .label = "bootmem reserve" };
	struct bootmem_run run;
	phys_addr_t base;
	int ret;

	ret = parse_range(&req, "l:", argc, argv);
	if (ret)
		return ret;

	/* Exclusive: reserving what U-Boot or an allocation holds is a bug. */
	ret = bootmem_reserve(req.addr, req.size, BOOTMEM_EXCLUSIVE |
			      BOOTMEM_TAG(BOOTMEM_CMD_TAG), req.label);
	if (ret) {
		range_refused(&req);
		if (ret == -EBUSY &&
		    first_run(&req, ~(1U << BOOTMEM_FREE), &run))
			print_run_owner(&run);
		else
			printf("%s", bootmem_strerror(ret));
		printf("\n");
		return CMD_RET_FAILURE;
	}
	/* bootmem reserved the whole pages the range touches. */
	base = req.addr & ~(BOOTMEM_PAGE_SIZE - 1);
	print_done("reserved", base, ALIGN(req.addr + req.size,
					   BOOTMEM_PAGE_SIZE) - base);

	return CMD_RET_SUCCESS;
}

/*
 * Whether every byte of the range was reserved at the prompt; if not, say
 * which byte was not, and whose it is.
 */
static bool made_here(const struct range_req *req)
{
	phys_addr_t pos = req->addr, last = req->addr + req->size - 1;
	struct bootmem_run run;

	/* parse_range() found every byte in RAM: each has a run. */
	while (!bootmem_run_at(pos, &run) && run.kind == BOOTMEM_RESERVED &&
	       run.tag == BOOTMEM_CMD_TAG) {
		if (run.base + run.size - 1 >= last)
			return true;
		pos = run.base + run.size;
	}
	range_refused(req);
	print_run_owner(&run);
	if (run.kind == BOOTMEM_RESERVED)
		printf(", not at the prompt: it stays\n");
	else
		printf(", not reserved\n");

	return false;
}

static int do_bootmem_unreserve(struct cmd_tbl *cmdtp, int flag, int argc,
				char *const argv[])
{
	struct range_req req = { .cmd = cmdtp->name };
	int ret;

	ret = parse_range(&req, "", argc, argv);
	if (ret)
		return ret;
	if (!whole_pages(&req) || !made_here(&req))
		return CMD_RET_FAILURE;

	ret = bootmem_release(req.addr, req.size);
	if (ret) {
		range_refused(&req);
		printf("%s\n", bootmem_strerror(ret));
		return CMD_RET_FAILURE;
	}
	print_done("unreserved", req.addr, req.size);

	return CMD_RET_SUCCESS;
}

static int do_bootmem_free(struct cmd_tbl *cmdtp, int flag, int argc,
			   char *const argv[])
{
	struct range_req req = { .cmd = cmdtp->name };
	struct bootmem_run run;
	int ret;

	ret = parse_range(&req, "", argc, argv);
	if (ret)
		return ret;
	if (!whole_pages(&req))
		return CMD_RET_FAILURE;

	ret = bootmem_free(req.addr, req.size);
	if (ret) {
		range_refused(&req);
		if ((ret == -ENOENT || ret == -EACCES) &&
		    first_run(&req, ~(1U << BOOTMEM_ALLOCATED), &run)) {
			print_run_owner(&run);
			printf(", not allocated\n");
		} else {
			printf("%s\n", bootmem_strerror(ret));
		}
		return CMD_RET_FAILURE;
	}
	print_done("freed", req.addr, req.size);

	return CMD_RET_SUCCESS;
}

U_BOOT_LONGHELP(bootmem,
		"info - nodes, their memory, CPUs and distances; the bitmap\n"
		"bootmem map [node] - every run of memory with its owner; a bar per node\n"
		"bootmem alloc <size> [-n node] [-x] [-a align] [-b limit] [-g goal] [-u] [-k] [-l label] [-v var] - allocate\n"
		"bootmem reserve <addr> <size> [-l label] - reserve free memory\n"
		"bootmem unreserve <addr> <size> - undo a reservation made here\n"
		"bootmem free <addr> <size> - free allocated memory\n"
		"bootmem boot <iface> <dev[:part]> <kernel> [<initrd>] [-n node] [-x] - place and boot Linux\n"
		"Numbers are hex; with K, M, G or T decimal (100M = 100 MiB) unless 0x.\n"
		"Node: the boot node unless -n. Details: doc/usage/cmd/bootmem.rst");

U_BOOT_CMD_WITH_SUBCMDS(bootmem, "NUMA boot memory allocator",
			bootmem_help_text,
			U_BOOT_SUBCMD_MKENT(info, 1, 1, do_bootmem_info),
			U_BOOT_SUBCMD_MKENT(map, 2, 1, do_bootmem_map),
			U_BOOT_SUBCMD_MKENT(alloc, CONFIG_SYS_MAXARGS, 0, do_bootmem_alloc),
			U_BOOT_SUBCMD_MKENT(reserve, CONFIG_SYS_MAXARGS, 0, do_bootmem_reserve),
			U_BOOT_SUBCMD_MKENT(unreserve, 3, 0, do_bootmem_unreserve),
			U_BOOT_SUBCMD_MKENT(free, 3, 0, do_bootmem_free),
			U_BOOT_SUBCMD_MKENT(boot, CONFIG_SYS_MAXARGS, 0, do_bootmem_boot));

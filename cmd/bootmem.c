// SPDX-License-Identifier: GPL-2.0+
/*
 * The bootmem command: show the NUMA topology and the memory map of the
 * bootmem allocator, and allocate, reserve and free memory by hand.
 *
 * Input is checked in full before anything changes: a malformed argument
 * prints one line and fails, and a request bootmem refuses leaves the map
 * as it was (the library guarantees that much for every refused call).
 */

#include <bootmem.h>
#include <bootmem_boot.h>
#include <bootmem_uboot.h>
#include <command.h>
#include <env.h>
#include <vsprintf.h>
#include <linux/ctype.h>
#include <linux/kernel.h>

#define BAR_WIDTH	64
#define SIZE_STR_LEN	16

/**
 * bootmem_parse_num() - parse a number as the bootmem command takes it
 * @str:	hex digits, "0x" optional, then an optional K, M or G
 *		(either case) multiplying by 2^10, 2^20 or 2^30
 * @valp:	set to the value on success, untouched on error
 *
 * Unlike simple_strtoull() nothing is ignored: a sign, a space, a
 * trailing character or a value past 64 bits is an error.
 *
 * Return: 0; -EINVAL if @str is not such a number; -ERANGE on overflow
 */
static int bootmem_parse_num(const char *str, u64 *valp)
{
	const char *p = str;
	unsigned int shift = 0;
	u64 val = 0;

	if (p[0] == '0' && tolower(p[1]) == 'x')
		p += 2;
	if (!isxdigit(*p))
		return -EINVAL;
	for (; isxdigit(*p); p++) {
		if (val >> 60)
			return -ERANGE;
		val = val << 4 | (isdigit(*p) ? *p - '0' : tolower(*p) - 'a' + 10);
	}
	switch (tolower(*p)) {
	case 'k':
		shift = 10;
		break;
	case 'm':
		shift = 20;
		break;
	case 'g':
		shift = 30;
		break;
	}
	if (shift)
		p++;
	if (*p)
		return -EINVAL;
	if (shift && val >> (64 - shift))
		return -ERANGE;
	*valp = val << shift;

	return 0;
}

/* Parse @str into @valp, or say in one line why @what cannot be it. */
static bool get_num(const char *what, const char *str, u64 *valp)
{
	int ret = bootmem_parse_num(str, valp);

	if (ret)
		printf("bootmem: bad %s '%s': %s\n", what, str,
		       ret == -ERANGE ? "too large" :
		       "not a hex number (K, M or G suffix allowed)");

	return !ret;
}

static bool get_size(const char *what, const char *str, u64 *valp)
{
	if (!get_num(what, str, valp))
		return false;
	if (!*valp)
		printf("bootmem: bad %s '%s': must not be 0\n", what, str);

	return *valp;
}

/**
 * bootmem_get_node() - parse a node id given at the prompt
 * @str:	decimal digits only
 * @nidp:	set to the node on success
 *
 * Return: true for a node bootmem knows; otherwise prints why and returns
 * false
 */
bool bootmem_get_node(const char *str, int *nidp)
{
	const char *p = str;
	int nid = 0;

	for (; isdigit(*p) && nid < BOOTMEM_MAX_NODES; p++)
		nid = nid * 10 + *p - '0';
	if (p == str || *p || bootmem_node_info(nid, NULL)) {
		printf("bootmem: no node '%s'\n", str);
		return false;
	}
	*nidp = nid;

	return true;
}

static bool get_label(const char *str, const char **labelp)
{
	if (!*str || strlen(str) >= BOOTMEM_LABEL_LEN) {
		printf("bootmem: label '%s' must have 1 to %d characters\n",
		       str, BOOTMEM_LABEL_LEN - 1);
		return false;
	}
	*labelp = str;

	return true;
}

/* "1 GiB", "1.5 MiB", "4 KiB", "100 B": to one decimal, rounded down. */
static const char *size_str(char *buf, u64 size)
{
	static const char units[] = "KMGTPE";
	int i;

	for (i = sizeof(units) - 2; i >= 0; i--) {
		unsigned int shift = 10 * (i + 1);
		u64 rest = size & ((1ULL << shift) - 1);
		unsigned int tenth = (rest * 10) >> shift;

		if (size >> shift == 0)
			continue;
		if (tenth)
			snprintf(buf, SIZE_STR_LEN, "%llu.%u %ciB",
				 size >> shift, tenth, units[i]);
		else
			snprintf(buf, SIZE_STR_LEN, "%llu %ciB", size >> shift,
				 units[i]);
		return buf;
	}
	snprintf(buf, SIZE_STR_LEN, "%llu B", size);

	return buf;
}

static const char *kind_str(enum bootmem_kind kind)
{
	return kind == BOOTMEM_FREE ? "free" :
	       kind == BOOTMEM_RESERVED ? "reserved" : "allocated";
}

static int not_enabled(void)
{
	printf("bootmem: %s\n", bootmem_strerror(-EAGAIN));

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
	char buf[SIZE_STR_LEN];

	printf("  %-10s %#14llx  %s\n", name, size, size_str(buf, size));
}

static void print_node(int nid)
{
	struct bootmem_node_info info;
	phys_addr_t base;
	phys_size_t size;
	char buf[SIZE_STR_LEN];
	unsigned int i;

	bootmem_node_info(nid, &info);
	printf("node %d: cpus ", nid);
	print_cpus(&info);
	printf(" (%u), %u memory range%s\n", info.nr_cpus, info.nr_ranges,
	       info.nr_ranges == 1 ? "" : "s");
	for (i = 0; !bootmem_node_range(nid, i, &base, &size); i++)
		printf("  [%#011llx-%#011llx]  %s\n", base, base + size - 1,
		       size_str(buf, size));
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

static int do_bootmem_info(struct cmd_tbl *cmdtp, int flag, int argc,
			   char *const argv[])
{
	phys_addr_t map;
	phys_size_t map_size;
	char buf[SIZE_STR_LEN];
	int nid, nodes = 0;

	if (!bootmem_enabled())
		return not_enabled();
	for_each_bootmem_node(nid)
		nodes++;
	bootmem_map_location(&map, &map_size);
	printf("bootmem: %d node%s, boot node %d, debug %s\n", nodes,
	       nodes == 1 ? "" : "s", bootmem_boot_node(),
	       bootmem_debug ? "on" : "off");
	printf("bitmap: [%#011llx-%#011llx]  %#llx  %s\n", map,
	       map + map_size - 1, map_size, size_str(buf, map_size));
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
	char buf[SIZE_STR_LEN];
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
	printf("| %s/char\n", size_str(buf, slice));
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
	struct bootmem_run run;
	int nid = NUMA_NO_NODE;

	if (argc > 2)
		return CMD_RET_USAGE;
	if (!bootmem_enabled())
		return not_enabled();
	if (argc == 2 && !bootmem_get_node(argv[1], &nid))
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

/**
 * struct alloc_req - a parsed "bootmem alloc" command line
 * @size:	bytes
 * @align:	alignment
 * @goal:	preferred lowest address
 * @limit:	highest end address
 * @nid:	preferred node or NUMA_NO_NODE
 * @flags:	BOOTMEM_* flags
 * @label:	owner label
 * @var:	environment variable to receive the address
 */
struct alloc_req {
	u64 size;
	u64 align;
	u64 goal;
	u64 limit;
	int nid;
	unsigned int flags;
	const char *label;
	const char *var;
};

static bool get_var(const char *str, const char **varp)
{
	if (!*str || strpbrk(str, "= \t$")) {
		printf("bootmem: bad variable name '%s'\n", str);
		return false;
	}
	*varp = str;

	return true;
}

/* The flag an option without a value stands for, or 0. */
static unsigned int alloc_flag(char opt)
{
	return opt == 'x' ? BOOTMEM_EXACT_NODE :
	       opt == 'u' ? BOOTMEM_BOTTOM_UP :
	       opt == 'k' ? BOOTMEM_KEEP : 0;
}

/*
 * An option taking a value. Return: 0, CMD_RET_USAGE for an unknown
 * option, CMD_RET_FAILURE for a bad value (after saying why).
 */
static int alloc_opt(struct alloc_req *req, char opt, const char *val)
{
	bool ok;

	switch (opt) {
	case 'n':
		ok = bootmem_get_node(val, &req->nid);
		break;
	case 'a':
		ok = get_size("alignment", val, &req->align);
		break;
	case 'b':
		ok = get_num("limit", val, &req->limit);
		break;
	case 'g':
		ok = get_num("goal", val, &req->goal);
		break;
	case 'l':
		ok = get_label(val, &req->label);
		break;
	case 'v':
		ok = get_var(val, &req->var);
		break;
	default:
		return CMD_RET_USAGE;
	}

	return ok ? 0 : CMD_RET_FAILURE;
}

/* Options may come before or after the size, each on its own. */
static int parse_alloc(struct alloc_req *req, int argc, char *const argv[])
{
	const char *size = NULL;
	int i, ret;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		/* "-1" is a (bad) size, not an option. */
		if (arg[0] != '-' || !isalpha(arg[1]) || arg[2]) {
			if (size)
				return CMD_RET_USAGE;
			size = arg;
			continue;
		}
		if (alloc_flag(arg[1])) {
			req->flags |= alloc_flag(arg[1]);
			continue;
		}
		if (i + 1 == argc)
			return CMD_RET_USAGE;
		ret = alloc_opt(req, arg[1], argv[++i]);
		if (ret)
			return ret;
	}
	if (!size)
		return CMD_RET_USAGE;
	if (!get_size("size", size, &req->size))
		return CMD_RET_FAILURE;
	if ((req->flags & BOOTMEM_EXACT_NODE) && req->nid == NUMA_NO_NODE) {
		printf("bootmem: -x needs a node (-n)\n");
		return CMD_RET_FAILURE;
	}

	return 0;
}

static int do_bootmem_alloc(struct cmd_tbl *cmdtp, int flag, int argc,
			    char *const argv[])
{
	struct alloc_req req = {
		.align = BOOTMEM_PAGE_SIZE,
		.limit = BOOTMEM_ALLOC_ANYWHERE,
		.nid = NUMA_NO_NODE,
		.label = "bootmem alloc",
		.var = "bootmem_addr",
	};
	phys_addr_t addr;
	char val[20];
	int ret;

	ret = parse_alloc(&req, argc, argv);
	if (ret)
		return ret;
	ret = bootmem_alloc(req.size, req.align, req.goal, req.limit, req.nid,
			    req.flags, req.label, &addr);
	if (ret && req.nid == NUMA_NO_NODE)
		printf("bootmem: alloc %#llx: %s\n", req.size,
		       bootmem_strerror(ret));
	else if (ret)
		printf("bootmem: alloc %#llx on node %d: %s\n", req.size,
		       req.nid, bootmem_strerror(ret));
	if (ret)
		return CMD_RET_FAILURE;
	snprintf(val, sizeof(val), "0x%llx", addr);
	if (env_set(req.var, val)) {
		bootmem_free(addr, req.size);
		printf("bootmem: alloc: cannot set %s\n", req.var);
		return CMD_RET_FAILURE;
	}
	bootmem_lmb_hold(addr, req.size);
	printf("%s=%s on node %d\n", req.var, val, bootmem_addr_to_nid(addr));

	return CMD_RET_SUCCESS;
}

static int do_bootmem_reserve(struct cmd_tbl *cmdtp, int flag, int argc,
			      char *const argv[])
{
	const char *label = "bootmem reserve";
	u64 addr, size;
	int ret;

	if (argc != 3 && !(argc == 5 && !strcmp(argv[3], "-l")))
		return CMD_RET_USAGE;
	if (!get_num("address", argv[1], &addr) ||
	    !get_size("size", argv[2], &size) ||
	    (argc == 5 && !get_label(argv[4], &label)))
		return CMD_RET_FAILURE;

	/* Exclusive: reserving what U-Boot or an allocation holds is a bug. */
	ret = bootmem_reserve(addr, size, BOOTMEM_EXCLUSIVE, label);
	if (ret) {
		printf("bootmem: reserve %#llx %#llx: %s\n", addr, size,
		       bootmem_strerror(ret));
		return CMD_RET_FAILURE;
	}
	bootmem_lmb_hold(addr, size);

	return CMD_RET_SUCCESS;
}

static int do_bootmem_free(struct cmd_tbl *cmdtp, int flag, int argc,
			   char *const argv[])
{
	u64 addr, size;
	int ret;

	if (argc != 3)
		return CMD_RET_USAGE;
	if (!get_num("address", argv[1], &addr) ||
	    !get_size("size", argv[2], &size))
		return CMD_RET_FAILURE;
	/* bootmem rounds a size up; freeing more than asked is not wanted. */
	if ((addr | size) & (BOOTMEM_PAGE_SIZE - 1)) {
		printf("bootmem: free %#llx %#llx: not a multiple of %#llx\n",
		       addr, size, BOOTMEM_PAGE_SIZE);
		return CMD_RET_FAILURE;
	}

	ret = bootmem_free(addr, size);
	if (ret) {
		printf("bootmem: free %#llx %#llx: %s\n", addr, size,
		       bootmem_strerror(ret));
		return CMD_RET_FAILURE;
	}
	bootmem_lmb_release(addr, size);

	return CMD_RET_SUCCESS;
}

static int do_bootmem_debug(struct cmd_tbl *cmdtp, int flag, int argc,
			    char *const argv[])
{
	if (argc == 2 && !strcmp(argv[1], "on"))
		bootmem_debug = true;
	else if (argc == 2 && !strcmp(argv[1], "off"))
		bootmem_debug = false;
	else if (argc != 1)
		return CMD_RET_USAGE;
	printf("bootmem debug %s\n", bootmem_debug ? "on" : "off");

	return CMD_RET_SUCCESS;
}

#ifdef CONFIG_SYS_LONGHELP
static char bootmem_help_text[] =
	"info - nodes, their memory, CPUs and distances; the bitmap\n"
	"bootmem map [node] - every run of pages with its owner, and a bar\n"
	"    per node: '.' free, 'a'/'r' partly and 'A'/'R' mostly\n"
	"    allocated/reserved\n"
	"bootmem alloc <size> [-n node] [-x] [-a align] [-b limit] [-g goal]\n"
	"    [-u] [-k] [-l label] [-v var] - allocate, top-down by default,\n"
	"    and set $var (default: bootmem_addr) to the address\n"
	"    -n: preferred node; -x: that node only; -a: power-of-two\n"
	"    alignment (default 0x1000); -b: end at or below limit;\n"
	"    -g: preferably at or above goal; -u: bottom-up; -k: keep it\n"
	"    for the OS; -l: owner label (default 'bootmem alloc')\n"
	"bootmem reserve <addr> <size> [-l label] - reserve free pages for\n"
	"    good (label default 'bootmem reserve')\n"
	"bootmem free <addr> <size> - free allocated pages, page aligned\n"
	"bootmem boot <iface> <dev[:part]> <kernel> [<initrd>] [-n node] -\n"
	"    place kernel, initrd and a copy of the device tree on node\n"
	"    (default: the boot CPU's, else the nearest with room), load\n"
	"    them and boot Linux with booti; bootargs as for booti\n"
	"bootmem debug [on|off] - log every bootmem call\n"
	"Numbers are hex, 0x optional; a K, M or G suffix multiplies by\n"
	"2^10, 2^20 or 2^30 (2M = 0x200000, 10M = 16 MiB). Node ids are\n"
	"decimal. Labels have at most 23 characters.";
#endif

U_BOOT_CMD_WITH_SUBCMDS(bootmem, "NUMA boot memory allocator",
			bootmem_help_text,
			U_BOOT_SUBCMD_MKENT(info, 1, 1, do_bootmem_info),
			U_BOOT_SUBCMD_MKENT(map, 2, 1, do_bootmem_map),
			U_BOOT_SUBCMD_MKENT(alloc, CONFIG_SYS_MAXARGS, 0, do_bootmem_alloc),
			U_BOOT_SUBCMD_MKENT(reserve, 5, 0, do_bootmem_reserve),
			U_BOOT_SUBCMD_MKENT(free, 3, 0, do_bootmem_free),
			U_BOOT_SUBCMD_MKENT(boot, 7, 0, do_bootmem_boot),
			U_BOOT_SUBCMD_MKENT(debug, 2, 1, do_bootmem_debug));

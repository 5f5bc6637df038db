// SPDX-License-Identifier: GPL-2.0+
/*
 * bootmem-fdt-info: scan a device tree blob with bootmem_fdt_scan(), enable
 * the allocator and print what it learnt, one record per line, for tests
 * that compare it with what produced the tree (QEMU's -numa options):
 *
 *   node <nid> present <bytes> cpus <count> cpumask <mask>
 *   range <nid> <base> <size>
 *   distance <from> <to> <distance>
 *   reserved <base> <size> <nid> <flags> <label>
 *
 * Numbers are hex with 0x except node ids, counts and distances. Exit
 * status 2 with "error <errno> <message>" when the scan fails.
 */

#include <stdarg.h>
#include <stdlib.h>
#include <bootmem.h>
#include <bootmem_fdt.h>

/* Physical memory for the bitmap: one zeroed heap buffer per mapping. */
void *bootmem_port_map(phys_addr_t addr, phys_size_t len)
{
	static struct {
		phys_addr_t addr;
		phys_size_t len;
		void *mem;
	} maps[16];
	static unsigned int nr;
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (addr >= maps[i].addr && addr - maps[i].addr + len <= maps[i].len)
			return (char *)maps[i].mem + (addr - maps[i].addr);
	if (nr == ARRAY_SIZE(maps))
		bootmem_port_panic("too many mappings\n");
	maps[nr].mem = calloc(1, len ? len : 1);
	if (!maps[nr].mem)
		bootmem_port_panic("cannot back %#llx bytes\n",
				   (unsigned long long)len);
	maps[nr].addr = addr;
	maps[nr].len = len;
	return maps[nr++].mem;
}

void bootmem_port_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	exit(3);
}

static void *read_blob(const char *name)
{
	FILE *f = fopen(name, "rb");
	size_t size = 0, n;
	char *buf = NULL;

	if (!f)
		return NULL;
	do {
		buf = realloc(buf, size + 65536);
		if (!buf)
			break;
		n = fread(buf + size, 1, 65536, f);
		size += n;
	} while (n == 65536);
	fclose(f);
	if (buf && (size < sizeof(struct fdt_header) ||
		    fdt_totalsize(buf) > size)) {
		fprintf(stderr, "%s: shorter than its header says\n", name);
		free(buf);
		return NULL;
	}
	return buf;
}

static void print_node(int nid)
{
	struct bootmem_node_info info;
	phys_addr_t base;
	phys_size_t size;
	unsigned int i;

	bootmem_node_info(nid, &info);
	printf("node %d present %#llx cpus %u cpumask %#llx\n", nid,
	       (unsigned long long)info.present, info.nr_cpus,
	       (unsigned long long)info.cpumask);
	for (i = 0; !bootmem_node_range(nid, i, &base, &size); i++)
		printf("range %d %#llx %#llx\n", nid, (unsigned long long)base,
		       (unsigned long long)size);
}

static void print_registry(void)
{
	struct bootmem_run run;
	int from, to;

	for_each_bootmem_node(from)
		print_node(from);
	for_each_bootmem_node(from)
		for_each_bootmem_node(to)
			printf("distance %d %d %d\n", from, to,
			       bootmem_distance(from, to));
	for_each_bootmem_run(&run)
		if (run.kind == BOOTMEM_RESERVED)
			printf("reserved %#llx %#llx %d %#x %s\n",
			       (unsigned long long)run.base,
			       (unsigned long long)run.size, run.nid,
			       run.flags, run.label);
}

int main(int argc, char **argv)
{
	void *fdt;
	int ret;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE.dtb\n", argv[0]);
		return 1;
	}
	fdt = read_blob(argv[1]);
	if (!fdt) {
		fprintf(stderr, "%s: cannot read a device tree\n", argv[1]);
		return 1;
	}
	ret = bootmem_fdt_scan(fdt);
	if (!ret)
		ret = bootmem_enable(NUMA_NO_NODE, BOOTMEM_ALLOC_ANYWHERE);
	if (ret) {
		printf("error %d %s\n", -ret, bootmem_strerror(ret));
		return 2;
	}
	print_registry();
	free(fdt);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0+
/*
 * bootmem boot: place the kernel, initrd and device tree with bootmem on a
 * NUMA node, load them there and start Linux with booti, which then has
 * nothing to relocate.
 *
 * Every placement is undone if a later step fails, so a refused boot
 * leaves the memory map as it was.
 */

#include <bootmem.h>
#include <bootmem_boot.h>
#include <command.h>
#include <env.h>
#include <fs.h>
#include <gzip.h>
#include <mapmem.h>
#include <time.h>
#include <asm/global_data.h>
#include <linux/sizes.h>

DECLARE_GLOBAL_DATA_PTR;

/* Time spent placing, as opposed to loading, for the benchmark. */
static ulong placing_us;

static void place_end(ulong start)
{
	placing_us += timer_get_us() - start;
}

/* Room for U-Boot's and our fix-ups of the tree handed to Linux. */
#define BOOT_FDT_ROOM		SZ_64K

struct boot_file {
	const char *iface;
	const char *dev;
	const char *name;
	loff_t size;
};

/* The fs layer closes the device after each call: reopen every time. */
static int file_size(struct boot_file *f)
{
	if (fs_set_blk_dev(f->iface, f->dev, FS_TYPE_ANY) ||
	    fs_size(f->name, &f->size) || !f->size) {
		printf("bootmem: %s: no such file on %s %s\n", f->name,
		       f->iface, f->dev);
		return -ENOENT;
	}

	return 0;
}

static int file_read(const struct boot_file *f, phys_addr_t addr, loff_t len)
{
	loff_t got;

	if (fs_set_blk_dev(f->iface, f->dev, FS_TYPE_ANY) ||
	    fs_read(f->name, addr, 0, len, &got) || got != len) {
		printf("bootmem: %s: read error\n", f->name);
		return -EIO;
	}

	return 0;
}

static void say(const char *what, const struct bootmem_placement *p,
		loff_t file)
{
	printf("bootmem: %-6s %#010llx-%#010llx node %d (%llu KiB, file %llu KiB at %#llx)\n",
	       what, (unsigned long long)p->base,
	       (unsigned long long)(p->base + p->size - 1), p->nid,
	       (unsigned long long)p->size >> 10,
	       (unsigned long long)file >> 10, (unsigned long long)p->load);
}

static int refuse(const char *what, int err)
{
	printf("bootmem: %s: %s\n", what, bootmem_strerror(err));
	return err;
}

/* The kernel fits its allocation, and its BSS fits after it. */
static int check_size(const struct boot_file *f, u64 len,
		      const struct bootmem_arm64_image *img)
{
	if (len > img->image_size) {
		printf("bootmem: %s: larger than its image_size\n", f->name);
		return -ENOEXEC;
	}
	if (img->legacy)
		printf("bootmem: %s: no image_size, assuming %u MiB\n",
		       f->name, BOOTMEM_ARM64_LEGACY_SIZE >> 20);

	return 0;
}

/*
 * An Image.gz is unpacked through two temporary bootmem buffers, the
 * packed file and the unpacked Image, since only the unpacked header says
 * how large the kernel's allocation must be.
 */
static int load_gzip_kernel(const struct boot_file *f, int nid,
			    struct bootmem_placement *k)
{
	struct bootmem_arm64_image img;
	phys_addr_t gz, raw;
	unsigned long len;
	u32 raw_size;
	__le32 isize;
	int ret;

	ret = bootmem_alloc(f->size, SZ_4K, 0, BOOTMEM_ALLOC_ANYWHERE, nid, 0,
			    "kernel.gz (temp)", &gz);
	if (ret)
		return refuse("kernel.gz", ret);
	ret = file_read(f, gz, f->size);
	if (ret)
		goto free_gz;
	/* gzip's trailer ends with the unpacked size (modulo 4 GiB). */
	memcpy(&isize, map_sysmem(gz + f->size - 4, 4), 4);
	raw_size = max_t(u32, le32_to_cpu(isize), BOOTMEM_ARM64_HEADER_SIZE);
	len = raw_size;
	ret = bootmem_alloc(raw_size, SZ_4K, 0, BOOTMEM_ALLOC_ANYWHERE, nid, 0,
			    "kernel (unpacking)", &raw);
	if (ret) {
		refuse("kernel.gz", ret);
		goto free_gz;
	}
	if (gunzip(map_sysmem(raw, len), len, map_sysmem(gz, f->size), &len) ||
	    bootmem_arm64_parse(map_sysmem(raw, len), len, &img)) {
		printf("bootmem: %s: not a gzipped arm64 Image\n", f->name);
		ret = -ENOEXEC;
	} else {
		ret = check_size(f, len, &img);
	}
	if (!ret) {
		ulong t = timer_get_us();

		ret = bootmem_place_kernel(&img, nid, k);
		place_end(t);
		if (ret)
			refuse("kernel", ret);
		else
			memcpy(map_sysmem(k->load, len), map_sysmem(raw, len),
			       len);
	}
	bootmem_free(raw, raw_size);
free_gz:
	bootmem_free(gz, f->size);

	return ret;
}

static int load_kernel(struct boot_file *f, int nid,
		       struct bootmem_placement *k)
{
	struct bootmem_arm64_image img;
	u8 hdr[BOOTMEM_ARM64_HEADER_SIZE] __aligned(8);
	ulong t;
	int ret;

	ret = file_size(f);
	if (!ret && f->size >= sizeof(hdr))
		ret = fs_set_blk_dev(f->iface, f->dev, FS_TYPE_ANY) ||
		      fs_read(f->name, map_to_sysmem(hdr), 0, sizeof(hdr),
			      &(loff_t){0}) ? -EIO : 0;
	if (ret)
		return ret;
	if (f->size >= sizeof(hdr) && hdr[0] == 0x1f && hdr[1] == 0x8b)
		return load_gzip_kernel(f, nid, k);

	ret = bootmem_arm64_parse(hdr, f->size < sizeof(hdr) ? f->size :
				  sizeof(hdr), &img);
	if (ret) {
		printf("bootmem: %s: not an arm64 Image\n", f->name);
		return ret;
	}
	ret = check_size(f, f->size, &img);
	if (ret)
		return ret;
	t = timer_get_us();
	ret = bootmem_place_kernel(&img, nid, k);
	place_end(t);
	if (ret)
		return refuse("kernel", ret);
	ret = file_read(f, k->load, f->size);
	if (ret)
		bootmem_unplace(k);

	return ret;
}

static int load_initrd(struct boot_file *f, int nid,
		       const struct bootmem_placement *k,
		       struct bootmem_placement *i)
{
	int ret = file_size(f);
	ulong t;

	if (ret)
		return ret;
	t = timer_get_us();
	ret = bootmem_place_initrd(f->size, nid, k, i);
	place_end(t);
	if (ret)
		return refuse("initrd", ret);
	ret = file_read(f, i->load, f->size);
	if (ret)
		bootmem_unplace(i);

	return ret;
}

/* A copy of the control FDT (QEMU's) with room for booti's fix-ups. */
static int copy_fdt(int nid, struct bootmem_placement *fdt)
{
	phys_size_t size = fdt_totalsize(gd->fdt_blob) + BOOT_FDT_ROOM;
	ulong t = timer_get_us();
	int ret;

	ret = bootmem_place_fdt(size, nid, fdt);
	place_end(t);
	if (ret)
		return refuse("fdt", ret);
	/* booti grows a tree it does not relocate by CONFIG_SYS_FDT_PAD. */
	ret = fdt_open_into(gd->fdt_blob, map_sysmem(fdt->base, size),
			    size - CONFIG_SYS_FDT_PAD);
	if (ret) {
		printf("bootmem: fdt: cannot grow: %s\n", fdt_strerror(ret));
		bootmem_unplace(fdt);
		return -ENOSPC;
	}

	return 0;
}

static int parse_node(int argc, char *const argv[], int *nidp)
{
	if (argc != 2 || strcmp(argv[0], "-n"))
		return -EINVAL;

	return bootmem_get_node(argv[1], nidp) ? 0 : -ENODEV;
}

/**
 * do_bootmem_boot() - bootmem boot <iface> <dev[:part]> <kernel> [<initrd>]
 *		       [-n <node>]
 * @cmdtp:	command table entry
 * @flag:	command flags
 * @argc:	argument count
 * @argv:	arguments
 *
 * Places everything on @node (default: the boot CPU's), or the nearest
 * node with room, and boots with booti. bootargs come from the
 * environment, as for booti.
 *
 * Return: CMD_RET_FAILURE if anything is refused; does not return when
 * Linux starts
 */
int do_bootmem_boot(struct cmd_tbl *cmdtp, int flag, int argc,
		    char *const argv[])
{
	struct bootmem_placement k, i = { .size = 0 }, fdt;
	struct boot_file kernel, initrd;
	int nid = bootmem_boot_node();
	char cmd[96];
	int ret, files = argc > 4 && *argv[4] != '-' ? 2 : 1;

	if (argc < 4)
		return CMD_RET_USAGE;
	if (argc > 3 + files &&
	    parse_node(argc - 3 - files, argv + 3 + files, &nid))
		return argc - 3 - files == 2 ? CMD_RET_FAILURE : CMD_RET_USAGE;
	if (!bootmem_enabled()) {
		printf("bootmem: %s\n", bootmem_strerror(-EAGAIN));
		return CMD_RET_FAILURE;
	}
	kernel = (struct boot_file){ argv[1], argv[2], argv[3] };
	placing_us = 0;
	initrd = (struct boot_file){ argv[1], argv[2], argv[4] };

	ret = load_kernel(&kernel, nid, &k);
	if (ret)
		return CMD_RET_FAILURE;
	if (files == 2 && load_initrd(&initrd, nid, &k, &i))
		goto undo_kernel;
	if (copy_fdt(nid, &fdt))
		goto undo_initrd;

	printf("bootmem: placed kernel, initrd and fdt in %lu us (loading not counted)\n",
	       placing_us);
	say("kernel", &k, kernel.size);
	if (files == 2)
		say("initrd", &i, initrd.size);
	say("fdt", &fdt, fdt_totalsize(gd->fdt_blob));
	env_set("fdt_high", "0xffffffffffffffff");
	env_set("initrd_high", "0xffffffffffffffff");
	if (files == 2)
		snprintf(cmd, sizeof(cmd), "booti %#llx %#llx:%#llx %#llx",
			 (unsigned long long)k.load,
			 (unsigned long long)i.load,
			 (unsigned long long)initrd.size,
			 (unsigned long long)fdt.base);
	else
		snprintf(cmd, sizeof(cmd), "booti %#llx - %#llx",
			 (unsigned long long)k.load,
			 (unsigned long long)fdt.base);
	run_command(cmd, 0);

	printf("bootmem: booti failed, memory given back\n");
	bootmem_unplace(&fdt);
undo_initrd:
	if (i.size)
		bootmem_unplace(&i);
undo_kernel:
	bootmem_unplace(&k);

	return CMD_RET_FAILURE;
}

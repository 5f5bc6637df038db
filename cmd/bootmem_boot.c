// SPDX-License-Identifier: GPL-2.0+
/*
 * bootmem boot: place the kernel, initrd and device tree with bootmem on a
 * NUMA node, load them there and start Linux with booti, which then has
 * nothing to relocate.
 *
 * Every placement is undone if a later step fails, so a refused boot
 * leaves the memory map as it was.
 */

#define LOG_CATEGORY LOGC_ALLOC

#include <bootmem.h>
#include <bootmem_place.h>
#include <bootstage.h>
#include <command.h>
#include <env.h>
#include <fs.h>
#include <gzip.h>
#include <log.h>
#include <mapmem.h>
#include <asm/global_data.h>
#include <linux/sizes.h>
#include "bootmem_cmd.h"

DECLARE_GLOBAL_DATA_PTR;

/*
 * Time spent placing, as opposed to loading, adds up in bootstage under
 * this id (`bootstage report`); BOOTSTAGE_ID_USER is the first id
 * bootstage leaves to its users.
 */
#define BOOTSTAGE_BOOTMEM_PLACE	BOOTSTAGE_ID_USER

static void place_start(void)
{
	bootstage_start(BOOTSTAGE_BOOTMEM_PLACE, "bootmem place");
}

static void place_end(void)
{
	bootstage_accum(BOOTSTAGE_BOOTMEM_PLACE);
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
		printf("bootmem boot: %s: no such file on %s %s\n", f->name,
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
		printf("bootmem boot: %s: read error\n", f->name);
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
	printf("bootmem boot: %s: %s\n", what, bootmem_strerror(err));
	return err;
}

/* The kernel fits its allocation, and its BSS fits after it. */
static int check_size(const struct boot_file *f, u64 len,
		      const struct bootmem_arm64_image *img)
{
	if (len > img->image_size) {
		printf("bootmem boot: %s: larger than its image_size\n",
		       f->name);
		return -ENOEXEC;
	}
	if (img->legacy)
		log_warning("%s: no image_size, assuming %u MiB\n", f->name,
			    BOOTMEM_ARM64_LEGACY_SIZE >> 20);

	return 0;
}

/**
 * struct boot_kernel - the kernel to boot, before it is placed
 * @img:	its header
 * @raw:	a temporary buffer holding it unpacked (an Image.gz), or 0 to
 *		read it from the file
 * @raw_size:	that buffer's size
 * @len:	bytes of the Image
 */
struct boot_kernel {
	struct bootmem_arm64_image img;
	phys_addr_t raw;
	phys_size_t raw_size;
	u64 len;
};

/*
 * An Image.gz is unpacked through two temporary bootmem buffers, the
 * packed file and the unpacked Image, since only the unpacked header says
 * how large the kernel's allocation must be. The unpacked one is kept
 * until the kernel is placed.
 */
static int unpack_gzip_kernel(const struct boot_file *f, int nid,
			      struct boot_kernel *bk)
{
	phys_addr_t gz;
	unsigned long len;
	u32 raw_size;
	__le32 isize;
	int ret;

	ret = bootmem_alloc_node(f->size, SZ_4K, nid, "kernel.gz (temp)", &gz);
	if (ret)
		return refuse("kernel.gz", ret);
	ret = file_read(f, gz, f->size);
	if (ret)
		goto free_gz;
	/* gzip's trailer ends with the unpacked size (modulo 4 GiB). */
	memcpy(&isize, map_sysmem(gz + f->size - 4, 4), 4);
	raw_size = max_t(u32, le32_to_cpu(isize), BOOTMEM_ARM64_HEADER_SIZE);
	len = raw_size;
	ret = bootmem_alloc_node(raw_size, SZ_4K, nid, "kernel (unpacking)",
				 &bk->raw);
	if (ret) {
		refuse("kernel.gz", ret);
		goto free_gz;
	}
	bk->raw_size = raw_size;
	if (gunzip(map_sysmem(bk->raw, len), len, map_sysmem(gz, f->size),
		   &len) ||
	    bootmem_arm64_parse(map_sysmem(bk->raw, len), len, &bk->img)) {
		printf("bootmem boot: %s: not a gzipped arm64 Image\n",
		       f->name);
		ret = -ENOEXEC;
	} else {
		bk->len = len;
		ret = check_size(f, len, &bk->img);
	}
	if (ret)
		bootmem_free(bk->raw, bk->raw_size);
free_gz:
	bootmem_free(gz, f->size);

	return ret;
}

/* The kernel's header and size, unpacked first if it is gzipped. */
static int read_kernel_header(struct boot_file *f, int nid,
			      struct boot_kernel *bk)
{
	u8 hdr[BOOTMEM_ARM64_HEADER_SIZE] __aligned(8);
	int ret;

	*bk = (struct boot_kernel){ .len = 0 };
	ret = file_size(f);
	if (!ret && f->size >= sizeof(hdr))
		ret = fs_set_blk_dev(f->iface, f->dev, FS_TYPE_ANY) ||
		      fs_read(f->name, map_to_sysmem(hdr), 0, sizeof(hdr),
			      &(loff_t){0}) ? -EIO : 0;
	if (ret)
		return ret;
	if (f->size >= sizeof(hdr) && hdr[0] == 0x1f && hdr[1] == 0x8b)
		return unpack_gzip_kernel(f, nid, bk);

	ret = bootmem_arm64_parse(hdr, f->size < sizeof(hdr) ? f->size :
				  sizeof(hdr), &bk->img);
	if (ret) {
		printf("bootmem boot: %s: not an arm64 Image\n", f->name);
		return ret;
	}
	bk->len = f->size;

	return check_size(f, f->size, &bk->img);
}

/**
 * struct boot_where - where the images are to go
 * @nid:	the node (-n; default: the boot node)
 * @exact:	that node or nothing (-x)
 */
struct boot_where {
	int nid;
	bool exact;
};

/*
 * Kernel, initrd and device tree together on the node asked for, or all
 * three on the nearest node that holds them (one line says so), or, with
 * -x, nothing.
 */
static int place_images(const struct boot_kernel *bk, loff_t initrd_size,
			const struct boot_where *where,
			struct bootmem_placement *out)
{
	int nid = where->nid;
	phys_size_t fdt_size = fdt_totalsize(gd->fdt_blob) + BOOT_FDT_ROOM;
	u64 total = bk->img.text_offset + bk->img.image_size + initrd_size +
		    fdt_size;
	int ret;

	if (!bk->img.anywhere) {
		printf("bootmem boot: kernel: must go as low in RAM as it fits (no \"anywhere\" flag), on no chosen node; boot it with booti\n");
		return -EINVAL;
	}
	place_start();
	ret = bootmem_place_all(&bk->img, initrd_size, fdt_size, nid,
				where->exact, out);
	place_end();
	if (ret == -ENOMEM && where->exact) {
		printf("bootmem boot: node %d cannot hold kernel, initrd and fdt (%llu KiB together); refused (-x)\n",
		       nid, (unsigned long long)total >> 10);
		return ret;
	}
	if (ret == -ENOMEM) {
		printf("bootmem boot: no node can hold kernel, initrd and fdt (%llu KiB together)\n",
		       (unsigned long long)total >> 10);
		return ret;
	}
	if (ret)
		return refuse("fdt", ret);
	if (out[BOOTMEM_KERNEL].nid != nid)
		printf("bootmem: node %d cannot hold kernel, initrd and fdt (%llu KiB together); all three on node %d, the nearest that can\n",
		       nid, (unsigned long long)total >> 10,
		       out[BOOTMEM_KERNEL].nid);

	return 0;
}

static void unplace_images(const struct bootmem_placement *out)
{
	int i;

	for (i = 0; i < BOOTMEM_NR_IMAGES; i++) {
		if (out[i].size)
			bootmem_unplace(&out[i]);
	}
}

/* The kernel, initrd and a copy of the control FDT (QEMU's) into place. */
static int load_images(const struct boot_file *kernel,
		       const struct boot_kernel *bk,
		       const struct boot_file *initrd,
		       const struct bootmem_placement *out)
{
	const struct bootmem_placement *fdt = &out[BOOTMEM_FDT];
	int ret = 0;

	if (bk->raw)
		memcpy(map_sysmem(out[BOOTMEM_KERNEL].load, bk->len),
		       map_sysmem(bk->raw, bk->len), bk->len);
	else
		ret = file_read(kernel, out[BOOTMEM_KERNEL].load, bk->len);
	if (!ret && out[BOOTMEM_INITRD].size)
		ret = file_read(initrd, out[BOOTMEM_INITRD].load, initrd->size);
	if (ret)
		return ret;
	/* booti grows a tree it does not relocate by CONFIG_SYS_FDT_PAD. */
	ret = fdt_open_into(gd->fdt_blob, map_sysmem(fdt->base, fdt->size),
			    fdt->size - CONFIG_SYS_FDT_PAD);
	if (ret) {
		printf("bootmem boot: fdt: cannot grow: %s\n",
		       fdt_strerror(ret));
		return -ENOSPC;
	}

	return 0;
}

/*
 * An environment variable set for the boot, and put back as it was if
 * the boot fails.
 */
struct saved_var {
	const char *name;
	char value[32];
	bool was_set;
};

static void set_for_boot(struct saved_var *v, const char *name,
			 const char *value)
{
	const char *old = env_get(name);

	v->name = name;
	v->was_set = old;
	if (old)
		strlcpy(v->value, old, sizeof(v->value));
	env_set(name, value);
}

static void put_back(const struct saved_var *v)
{
	env_set(v->name, v->was_set ? v->value : NULL);
}

/*
 * Start Linux with U-Boot's booti: the images are where booti wants them,
 * so it must not copy the initrd or the tree elsewhere (fdt_high and
 * initrd_high all ones). Returns only if booti failed, with the
 * environment as it was.
 */
static void boot_placed(struct cmd_tbl *cmdtp,
			const struct bootmem_placement *out, loff_t initrd_size)
{
	char name[] = "booti", kernel[20], initrd[40], fdt[20];
	char *const argv[] = { name, kernel, initrd, fdt, NULL };
	struct saved_var saved[2];

	snprintf(kernel, sizeof(kernel), "%llx",
		 (unsigned long long)out[BOOTMEM_KERNEL].load);
	if (initrd_size)
		snprintf(initrd, sizeof(initrd), "%llx:%llx",
			 (unsigned long long)out[BOOTMEM_INITRD].load,
			 (unsigned long long)initrd_size);
	else
		strcpy(initrd, "-");
	snprintf(fdt, sizeof(fdt), "%llx",
		 (unsigned long long)out[BOOTMEM_FDT].base);
	set_for_boot(&saved[0], "fdt_high", "0xffffffffffffffff");
	set_for_boot(&saved[1], "initrd_high", "0xffffffffffffffff");
	do_booti(cmdtp, 0, ARRAY_SIZE(argv) - 1, argv);
	put_back(&saved[1]);
	put_back(&saved[0]);
}

/* The options of "bootmem boot": -n, the node; -x, that node only. */
static int boot_opt(void *ctx, int opt, const char *val)
{
	struct boot_where *where = ctx;

	if (opt == 'x' && !val) {
		where->exact = true;
		return 0;
	}
	if (opt != 'n' || !val)
		return CMD_RET_USAGE;

	return bootmem_cmd_node("boot", val, &where->nid) ? 0 :
	       CMD_RET_FAILURE;
}

/**
 * do_bootmem_boot() - bootmem boot <iface> <dev[:part]> <kernel> [<initrd>]
 *		       [-n <node>] [-x]
 * @cmdtp:	command table entry
 * @flag:	command flags
 * @argc:	argument count
 * @argv:	arguments
 *
 * Places the kernel, initrd and device tree together on @node (default:
 * the boot node, as for bootmem alloc) or, when it cannot hold all three,
 * on the nearest node that can (-x: refuses instead), loads them and boots
 * with booti. bootargs come from the environment, as for booti.
 *
 * Return: CMD_RET_USAGE for a wrong form; CMD_RET_FAILURE, with one line
 * saying why, the memory map and the environment as they were, if
 * anything is refused; does not return when Linux starts
 */
int do_bootmem_boot(struct cmd_tbl *cmdtp, int flag, int argc,
		    char *const argv[])
{
	struct bootmem_placement out[BOOTMEM_NR_IMAGES] = {};
	struct boot_where where = { .nid = bootmem_boot_node() };
	struct boot_file kernel, initrd = { .size = 0 };
	struct bootmem_cmd_args args;
	struct boot_kernel bk;
	int ret;

	ret = bootmem_cmd_getopt(argc, argv, "n:x", boot_opt, &where, &args);
	if (ret)
		return ret;
	if (args.nr < 3)
		return CMD_RET_USAGE;
	if (!bootmem_enabled()) {
		printf("bootmem boot: %s\n", bootmem_strerror(-EAGAIN));
		return CMD_RET_FAILURE;
	}
	kernel = (struct boot_file){ args.operand[0], args.operand[1],
				     args.operand[2] };
	if (args.nr == 4)
		initrd = (struct boot_file){ args.operand[0], args.operand[1],
					     args.operand[3] };

	if (read_kernel_header(&kernel, where.nid, &bk))
		return CMD_RET_FAILURE;
	ret = initrd.name ? file_size(&initrd) : 0;
	if (!ret)
		ret = place_images(&bk, initrd.size, &where, out);
	if (!ret)
		ret = load_images(&kernel, &bk, &initrd, out);
	if (bk.raw)
		bootmem_free(bk.raw, bk.raw_size);
	if (ret) {
		unplace_images(out);
		return CMD_RET_FAILURE;
	}

	printf("bootmem: placed on node %d\n", out[BOOTMEM_KERNEL].nid);
	say("kernel", &out[BOOTMEM_KERNEL], kernel.size);
	if (initrd.name)
		say("initrd", &out[BOOTMEM_INITRD], initrd.size);
	say("fdt", &out[BOOTMEM_FDT], fdt_totalsize(gd->fdt_blob));
	boot_placed(cmdtp, out, initrd.size);

	printf("bootmem boot: booti failed, memory given back\n");
	unplace_images(out);

	return CMD_RET_FAILURE;
}

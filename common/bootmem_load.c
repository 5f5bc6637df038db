// SPDX-License-Identifier: GPL-2.0+
/*
 * Where U-Boot's boot paths put the OS on a NUMA machine.
 *
 * The node is the boot CPU's, or the one the environment variable
 * bootmem_node names (falling back to the nearest node with memory when
 * that one has none). Standard boot's extlinux and script methods, boot
 * scripts and booti read their load addresses from the environment:
 * kernel_addr_r, ramdisk_addr_r, fdt_addr_r and friends are set here, at
 * start-up and whenever bootmem_node changes, each to a load buffer that
 * bootmem allocates on that node (BOOTMEM_LOAD_BUFFER, labelled with the
 * variable's name). A load into one lands in it, as into a buffer
 * `bootmem alloc` makes; a load larger than the buffer is refused, and
 * nothing else is ever allocated there. LMB's allocations, EFI's pages
 * among them, go to the same node first (common/lmb_bootmem.c).
 */

#include <bootmem.h>
#include <bootmem_place.h>
#include <bootmem_load.h>
#include <efi_loader.h>
#include <env.h>
#include <event.h>
#include <log.h>
#include <mapmem.h>
#include <vsprintf.h>
#include <linux/kernel.h>
#include <linux/sizes.h>

/**
 * struct load_slot - one load address in the environment
 * @var:	its variable, and the label of its buffer
 * @size:	the buffer's size: room for the image loaded there
 * @align:	alignment of the address
 */
struct load_slot {
	const char *var;
	phys_size_t size;
	phys_size_t align;
};

/*
 * Room for a distribution's images: Debian's arm64 kernel needs 32 MiB
 * (its image_size), its initrds are 30 to 80 MiB. The kernel is 2 MiB
 * aligned so that booti runs it in place; a gzipped kernel is unpacked
 * from kernel_comp_addr_r (kernel_comp_size) to kernel_addr_r.
 */
static const struct load_slot load_slots[] = {
	{ "fdt_addr_r", SZ_2M, SZ_2M },
	{ "scriptaddr", SZ_1M, SZ_1M },
	{ "pxefile_addr_r", SZ_1M, SZ_1M },
	{ "kernel_addr_r", SZ_64M, SZ_2M },
	{ "kernel_comp_addr_r", SZ_32M, SZ_2M },
	{ "ramdisk_addr_r", SZ_64M + SZ_32M, SZ_2M },
};

#define NR_SLOTS	ARRAY_SIZE(load_slots)

/* The buffers behind the load addresses, while they are held. */
static phys_addr_t slot_addr[NR_SLOTS];
static bool slots_held;

static phys_size_t slots_size(void)
{
	phys_size_t size = 0;
	int i;

	for (i = 0; i < NR_SLOTS; i++)
		size += load_slots[i].size;

	return size;
}

static void free_slots(const phys_addr_t *addr, int count)
{
	int i;

	for (i = 0; i < count; i++) {
		bootmem_free(addr[i], load_slots[i].size);
		bootmem_efi_note(addr[i], load_slots[i].size, false);
	}
}

/*
 * A load buffer for every slot on @nid, the lowest that fit (bootmem and
 * LMB allocate from the top), all or (on failure) none.
 */
static int alloc_slots(int nid, phys_addr_t *addr)
{
	int i, ret;

	for (i = 0; i < NR_SLOTS; i++) {
		ret = bootmem_alloc(load_slots[i].size, load_slots[i].align, 0,
				    BOOTMEM_ALLOC_ANYWHERE, nid,
				    BOOTMEM_EXACT_NODE | BOOTMEM_BOTTOM_UP |
				    BOOTMEM_LOAD_BUFFER, load_slots[i].var,
				    &addr[i]);
		if (ret) {
			while (i--)
				bootmem_free(addr[i], load_slots[i].size);
			return ret;
		}
	}
	for (i = 0; i < NR_SLOTS; i++)
		bootmem_efi_note(addr[i], load_slots[i].size, true);

	return 0;
}

/* Take the buffers at @addr back after a failed move: nothing took them. */
static void restore_slots(const phys_addr_t *addr)
{
	int i;

	for (i = 0; i < NR_SLOTS; i++) {
		if (bootmem_alloc_at(addr[i], load_slots[i].size,
				     BOOTMEM_LOAD_BUFFER, load_slots[i].var))
			log_err("bootmem: cannot take %s back at %#llx\n",
				load_slots[i].var,
				(unsigned long long)addr[i]);
		else
			bootmem_efi_note(addr[i], load_slots[i].size, true);
	}
}

static bool has_memory(int nid)
{
	struct bootmem_node_info info;

	return !bootmem_node_info(nid, &info) && info.present;
}

/* @str as a node id bootmem knows, with or without memory. */
static int parse_node(const char *str, int *nidp)
{
	struct bootmem_node_info info;
	char *end;
	ulong nid;

	nid = simple_strtoul(str, &end, 10);
	if (!*str || *end || nid > INT_MAX || bootmem_node_info(nid, &info))
		return -ENODEV;
	*nidp = nid;

	return 0;
}

/* The node asked for: $bootmem_node, else the boot CPU's. */
static int wanted_node(void)
{
	const char *str = env_get(BOOTMEM_NODE_VAR);
	int nid;

	if (str && !parse_node(str, &nid))
		return nid;

	return bootmem_boot_node();
}

/**
 * bootmem_load_node() - the node boot images go on
 *
 * Return: the node $bootmem_node names, else the boot CPU's; when that
 * node has no memory, the nearest one that has; NUMA_NO_NODE if bootmem is
 * off
 */
int bootmem_load_node(void)
{
	if (!bootmem_enabled())
		return NUMA_NO_NODE;

	return bootmem_next_nearest(wanted_node(), NUMA_NO_NODE);
}

static int set_hex(const char *var, u64 value)
{
	return env_set_hex(var, value) ? -ENOMEM : 0;
}

/* The variables for the buffers at @addr on @nid. */
static int set_vars(int nid, const phys_addr_t *addr)
{
	phys_addr_t first, last;
	int i, ret;

	ret = bootmem_node_bounds(nid, &first, &last);
	/*
	 * booti keeps the initrd where it was loaded, and copies the device
	 * tree (for its fix-ups) top-down below fdt_high: onto this node.
	 */
	if (!ret)
		ret = set_hex("fdt_high", last + 1);
	if (!ret)
		ret = env_set("initrd_high", "0xffffffffffffffff") ? -ENOMEM : 0;
	if (!ret)
		ret = set_hex("kernel_comp_size", SZ_32M);
	for (i = 0; !ret && i < NR_SLOTS; i++)
		ret = set_hex(load_slots[i].var, addr[i]);
	if (ret)
		return ret;
	printf("bootmem: boot images on node %d: kernel_addr_r %#llx ramdisk_addr_r %#llx fdt_addr_r %#llx\n",
	       nid, (unsigned long long)addr[3], (unsigned long long)addr[5],
	       (unsigned long long)addr[0]);

	return 0;
}

/* Buffers on @nid, else the nearest node that has room: the node used. */
static int alloc_slots_near(int nid, phys_addr_t *addr)
{
	int found;

	for (found = nid; found != NUMA_NO_NODE;
	     found = bootmem_next_nearest(nid, found)) {
		if (!alloc_slots(found, addr))
			return found;
	}

	return NUMA_NO_NODE;
}

/**
 * bootmem_set_load_addrs() - set the environment's load addresses on a node
 * @nid:	the node, which must have memory
 *
 * kernel_addr_r, kernel_comp_addr_r and kernel_comp_size, ramdisk_addr_r,
 * fdt_addr_r, scriptaddr and pxefile_addr_r each get a load buffer on
 * @nid, in place of those they had; fdt_high and initrd_high keep booti's
 * copies on the node. When @nid has no room for them all, the nearest node
 * that has is used and one line says so.
 *
 * Return: 0; -ENOMEM, with one line and the buffers and the environment
 * as they were, if no node has room; -ENODEV if bootmem is off or @nid
 * has no memory
 */
int bootmem_set_load_addrs(int nid)
{
	phys_addr_t old[NR_SLOTS], addr[NR_SLOTS];
	bool had = slots_held;
	int found;

	if (!bootmem_enabled() || !has_memory(nid))
		return -ENODEV;
	/* The old buffers go first, so that their node may take the new. */
	memcpy(old, slot_addr, sizeof(old));
	if (had)
		free_slots(old, NR_SLOTS);
	found = alloc_slots_near(nid, addr);
	if (found == NUMA_NO_NODE) {
		printf("bootmem: no node has %llu MiB free for the boot images; load addresses left as they were\n",
		       (unsigned long long)slots_size() >> 20);
		if (had)
			restore_slots(old);
		return -ENOMEM;
	}
	if (found != nid)
		printf("bootmem: node %d has no %llu MiB free for the boot images; using node %d, the nearest that has\n",
		       nid, (unsigned long long)slots_size() >> 20, found);
	memcpy(slot_addr, addr, sizeof(addr));
	slots_held = true;

	return set_vars(found, addr);
}

/* The EFI type of memory bootmem holds, as efi_add_known_memory() gives. */
static int efi_type_of(const struct bootmem_run *run)
{
	return (run->flags & (BOOTMEM_KEEP | BOOTMEM_NOMAP)) ==
	       (BOOTMEM_KEEP | BOOTMEM_NOMAP) ? EFI_RESERVED_MEMORY_TYPE :
	       EFI_BOOT_SERVICES_DATA;
}

/* Give the held runs inside one conventional range of EFI's their type. */
static void efi_type_held_in(phys_addr_t start, phys_addr_t end)
{
	struct bootmem_run run;
	phys_addr_t lo, hi;

	for_each_bootmem_run(&run) {
		if (run.kind == BOOTMEM_FREE || run.base + run.size <= start ||
		    run.base >= end)
			continue;
		lo = max(run.base, start) & ~(phys_addr_t)EFI_PAGE_MASK;
		hi = ALIGN(min(run.base + run.size, end), EFI_PAGE_SIZE);
		efi_add_memory_map_pg((uintptr_t)map_sysmem(lo, 0),
				      (hi - lo) >> EFI_PAGE_SHIFT,
				      efi_type_of(&run), false);
	}
}

/*
 * LMB told EFI the map when it started; what bootmem handed out since
 * through its own API (the board's buffers, the owner table once it moves
 * into pages) is still conventional to EFI, where GRUB would claim it by
 * address. Each such run gets the type LMB gives what it holds.
 */
static void efi_type_held(void)
{
	struct efi_mem_desc *map, *desc;
	efi_uintn_t size;
	phys_addr_t start;
	efi_status_t ret;
	int tries = 3;

	if (!CONFIG_IS_ENABLED(EFI_LOADER))
		return;
	/* The buffer for the map may add descriptors to it: ask again. */
	do
		ret = efi_get_memory_map_alloc(&size, &map);
	while (ret == EFI_BUFFER_TOO_SMALL && --tries);
	if (ret != EFI_SUCCESS) {
		log_err("bootmem: cannot read EFI's memory map (%lu)\n",
			(ulong)(ret & ~EFI_ERROR_MASK));
		return;
	}
	for (desc = map; (void *)(desc + 1) <= (void *)map + size; desc++) {
		if (desc->type != EFI_CONVENTIONAL_MEMORY)
			continue;
		start = map_to_sysmem((void *)(uintptr_t)desc->physical_start);
		efi_type_held_in(start,
				 start + (desc->num_pages << EFI_PAGE_SHIFT));
	}
	efi_free_pool(map);
}

static int bootmem_load_init(void)
{
	if (!bootmem_enabled())
		return 0;
	bootmem_set_load_addrs(bootmem_load_node());
	efi_type_held();

	return 0;
}

EVENT_SPY_SIMPLE(EVT_LAST_STAGE_INIT, bootmem_load_init);

/*
 * bootmem_node changed: move the load addresses to the node named. A
 * name bootmem does not know is refused, and the variable keeps its value.
 */
static int on_bootmem_node(const char *name, const char *value,
			   enum env_op op, int flags)
{
	int nid;

	if (!bootmem_enabled())
		return 0;
	if (op == env_op_delete) {
		nid = bootmem_boot_node();
	} else if (parse_node(value, &nid)) {
		printf("%s: no node '%s'\n", name, value);
		return 1;
	}
	nid = bootmem_next_nearest(nid, NUMA_NO_NODE);
	if (nid == NUMA_NO_NODE)
		return 1;

	return bootmem_set_load_addrs(nid) ? 1 : 0;
}

U_BOOT_ENV_CALLBACK(bootmem_node, on_bootmem_node);

/**
 * efi_add_known_memory() - give memory bootmem keeps for the OS its EFI type
 *
 * LMB, served by bootmem, tells EFI about all of bootmem's
 * RAM (conventional memory: exactly the nodes' ranges) and what bootmem
 * holds (boot services data). Memory kept for the OS without a mapping
 * (BOOTMEM_KEEP | BOOTMEM_NOMAP) becomes reserved, as U-Boot types a
 * no-map /reserved-memory node; memory kept with a mapping stays boot
 * services data and reaches the OS as /reserved-memory.
 */
void efi_add_known_memory(void)
{
	struct bootmem_run run;

	if (!CONFIG_IS_ENABLED(EFI_LOADER) || !bootmem_enabled())
		return;
	for_each_bootmem_run(&run) {
		if (run.kind == BOOTMEM_FREE ||
		    (run.flags & (BOOTMEM_KEEP | BOOTMEM_NOMAP)) !=
		    (BOOTMEM_KEEP | BOOTMEM_NOMAP))
			continue;
		efi_add_memory_map_pg((uintptr_t)map_sysmem(run.base, 0),
				      run.size >> EFI_PAGE_SHIFT,
				      EFI_RESERVED_MEMORY_TYPE, false);
	}
}

# SPDX-License-Identifier: GPL-2.0+
#
# The OS bootmem boots: Debian's arm64 kernel and a busybox initramfs whose
# /init reports the NUMA layout and memory map Linux sees, checks the
# initrd's contents, and powers off. Everything lands in $(OS_OUT).
#
#   make os-fetch       download the kernel and busybox .debs (once)
#                       and keep $(OS_IMAGE) and $(OS_OUT)/busybox
#   make os-initramfs   $(OS_INITRD): busybox, /init and a random payload
#   make os-disk        $(OS_DISK): MBR + FAT16 partition holding Image,
#                       initrd.img and $(OS_DISK_FILES)
#   make os-distro      the disks a distribution user boots, each a GPT
#                       with one FAT partition holding Image and initrd.img:
#                       $(OS_OUT)/disk-efi.img     EFI system partition,
#                                Debian's GRUB as EFI/BOOT/BOOTAA64.EFI and
#                                EFI/debian/grub.cfg
#                       $(OS_OUT)/disk-extlinux.img  /extlinux/extlinux.conf
#                       $(OS_OUT)/disk-script.img    /boot.scr
#                       (configurations in scripts/distro)
#   make os             all of the above
#   make os-boot        boot kernel and initrd directly (no U-Boot) on two
#                       NUMA nodes, to check the OS on its own
#   make os-test        test/qemu/test_os_image.py
#   make os-clean       drop the built images, keep the downloads
#
# Another fragment puts more files on the disk (a boot script, say) with
#   OS_DISK_FILES += PATH[=NAME]
#   $(OS_DISK): PATH

OS_OUT := $(BUILD)/os
# Pinned as PKG=VERSION@SUITE; when the archive has dropped a pinned
# version, scripts/apt-pin.sh takes the current one from the same suite
# (for the kernel, the one linux-image-arm64 depends on there) and says so.
# $(VERSIONS_USED) records what was used.
OS_KERNEL_PIN := linux-image-6.1.0-56-arm64=6.1.192-2@bookworm-security
OS_KERNEL_META := linux-image-arm64
OS_BUSYBOX_PIN := busybox-static=1:1.35.0-4+deb12u1+b1@bookworm
OS_GRUB_PIN := grub-efi-arm64-bin=2.06-13+deb12u2@bookworm
OS_PAYLOAD_KIB := 6144
OS_DISK_MIB := 96
OS_DISK_FILES ?=

OS_FETCHED := $(OS_OUT)/.fetched
OS_IMAGE := $(OS_OUT)/Image
OS_INITRD := $(OS_OUT)/initrd.img
OS_DISK := $(OS_OUT)/disk.img
OS_GRUB := $(OS_OUT)/grubaa64.efi
OS_BOOTS := efi extlinux script
OS_DISTRO_DISKS := $(foreach b,$(OS_BOOTS),$(OS_OUT)/disk-$(b).img)

# -cpu max emulates pointer authentication with QARMA, which triples the
# boot time under TCG; the implementation-defined algorithm is cheap.
OS_QEMU_CPU ?= max,pauth-impdef=on

.PHONY: os os-fetch os-initramfs os-disk os-distro os-boot os-test os-clean

os: os-disk os-distro

os-fetch: $(OS_FETCHED)
os-initramfs: $(OS_INITRD)
os-disk: $(OS_DISK)
os-distro: $(OS_DISTRO_DISKS)

# The stamp depends on this file because the pinned versions live here.
# A changed pin re-runs the fetch, which downloads only what is missing.
$(OS_FETCHED): scripts/fetch-os.sh scripts/apt-pin.sh scripts/apt-private.sh \
		scripts/os.mk
	scripts/fetch-os.sh $(BUILD)/apt $(OS_OUT) $(VERSIONS_USED) \
		$(OS_KERNEL_PIN) $(OS_KERNEL_META) $(OS_BUSYBOX_PIN) \
		$(OS_GRUB_PIN)
	touch $@

$(OS_INITRD): $(OS_FETCHED) scripts/mkinitramfs.sh scripts/initramfs/init
	scripts/mkinitramfs.sh $@ $(OS_OUT)/busybox scripts/initramfs/init \
		$(OS_PAYLOAD_KIB)

$(OS_DISK): $(OS_FETCHED) $(OS_INITRD) scripts/mkdisk.sh
	scripts/mkdisk.sh $@ $(OS_DISK_MIB) $(OS_IMAGE) $(OS_INITRD) \
		$(OS_DISK_FILES)

# The distribution disks, built the same way as $(OS_DISK), with a GPT.
OS_DISTRO_FILES = $(OS_IMAGE) $(OS_INITRD)
$(OS_OUT)/disk-efi.img: $(OS_FETCHED) $(OS_INITRD) scripts/mkdisk.sh \
		scripts/mkgpt.py scripts/distro/grub.cfg
	scripts/mkdisk.sh -g esp $@ $(OS_DISK_MIB) $(OS_DISTRO_FILES) \
		$(OS_GRUB)=EFI/BOOT/BOOTAA64.EFI \
		scripts/distro/grub.cfg=EFI/debian/grub.cfg

$(OS_OUT)/disk-extlinux.img: $(OS_FETCHED) $(OS_INITRD) scripts/mkdisk.sh \
		scripts/mkgpt.py scripts/distro/extlinux.conf
	scripts/mkdisk.sh -g data $@ $(OS_DISK_MIB) $(OS_DISTRO_FILES) \
		scripts/distro/extlinux.conf=extlinux/extlinux.conf

$(OS_OUT)/disk-script.img: $(OS_FETCHED) $(OS_INITRD) scripts/mkdisk.sh \
		scripts/mkgpt.py $(OS_OUT)/distro-boot.scr
	scripts/mkdisk.sh -g data $@ $(OS_DISK_MIB) $(OS_DISTRO_FILES) \
		$(OS_OUT)/distro-boot.scr=boot.scr

$(OS_OUT)/distro-boot.scr: scripts/distro/boot.cmd | uboot
	$(UBOOT_OUT)/tools/mkimage -A arm64 -T script -C none \
		-n "distribution boot script" -d $< $@

os-boot: $(OS_INITRD)
	qemu-system-aarch64 -M virt -cpu $(OS_QEMU_CPU) -nographic -nic none \
		-smp 4 -m 4G \
		-object memory-backend-ram,id=m0,size=2G \
		-object memory-backend-ram,id=m1,size=2G \
		-numa node,nodeid=0,cpus=0-1,memdev=m0 \
		-numa node,nodeid=1,cpus=2-3,memdev=m1 \
		-numa dist,src=0,dst=1,val=20 \
		-kernel $(OS_IMAGE) -initrd $(OS_INITRD) -append console=ttyAMA0

os-test: os-disk
	/usr/bin/python3 -m pytest -p no:cacheprovider -v test/qemu/test_os_image.py

os-clean:
	rm -f $(OS_INITRD) $(OS_DISK) $(OS_DISTRO_DISKS)

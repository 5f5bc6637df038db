# SPDX-License-Identifier: GPL-2.0+
#
# make run's boot script, found on the virtio disk by U-Boot's standard boot
# (the default bootcmd, bootflow scan: its script bootmeth reads /boot.scr):
# bootmem shows the machine, then places the kernel, initrd and device tree
# on a NUMA node (the boot CPU's, or -n N) and boots Linux with them.

setenv bootargs "console=ttyAMA0 earlycon=pl011,0x9000000 panic=-1"
bootmem info
bootmem map
bootmem boot virtio 0:1 Image initrd.img @BOOT_OPTS@

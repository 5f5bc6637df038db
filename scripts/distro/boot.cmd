# make run BOOT=script: a distribution's boot script, found as /boot.scr by
# U-Boot's standard boot (the script bootmeth, which sets devtype, devnum
# and distro_bootpart). It loads to the addresses bootmem set on the boot
# node and boots with booti; booti copies QEMU's device tree below
# fdt_high, onto the same node.
setenv bootargs "console=ttyAMA0 earlycon=pl011,0x9000000 panic=-1"
load ${devtype} ${devnum}:${distro_bootpart} ${kernel_addr_r} /Image
load ${devtype} ${devnum}:${distro_bootpart} ${ramdisk_addr_r} /initrd.img
booti ${kernel_addr_r} ${ramdisk_addr_r}:${filesize} ${fdt_addr}

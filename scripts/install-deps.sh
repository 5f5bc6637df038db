#!/bin/sh
# SPDX-License-Identifier: GPL-2.0+
#
# Install the Debian packages bootmem builds and tests with, if any is
# missing; with arguments, those packages instead (make check-fresh asks
# for debootstrap). Uses sudo when not run as root.
#
# The list is exact: Recommends are not installed, and `make check-fresh`
# proves on a minimal Debian 12 that nothing else is needed. Not here on
# purpose: ipxe-qemu, the option ROMs of QEMU's PCI network cards. Every
# QEMU we start says -nic none (virt's default card, virtio-net-pci, wants
# efi-virtio.rom from it), and the tests that need a network (tftpboot)
# use a virtio-net-device, on virtio-mmio, which has no ROM. A test that
# wants a PCI card must add ipxe-qemu here.

set -eu

packages="build-essential gcc-aarch64-linux-gnu qemu-system-arm
	device-tree-compiler libfdt-dev libcmocka-dev pkg-config
	bison flex libssl-dev libgnutls28-dev uuid-dev bc cpio gzip
	mtools dosfstools u-boot-qemu
	python3-pexpect python3-pytest dpkg-dev
	valgrind gnuplot-nox
	clang libclang-rt-14-dev cppcheck clang-tidy"
# U-Boot's sandbox (make uboot-sandbox): swig and Python's headers for its
# pylibfdt, efitools' cert-to-efi-sig-list for its test device trees.
packages="$packages swig python3-dev python3-setuptools efitools"
# make check-patches: the series' rST pages, checked with docutils.
packages="$packages python3-docutils"
[ $# -eq 0 ] || packages=$*

missing=
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "Installing:$missing"
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing

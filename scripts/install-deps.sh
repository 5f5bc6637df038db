#!/bin/sh
# SPDX-License-Identifier: GPL-2.0+
#
# Install the Debian packages bootmem builds and tests with, if any is
# missing. Uses sudo when not run as root.

set -eu

packages="build-essential gcc-aarch64-linux-gnu qemu-system-arm
	device-tree-compiler libfdt-dev libcmocka-dev pkg-config
	bison flex libssl-dev libgnutls28-dev uuid-dev bc cpio gzip
	mtools dosfstools u-boot-qemu
	python3-pexpect python3-pytest dpkg-dev
	valgrind gnuplot-nox
	clang libclang-rt-14-dev cppcheck clang-tidy"

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

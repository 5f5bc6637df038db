#!/bin/sh
# SPDX-License-Identifier: GPL-2.0+
#
# Run apt-get or apt-cache against a project-local configuration, so that
# Debian source packages and arm64 binaries can be fetched without touching
# the machine's /etc/apt. Lists and downloaded files are cached in $APT_DIR.
#
# usage: apt-private.sh APT_DIR (apt-get|apt-cache) ARGS...
#
# Suites: bookworm's (arm64 binaries and sources) for the test OS;
# trixie's sources for U-Boot 2025.01, and its arm64 binaries for Debian
# 13's prebuilt U-Boot (make bench-stock). apt verifies every index
# against Debian's keyring and every download against its index.

set -eu

dir=$1
tool=$2
shift 2

mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
list=$(
	for suite in bookworm bookworm-updates; do
		echo "deb-src http://deb.debian.org/debian $suite main"
		echo "deb [arch=arm64] http://deb.debian.org/debian $suite main"
	done
	echo "deb-src http://deb.debian.org/debian-security bookworm-security main"
	echo "deb [arch=arm64] http://deb.debian.org/debian-security bookworm-security main"
	for suite in trixie trixie-updates; do
		echo "deb-src http://deb.debian.org/debian $suite main"
	done
	echo "deb [arch=arm64] http://deb.debian.org/debian trixie main"
	echo "deb-src http://deb.debian.org/debian-security trixie-security main"
)
# A changed list (an older checkout's build/) takes effect at the next
# update: apt-pin.sh updates when a pin is missing from the lists, and no
# longer takes them for current.
if [ "$list" != "$(cat "$dir/sources.list" 2>/dev/null)" ]; then
	echo "$list" >"$dir/sources.list"
	rm -f "$dir/lists/.updated"
fi

exec "$tool" \
	-o Dir::Etc::SourceList="$dir/sources.list" \
	-o Dir::Etc::SourceParts=/dev/null \
	-o Dir::State::Lists="$dir/lists" \
	-o Dir::State::status=/dev/null \
	-o Dir::Cache="$dir/cache" \
	-o APT::Architecture=arm64 \
	-o APT::Architectures::=arm64 \
	-o APT::Sandbox::User=root \
	"$@"

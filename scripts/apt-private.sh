#!/bin/sh
# SPDX-License-Identifier: GPL-2.0+
#
# Run apt-get or apt-cache against a project-local configuration, so that
# Debian source packages and arm64 binaries can be fetched without touching
# the machine's /etc/apt. Lists and downloaded files are cached in $APT_DIR.
#
# usage: apt-private.sh APT_DIR (apt-get|apt-cache) ARGS...

set -eu

dir=$1
tool=$2
shift 2

mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
if [ ! -f "$dir/sources.list" ]; then
	for suite in bookworm bookworm-updates; do
		echo "deb-src http://deb.debian.org/debian $suite main"
		echo "deb [arch=arm64] http://deb.debian.org/debian $suite main"
	done >"$dir/sources.list"
	echo "deb-src http://deb.debian.org/debian-security bookworm-security main" \
		>>"$dir/sources.list"
	echo "deb [arch=arm64] http://deb.debian.org/debian-security bookworm-security main" \
		>>"$dir/sources.list"
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

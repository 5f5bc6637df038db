#!/bin/sh
# SPDX-License-Identifier: GPL-2.0+
#
# Make sure BUILD belongs to this checkout before U-Boot's tree in it is
# re-extracted or relinked. That tree holds absolute symlinks to the
# checkout's files, and U-Boot's objects record absolute paths, so:
#   - a checkout that was copied or renamed (its build/ came along) drops
#     the path-bound outputs given as PATH... and rebuilds them from clean,
#     saying so in one line;
#   - a build/ that is another checkout's (a symlink to it, or a shared
#     BUILD=) is refused in one line while that checkout exists, so that
#     nothing here rewrites the links of the original.
#
# usage: build-owner.sh BUILD CHECKOUT PATH...
#
# The owner is recorded in BUILD/.checkout.

set -eu

build=$1
checkout=$2
shift 2

mkdir -p "$build"
real_build=$(cd "$build" && pwd -P)
real_checkout=$(cd "$checkout" && pwd -P)
stamp=$real_build/.checkout
owner=$(cat "$stamp" 2>/dev/null || true)

if [ -n "$owner" ] && [ "$owner" != "$real_checkout" ]; then
	case $real_build/ in
	"$real_checkout"/*)
		echo "build-owner: $build was built in $owner: this checkout was" \
			"copied or moved, so U-Boot rebuilds from clean"
		;;
	*)
		if [ -d "$owner" ]; then
			echo "build-owner: $build is $real_build, the build of" \
				"$owner: not touching it; give this checkout its own" \
				"build/" >&2
			exit 1
		fi
		echo "build-owner: $build was built in $owner, which is gone," \
			"so U-Boot rebuilds from clean"
		;;
	esac
	rm -rf "$@"
fi
[ "$owner" = "$real_checkout" ] || echo "$real_checkout" >"$stamp"

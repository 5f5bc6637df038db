#!/bin/sh
# SPDX-License-Identifier: GPL-2.0+
#
# Fetch Debian's U-Boot source package and unpack it with Debian's patches
# applied, as the commit tagged 'base' of a git repository. apt verifies
# the signed index and every file's checksum, and dpkg-source checks every
# file against the .dsc; nothing outside the given directories is touched.
#
# usage: fetch-uboot.sh APT_DIR PIN DEST_DIR RECORD
#
# PIN is src:u-boot=VERSION@SUITE (e.g. src:u-boot=2023.01+dfsg-2+deb12u3@
# bookworm), resolved by apt-pin.sh: the pinned version if the archive
# still has it, else the current one in SUITE. What was used is recorded in
# RECORD. DEST_DIR receives the .dsc, the tarballs and the unpacked tree
# "base".

set -eu

apt_dir=$1
pin=$2
dest=$3
record=$4
here=$(cd "$(dirname "$0")" && pwd)

apt() {
	"$here/apt-private.sh" "$apt_dir" "$@"
}

# apt resolves relative Dir::* options against /etc/apt: use absolute paths.
mkdir -p "$apt_dir" "$dest" "$(dirname "$record")"
apt_dir=$(cd "$apt_dir" && pwd)
dest=$(cd "$dest" && pwd)
record=$(cd "$(dirname "$record")" && pwd)/$(basename "$record")

# dsc_of PKG=VERSION: the .dsc's file name (no epoch).
dsc_of() {
	echo "${1%%=*}_$(echo "${1#*=}" | sed 's/^[0-9]*://').dsc"
}

# rebuild_dsc PKG=VERSION: write the .dsc from the package's stanza in the
# Sources index, if every other file of the package was downloaded. The
# archive has been seen to list a source package and serve its tarballs
# but answer 404 for its .dsc (u-boot 2025.01-3+deb13u1 in trixie). The
# index is signed, and its stanza carries the checksums of every file, so
# dpkg-source -x still checks each one against what Debian published.
rebuild_dsc() {
	stanza=$(apt apt-cache showsrc "${1%%=*}" | awk -v RS= -v v="${1#*=}" \
		'index($0, "\nVersion: " v "\n") { print; exit }')
	[ -n "$stanza" ] || return 1
	for f in $(echo "$stanza" | awk '/^[^ ]/ { f = $1 }
		f == "Checksums-Sha256:" && /^ / { print $3 }'); do
		case $f in *.dsc) ;; *) [ -f "$f" ] || return 1 ;; esac
	done
	echo "$stanza" | awk '
		/^[^ ]/ { field = $1; sub(/:.*/, "", field) }
		field == "Directory" || field == "Priority" || field == "Section" { next }
		field == "Package" { sub(/^Package:/, "Source:") }
		/^ / && (field == "Files" || field ~ /^Checksums-/) && $NF ~ /\.dsc$/ { next }
		{ print }' >"$(dsc_of "$1").tmp"
	mv "$(dsc_of "$1").tmp" "$(dsc_of "$1")"
	echo "fetch-uboot.sh: the archive has no $(dsc_of "$1"): rebuilt it from the signed Sources index" >&2
}

# download PKG=VERSION: the .dsc and every file it lists, into the
# working directory.
download() {
	apt apt-get -q source --download-only "$1" || rebuild_dsc "$1"
}

# The lists are shared with other fetches and refreshed only when the pin
# is missing from them, so a rebuild works offline; a download that fails
# on lists gone stale refreshes them once.
cd "$dest"
spec=$("$here/apt-pin.sh" -u "$apt_dir" "$pin")
if [ ! -f "$(dsc_of "$spec")" ] && ! download "$spec"; then
	spec=$("$here/apt-pin.sh" -U "$apt_dir" "$pin")
	[ -f "$(dsc_of "$spec")" ] || download "$spec"
fi
"$here/apt-pin.sh" record "$record" "$pin" "$spec"

# The pristine base, as a git repository whose commit 'base' the bootmem
# series (make patches) applies to. Its worktrees (series, u-boot) go
# with it.
rm -rf base base.tmp series u-boot
dpkg-source -q -x "$(dsc_of "$spec")" base.tmp
(
	cd base.tmp
	export GIT_AUTHOR_NAME=Debian GIT_AUTHOR_EMAIL=u-boot@packages.debian.org
	export GIT_COMMITTER_NAME=Debian GIT_COMMITTER_EMAIL=u-boot@packages.debian.org
	export GIT_AUTHOR_DATE='@0 +0000' GIT_COMMITTER_DATE='@0 +0000'
	git init -q
	# -f: the tarball holds files that U-Boot's .gitignore names.
	git add -A -f
	git commit -q --no-verify -m "u-boot ${spec#*=} (Debian source package)"
	git tag base
)
mv base.tmp base

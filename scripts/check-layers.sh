#!/bin/sh
# SPDX-License-Identifier: GPL-2.0+
#
# check-layers.sh OBJDIR LAYER...: the files of lib/bootmem call one way.
# LAYER names the objects in OBJDIR lowest first; an object may use a
# symbol (function or variable) only of objects named before it. One line
# per call that goes up or sideways; exit 1 if there is any.

objdir=$1
shift
bad=0
seen=
for upper in "$@"; do
	nm --defined-only "$objdir/$upper.o" >/dev/null || exit 1
	for other in "$@"; do
		[ "$other" = "$upper" ] && continue
		case " $seen " in *" $other "*) continue ;; esac
		nm -u "$objdir/$upper.o" | awk '{ print $2 }' | sort >"$objdir/.u"
		nm --defined-only "$objdir/$other.o" |
			awk '$2 ~ /^[TDBR]$/ { print $3 }' | sort >"$objdir/.d"
		for sym in $(comm -12 "$objdir/.u" "$objdir/.d"); do
			echo "lib/bootmem/$upper.c uses $sym of $other.c, a layer above or beside it" >&2
			bad=1
		done
	done
	seen="$seen $upper"
done
rm -f "$objdir/.u" "$objdir/.d"
exit $bad

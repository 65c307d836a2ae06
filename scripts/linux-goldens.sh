#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Regenerates the Linux goldens in tests/golden/linux/: boot logs of real Debian
# 6.1 kernels on the QEMU machines bootmm runs on, which the boot tests compare
# bootmm's lines with.  NAME.cmd is the QEMU command, NAME.log its serial output.
#
#   scripts/linux-goldens.sh [-o DIR] [NAME...]    boot NAME.cmd again (default: every
#                                                  golden), write DIR/NAME.log (default
#                                                  tests/golden/linux)
#   scripts/linux-goldens.sh add [-o DIR] [--initrd] [--append 'OPTS'] NAME MEM [QEMU ARG...]
#                                                  a new golden: NAME starts with i386-,
#                                                  armhf- or arm64-; writes DIR/NAME.cmd and .log
#
# How (as ../shared/linux-logs/README.md describes): `dpkg --add-architecture` for
# the kernel's arch, `apt-get update`, `apt-get download` the image package behind
# Debian's metapackage (linux-image-686-pae:i386, linux-image-armmp-lpae:armhf,
# linux-image-arm64:arm64), `dpkg-deb -x` it under build/linux-goldens/, and boot
# it with the NAME.cmd command under a timeout.  Without an initrd Linux panics
# once memory is set up (no root file system) and, with panic=-1 -no-reboot,
# QEMU exits.  With --initrd (or "-initrd <work>/initrd-ARCH.cpio.gz" in a .cmd)
# a busybox initramfs (Debian's busybox-static) prints /proc/zoneinfo, meminfo,
# iomem and buddyinfo after "@@ NAME" lines and powers off.  When a log is
# replaced, its memory lines are compared with the old ones and differences shown.
#
# Needs root (or sudo) for dpkg/apt-get, and Debian's mirrors; nothing else is
# downloaded.  Not part of `make test`: the goldens are committed.
set -euo pipefail
cd "$(dirname "$0")/.."

GOLDEN_DIR=tests/golden/linux
WORK=${LINUX_GOLDENS_WORK:-build/linux-goldens}
BOOT_TIMEOUT=${LINUX_GOLDENS_TIMEOUT:-300}
# Every golden boot has these options (README: "Every boot adds ...").
COMMON_APPEND="loglevel=8 ignore_loglevel panic=-1 nokaslr"
# The lines compared when a log is regenerated: what bootmm mirrors.
MEMORY_LINES='BIOS-e820|e820|MB (LOW|HIGH)MEM|low ram|Zone ranges|^ +(DMA|DMA32|Normal|HighMem|Movable) |Movable zone|Early memory node|^ +node +[0-9]|Initmem setup|On node|Memory:|cma:|Reserved memory|OF: reserved mem|OF: fdt: Machine|Built [0-9]+ zonelists|Kernel command line|Unknown kernel command line|Freeing unused kernel'

say() { echo "linux-goldens: $*" >&2; }
die() { say "$*"; exit 1; }

# dpkg --add-architecture and apt-get update need root: sudo unless we are.
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo

usage() {
	sed -n '8,14p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

# i386-m128M -> i386
arch_of() {
	case "$1" in
	i386-*) echo i386 ;;
	armhf-*) echo armhf ;;
	arm64-*) echo arm64 ;;
	*) die "golden name '$1' must start with i386-, armhf- or arm64-" ;;
	esac
}

metapackage_of() {
	case "$1" in
	i386) echo linux-image-686-pae ;;
	armhf) echo linux-image-armmp-lpae ;;
	arm64) echo linux-image-arm64 ;;
	esac
}

APT_UPDATED=0
apt_update() {
	[ "$APT_UPDATED" = 1 ] && return
	say "apt-get update"
	$SUDO apt-get update -qq || say "apt-get update reported errors; going on with the lists it got"
	APT_UPDATED=1
}

enable_arch() {
	[ "$1" = "$(dpkg --print-architecture)" ] && return
	local foreign
	foreign=$(dpkg --print-foreign-architectures)	# (grep -q in a pipe would cut it off)
	if ! grep -qx "$1" <<<"$foreign"; then
		say "dpkg --add-architecture $1"
		$SUDO dpkg --add-architecture "$1"
		APT_UPDATED=0
	fi
	apt_update
}

# Downloads one package (name:arch) and unpacks it into $WORK/DIR, as `dpkg-deb -x`
# does — only the part under SUBDIR if one is given (a kernel's modules are big).
fetch() {	# package:arch dir [subdir]
	local debs=$WORK/debs deb
	mkdir -p "$debs"
	rm -f "$debs"/"${1%%:*}"_*.deb
	(cd "$debs" && apt-get download -q "$1" >/dev/null) || die "apt-get download $1 failed"
	deb=$(ls "$debs"/"${1%%:*}"_*.deb)
	rm -rf "${WORK:?}/$2"
	mkdir -p "$WORK/$2"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$WORK/$2" ${3:+"$3"}
	say "unpacked $(basename "$deb") into $WORK/$2"
}

# The kernel image package behind the metapackage, unpacked once per run; sets
# KDIR to its directory and VMLINUZ to the kernel.  (No $(...) around this: the
# bookkeeping must stay in this shell.)
declare -A KERNEL_DONE
kernel_dir() {	# arch
	local arch=$1 meta pkg
	if [ -z "${KERNEL_DONE[$arch]:-}" ]; then
		enable_arch "$arch"
		meta=$(metapackage_of "$arch")
		pkg=$(apt-cache depends "$meta:$arch" | sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p' | head -n1)
		[ -n "$pkg" ] || die "cannot tell which kernel $meta:$arch depends on"
		fetch "$pkg:$arch" "kernel-$arch" ./boot
		KERNEL_DONE[$arch]=1
	fi
	KDIR=$WORK/kernel-$arch
	VMLINUZ=$(ls "$KDIR"/boot/vmlinuz-* | head -n1)
}

# A busybox initramfs whose /init prints the memory files of /proc and powers off.
declare -A INITRD_DONE
make_initrd() {	# arch
	local arch=$1 root=$WORK/initrd-root-$1
	[ -n "${INITRD_DONE[$arch]:-}" ] && return
	enable_arch "$arch"
	fetch "busybox-static:$arch" "busybox-$arch" >&2
	rm -rf "$root"
	mkdir -p "$root/bin" "$root/proc" "$root/dev"
	cp "$WORK/busybox-$arch/bin/busybox" "$root/bin/busybox"
	cat >"$root/init" <<-'EOF'
	#!/bin/busybox sh
	/bin/busybox mount -t proc proc /proc
	for f in zoneinfo meminfo iomem buddyinfo; do
		echo "@@ $(echo $f | /bin/busybox tr a-z A-Z)"
		/bin/busybox cat /proc/$f
	done
	echo "@@ END"
	/bin/busybox poweroff -f
	EOF
	chmod 755 "$root/init" "$root/bin/busybox"
	python3 - "$root" "$WORK/initrd-$arch.cpio.gz" <<-'EOF'
	# Writes a newc cpio archive of a directory, plus /dev/console, gzipped.
	import gzip, os, stat, sys
	root, out = sys.argv[1], sys.argv[2]
	entries, ino = [], 1
	def add(name, mode, data=b"", rdev=(0, 0)):
	    global ino
	    entries.append((name, mode, data, rdev, ino))
	    ino += 1
	for d, dirs, files in os.walk(root):
	    dirs.sort()
	    rel = os.path.relpath(d, root)
	    if rel != ".":
	        add(rel, stat.S_IFDIR | 0o755)
	    for f in sorted(files):
	        path = os.path.join(d, f)
	        add(os.path.normpath(os.path.join(rel, f)), stat.S_IFREG | (os.stat(path).st_mode & 0o777),
	            open(path, "rb").read())
	add("dev/console", stat.S_IFCHR | 0o600, rdev=(5, 1))
	def pad(n):
	    return b"\0" * (-n % 4)
	blob = b""
	for name, mode, data, rdev, i in entries + [("TRAILER!!!", 0, b"", (0, 0), 0)]:
	    nb = name.encode() + b"\0"
	    fields = (i, mode, 0, 0, 2 if stat.S_ISDIR(mode) else 1, 0, len(data), 0, 0,
	              rdev[0], rdev[1], len(nb), 0)
	    hdr = b"070701" + b"".join(b"%08X" % v for v in fields)
	    blob += hdr + nb + pad(len(hdr) + len(nb)) + data + pad(len(data))
	with gzip.open(out, "wb") as f:
	    f.write(blob)
	EOF
	say "initramfs: $WORK/initrd-$arch.cpio.gz"
	INITRD_DONE[$arch]=1
}

# Timestamp-stripped memory lines of a log, for comparing an old and a new one.
memory_lines() {
	sed -n 's/^.*\[ *[0-9]*\.[0-9]*\] //p' "$1" | grep -E "$MEMORY_LINES" || true
}

boot_golden() {	# name out-dir
	local name=$1 out=$2 arch cmd log rc cmdfile
	arch=$(arch_of "$name")
	cmdfile=$out/$name.cmd			# an added golden's, or the committed one
	[ -f "$cmdfile" ] || cmdfile=$GOLDEN_DIR/$name.cmd
	[ -f "$cmdfile" ] || die "no $GOLDEN_DIR/$name.cmd"
	cmd=$(cat "$cmdfile")
	kernel_dir "$arch"
	if ! grep -q -- "<kernel-dir>/boot/$(basename "$VMLINUZ")" <<<"$cmd"; then
		say "note: $name.cmd names $(grep -o 'vmlinuz-[^ ]*' <<<"$cmd"); Debian now has $(basename "$VMLINUZ")"
	fi
	# The recorded command with this machine's paths (and the kernel Debian has now).
	cmd=$(sed -e "s|<kernel-dir>/boot/vmlinuz-[^ ']*|$VMLINUZ|" -e "s|<kernel-dir>|$KDIR|g" \
		  -e "s|<work>|$WORK|g" <<<"$cmd")
	if grep -q -- "-initrd" <<<"$cmd"; then
		make_initrd "$arch"
	fi
	mkdir -p "$out"
	log=$(mktemp)
	say "booting $name (timeout ${BOOT_TIMEOUT}s)"
	rc=0
	timeout --kill-after=10 "$BOOT_TIMEOUT" bash -c "$cmd" </dev/null 2>&1 | tr -d '\r' >"$log" || rc=$?
	[ "$rc" = 124 ] && say "$name: QEMU did not exit within ${BOOT_TIMEOUT}s; the log is what it printed"
	if ! grep -q 'Kernel command line:' "$log"; then
		say "$name: the log has no 'Kernel command line:' line; kept in $log, $out/$name.log not touched"
		return 1
	fi
	if [ -f "$out/$name.log" ]; then
		if diff <(memory_lines "$out/$name.log") <(memory_lines "$log") >/dev/null; then
			say "$name: memory lines unchanged"
		else
			say "$name: memory lines changed:"
			diff <(memory_lines "$out/$name.log") <(memory_lines "$log") | sed 's/^/    /' >&2 || true
		fi
	fi
	mv "$log" "$out/$name.log"
	chmod 644 "$out/$name.log"
	say "wrote $out/$name.log ($(wc -l <"$out/$name.log") lines)"
}

# The QEMU command of a new golden, in the .cmd files' form.
new_cmd() {	# name mem initrd append qemu-args...
	local name=$1 mem=$2 initrd=$3 append=$4 arch qemu machine console
	shift 4
	arch=$(arch_of "$name")
	case "$arch" in
	i386)	qemu=qemu-system-i386; machine="-M pc -accel tcg"
		console="console=ttyS0 earlyprintk=serial,ttyS0,115200" ;;
	armhf)	qemu=qemu-system-arm; machine="-M virt,highmem=off -accel tcg -cpu cortex-a15"
		console="console=ttyAMA0 earlycon" ;;
	arm64)	qemu=qemu-system-aarch64; machine="-M virt -accel tcg -cpu cortex-a57"
		console="console=ttyAMA0 earlycon" ;;
	esac
	printf '%s %s -m %s' "$qemu" "$machine" "$mem"
	[ $# -gt 0 ] && printf ' %s' "$@"
	printf " -nographic -no-reboot -kernel <kernel-dir>/boot/%s -append '%s %s%s'" \
		"$(basename "$VMLINUZ")" "$console" "$COMMON_APPEND" "${append:+ $append}"
	[ "$initrd" = 1 ] && printf ' -initrd <work>/initrd-%s.cpio.gz' "$arch"
	printf '\n'
}

out_dir=$GOLDEN_DIR
if [ "${1:-}" = add ]; then
	shift
	initrd=0
	append=
	while [ $# -gt 0 ]; do
		case "$1" in
		-o) out_dir=$2; shift 2 ;;
		--initrd) initrd=1; shift ;;
		--append) append=$2; shift 2 ;;
		-h|--help) usage ;;
		*) break ;;
		esac
	done
	[ $# -ge 2 ] || usage
	name=$1 mem=$2
	shift 2
	[ -e "$out_dir/$name.cmd" ] && die "$out_dir/$name.cmd exists: regenerate it with '$0 $name'"
	kernel_dir "$(arch_of "$name")"		# new_cmd names the kernel Debian has now
	mkdir -p "$out_dir"
	new_cmd "$name" "$mem" "$initrd" "$append" "$@" >"$out_dir/$name.cmd"
	chmod 644 "$out_dir/$name.cmd"
	say "wrote $out_dir/$name.cmd: $(cat "$out_dir/$name.cmd")"
	boot_golden "$name" "$out_dir"
	exit
fi

while [ $# -gt 0 ]; do
	case "$1" in
	-o) out_dir=$2; shift 2 ;;
	-h|--help) usage ;;
	*) break ;;
	esac
done
if [ $# -eq 0 ]; then
	set -- $(ls "$GOLDEN_DIR"/*.cmd | xargs -n1 basename | sed 's/\.cmd$//')
fi
failed=0
for name in "$@"; do
	boot_golden "$name" "$out_dir" || failed=1
done
exit "$failed"

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
#   scripts/linux-goldens.sh add [-o DIR] --dtb FILE.dts [--append 'OPTS'] NAME MEM [QEMU ARG...]
#                                                  a golden booted on a device tree of our own:
#                                                  NAME starts with dts-armhf- or dts-arm64-
#
# How: `dpkg --add-architecture` for
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
# Device-tree goldens (--dtb; docs/device-tree.md, "Linux's goldens for the
# scenarios"): QEMU's -dtb would replace every /memory node of the tree, so the
# kernel boots without -kernel.  QEMU's generic loader places a boot stub
# (scripts/linux-boot-stub-ARCH.S, built with arm-none-eabi-as), the kernel
# (armhf: the zImage; arm64: the plain Image, which Debian's vmlinuz is) and
# the compiled tree in RAM, writes the tree's and the kernel's addresses into
# the words after the stub, and starts the CPU at the stub, which sets the
# registers as QEMU's own boot blob does and jumps to the kernel.  The command
# line goes into the tree's /chosen/bootargs (fdtput): Linux's usual options
# (console=ttyAMA0 earlycon + the common ones) and --append's.  The .cmd starts
# with two comment lines, "# dtb: FILE.dts" and "# bootargs: ...", from which
# <work>/dtb/NAME.dtb is rebuilt (dtc, fdtput) at every boot, as is
# <work>/boot-stub-ARCH.bin: neither is committed.  The names start with dts-
# so that tests/boot/cases.py, which boots every armhf-*.log golden with its
# -append command line, leaves them to tests/boot/cases_dt.py.
# Memory map of such a boot (QEMU's virt puts its own tree in the first MiB
# of RAM, 0x40000000-0x400fffff, even without -kernel: nothing may go there):
#   stub 0x40100000, kernel 0x40110000 (armhf; QEMU's zImage offset 0x10000
#   from the stub) or 0x40200000 (arm64: 2 MiB-aligned, text_offset 0), tree
#   0x44000000 (64 MiB in: RAM on every scenario, clear of the kernel).
#
# Needs root (or sudo) for dpkg/apt-get, and Debian's mirrors; nothing else is
# downloaded.  Also dtc and fdtput (device-tree-compiler) and arm-none-eabi-as
# (binutils-arm-none-eabi) for --dtb goldens.  Not part of `make test`: the
# goldens are committed.
set -euo pipefail
cd "$(dirname "$0")/.."

GOLDEN_DIR=tests/golden/linux
WORK=${LINUX_GOLDENS_WORK:-build/linux-goldens}
BOOT_TIMEOUT=${LINUX_GOLDENS_TIMEOUT:-300}
# Every golden boot has these options (README: "Every boot adds ...").
COMMON_APPEND="loglevel=8 ignore_loglevel panic=-1 nokaslr"
# The lines compared when a log is regenerated: what bootmm mirrors.
MEMORY_LINES='NUMA|BIOS-e820|e820|MB (LOW|HIGH)MEM|low ram|Zone ranges|^ +(DMA|DMA32|Normal|HighMem|Movable) |Movable zone|Early memory node|^ +node +[0-9]|Initmem setup|On node|Memory:|cma:|Reserved memory|OF: reserved mem|OF: fdt: Machine|Built [0-9]+ zonelists|Kernel command line|Unknown kernel command line|Freeing unused kernel'

say() { echo "linux-goldens: $*" >&2; }
die() { say "$*"; exit 1; }

# dpkg --add-architecture and apt-get update need root: sudo unless we are.
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo

usage() {
	sed -n '8,17p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

# i386-m128M -> i386, dts-armhf-virt -> armhf
arch_of() {
	case "$1" in
	i386-*) echo i386 ;;
	armhf-*|dts-armhf-*) echo armhf ;;
	arm64-*|dts-arm64-*) echo arm64 ;;
	*) die "golden name '$1' must start with i386-, armhf-, arm64-, dts-armhf- or dts-arm64-" ;;
	esac
}

need() {	# command debian-package
	command -v "$1" >/dev/null || die "$1 is missing: apt-get install $2"
}

# Where a device-tree golden puts things in RAM (see the header).
STUB_ADDR=0x40100000
DTB_ADDR=0x44000000
declare -A KERNEL_ADDR=([armhf]=0x40110000 [arm64]=0x40200000)
declare -A STUB_WORD=([armhf]=4 [arm64]=8)		# the stub's address words
declare -A STUB_CODE=([armhf]=0x10 [arm64]=0x18)	# where the words start

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
	KVER=${VMLINUZ##*/vmlinuz-}
}

# An arm64 kernel boots as a plain Image: it cannot unpack itself, and where a
# distribution ships vmlinuz gzipped, the boot loader (QEMU's -kernel) unpacks
# it.  The generic loader places files as they are, so the .cmd names
# KDIR/boot/Image-KVER, made here: Debian's 6.1 vmlinuz is already the plain
# Image (copied), a gzipped one would be unpacked.
kernel_image() {	# after kernel_dir
	local image=$KDIR/boot/Image-$KVER
	if [ ! -s "$image" ]; then
		if gzip -t "$VMLINUZ" 2>/dev/null; then
			gzip -dc "$VMLINUZ" >"$image.tmp"
		else
			cp "$VMLINUZ" "$image.tmp"
		fi
		# An arm64 Image has "ARM\x64" at offset 56 (Documentation/arm64/booting.rst).
		[ "$(dd if="$image.tmp" bs=1 skip=56 count=4 2>/dev/null)" = $'ARM\x64' ] ||
			die "$VMLINUZ does not hold an arm64 Image"
		mv "$image.tmp" "$image"
		say "unpacked $image"
	fi
}

# The boot stub of a device-tree golden: scripts/linux-boot-stub-ARCH.S.
build_stub() {	# arch
	local src=scripts/linux-boot-stub-$1.S out=$WORK/boot-stub-$1.bin
	need arm-none-eabi-as binutils-arm-none-eabi
	need arm-none-eabi-objcopy binutils-arm-none-eabi
	mkdir -p "$WORK"
	arm-none-eabi-as -o "$out.o" "$src"
	arm-none-eabi-objcopy -O binary "$out.o" "$out"
	rm -f "$out.o"
	[ "$(stat -c %s "$out")" -eq $((${STUB_CODE[$1]})) ] ||
		die "$out is not ${STUB_CODE[$1]} bytes: its address words would be elsewhere"
}

# The tree of a device-tree golden: the .dts compiled as boot/arm/arch.mk does,
# the command line written into /chosen/bootargs.
build_dtb() {	# name dts bootargs
	local out=$WORK/dtb/$1.dtb
	[ -f "$2" ] || die "$1: no $2"
	need dtc device-tree-compiler
	need fdtput device-tree-compiler
	mkdir -p "$WORK/dtb"
	dtc -q -I dts -O dtb -o "$out" "$2"
	fdtput -t s "$out" /chosen bootargs "$3"
	say "$1: $2 -> $out, bootargs '$3'"
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
	local name=$1 out=$2 arch cmd log rc cmdfile start pid stopped
	arch=$(arch_of "$name")
	cmdfile=$out/$name.cmd			# an added golden's, or the committed one
	[ -f "$cmdfile" ] || cmdfile=$GOLDEN_DIR/$name.cmd
	[ -f "$cmdfile" ] || die "no $GOLDEN_DIR/$name.cmd"
	cmd=$(cat "$cmdfile")
	kernel_dir "$arch"
	if ! grep -qE -- "<kernel-dir>/boot/(vmlinuz|Image)-$KVER([ ',]|\$)" <<<"$cmd"; then
		say "note: $name.cmd names $(grep -oE '(vmlinuz|Image)-[^ ,]*' <<<"$cmd"); Debian now has vmlinuz-$KVER"
	fi
	# A device-tree golden: its tree, its stub and (arm64) the unpacked Image.
	if grep -q '^# dtb: ' <<<"$cmd"; then
		build_dtb "$name" "$(sed -n 's/^# dtb: //p' <<<"$cmd")" "$(sed -n 's/^# bootargs: //p' <<<"$cmd")"
		build_stub "$arch"
	fi
	if grep -q -- "<kernel-dir>/boot/Image-" <<<"$cmd"; then
		kernel_image
	fi
	# The recorded command with this machine's paths (and the kernel Debian has now).
	cmd=$(sed -e "s|<kernel-dir>/boot/vmlinuz-[^ ',]*|$VMLINUZ|" \
		  -e "s|<kernel-dir>/boot/Image-[^ ',]*|$KDIR/boot/Image-$KVER|" \
		  -e "s|<kernel-dir>|$KDIR|g" -e "s|<work>|$WORK|g" <<<"$cmd")
	if grep -q -- "-initrd" <<<"$cmd"; then
		make_initrd "$arch"
	fi
	mkdir -p "$out"
	log=$(mktemp)
	say "booting $name (timeout ${BOOT_TIMEOUT}s)"
	rc=0
	stopped=0
	start=$SECONDS
	# A panic before the command line is parsed (in setup_arch(): a device tree
	# whose memory Linux cannot set up) ignores panic=-1 and halts for good:
	# QEMU is stopped (timeout passes the signal on to it) once the panic's
	# last line is out, instead of at the time-out.
	timeout --kill-after=10 "$BOOT_TIMEOUT" bash -c "$cmd" </dev/null >"$log.raw" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		if grep -q -e '---\[ end Kernel panic' "$log.raw"; then
			sleep 1
			say "$name: Linux halted after an early panic; stopping QEMU"
			kill -TERM "$pid" 2>/dev/null || true
			stopped=1
			break
		fi
		sleep 1
	done
	wait "$pid" || rc=$?
	tr -d '\r' <"$log.raw" >"$log"
	rm -f "$log.raw"
	# QEMU's last words name timeout's pid: no use in a golden.
	[ "$stopped" = 0 ] || sed -i '/^qemu-system-[a-z0-9_]*: terminating on signal 15/d' "$log"
	say "$name: QEMU ran $((SECONDS - start)) s"
	[ "$rc" = 124 ] && say "$name: QEMU did not exit within ${BOOT_TIMEOUT}s; the log is what it printed"
	# The log must show Linux's memory setup: the command line comes right
	# after it, or else (an early panic) the panic is Linux's answer.
	if ! grep -q -e 'Kernel command line:' -e 'Kernel panic - not syncing:' "$log"; then
		say "$name: the log has no 'Kernel command line:' or panic line; kept in $log, $out/$name.log not touched"
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

# The same for a device-tree golden: the bootargs, then QEMU with loaders only.
new_dtb_cmd() {	# name mem dts append qemu-args...
	local name=$1 mem=$2 dts=$3 append=$4 arch qemu machine kernel stub words
	shift 4
	arch=$(arch_of "$name")
	case "$arch" in
	armhf)	qemu=qemu-system-arm; machine="-M virt,highmem=off -accel tcg -cpu cortex-a15"
		kernel="<kernel-dir>/boot/vmlinuz-$KVER" ;;
	arm64)	qemu=qemu-system-aarch64; machine="-M virt -accel tcg -cpu cortex-a57"
		kernel="<kernel-dir>/boot/Image-$KVER" ;;
	*)	die "$name: --dtb is for ARM (dts-armhf-, dts-arm64-)" ;;
	esac
	stub=$STUB_ADDR words=$((STUB_ADDR + ${STUB_CODE[$arch]}))
	printf '# dtb: %s\n' "$dts"
	printf '# bootargs: console=ttyAMA0 earlycon %s%s\n' "$COMMON_APPEND" "${append:+ $append}"
	printf '%s %s -m %s' "$qemu" "$machine" "$mem"
	[ $# -gt 0 ] && printf ' %s' "$@"
	printf ' -nographic -no-reboot'
	printf ' -device loader,file=<work>/boot-stub-%s.bin,addr=%s,force-raw=on' "$arch" "$stub"
	printf ' -device loader,addr=%#x,data=%s,data-len=%d' \
		"$words" "$DTB_ADDR" "${STUB_WORD[$arch]}" \
		"$((words + ${STUB_WORD[$arch]}))" "${KERNEL_ADDR[$arch]}" "${STUB_WORD[$arch]}"
	printf ' -device loader,file=%s,addr=%s,force-raw=on' "$kernel" "${KERNEL_ADDR[$arch]}"
	printf ' -device loader,file=<work>/dtb/%s.dtb,addr=%s,force-raw=on' "$name" "$DTB_ADDR"
	printf ' -device loader,addr=%s,cpu-num=0\n' "$stub"
}

out_dir=$GOLDEN_DIR
if [ "${1:-}" = add ]; then
	shift
	initrd=0
	append=
	dts=
	while [ $# -gt 0 ]; do
		case "$1" in
		-o) out_dir=$2; shift 2 ;;
		--initrd) initrd=1; shift ;;
		--append) append=$2; shift 2 ;;
		--dtb) dts=$2; shift 2 ;;
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
	if [ -n "$dts" ]; then
		[ "$initrd" = 0 ] || die "--initrd and --dtb: not done (the tree's /chosen would need the initrd)"
		[ -f "$dts" ] || die "no $dts"
		case "$name" in dts-*) ;; *) die "a --dtb golden's name starts with dts-armhf- or dts-arm64-" ;; esac
		dts_mem=$(sed -n 's/^ \* QEMU memory: *\([0-9][0-9]*[KMGT]\) *$/\1/p' "$dts")
		[ -z "$dts_mem" ] || [ "$dts_mem" = "$mem" ] ||
			say "warning: $dts is described for QEMU memory $dts_mem, not $mem"
		new_dtb_cmd "$name" "$mem" "$dts" "$append" "$@" >"$out_dir/$name.cmd"
	else
		case "$name" in dts-*) die "a dts- golden needs --dtb" ;; esac
		new_cmd "$name" "$mem" "$initrd" "$append" "$@" >"$out_dir/$name.cmd"
	fi
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

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Installs what bootmm needs on Debian 12, saying what it does; silent and quick
# when everything is there.  Called by `make` before any build, so `make run`
# and `make test` work on a fresh machine.
#
#   - Debian packages: compilers (host gcc with 32-bit support, arm-none-eabi-gcc),
#     QEMU for both arches, dtc and libfdt, GRUB + xorriso for the ISO,
#     gdb-multiarch, cmocka, matplotlib (for scripts/memmap-picture.py, with
#     Debian's /usr/bin/python3).  Installed with apt-get, as root or through sudo.
#   - libfdt for the ARM kernel: Debian's own armhf build of libfdt-dev, fetched
#     with `apt-get download` (after `dpkg --add-architecture armhf`) and unpacked
#     into build/third_party/ — not installed system-wide, because the armhf and
#     amd64 libfdt-dev packages cannot be installed side by side.  The -m32 fuzz
#     targets (tests/fuzz/) take Debian's i386 libfdt-dev the same way.
#   - clang with compiler-rt (libFuzzer, ASan, UBSan, for amd64 and i386) and the
#     32-bit libstdc++ that libFuzzer's -m32 runtime links: `make fuzz`.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(make gcc libc6-dev gcc-multilib python3 gcc-arm-none-eabi binutils-arm-none-eabi
	  qemu-system-x86 qemu-system-arm device-tree-compiler libfdt-dev
	  grub-pc-bin grub-common xorriso mtools gdb-multiarch libcmocka-dev python3-matplotlib
	  clang libclang-rt-14-dev lib32stdc++-12-dev)
LIBFDT_DIR=build/third_party/libfdt-armhf
LIBFDT32_DIR=build/third_party/libfdt-i386

say() { echo "bootmm: $*" >&2; }

# A mirror mid-sync can fail one index; what we need is usually still there.
apt_update() {
	as_root apt-get update -qq || say "apt-get update reported errors (above); going on with the lists it got"
}

as_root() {
	if [ "$(id -u)" = 0 ]; then
		"$@"
	elif command -v sudo >/dev/null; then
		sudo "$@"
	else
		say "need root to run: $*  (no sudo found); run it as root and try again"
		exit 1
	fi
}

# The check below asks dpkg about every package, which costs a good fraction of
# a second on each `make run`.  Once everything was found, a stamp remembers
# what was checked: this script's own text (which holds the package list) and
# the libfdt archive it unpacked.  While both are unchanged, and the tools the
# build calls are still on the PATH, nothing is asked again; `make clean` or an
# edit to the list makes the next run check everything.
STAMP=build/.install-deps.stamp
stamp_key() {
	local fdt=$LIBFDT_DIR/usr/lib/arm-linux-gnueabihf/libfdt.a
	[ -f "$fdt" ] && [ -f "$LIBFDT32_DIR/usr/lib/i386-linux-gnu/libfdt.a" ] || return 1
	printf '%s %s\n' "$(cksum <scripts/install-deps.sh)" "$(stat -c '%s %Y' "$fdt")"
}
tools_present() {
	command -v gcc && command -v arm-none-eabi-gcc && command -v qemu-system-i386 &&
		command -v qemu-system-arm && command -v dtc && command -v gdb-multiarch &&
		command -v grub-mkrescue && command -v clang
} >/dev/null
if [ -f "$STAMP" ] && tools_present && key=$(stamp_key) && [ "$key" = "$(cat "$STAMP")" ]; then
	exit 0
fi

missing=()
for p in "${PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
	say "installing missing Debian packages: ${missing[*]}"
	apt_update
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
	say "packages installed"
fi

# Debian's libfdt-dev for another architecture, unpacked into
# build/third_party/libfdt-<arch>/ (see the top of this file).
fetch_libfdt() {	# debian-arch multiarch-triplet
	local dir=build/third_party/libfdt-$1 tmp
	[ -f "$dir/usr/lib/$2/libfdt.a" ] && return
	if ! dpkg --print-foreign-architectures | grep -qx "$1"; then
		say "enabling the $1 architecture in dpkg (for Debian's $1 libfdt)"
		as_root dpkg --add-architecture "$1"
		apt_update
	fi
	say "fetching Debian's libfdt-dev:$1 into $dir"
	tmp=$(mktemp -d)
	if ! (cd "$tmp" && apt-get download -q "libfdt-dev:$1" >/dev/null 2>&1); then
		apt_update
		(cd "$tmp" && apt-get download -q "libfdt-dev:$1" >&2)
	fi
	rm -rf "$dir"
	mkdir -p "$dir"
	dpkg-deb -x "$tmp"/libfdt-dev_*_"$1".deb "$dir"
	say "libfdt for $1: $(ls "$tmp"/libfdt-dev_*_"$1".deb | xargs -n1 basename)"
	rm -rf "$tmp"
}

fetch_libfdt armhf arm-linux-gnueabihf		# the ARM kernel ($LIBFDT_DIR)
fetch_libfdt i386 i386-linux-gnu		# $LIBFDT32_DIR: the -m32 fuzz targets (tests/fuzz/fuzz.mk)

mkdir -p "$(dirname "$STAMP")"
stamp_key >"$STAMP"

# SPDX-License-Identifier: MIT
#
# Writes the seed corpus of the fuzz targets (tests/fuzz/fuzz_*.c) into
# tests/fuzz/corpus/<target>/seed-*: the inputs a fuzzer starts from and that
# `make fuzz-replay` (part of make test) runs through every target on every
# commit.  Re-run it after changing an input format; the files are committed.
#
#   fdt        the project's device trees (dts/, tests/unit/dts/) compiled by dtc
#   fdt_gen    a few byte strings for the tree generator (any bytes make a tree)
#   multiboot  v1 and v2 boot information as QEMU and GRUB hand it over
#   cmdline    byte 0 = the firmware map (fuzz_cmdline.c), then a command line
#
# No Linux counterpart.  Usage: python3 tests/fuzz/make-seeds.py (from the top).
import os
import struct
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(TOP, "tests", "fuzz", "corpus")


def put(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def fdt_seeds():
    for folder in ("dts", "tests/unit/dts"):
        for name in sorted(os.listdir(os.path.join(TOP, folder))):
            if not name.endswith(".dts"):
                continue
            src = os.path.join(TOP, folder, name)
            # dts/ files include qemu-virt.dtsi; cpp is not needed (/include/).
            out = subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-i",
                                  os.path.dirname(src), src],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if out.returncode != 0:
                sys.stderr.write("make-seeds: dtc %s failed, skipped\n" % src)
                continue
            put("fdt", "%s-%s.dtb" % (folder.replace("/", "_"), name[:-4]), out.stdout)


def fdt_gen_seeds():
    put("fdt_gen", "zeros", bytes(64))
    put("fdt_gen", "ones", b"\xff" * 64)
    put("fdt_gen", "counting", bytes(range(256)))
    put("fdt_gen", "ram-like", bytes([4, 4, 1, 1, 1, 2, 0x10, 0x00]) * 24)


# QEMU's PC map at -m 128M: what SeaBIOS's e820 says.
QEMU_MAP = [(0x0, 0x9fc00, 1), (0x9fc00, 0x400, 2), (0xf0000, 0x10000, 2),
            (0x100000, 0x7ee0000, 1), (0x7fe0000, 0x20000, 2), (0xfffc0000, 0x40000, 2)]


def mb1(cmdline, entries, flags=(1 << 0) | (1 << 2) | (1 << 6), entry_size=20):
    mmap = b"".join(struct.pack("<IQQI", entry_size, a, l, t) + bytes(entry_size - 20)
                    for a, l, t in entries)
    info = struct.pack("<12I", flags, 639, 130048 - 1024, 0, 1, 0, 0, 0, 0, 0, 0,
                       len(mmap)) + bytes(124 - 48)  # sizeof(struct multiboot_info)
    # fuzz_multiboot.c: mode byte (even: v1), info block, a length byte and the
    # command line, then the map; the target fills in the addresses.
    return b"\x00" + info + bytes([len(cmdline)]) + cmdline + mmap


def mb2(cmdline, entries, entry_size=24):
    tags = b""
    if cmdline is not None:
        c = cmdline + b"\0"
        tags += struct.pack("<II", 1, 8 + len(c)) + c
        tags += bytes(-len(tags) % 8)
    tags += struct.pack("<II", 4, 16) + struct.pack("<II", 639, 130048 - 1024)
    m = b"".join(struct.pack("<QQII", a, l, t, 0) + bytes(entry_size - 24) for a, l, t in entries)
    tags += struct.pack("<IIII", 6, 16 + len(m), entry_size, 0) + m
    tags += bytes(-len(tags) % 8)
    tags += struct.pack("<II", 0, 8)
    return b"\x01" + struct.pack("<II", 8 + len(tags), 0) + tags


def multiboot_seeds():
    put("multiboot", "v1-qemu-128M", mb1(b"/boot/bootmm.elf poweroff", QEMU_MAP))
    put("multiboot", "v1-mem-only", mb1(b"", [], flags=1))
    put("multiboot", "v1-big-entries", mb1(b"k mem=64M", QEMU_MAP, entry_size=28))
    put("multiboot", "v1-memmap-user", mb1(b"k memmap=exactmap memmap=640K@0 memmap=100M@1M",
                                           QEMU_MAP))
    put("multiboot", "v2-grub-128M", mb2(b"poweroff", QEMU_MAP))
    put("multiboot", "v2-no-cmdline", mb2(None, QEMU_MAP))
    put("multiboot", "v2-entry-32", mb2(b"memmap=16M$64M", QEMU_MAP, entry_size=32))
    put("multiboot", "v2-over-4G", mb2(b"", QEMU_MAP[:3] + [(0x100000, 0xbfee0000, 1),
                                                             (0x100000000, 0x40000000, 1)]))


CMDLINES = [
    (2, b""), (2, b"poweroff"), (2, b"mem=64M"), (6, b"mem=512M"), (2, b"memmap=64M$600M"),
    (2, b"memmap=exactmap memmap=640K@0 memmap=100M@1M"), (2, b"memmap=16M#32M memmap=8M!64M"),
    (2, b"memblock=debug bootmem_debug memmap_check"), (6, b"movable_node"),
    (6, b"kernelcore=256M"), (6, b"movablecore=25%"), (6, b"kernelcore=mirror"),
    (7, b"kernelcore=50% movablecore=1G"), (2, b"init_on_alloc=1 init_on_free=1"),
    (2, b"loglevel=8 quiet debug ignore_loglevel panic=5"), (2, b"foo=1 bar mem= memmap="),
    (0, b"mem=8M"), (1, b"memmap=0@16M"), (6, b"memmap=256M@0x10000000"),
]


def cmdline_seeds():
    for i, (mapno, line) in enumerate(CMDLINES):
        put("cmdline", "%02d" % i, bytes([mapno]) + line)


if __name__ == "__main__":
    fdt_seeds()
    fdt_gen_seeds()
    multiboot_seeds()
    cmdline_seeds()

# SPDX-License-Identifier: MIT
"""Boot test cases for hostile input (issue 19): every bad input gets a message.

Each case boots the kernel with one bad input — a command-line option, a device
tree, a shell command — and checks the message that names it and that the
kernel goes on (or panics with the reason) where Linux would.  The bad device
trees are built here, by the test itself, from a valid tree (dtc) whose bytes
are then corrupted, and appended to a copy of bootmm.bin
(build/tests/boot/hostile/), which `make run QEMU_KERNEL=...` boots.
docs/bad-input.md lists every message.

tests/boot/cases.py adds HOSTILE_CASES to the suite; `tests/boot/cases_hostile.py
[-k PATTERN] [--list]` runs them alone, with boottest.py's options.
"""
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import boottest  # noqa: E402
from boottest import PANIC_STATUS, Case, ShellCase  # noqa: E402

POWER_DOWN = "reboot: Power down"
PANIC = "Kernel panic - not syncing"
OUT_DIR = boottest.ROOT / "build" / "tests" / "boot" / "hostile"


def both(name: str, cmdline: str, lines: tuple, doc: str, **kw) -> list:
    return [Case(f"{arch}-hostile-{name}", arch, cmdline, lines=lines, doc=doc, **kw)
            for arch in ("x86", "arm")]


# --- command lines --------------------------------------------------------------

HOSTILE_CASES = []
HOSTILE_CASES += both("loglevel-abc", "loglevel=abc poweroff",
                      ("Malformed early option 'loglevel'", "Kernel command line: loglevel=abc poweroff",
                       POWER_DOWN),
                      "loglevel=abc: Linux's message, and the level is kept (the boot is not silenced)")
HOSTILE_CASES += [
    Case("x86-hostile-loglevel-empty-panic", "x86", "loglevel= memmap=exactmap poweroff",
         status=PANIC_STATUS, timeout=30,
         lines=("Malformed early option 'loglevel'", f"{PANIC}: Invalid user supplied memory map"),
         doc="loglevel= then a panic: the level is kept, so the panic is printed"),
    Case("arm-hostile-loglevel-empty-panic", "arm", "loglevel= mem=0 poweroff", mem="256M",
         status=PANIC_STATUS, timeout=30,
         lines=("Malformed early option 'loglevel'",
                f"{PANIC}: no usable memory: memblock.memory is empty (see the messages above)"),
         doc="loglevel= then a panic: the level is kept, so the panic is printed"),
]
HOSTILE_CASES += both("panic-abc", "panic=abc poweroff",
                      ("Booting kernel: `abc' invalid for parameter `panic'", POWER_DOWN),
                      "panic=abc: Linux's parse_args() message; panic_timeout keeps 0",
                      absent=("Malformed early option 'panic'",))
HOSTILE_CASES += both("panic-5s", "panic=5s poweroff",
                      ("Booting kernel: `5s' invalid for parameter `panic'", POWER_DOWN),
                      "panic=5s: kstrtoint() wants the whole string a number")
HOSTILE_CASES += [
    Case("x86-hostile-mem-junk", "x86", "mem=64Mjunk poweroff",
         lines=('mem: ignoring "junk" after the size 0x4000000', POWER_DOWN),
         regex=(r"^user: \[mem 0x0000000000100000-0x0000000003ffffff\] usable$",),
         doc="mem=64Mjunk: 64M taken as Linux does, and what is ignored named"),
    Case("arm-hostile-mem-junk", "arm", "mem=64Mjunk poweroff", mem="256M",
         lines=('mem: ignoring "junk" after "mem=64M"', "Early memory node ranges",
                "  node   0: [mem 0x0000000040000000-0x0000000043ffffff]", POWER_DOWN),
         doc="mem=64Mjunk: 64M taken as Linux does, and what is ignored named"),
    Case("x86-hostile-mem-overflow", "x86", "mem=99999999999G poweroff",
         lines=("mem: 99999999999G is too big for a 64-bit size", "Malformed early option 'mem'", POWER_DOWN),
         absent=("^user-defined physical RAM map",),
         doc="mem=99999999999G: refused (Linux wraps it), the firmware's map kept"),
    Case("x86-hostile-memmap-above-2p44", "x86", "memmap=256M@0x4000000000000 poweroff",
         lines=("e820: ignoring RAM [mem 0x0004000000000000-0x000400000fffffff] above the 36-bit "
                "physical address limit",
                POWER_DOWN),
         # present = the 128 MiB QEMU gave, whatever the model (--model): nothing wrapped to pfn 0
         regex=(r"^Memory model: \w+: mem_map \d+ KiB for \d+ pfns \(32638 present, \d+ in holes\)$",),
         absent=("Kernel panic", "BUG"),
         doc="RAM at 2^50 (found by the -m32 cmdline fuzzer): its pfns would wrap a 32-bit "
             "unsigned long; refused above MAX_PHYSMEM_BITS before memblock"),
    Case("arm-hostile-mem-overflow", "arm", "mem=99999999999G poweroff", mem="256M",
         lines=("mem: 99999999999G is too big for a 64-bit size", "Malformed early option 'mem'",
                "Early memory node ranges", "  node   0: [mem 0x0000000040000000-0x000000004fffffff]",
                POWER_DOWN),
         doc="mem=99999999999G: refused before the tree's memory is thrown away"),
    Case("arm-hostile-mem-zero", "arm", "mem=0 poweroff", mem="256M", status=PANIC_STATUS, timeout=30,
         lines=("mem=0: no whole page of memory in it: this bank is not added",
                f"{PANIC}: no usable memory: memblock.memory is empty (see the messages above)"),
         doc="mem=0: the bank is refused with a message, then the panic has one above it"),
]


# --- shell commands ---------------------------------------------------------------


def shell_expect(command: str, pattern: str, nth: int = 0):
    """A shell check: the output of the nth `command` matches the regex pattern."""
    def run(transcript, lines):
        found = [out for cmd, out in transcript if cmd == command]
        if len(found) <= nth:
            return f"{command!r} got no answer"
        if not re.search(pattern, found[nth], re.M):
            return f"{command!r} printed {found[nth]!r}, which does not match /{pattern}/"
        return None
    run.__name__ = f"shell_expect({command!r}, /{pattern}/)"
    return run


BOTH_MOBILITY = ("alloc: __GFP_MOVABLE and __GFP_RECLAIMABLE together are a bad combination: "
                 r"an allocation is movable or reclaimable, not both \(gfp_migratetype\(\) warns\)")
for arch in ("x86", "arm"):
    HOSTILE_CASES.append(ShellCase(
        f"{arch}-hostile-alloc-both-mobility-bits", arch,
        script=("alloc 3 __GFP_MOVABLE|__GFP_RECLAIMABLE", "alloc 0 0x18", "alloc 3 GFP_KERNEL", "alloc",
                "poweroff"),
        absent=("Kernel panic",),
        shell_checks=(shell_expect("alloc 3 __GFP_MOVABLE|__GFP_RECLAIMABLE", BOTH_MOBILITY),
                      shell_expect("alloc 0 0x18", BOTH_MOBILITY),
                      shell_expect("alloc 3 GFP_KERNEL", r"^alloc: order 3 \(8 pages\) at pfn "),
                      shell_expect("alloc", r"order 3")),
        doc="both mobility bits: refused at the GFP boundary with the reason; the shell goes on"))

for model in ("sparsemem", "vmemmap"):
    HOSTILE_CASES.append(ShellCase(
        f"arm-hostile-memory-add-below-phys-offset-{model}", "arm", make_vars={"MEMORY_MODEL": model},
        script=("memory add 0x0 0x10000000", "memory online 0", "memory list", "memmap_check", "poweroff"),
        absent=("Kernel panic",),
        shell_checks=(
            shell_expect("memory add 0x0 0x10000000",
                         r"^(\[[ 0-9.]+\] )?Hotplug memory \[0x0-0x10000000\] exceeds maximum addressable range "
                         r"\[0x40000000-0x[0-9a-f]+\]$"),
            shell_expect("memory add 0x0 0x10000000",
                         r"^memory add: (SPARSEMEM|SPARSEMEM_VMEMMAP) cannot describe memory there "
                         r"\(only pfns 0x40000-0x[0-9a-f]+\)$"),
            shell_expect("memory online 0", r"no memory0|there is no memory0"),
            shell_expect("memmap_check", r"OK")),
        doc=f"{model}: memory below PHYS_OFFSET refused as Linux's mhp_range_allowed() refuses it"))


# --- device trees built here ---------------------------------------------------------

TREE = """/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	model = "bootmm hostile";
	compatible = "linux,dummy-virt";
	memory@40000000 {
		device_type = "memory";
		reg = <0x0 0x40000000 0x0 0x8000000>;
	};
	chosen { bootargs = "poweroff"; };
};
"""


def appended_image(name: str, patch=lambda blob: None, tree: str = TREE) -> str:
    """bootmm.bin with tree appended, its bytes first passed through patch(bytearray)."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    dtb = subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", "-", "-"], input=tree.encode(),
                         capture_output=True, check=True).stdout
    blob = bytearray(dtb)
    patch(blob)
    image = OUT_DIR / f"bootmm-{name}.bin"
    image.write_bytes((boottest.ROOT / "build" / "arm" / "bootmm.bin").read_bytes() + bytes(blob))
    return str(image)


def set_be32(offset: int, value: int):
    def patch(blob: bytearray) -> None:
        blob[offset:offset + 4] = value.to_bytes(4, "big")
    return patch


def both_patches(*patches):
    def patch(blob: bytearray) -> None:
        for p in patches:
            p(blob)
    return patch


V5_IMAGE = str(OUT_DIR / "bootmm-dtb-version5.bin")
HOSTILE_CASES.append(Case(
    "arm-hostile-dtb-version5", "arm", make_vars={"QEMU_KERNEL": V5_IMAGE},
    # The header's version (offset 20) and last_comp_version (24): 5 and 2.
    prepare=lambda: appended_image("dtb-version5", both_patches(set_be32(20, 5), set_be32(24, 2))),
    halts_after="---[ end Kernel panic", timeout=30, status=PANIC_STATUS,
    lines=("OF: fdt: device tree version 5 (last compatible 2) is older than 16: refused, libfdt cannot check it safely",
           "printk: console [ttyAMA0] enabled",
           "Error: invalid dtb and unrecognized/unsupported machine ID",
           f"{PANIC}: no usable device tree: cannot find memory or the command line"),
    doc="an appended version-5 tree (fdt_check_full() took a data abort on it): refused by its version, "
        "the console comes up and the panic says why"))


def bank(addr: int, size: int) -> str:
    return f'\tmemory@{addr:x} {{ device_type = "memory"; reg = <0x0 {addr:#x} 0x0 {size:#x}>; }};\n'


# 130 memory nodes: 256 MiB at PHYS_OFFSET (room for FLATMEM's mem_map), then
# 129 banks of 1 MiB, 1 MiB apart.  memblock's array holds 128 until it may grow.
MANY_BANKS = TREE.replace("\tmemory@40000000 {", bank(0x40000000, 0x10000000) + "".join(
    bank(0x50000000 + i * 0x200000, 0x100000) for i in range(129)) + "\tunused@0 {")
MANY_IMAGE = str(OUT_DIR / "bootmm-dtb-130-banks.bin")
HOSTILE_CASES.append(Case(
    "arm-hostile-dtb-130-banks", "arm", mem="1G", make_vars={"QEMU_KERNEL": MANY_IMAGE},
    prepare=lambda: appended_image("dtb-130-banks", tree=MANY_BANKS), timeout=30,
    lines=("memblock: memory array is full (128 entries) and resizing is not allowed yet",
           "Early memory node ranges",
           "  node   0: [mem 0x0000000040000000-0x00000000500fffff]",
           "  node   0: [mem 0x000000005fe00000-0x000000005fefffff]",
           POWER_DOWN),
    absent=(r"node   0: \[mem 0x0000000060000000", r"node   0: \[mem 0x0000000060200000"),
    checks=(lambda lines: None if sum(1 for l in lines if l.text.startswith("  node   0: [mem ")) == 128
            else "not 128 node ranges",),
    doc="130 memory banks: the boot goes on (arm_numa_init() looped for ever) with the 128 ranges "
        "memblock holds, as Linux 6.1 armhf does"))


# --- memory models with no room for their memory map -----------------------------------

NO_MAP = "no memory section got a memory map: no memory can be used"
HOSTILE_CASES += [
    Case("arm-hostile-vmemmap-backing-failed", "arm", "mem=2M poweroff", status=PANIC_STATUS, timeout=30,
         make_vars={"MEMORY_MODEL": "vmemmap"},
         lines=("sparse_init_nid: node[0] memory map backing failed. Some memory will not be available.",
                f"{PANIC}: SPARSEMEM_VMEMMAP: {NO_MAP}"),
         absent=("Internal error", "data abort"),
         doc="VMEMMAP, 2 MiB of RAM: Linux's backing-failed line, then a panic with the reason (it faulted)"),
    Case("arm-hostile-vmemmap-small-boots", "arm", "mem=8M poweroff", make_vars={"MEMORY_MODEL": "vmemmap"},
         lines=("Memory model: SPARSEMEM_VMEMMAP: mem_map 2048 KiB for 65536 pfns (2048 present, 63488 in holes)",
                POWER_DOWN),
         doc="VMEMMAP, 8 MiB: room for the map, the boot goes on"),
] + [
    Case(f"arm-hostile-{model}-highmem-only", "arm", "mem=256M@0x80000000 poweroff", mem="2G",
         status=PANIC_STATUS, timeout=30, make_vars={"MEMORY_MODEL": model},
         lines=(f"{PANIC}: {name}: {NO_MAP}",),
         regex=(r"^sparse_init_nid: node\[0\] (usemap allocation|memory map backing) failed",),
         absent=("^Memory model: ", "Internal error"),
         doc=f"{model}: RAM only in HighMem: no memory map can be allocated; a panic with the reason, "
             "not a boot with 'mem_map 0 KiB'")
    for model, name in (("sparsemem", "SPARSEMEM"), ("vmemmap", "SPARSEMEM_VMEMMAP"))
]


# --- the weak cases: each refusal names its cause ------------------------------------------

for arch, last in (("x86", "0xffffffff"), ("arm", "0xffffffff")):
    HOSTILE_CASES.append(ShellCase(
        f"{arch}-hostile-shell-weak", arch,
        script=("alloc 0 0x3", "alloc 0 GFP_DMA|__GFP_HIGHMEM", "pfn 0xffffffffffffffff", "pfn 0x1000", "poweroff"),
        absent=("Kernel panic",),
        shell_checks=(
            shell_expect("alloc 0 0x3", r"^alloc: 0x3 names more than one zone \(__GFP_DMA, __GFP_DMA32, "
                         r"__GFP_HIGHMEM\): a bad combination \(Linux's GFP_ZONE_BAD\), refused$"),
            shell_expect("alloc 0 GFP_DMA|__GFP_HIGHMEM", r"names more than one zone"),
            shell_expect("pfn 0xffffffffffffffff", r"^pfn: 0xffffffffffffffff is past the last address a pfn "
                         rf"can name \({last}fff: pfns are 32-bit\)$"),
            shell_expect("pfn 0x1000", r"^pfn:\s+0x1 ")),
        doc="alloc with two zone bits refused (it was served from DMA without a word); pfn of 2^64-1 "
            "refused (it was cut to 0xffffffff)"))


def grow_totalsize(size: int):
    """Pads the blob to size bytes and says so in its header's totalsize (offset 4)."""
    def patch(blob: bytearray) -> None:
        blob.extend(bytes(size - len(blob)))
        blob[4:8] = size.to_bytes(4, "big")
    return patch


BIG_IMAGE = str(OUT_DIR / "bootmm-dtb-over-1M.bin")
HOSTILE_CASES.append(Case(
    "arm-hostile-dtb-over-1M", "arm", make_vars={"QEMU_KERNEL": BIG_IMAGE},
    prepare=lambda: appended_image("dtb-over-1M", grow_totalsize((1 << 20) + 8)),
    lines=("OF: fdt: a device tree is appended to the image, but its totalsize (1048584 bytes) is not "
           "between 40 bytes and 1 MiB: ignored, r2's is used",
           "OF: fdt: Machine model: linux,dummy-virt", POWER_DOWN),
    doc="an appended tree over 1 MiB: skipped as Linux's decompressor does, but with a word"))


ALL_HOTPLUG = TREE.replace('reg = <0x0 0x40000000 0x0 0x8000000>;', 'reg = <0x0 0x40000000 0x0 0x8000000>; hotpluggable;')
ALL_HOTPLUG_IMAGE = str(OUT_DIR / "bootmm-dtb-all-hotplug.bin")
HOSTILE_CASES.append(Case(
    "arm-hostile-movable-node-all-hotplug", "arm", "movable_node poweroff", status=PANIC_STATUS, timeout=30,
    make_vars={"QEMU_KERNEL": ALL_HOTPLUG_IMAGE},
    prepare=lambda: appended_image("dtb-all-hotplug", tree=ALL_HOTPLUG),
    lines=("memblock: movable_node is given and every memory region is hotpluggable: "
           "memblock may allocate from none of them",),
    regex=(rf"^{PANIC}: ",),
    doc="movable_node with every bank hotpluggable: the panic has its cause named above it"))


# A kernel built with -DBOOTMM_TEST_EARLY_FAULT (boot/arm/setup.c) reads address 0
# before the console is up: the exception report must start the console itself.
def test_kernel_case(name: str, define: str, **kw) -> Case:
    """A panic case booting an ARM kernel built with -D@define in boot/arm/setup.c,
    in a folder of its own (build/tests/boot/hostile/arm-@name)."""
    return Case(f"arm-hostile-{name}", "arm", timeout=300, status=PANIC_STATUS,
                make_vars={"O": f"build/tests/boot/hostile/arm-{name}",
                           "CFLAGS_boot/arm/setup": f"-D{define}"},
                halts_after="---[ end Kernel panic", **kw)


HOSTILE_CASES.append(test_kernel_case(
    "early-fault", "BOOTMM_TEST_EARLY_FAULT",
    lines=("Exception before the console was started: the console is up now, to report it",
           "Unable to handle kernel paging request at virtual address 00000000",
           "Internal error: data abort: fsr 00000005 [#1] ARM",
           f"{PANIC}: Fatal exception: data abort"),
    doc="a data abort before the console is started (as libfdt's on the version-5 tree was): still reported"))


# A kernel built with -DBOOTMM_TEST_R2=0x5ff00000 (boot/arm/setup.c) takes that as r2:
# inside head.S's 768 MiB map, but past the end of QEMU's 128 MiB of RAM.
HOSTILE_CASES.append(test_kernel_case(
    "r2-past-ram", "BOOTMM_TEST_R2=0x5ff00000",
    lines=("OF: fdt: device tree pointer 0x5ff00000 (r2) is not in RAM: reading it faults",
           "printk: console [ttyAMA0] enabled",
           "Error: invalid dtb and unrecognized/unsupported machine ID",
           f"{PANIC}: no usable device tree: cannot find memory or the command line"),
    absent=("Internal error",),
    doc="r2 past the end of RAM (but mapped): probed, refused with the reason, no silent abort"))


# --- a full log buffer: the console goes on, the oldest records go -----------------
#
# 1000 `memmap_check` runs log ~170 KB, more than the 128 KiB log buffer.  As
# Linux's printk ring, bootmm drops the oldest records: the 1000th run's line
# still reaches the console, and `dmesg` then starts after the boot banner
# (dropped) and ends with that run.
LOG_FILL_RUNS = 1000
MEMMAP_CHECK_LINE = re.compile(r"^memmap_check: \w+: pfn_valid, .* OK \(")


def check_log_ring(transcript, lines):
    runs = [out for cmd, out in transcript if cmd == "memmap_check"]
    if len(runs) != LOG_FILL_RUNS:
        return f"{len(runs)} memmap_check answers, expected {LOG_FILL_RUNS}"
    last = [boottest.TIMESTAMP_RE.sub("", line) for line in runs[-1].splitlines()]
    if not any(MEMMAP_CHECK_LINE.match(line) for line in last):
        return f"the last memmap_check's kernel line did not reach the console: {runs[-1][:200]!r}"
    dmesg = [boottest.TIMESTAMP_RE.sub("", line) for line in dict(transcript)["dmesg"].splitlines()]
    if not dmesg or dmesg[0].startswith("bootmm version"):
        return "dmesg still starts with the boot banner: the oldest records were not dropped"
    if not MEMMAP_CHECK_LINE.match(dmesg[-1]):
        return f"dmesg does not end with the last memmap_check's record: {dmesg[-1:]!r}"
    return None


HOSTILE_CASES += [
    ShellCase(f"{arch}-hostile-log-buffer-full", arch, piped=True, command_timeout=60,
              script=("memmap_check",) * LOG_FILL_RUNS + ("dmesg", "poweroff"),
              shell_checks=(check_log_ring,), absent=("Kernel panic",),
              doc=f"{LOG_FILL_RUNS} memmap_check runs fill the log buffer: the console keeps printing, "
                  "dmesg keeps the newest records")
    for arch in ("x86", "arm")
]


def main() -> int:
    boottest.load_cases = lambda: HOSTILE_CASES
    return boottest.main()


if __name__ == "__main__":
    sys.exit(main())


# SPDX-License-Identifier: MIT
"""Boot test cases for the ARM device-tree scenarios (dts/*.dts) and mem=.

Each scenario boots with `make -s run ARCH=arm DTS=<name>` — its tree appended
to the raw image (docs/device-tree.md) — with the QEMU memory its header names,
and is checked for the memory it ends up with: the "Early memory node ranges"
table, memblock's table (memblock=debug), and the warnings a bad tree earns.
The plain machine's table must be Linux 6.1's (tests/golden/linux/).

The arm-dts-golden-* cases boot each scenario with the command line of a Linux
golden made on the same tree (tests/golden/linux/dts-armhf-*, made by
scripts/linux-goldens.sh add --dtb) and compare the memory lines with Linux's,
byte for byte.  32-bit ARM Linux has no NUMA and ignores movable_node, so
numa2 and hotplug + movable_node are also compared with Debian's arm64 kernel
booted on the same memory layouts (dts-arm64-*, trees in
tests/golden/dts-arm64/), on what the two architectures share.  A case whose
doc says KNOWN DIFFERENCE fails on purpose: bootmm differs from Linux there,
and the doc says how.

tests/boot/cases.py adds DT_CASES to the suite; `tests/boot/cases_dt.py
[-k PATTERN] [--list]` runs them alone, with boottest.py's options.
"""
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import boottest  # noqa: E402
from boottest import GOLDEN_DIR, PANIC_STATUS, Case, extract, golden_lines, same_as_golden  # noqa: E402

DTS_DIR = boottest.ROOT / "dts"
POWER_DOWN = "reboot: Power down"
APPENDED = r"^OF: fdt: using the device tree appended to the image \(at 0x[0-9a-f]+\), not r2's"
CMDLINE = "loglevel=8 memblock=debug poweroff"


def dts_mem(name: str) -> str:
    """The QEMU memory a scenario's header names, as boot/arm/arch.mk reads it."""
    text = (DTS_DIR / f"{name}.dts").read_text()
    return re.search(r"^ \* QEMU memory: *([0-9]+[KMGT]) *$", text, re.M)[1]


def node(nid: int, start: int, end: int) -> str:
    return f"  node {nid:3d}: [mem {start:#018x}-{end:#018x}]"


def region(kind: str, idx: int, start: int, size: int, flags: int = 0, nid=None) -> str:
    """One line of memblock's table, as memblock_dump() prints it."""
    on = f" on node {nid}" if nid is not None else ""
    return (f" {kind}[{idx:#x}]\t[{start:#018x}-{start + size - 1:#018x}], "
            f"{size:#018x} bytes{on} flags: {flags:#x}")


def scenario(name: str, lines: tuple, doc: str, **kw) -> Case:
    kw.setdefault("regex", (APPENDED,))
    kw.setdefault("absent", ("WARNING",))
    return Case(f"arm-dts-{name}", "arm", kw.pop("cmdline", CMDLINE), mem=dts_mem(name),
                make_vars={"DTS": name}, lines=lines, doc=doc, **kw)


GiB = 1 << 30
MiB = 1 << 20

DT_CASES = [
    scenario("virt",
             ("OF: fdt: Machine model: linux,dummy-virt",
              " memory[0x0]\t[0x0000000040000000-0x0000000047ffffff], 0x0000000008000000 bytes on node 0 flags: 0x0",
              "Early memory node ranges", node(0, 0x40000000, 0x47ffffff), POWER_DOWN),
             checks=(same_as_golden("armhf-m128M", "Early memory node ranges", block=True),),
             doc="QEMU's own tree, appended: the same node ranges as Linux on -m 128M"),
    scenario("twobanks",
             (region("memory", 0, 0x40000000, 512 * MiB, nid=0),
              region("memory", 1, 0xc0000000, GiB, nid=0),
              "Early memory node ranges",
              node(0, 0x40000000, 0x5fffffff), node(0, 0xc0000000, 0xffffffff), POWER_DOWN),
             doc="one memory node, two reg pairs: a 1.5 GiB hole in QEMU's 3 GiB"),
    scenario("reserved",
             ("OF: fdt: Reserved memory: reserved region for node 'secure@5f000000': base 0x000000005f000000, size 16 MiB",
              "OF: fdt: Reserved memory: node 'flash-log@4000000' [0x0000000004000000-0x00000000040fffff] is not RAM: only memblock.reserved records it",
              # Linux's order (the size-only regions after its heapsort): CMA first.
              "OF: reserved mem: allocated memory for 'linux,cma' node: base 0x000000007f000000, size 16 MiB",
              "Reserved memory: created CMA memory pool at 0x000000007f000000, size 16 MiB",
              "OF: reserved mem: initialized node linux,cma, compatible id shared-dma-pool",
              "OF: reserved mem: allocated memory for 'dma-pool' node: base 0x0000000057c00000, size 4 MiB",
              "Reserved memory: created DMA memory pool at 0x0000000057c00000, size 4 MiB",
              "OF: reserved mem: initialized node dma-pool, compatible id shared-dma-pool",
              region("memory", 1, 0x57c00000, 4 * MiB, flags=0x4, nid=0),
              region("memory", 3, 0x5f000000, 16 * MiB, flags=0x4, nid=0),
              region("reserved", 0, 0x04000000, MiB),
              region("reserved", 2, 0x41000000, 64 << 10),
              region("reserved", 3, 0x4c000000, 0x180000),
              region("reserved", 5, 0x5e000000, MiB),
              region("reserved", 6, 0x7f000000, 16 * MiB),
              "Early memory node ranges",
              node(0, 0x40000000, 0x57bfffff), node(0, 0x57c00000, 0x57ffffff),
              node(0, 0x58000000, 0x5effffff), node(0, 0x5f000000, 0x5fffffff),
              node(0, 0x60000000, 0x7fffffff), POWER_DOWN),
             doc="/memreserve/, no-map, plain, outside RAM and allocated reserved-memory, initrd"),
    scenario("hotplug",
             (region("memory", 0, 0x40000000, 512 * MiB, nid=0),
              region("memory", 1, 0x60000000, 512 * MiB, flags=0x1, nid=0),
              "Early memory node ranges",
              node(0, 0x40000000, 0x5fffffff), node(0, 0x60000000, 0x7fffffff), POWER_DOWN),
             doc="a hotpluggable bank: MEMBLOCK_HOTPLUG, kept apart"),
    scenario("numa2",
             (region("memory", 0, 0x40000000, 512 * MiB, nid=0),
              region("memory", 1, 0x60000000, 512 * MiB, nid=1),
              "Early memory node ranges",
              node(0, 0x40000000, 0x5fffffff), node(1, 0x60000000, 0x7fffffff), POWER_DOWN),
             doc="numa-node-id: two nodes"),
    scenario("badbanks",
             ("OF: fdt: Ignoring memory block 0x4000000 - 0x8000000",
              "OF: fdt: Ignoring memory range 0x3ff00000 - 0x40000000",
              "OF: fdt: memory@70000000: zero-size reg at 0x70000000 skipped",
              "OF: fdt: Ignoring memory block 0x7ffff800 - 0x7ffffc00",
              "OF: fdt: Ignoring memory block 0x10000000000 - 0x10040000000",
              "Early memory node ranges", node(0, 0x40000000, 0x7fffffff), POWER_DOWN),
             checks=(same_as_golden("armhf-m1G", "Early memory node ranges", block=True),),
             absent=("WARNING", "memory@80000000"),
             doc="every bad memory node warned about; what is left is Linux's 1 GiB"),
    scenario("nomemory",
             ('OF: fdt: no memory node in the device tree (a node with device_type = "memory" and a reg)',
              "Kernel panic - not syncing: no usable memory: memblock.memory is empty (see the messages above)"),
             cmdline="poweroff", status=PANIC_STATUS, timeout=30,
             doc="no memory node: a message, then a panic once the console is up"),
    # mem= on the plain machine (QEMU's tree through r2).
    Case("arm-mem-512M", "arm", "mem=512M poweroff", mem="1G",
         lines=("Early memory node ranges", node(0, 0x40000000, 0x5fffffff), POWER_DOWN),
         doc="mem=512M keeps the first 512 MiB"),
    Case("arm-mem-banks", "arm", "mem=256M@0x50000000 mem=128M@0xc0000000 poweroff", mem="1G",
         lines=("Early memory node ranges",
                node(0, 0x50000000, 0x5fffffff), node(0, 0xc0000000, 0xc7ffffff), POWER_DOWN),
         doc="mem=size@start, twice: two banks replace the tree's memory"),
    Case("arm-mem-below-phys-offset", "arm", "mem=64M@0x3e000000 poweroff", mem="1G",
         lines=("Ignoring memory below PHYS_OFFSET: 0x3e000000-0x40000000",
                "Early memory node ranges", node(0, 0x40000000, 0x41ffffff), POWER_DOWN),
         doc="the part of a mem= bank below PHYS_OFFSET is dropped, with Linux's message"),
    Case("arm-initrd-not-in-memory", "arm", "mem=128M poweroff", mem="1G",
         make_vars={"DTS": "reserved"},
         lines=("INITRD: 0x4c000000+0x00180000 is not a memory region - disabling initrd", POWER_DOWN),
         doc="an initrd outside memory is dropped, with Linux's message"),
]


# --- the scenarios against Linux booted on the same tree ----------------------

def golden_bootargs(golden: str) -> str:
    """The command line a device-tree golden's .cmd wrote into the tree."""
    text = (GOLDEN_DIR / f"{golden}.cmd").read_text()
    return re.search(r"^# bootargs: (.*)$", text, re.M)[1]


def same_form_as_golden(golden: str, prefix: str, pattern: str):
    """A check: as many lines starting with prefix as Linux prints, each of the form pattern.

    For lines whose numbers differ by design (an address that depends on the
    size of a structure), but whose number and format must be Linux's.
    """
    def check(lines: list):
        want = extract(golden_lines(golden), prefix)
        got = extract(lines, prefix)
        if not want or any(not re.fullmatch(pattern, w) for w in want):
            return f"golden/linux/{golden}.log: its {prefix!r} lines {want} are not of the form /{pattern}/"
        if len(got) == len(want) and all(re.fullmatch(pattern, g) for g in got):
            return None
        return (f"lines starting with {prefix!r} are not Linux's in number and form /{pattern}/:\n"
                f"      golden/linux/{golden}.log: {want}\n      bootmm: {got}")
    check.__name__ = f"same_form_as_golden({golden}, {prefix!r})"
    return check


# Compared with a 32-bit ARM golden (the lines tests/boot/cases.py compares for
# the plain machine, and the device tree's own).  "re:" marks a regex.
DT_GOLDEN_LINES = ["OF: fdt: Machine model:", "OF: fdt: Ignoring memory", "Initmem setup node",
                   "Unknown kernel command line parameters"]
DT_GOLDEN_BLOCKS = ["Zone ranges:", "Movable zone start for each node", "Early memory node ranges"]
# Linux 6.1 keeps "On node N totalpages" at pr_debug (never printed); bootmm prints it.
ON_NODE = ("On node ", r"On node \d+ totalpages")
# /reserved-memory, in the order they come: "OF: reserved mem: allocated memory
# for '...' node" is pr_debug in Linux 6.1 (__reserved_mem_alloc_size()), never
# printed there; bootmm prints it at debug level, as it does "On node".
RESERVED_MEM = ("re:(OF: reserved mem: |Reserved memory: )", r"OF: reserved mem: allocated memory for ")
# What arm64 and 32-bit ARM share: node ranges, the movable zone and the node
# data's report (arm64's zones are DMA/DMA32/Normal, not DMA/Normal/HighMem).
ARM64_LINES = ["Initmem setup node"]
ARM64_BLOCKS = ["Movable zone start for each node", "Early memory node ranges"]
NODE_DATA = ("NUMA: NODE_DATA", r"NUMA: NODE_DATA \[mem 0x[0-9a-f]{8,}-0x[0-9a-f]{8,}\]")


def golden_scenario(scenario: str, golden: str, doc: str, node_data: bool = False) -> Case:
    """Boots dts/<scenario>.dts with golden's command line (plus poweroff) and compares.

    node_data: also compare the number and form of arm64's "NUMA: NODE_DATA" lines
    (only where bootmm is NUMA too: with several nodes; with one, bootmm is a
    kernel without NUMA and has a static pglist_data, where arm64 fakes a node).
    """
    arm64 = golden.startswith("dts-arm64-")
    if arm64:
        checks = [same_as_golden(golden, p) for p in ARM64_LINES]
        checks += [same_as_golden(golden, p, block=True) for p in ARM64_BLOCKS]
        if node_data:
            checks += [same_form_as_golden(golden, *NODE_DATA)]
    else:
        checks = [same_as_golden(golden, "Kernel command line:",
                                 edit=lambda lines: [line + " poweroff" for line in lines])]
        checks += [same_as_golden(golden, p) for p in DT_GOLDEN_LINES]
        checks += [same_as_golden(golden, p, block=True) for p in DT_GOLDEN_BLOCKS]
        checks += [same_as_golden(golden, ON_NODE[0], skip=ON_NODE[1]),
                   same_as_golden(golden, RESERVED_MEM[0], skip=RESERVED_MEM[1])]
    name = golden.replace("dts-armhf-", "arm-dts-golden-").replace("dts-arm64-", "arm-dts-golden-arm64-")
    return Case(name, "arm", golden_bootargs(golden) + " poweroff", mem=dts_mem(scenario),
                make_vars={"DTS": scenario}, lines=(POWER_DOWN,), regex=(APPENDED,),
                checks=tuple(checks), doc=doc)


DT_CASES += [
    golden_scenario("virt", "dts-armhf-virt", "QEMU's tree: Linux's lines on the same tree"),
    golden_scenario("twobanks", "dts-armhf-twobanks",
                    "two banks and a hole: Linux's lines on the same tree.  KNOWN DIFFERENCE: bootmm "
                    "prints 'On node 0, zone HighMem: 393216 pages in unavailable ranges' for the hole, "
                    "Linux nothing: armmp has CONFIG_HAVE_ARCH_PFN_VALID, whose pfn_valid() "
                    "(arch/arm/mm/init.c) is false where no memblock.memory overlaps the pageblock, so "
                    "init_unavailable_range() counts no page of the hole; bootmm's FLATMEM pfn_valid() "
                    "is the generic pfn - ARCH_PFN_OFFSET < max_mapnr"),
    golden_scenario("reserved", "dts-armhf-reserved",
                    "reserved memory: Linux's lines on the same tree.  KNOWN DIFFERENCE: the order of "
                    "the two size-only regions: Linux 6.1 allocates them in fdt_init_reserved_mem() after "
                    "sort()ing reserved_mem[] by base and size, both (0, 0) then, and lib/sort.c's "
                    "heapsort (not stable) puts linux,cma before dma-pool: Linux prints the CMA pool's "
                    "two lines first, bootmm (tree order) the DMA pool's"),
    golden_scenario("hotplug", "dts-armhf-hotplug", "a hotpluggable bank: Linux's lines on the same tree"),
    golden_scenario("numa2", "dts-arm64-numa2", "two NUMA nodes: arm64 Linux's node lines on the same layout",
                    node_data=True),
    golden_scenario("hotplug", "dts-arm64-hotplug-movable_node",
                    "movable_node: arm64 Linux's movable zone and node lines on the same layout"),
]

# Goldens kept as the record of what 32-bit Linux does, deliberately not compared:
#  - dts-armhf-numa2, dts-armhf-hotplug-movable_node: armmp Linux has neither NUMA nor
#    CONFIG_MEMORY_HOTPLUG (numa-node-id is ignored, movable_node is an unknown option);
#    bootmm follows arm64 Linux there, as the project asks (compared above).
#  - dts-armhf-badbanks: Linux 6.1 on ARM has no upper limit for memory
#    (MAX_MEMBLOCK_ADDR is (phys_addr_t)~0), keeps the bank at 0x10000000000 and panics in
#    free_area_init() ("Failed to allocate 1073741824 bytes for node 0 memory map");
#    bootmm ignores memory above the 40 bits LPAE can address, with Linux's
#    "Ignoring memory block" warning, and boots on (the arm-dts-badbanks case checks it).


def main() -> int:
    boottest.load_cases = lambda: DT_CASES
    return boottest.main()


if __name__ == "__main__":
    sys.exit(main())

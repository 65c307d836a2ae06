# SPDX-License-Identifier: MIT
"""Boot test cases for the memory models: every mm/memory_model/<name>.c (make MEMORY_MODEL=<name>).

Each case boots one model with `memmap_check` on the command line, so that
mm/memmap_check.c walks every pfn and prints "memmap_check: <MODEL>: ... OK";
and checks the boot line memmap_report() prints, "Memory model: <MODEL>:
mem_map <K> KiB for <N> pfns (<P> present, <H> in holes)", against the
arithmetic of the layout: FLATMEM pays for every pfn from the first page of
RAM (ARCH_PFN_OFFSET) to the end of memory rounded up to MAX_ORDER, SPARSEMEM
and SPARSEMEM_VMEMMAP for every section that has memory (512 MiB on the PC,
256 MiB on ARM).  ARM's twobanks tree shows the difference: FLATMEM's map
covers the 1.5 GiB hole, SPARSEMEM's does not.

The sparse models' kernels are built in build/<arch>-<model> (O=), FLATMEM's
is the default one: tests/boot/boottest.py builds them first.  tests/boot/cases.py
adds MODEL_CASES to the suite; `tests/boot/cases_models.py [-k PATTERN]`
runs them alone.
"""
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import boottest  # noqa: E402
from boottest import Case  # noqa: E402

# Every file in mm/memory_model/ is a model (mm/mm.mk): a new one is tested
# without an edit here.  FLATMEM, the default, first.
MODEL_DIR = boottest.ROOT / "mm" / "memory_model"
MODELS = tuple(sorted((p.stem for p in MODEL_DIR.glob("*.c")), key=lambda m: (m != "flatmem", m)))


def _model_name(model: str) -> str:
    """The name the model prints: its memory_model_name[] (include/mm/memory_model.h)."""
    m = re.search(r'memory_model_name\[\]\s*=\s*"([^"]+)"', (MODEL_DIR / f"{model}.c").read_text())
    return m[1] if m else model.upper()


def _model_kind(model: str):
    """"sparse" for a model mm/mm.mk gives CONFIG_SPARSEMEM, "flat" for FLATMEM, None for
    another: its map's size is then checked for consistency, not against an arithmetic."""
    if model == "flatmem":
        return "flat"
    mk = (boottest.ROOT / "mm" / "mm.mk").read_text()
    m = re.search(rf"^MEMORY_MODEL_CONFIG_{re.escape(model)}\s*:=(.*)$", mk, re.M)
    return "sparse" if m and "CONFIG_SPARSEMEM" in m[1].split() else None


MODEL_NAME = {m: _model_name(m) for m in MODELS}
MODEL_KIND = {m: _model_kind(m) for m in MODELS}
POWER_DOWN = "reboot: Power down"

PAGE_SHIFT = 12
STRUCT_PAGE = 32				# bytes, on both 32-bit kernels (include/mm/mm_types.h)
MAX_ORDER_NR_PAGES = 1024
SECTION_SIZE_BITS = {"x86": 29, "arm": 28}	# boot/<arch>/include/asm/memory_model.h
ARCH_PFN_OFFSET = {"x86": 0, "arm": 0x40000}
MiB = 1 << 20
GiB = 1 << 30


def model_vars(arch: str, model: str) -> dict:
    """FLATMEM is the default kernel; the others have a build directory each."""
    if model == "flatmem":
        return {"MEMORY_MODEL": model}
    return boottest.model_vars(arch, model)


def pfn_ranges(banks: list) -> list:
    """Whole pages of each (base, size) bank, as memblock counts them: [start, end) pfns."""
    return [(-(-base >> PAGE_SHIFT), (base + size) >> PAGE_SHIFT) for base, size in banks]


def boot_line(model: str, arch: str, banks: list):
    """The line memmap_report() must print for memory @banks under @model
    (None for a model whose arithmetic this file does not know)."""
    ranges = pfn_ranges(banks)
    present = sum(end - start for start, end in ranges)
    if MODEL_KIND[model] is None:
        return None
    if MODEL_KIND[model] == "flat":
        end = max(end for _, end in ranges)
        pfns = -(-end // MAX_ORDER_NR_PAGES) * MAX_ORDER_NR_PAGES - ARCH_PFN_OFFSET[arch]
    else:
        shift = SECTION_SIZE_BITS[arch] - PAGE_SHIFT
        sections = set()
        for start, end in ranges:
            sections.update(range(start >> shift, ((end - 1) >> shift) + 1))
        pfns = len(sections) << shift
    return (f"Memory model: {MODEL_NAME[model]}: mem_map {pfns * STRUCT_PAGE >> 10} KiB "
            f"for {pfns} pfns ({present} present, {pfns - present} in holes)")


def consistent_line(model: str, banks: list):
    """For a model without known arithmetic: its boot line has the shape every model's has,
    the present pfns memblock counts, N = P + H, and K KiB = N struct pages."""
    present = sum(end - start for start, end in pfn_ranges(banks))
    regex = re.compile(rf"^Memory model: {re.escape(MODEL_NAME[model])}: mem_map (\d+) KiB for (\d+) pfns "
                       rf"\((\d+) present, (\d+) in holes\)$")

    def check(lines: list):
        for line in lines:
            m = regex.match(line.text)
            if m:
                kib, pfns, got_present, holes = map(int, m.groups())
                if got_present != present or pfns != got_present + holes or kib != pfns * STRUCT_PAGE >> 10:
                    return f"{line.text!r}: expected {present} present, N = P + H and K = N * {STRUCT_PAGE} / 1024"
                return None
        return f"no line 'Memory model: {MODEL_NAME[model]}: mem_map ...'"
    check.__name__ = f"consistent_line({model})"
    return check


def dts_banks(name: str) -> list:
    """The (base, size) pairs of the memory nodes' reg in dts/<name>.dts (2 cells each)."""
    text = (boottest.ROOT / "dts" / f"{name}.dts").read_text()
    banks = []
    for node in re.findall(r'device_type = "memory";\s*reg = ([^;]*);', text):
        cells = [int(c, 16) for c in re.findall(r"0x[0-9a-fA-F]+", node)]
        banks += [((cells[i] << 32) | cells[i + 1], (cells[i + 2] << 32) | cells[i + 3])
                  for i in range(0, len(cells), 4)]
    return banks


# QEMU's memory for each machine the cases boot: what e820 or the device tree ends up with.
PC_128M = [(0x1000, 0x9e000), (0x100000, 128 * MiB - 0x20000 - 0x100000)]
PC_3G = [(0x1000, 0x9e000), (0x100000, 3 * GiB - 0x20000 - 0x100000)]
# PC, 1 GiB, memmap=64M$600M: a reserved hole in the middle of a 512 MiB section.
PC_1G_HOLE = [(0x1000, 0x9e000), (0x100000, 600 * MiB - 0x100000),
              (664 * MiB, 1 * GiB - 0x20000 - 664 * MiB)]
ARM_128M = [(0x40000000, 128 * MiB)]
# ARM, mem=200M@0x40300000 mem=50M@0x5c900000: two banks neither of whose ends is on a section.
ARM_UNALIGNED = [(0x40300000, 200 * MiB), (0x5c900000, 50 * MiB)]

MEMMAP_CHECK_OK = r"^memmap_check: {}: .* OK \(\d+ pfns, \d+ with a struct page, \d+ reserved\)$"
# A failure line of the check, a warning, or Linux's line for a section's tail.
NOT_EXPECTED = (r"^memmap_check: pfn", "FAILED", "WARNING", "Kernel panic")


def model_case(name: str, arch: str, model: str, banks: list, doc: str, cmdline: str = "",
               mem: str = "128M", make_vars: dict = None, **kw) -> Case:
    kw.setdefault("absent", NOT_EXPECTED)
    line = boot_line(model, arch, banks)
    if line is None:
        kw["checks"] = tuple(kw.get("checks", ())) + (consistent_line(model, banks),)
    return Case(f"{arch}-model-{model}-{name}", arch,
                " ".join(filter(None, ["memmap_check", cmdline, "poweroff"])), mem=mem,
                make_vars={**(make_vars or {}), **model_vars(arch, model)},
                lines=tuple(kw.pop("lines", ())) + tuple(filter(None, (line,))) + (POWER_DOWN,),
                regex=(MEMMAP_CHECK_OK.format(MODEL_NAME[model]),) + tuple(kw.pop("regex", ())),
                doc=doc, **kw)


# twobanks.dts, worked out by hand: FLATMEM's array runs from 0x40000000 to 4 GiB,
# 786432 pfns * 32 bytes, the 1.5 GiB hole included; the sparse models map the
# six 256 MiB sections that have memory and nothing of the hole.
TWOBANKS = {"flat": "mem_map 24576 KiB for 786432 pfns (393216 present, 393216 in holes)",
            "sparse": "mem_map 12288 KiB for 393216 pfns (393216 present, 0 in holes)"}


def twobanks_line(model: str):
    def check(lines: list):
        if MODEL_KIND[model] is None:
            return None			# consistent_line() checks it
        want = f"Memory model: {MODEL_NAME[model]}: {TWOBANKS[MODEL_KIND[model]]}"
        if any(line.text == want for line in lines):
            return None
        return f"no line {want!r}: the hole's cost is not what the arithmetic says"
    check.__name__ = f"twobanks_line({model})"
    return check


MODEL_CASES = []
for m in MODELS:
    MODEL_CASES += [
        model_case("128M", "x86", m, PC_128M, "a PC with 128 MiB: the map and the check"),
        model_case("128M", "arm", m, ARM_128M, "ARM virt with 128 MiB: the map and the check"),
        model_case("3G", "x86", m, PC_3G, "a PC with 3 GiB (highmem): six sections, or one array",
                   mem="3G"),
        model_case("memmap-hole", "x86", m, PC_1G_HOLE,
                   "a reserved hole inside a section: banks that start and end mid-section",
                   cmdline="memmap=64M$600M", mem="1G",
                   lines=("On node 0, zone Normal: 16384 pages in unavailable ranges",)),
        model_case("unaligned", "arm", m, ARM_UNALIGNED,
                   "two banks, no end of either on a section boundary",
                   cmdline="mem=200M@0x40300000 mem=50M@0x5c900000", mem="1G"),
        model_case("twobanks", "arm", m, dts_banks("twobanks"),
                   "twobanks.dts: FLATMEM's map covers the 1.5 GiB hole, the sparse models' do not",
                   mem="3G", make_vars={"DTS": "twobanks"},
                   absent=NOT_EXPECTED + (r"^On node 0, zone HighMem",),
                   checks=(twobanks_line(m),)),
    ]

# Memory the model cannot describe: a PC with 5 GiB has 1.5 GiB above 4 GiB,
# beyond the VMEMMAP window (asm/memory_model.h); SPARSEMEM (64 GiB) holds it.
BELOW_4G = [(0x1000, 0x9e000), (0x100000, 3 * GiB - 0x20000 - 0x100000)]
MODEL_CASES += [
    Case("x86-model-vmemmap-5G", "x86", "memmap_check poweroff", mem="5G",
         make_vars=model_vars("x86", "vmemmap"),
         lines=("mminit::pfnvalidation End of range 1048576 -> 1572864 exceeds SPARSEMEM max 1048576",
                "SPARSEMEM_VMEMMAP: ignoring memory [mem 0x0000000100000000-0x000000017fffffff]: "
                "no section can hold pfns from 0x100000 (the end of the VMEMMAP window)",
                boot_line("vmemmap", "x86", BELOW_4G), POWER_DOWN),
         regex=(r"^WARNING: CPU: 0 PID: 0 at mm/sparse\.c:\d+ mminit_validate_memmodel_limits$",
                MEMMAP_CHECK_OK.format("SPARSEMEM_VMEMMAP")),
         absent=(r"^memmap_check: pfn", "FAILED", "Kernel panic"),
         doc="memory above the VMEMMAP window is refused with Linux's warning; the boot goes on"),
    model_case("5G", "x86", "sparsemem",
               BELOW_4G + [(4 * GiB, 2 * GiB)],
               "the same PC under SPARSEMEM: 36-bit sections hold memory above 4 GiB", mem="5G"),
]


def main() -> int:
    boottest.load_cases = lambda: MODEL_CASES
    return boottest.main()


if __name__ == "__main__":
    sys.exit(main())

# SPDX-License-Identifier: MIT
"""Boot test cases: the shell's zoneinfo and meminfo against a real Linux's.

tests/golden/linux/{i386,armhf}-m1G-kernelcore512M-initrd.log are Debian's
Linux 6.1 booted in QEMU with -m 1G and kernelcore=512M and a busybox
initramfs that prints /proc/zoneinfo after "@@ ZONEINFO" and /proc/meminfo
after "@@ MEMINFO".  Each case here boots bootmm on the same machine, with the
same memory (-m) and the memory options of the golden's command line
(kernelcore=512M), types `meminfo`, `zoneinfo`, `poweroff` at the shell, and
compares with the golden, which is parsed when the test runs (no number is
copied from it by hand).

With kernelcore=512M Linux carves ZONE_MOVABLE from the top of memory, and only
from HighMem (find_zone_movable_pfns_for_nodes() clamps it to movable_zone, the
highest populated zone): on i386 HighMem keeps the 2 pages below Movable's
start (rounded up to MAX_ORDER_NR_PAGES), on armhf HighMem is left empty.
That is what is compared:

- zoneinfo, node 0, each of DMA, Normal, HighMem, Movable (the same zones, in
  the same order): spanned, present and start_pfn equal Linux's.  Linux prints
  no start_pfn for an empty zone (zoneinfo_show_print() stops after
  "protection:" when !populated_zone()); neither does bootmm, and the check
  requires that too: start_pfn is "none" on both sides or the same number.
- meminfo: HighTotal equals Linux's.  Both are totalhigh_pages(), the managed
  pages of the zones at or above max_low_pfn — HighMem and Movable here, since
  Movable lies wholly in HighMem — and all of those pages are handed to the
  buddy allocator on both kernels, so the number depends only on the memory
  map.  (Our HighTotal is also checked to be our HighMem + Movable managed
  pages.)  Then, on our side: HighFree <= HighTotal, MemTotal == LowTotal +
  HighTotal, and LowTotal == 4 * the managed pages of the low zones (DMA,
  Normal) of our own zoneinfo.

Not compared, because they depend on what each kernel is and does rather than
on the memory map: "managed" of the low zones (Linux's image takes 15-20 MiB of
low memory, bootmm's under 1 MiB, and each boot reserves and allocates its own
things there: page tables, Linux's dentry and inode hash tables and percpu
areas, bootmm's memory map and bitmaps, ...; the low zones' managed counts
differ by up to a few thousand pages, either way), and therefore MemTotal and
LowTotal themselves; every free count (MemFree, HighFree, LowFree,
MemAvailable, "pages free": Linux has run init and user space by then); the
watermarks and protection (they follow managed, and Linux's min_free_kbytes
formula); the pagesets and per-node vmstat counters (bootmm prints a subset);
"cma" (bootmm has no CMA; Linux's 16 MiB area on armhf lies in Movable and its
pages count as managed there, so Movable's managed and HighTotal still agree).

tests/boot/cases.py adds MEMINFO_CASES to the suite.
"""
import re
import shlex

from boottest import GOLDEN_DIR, ShellCase, golden_qemu, same_as_golden

# One golden per arch: a real Linux with the same QEMU machine and memory.
GOLDENS = {"x86": "i386-m1G-kernelcore512M-initrd", "arm": "armhf-m1G-kernelcore512M-initrd"}
# Options of the golden's command line that shape memory: bootmm boots with these
# (and not Linux's console=, earlycon, nokaslr, ...).
MEMORY_OPTIONS = ("kernelcore=", "movablecore=", "mem=", "memmap=")
ZONES = ["DMA", "Normal", "HighMem", "Movable"]
LOW_ZONES = ("DMA", "DMA32", "Normal")
HIGH_ZONES = ("HighMem", "Movable")
COMPARED = ("spanned", "present", "start_pfn")

ZONE_HEAD_RE = re.compile(r"^Node (\d+), zone\s+(\S+)\s*$")
ZONE_FIELD_RE = re.compile(r"^\s+(spanned|present|managed)\s+(\d+)\s*$")
START_PFN_RE = re.compile(r"^\s+start_pfn:\s+(\d+)\s*$")
MEMINFO_RE = re.compile(r"^([\w()]+):\s+(\d+) kB\s*$")


# --- parsing ----------------------------------------------------------------------

def parse_zoneinfo(text: str) -> list:
    """[(nid, zone name, {spanned, present, managed, start_pfn})]; start_pfn is
    None when the zone prints none (an empty zone)."""
    zones = []
    for line in text.replace("\r", "").splitlines():
        if m := ZONE_HEAD_RE.match(line):
            zones.append((int(m[1]), m[2], {"start_pfn": None}))
        elif zones and (m := ZONE_FIELD_RE.match(line)):
            zones[-1][2][m[1]] = int(m[2])
        elif zones and (m := START_PFN_RE.match(line)):
            zones[-1][2]["start_pfn"] = int(m[1])
    return zones


def node0(zones: list) -> dict:
    """{zone name: fields} of node 0, in zoneinfo's order."""
    return {name: fields for nid, name, fields in zones if nid == 0}


def parse_meminfo(text: str) -> dict:
    """{field: kB} of the lines in kB."""
    return {m[1]: int(m[2]) for m in map(MEMINFO_RE.match, text.replace("\r", "").splitlines()) if m}


def golden_section(name: str, tag: str) -> str:
    """The text after "@@ TAG" in tests/golden/linux/NAME.log, up to the next "@@ " line."""
    text = (GOLDEN_DIR / f"{name}.log").read_text(encoding="utf-8", errors="replace").replace("\r", "")
    m = re.search(rf"^@@ {tag}\n(.*?)^@@ ", text, re.M | re.S)
    if not m:
        raise ValueError(f"golden/linux/{name}.log has no '@@ {tag}' section")
    return m[1]


def memory_options(name: str) -> str:
    """The memory options of the golden's kernel command line, as bootmm's command line."""
    _, append = golden_qemu(name)
    return " ".join(o for o in shlex.split(append) if o.startswith(MEMORY_OPTIONS))


def answer(transcript: list, command: str) -> str:
    found = [out for cmd, out in transcript if cmd == command]
    if not found:
        raise KeyError(f"{command!r} was not answered")
    return found[0]


# --- checks -----------------------------------------------------------------------

def zones_as_linux(name: str):
    """A shell check: node 0's zones, and their spanned, present, start_pfn, are Linux's."""
    def run(transcript, lines):
        want = node0(parse_zoneinfo(golden_section(name, "ZONEINFO")))
        got = node0(parse_zoneinfo(answer(transcript, "zoneinfo")))
        if list(want) != ZONES:
            return f"golden/linux/{name}.log: node 0's zones are {list(want)}, expected {ZONES}"
        if list(got) != list(want):
            return f"zoneinfo: node 0's zones are {list(got)}, Linux's {list(want)}"
        diffs = []
        for zone in ZONES:
            for field in COMPARED:
                w, g = want[zone].get(field), got[zone].get(field)
                if field != "start_pfn" and w is None:
                    return f"golden/linux/{name}.log: zone {zone} has no {field}"
                if g != w:
                    show = lambda v: "none" if v is None else v  # noqa: E731
                    diffs.append(f"zone {zone} {field}: ours {show(g)}, Linux {show(w)}")
        if diffs:
            return f"zoneinfo differs from golden/linux/{name}.log: " + "; ".join(diffs)
        return None
    run.__name__ = f"zoneinfo spanned/present/start_pfn as golden/linux/{name}.log"
    return run


def meminfo_as_linux(name: str):
    """A shell check: HighTotal is Linux's; our meminfo adds up with our zoneinfo."""
    def run(transcript, lines):
        linux = parse_meminfo(golden_section(name, "MEMINFO"))
        info = parse_meminfo(answer(transcript, "meminfo"))
        zones = node0(parse_zoneinfo(answer(transcript, "zoneinfo")))
        for field in ("MemTotal", "HighTotal", "HighFree", "LowTotal"):
            if field not in info:
                return f"meminfo has no {field} line: {info}"
        if "HighTotal" not in linux:
            return f"golden/linux/{name}.log: its meminfo has no HighTotal line"
        if info["HighTotal"] != linux["HighTotal"]:
            return f"HighTotal {info['HighTotal']} kB, Linux's {linux['HighTotal']} kB"
        high_managed = sum(f.get("managed", 0) for z, f in zones.items() if z in HIGH_ZONES)
        if info["HighTotal"] != 4 * high_managed:
            return (f"HighTotal {info['HighTotal']} kB, but HighMem + Movable manage "
                    f"{high_managed} pages ({4 * high_managed} kB)")
        if info["HighFree"] > info["HighTotal"]:
            return f"HighFree {info['HighFree']} kB > HighTotal {info['HighTotal']} kB"
        if info["MemTotal"] != info["LowTotal"] + info["HighTotal"]:
            return (f"MemTotal {info['MemTotal']} kB != LowTotal {info['LowTotal']} kB "
                    f"+ HighTotal {info['HighTotal']} kB")
        low_managed = sum(f.get("managed", 0) for z, f in zones.items() if z in LOW_ZONES)
        if info["LowTotal"] != 4 * low_managed:
            return (f"LowTotal {info['LowTotal']} kB, but the low zones manage "
                    f"{low_managed} pages ({4 * low_managed} kB)")
        return None
    run.__name__ = f"meminfo HighTotal as golden/linux/{name}.log, totals add up"
    return run


def meminfo_case(arch: str) -> ShellCase:
    name = GOLDENS[arch]
    mem, _ = golden_qemu(name)
    return ShellCase(
        f"{arch}-meminfo-golden-{name}", arch, cmdline=memory_options(name), mem=mem,
        script=("meminfo", "zoneinfo", "poweroff"),
        absent=("Kernel panic", "BUG"),
        # The boot log's zone tables, from which zoneinfo's spans follow.
        checks=(same_as_golden(name, "Zone ranges:", block=True),
                same_as_golden(name, "Movable zone start for each node", block=True)),
        shell_checks=(zones_as_linux(name), meminfo_as_linux(name)),
        doc=f"zoneinfo spanned/present/start_pfn and meminfo HighTotal as golden/linux/{name}.log")


MEMINFO_CASES = [meminfo_case("x86"), meminfo_case("arm")]

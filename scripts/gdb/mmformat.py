# SPDX-License-Identifier: MIT
"""Linux's memory text formats, read and written in one place (plain Python).

bootmm shows its memory state three ways: the serial shell's commands
(kernel/shell_mm.c), the GDB helpers (scripts/gdb/bootmm_mm.py) and the picture
(scripts/memmap-picture.py).  They agree because they share this module:

  - parsers for the texts the kernel prints: the boot log's "Zone ranges:",
    "Early memory node ranges" and memblock=debug tables, and the shell's
    memblock (Linux's debugfs memblock files), iomem (/proc/iomem), zoneinfo
    (/proc/zoneinfo) and buddyinfo (/proc/buddyinfo);
  - the memmap bar, drawn by the same rules as the shell's `memmap` command,
    so that `mm-memmap` in GDB prints exactly what the kernel prints.

No GDB here: the GDB helpers, the tests (tests/boot/cases_shell.py,
tests/gdb/) and the picture import it as an ordinary module.
"""
import dataclasses
import re
from typing import Optional

PAGE_SHIFT = 12
ZONE_NAMES = ("DMA", "Normal", "HighMem", "Movable")
ZONE_LETTERS = "DNHM"
MEMMAP_COLUMNS = 64


@dataclasses.dataclass
class Region:
    """A physical range [base, base + size), as memblock keeps it."""
    base: int
    size: int
    nomap: bool = False
    nid: Optional[int] = None

    @property
    def end(self) -> int:		# inclusive, as the kernel prints ranges
        return self.base + self.size - 1


@dataclasses.dataclass
class Zone:
    """One zone of one node: the fields /proc/zoneinfo shows (None: not shown)."""
    nid: int
    name: str
    spanned: int = 0
    present: int = 0
    managed: int = 0
    start_pfn: Optional[int] = None
    free: Optional[int] = None
    min: Optional[int] = None
    low: Optional[int] = None
    high: Optional[int] = None
    protection: Optional[list] = None

    @property
    def index(self) -> int:
        return ZONE_NAMES.index(self.name)


# --- the shell's (and GDB's) outputs -------------------------------------------------

MEMBLOCK_RE = re.compile(r"^\s*(\d+): 0x([0-9a-f]+)\.\.0x([0-9a-f]+)\s*$")
MEMBLOCK_HEAD_RE = re.compile(r"^# memblock/(memory|reserved)\b")


def parse_memblock(text: str, default: str = "memory") -> dict:
    """Linux's debugfs memblock lines ("   0: 0x...00..0x...ff") by table.

    A "# memblock/memory" or "# memblock/reserved" line (the shell's and GDB's
    headers) starts a table; lines before any header go to default.  Returns
    {"memory": [Region], "reserved": [Region]} (a table that was not seen is
    absent).  An empty table shows as one line ending in all ones: dropped.
    """
    tables = {}
    current = default
    for line in text.splitlines():
        head = MEMBLOCK_HEAD_RE.match(line)
        if head:
            current = head[1]
            tables[current] = []		# a later dump replaces an earlier one
            continue
        m = MEMBLOCK_RE.match(line)
        if not m:
            continue
        base, end = int(m[2], 16), int(m[3], 16)
        regions = tables.setdefault(current, [])
        if end >= base:
            regions.append(Region(base, end - base + 1))
    return tables


IOMEM_RE = re.compile(r"^( *)([0-9a-f]+)-([0-9a-f]+) : (.+?)\s*$")


def parse_iomem(text: str) -> list:
    """/proc/iomem lines: [(depth, start, end, name)]."""
    out = []
    for line in text.splitlines():
        m = IOMEM_RE.match(line)
        if m:
            out.append((len(m[1]) // 2, int(m[2], 16), int(m[3], 16), m[4]))
    return out


def memory_from_iomem(entries: list) -> list:
    """memblock.memory as /proc/iomem shows it: "System RAM", and NOMAP memory
    as a top-level "reserved" (the shell prints both from memblock.memory)."""
    return [Region(s, e - s + 1, nomap=(name == "reserved"))
            for depth, s, e, name in entries if depth == 0 and name in ("System RAM", "reserved")]


ZONE_HEAD_RE = re.compile(r"^Node (\d+), zone\s+(\S+)\s*$")
ZONE_FIELD_RE = re.compile(r"^\s+(?:pages )?(free|min|low|high|spanned|present|managed)\s+(\d+)\s*$")
ZONE_PROT_RE = re.compile(r"^\s+protection: \(([-\d, ]*)\)\s*$")
ZONE_START_RE = re.compile(r"^\s+start_pfn:\s+(\d+)\s*$")


def parse_zoneinfo(text: str) -> list:
    """/proc/zoneinfo: the fields bootmm prints, for every zone of every node."""
    zones = []
    for line in text.splitlines():
        m = ZONE_HEAD_RE.match(line)
        if m:
            zones.append(Zone(int(m[1]), m[2]))
            continue
        if not zones:
            continue
        if m := ZONE_FIELD_RE.match(line):
            setattr(zones[-1], m[1], int(m[2]))
        elif m := ZONE_PROT_RE.match(line):
            zones[-1].protection = [int(x) for x in m[1].split(",") if x.strip()]
        elif m := ZONE_START_RE.match(line):
            zones[-1].start_pfn = int(m[1])
    return zones


BUDDY_RE = re.compile(r"^Node (\d+), zone\s+(\S+)((?:\s+\d+)+)\s*$")


def parse_buddyinfo(text: str) -> list:
    """/proc/buddyinfo: [(nid, zone name, [free blocks of order 0, 1, ...])]."""
    return [(int(m[1]), m[2], [int(x) for x in m[3].split()])
            for m in map(BUDDY_RE.match, text.splitlines()) if m]


# --- the boot log ----------------------------------------------------------------------

ZONE_RANGE_RE = re.compile(r"^  (\S+)\s+(?:empty|\[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\])\s*$")
NODE_RANGE_RE = re.compile(r"^  node\s+(\d+): \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\]\s*$")
MEMBLOCK_DUMP_RE = re.compile(r"^ (memory|reserved)\[0x[0-9a-f]+\]\s+\[(0x[0-9a-f]+)-(0x[0-9a-f]+)\], "
                              r"0x[0-9a-f]+ bytes(?: on node (\d+))? flags: (0x[0-9a-f]+|0)\s*$")
TIMESTAMP_RE = re.compile(r"\[\s*\d+\.\d{6}\] ")


def log_texts(text: str) -> list:
    """The text after each "[    0.000000] " timestamp, CRs removed."""
    out = []
    for line in text.replace("\r", "").split("\n"):
        m = TIMESTAMP_RE.search(line)
        if m:
            out.append(line[m.end():])
    return out


def parse_boot_log(texts: list) -> dict:
    """What a boot log says about memory, from its kernel lines' texts.

    {"zone_ranges": {name: (start, end) or None}, "node_ranges": [(nid, start, end)],
     "memblock": {"memory": [Region], "reserved": [Region]}} — the memblock
    tables only with memblock=debug, the last dump of each (they are printed
    more than once while boot goes on).
    """
    out = {"zone_ranges": {}, "node_ranges": [], "memblock": {}}
    block = None
    dump = {}
    for text in texts:
        if text.startswith("Zone ranges:"):
            block, out["zone_ranges"] = "zones", {}
            continue
        if text.startswith("Early memory node ranges"):
            block, out["node_ranges"] = "nodes", []
            continue
        if text.startswith(" memory.cnt") or text.startswith(" reserved.cnt"):
            kind = text.split(".")[0].strip()
            dump[kind] = []
            block = None
            continue
        m = MEMBLOCK_DUMP_RE.match(text)
        if m:
            dump.setdefault(m[1], []).append(
                Region(int(m[2], 16), int(m[3], 16) - int(m[2], 16) + 1,
                       nomap=bool(int(m[5], 16) & 0x4), nid=int(m[4]) if m[4] else None))
            out["memblock"] = {k: list(v) for k, v in dump.items()}
            continue
        if block == "zones" and (m := ZONE_RANGE_RE.match(text)):
            out["zone_ranges"][m[1]] = (int(m[2], 16), int(m[3], 16)) if m[2] else None
            continue
        if block == "nodes" and (m := NODE_RANGE_RE.match(text)):
            out["node_ranges"].append((int(m[1]), int(m[2], 16), int(m[3], 16)))
            continue
        if not text.startswith("  "):
            block = None
    return out


# --- the memmap bar -----------------------------------------------------------------------

def _first_common(lo: int, hi: int, s: int, e: int) -> Optional[int]:
    if s >= hi or e <= lo or s >= e:
        return None
    return max(s, lo)


def _pfn_up(x: int) -> int:
    return (x + (1 << PAGE_SHIFT) - 1) >> PAGE_SHIFT


def render_memmap(memory: list, reserved: list, nodes: list, zones: list,
                  free_blocks: Optional[list] = None) -> str:
    """The shell's `memmap` text, drawn from plain data.

    memory, reserved: [Region] (memory's nomap flag matters); nodes:
    [(nid, start_pfn, spanned_pages)]; zones: [(nid, zone index, start_pfn,
    spanned_pages)]; free_blocks: [(pfn, order)] of the buddy allocator, or
    None when there is none.  The rules are kernel/shell_mm.c's: a column
    shows the node and the zone holding its first pfn that any of them holds,
    and R if any reserved range touches it, else X for NOMAP memory, = for
    memory, blank for a hole.
    """
    memory = sorted((r for r in memory if r.size), key=lambda r: r.base)
    if not memory:
        return "memmap: memblock.memory is empty: no memory to draw\n"
    start = memory[0].base >> PAGE_SHIFT
    end = _pfn_up(memory[-1].base + memory[-1].size)
    per = -(-(end - start) // MEMMAP_COLUMNS)
    cols = -(-(end - start) // per)
    spans = [(start + c * per, min(start + (c + 1) * per, end)) for c in range(cols)]

    def node_char(lo, hi):
        best, c = None, " "
        for nid, s, n in sorted(nodes):
            if not n:
                continue
            f = _first_common(lo, hi, s, s + n)
            if f is not None and (best is None or f < best):
                best, c = f, str(nid)
        return c

    def zone_char(lo, hi):
        best, c = None, " "
        for nid, zi, s, n in sorted(zones):
            if not n:
                continue
            f = _first_common(lo, hi, s, s + n)
            if f is not None and (best is None or f < best):
                best, c = f, ZONE_LETTERS[zi]
        return c

    def memblock_char(lo, hi):
        for r in reserved:
            if r.size and _first_common(lo, hi, r.base >> PAGE_SHIFT, _pfn_up(r.base + r.size)) is not None:
                return "R"
        c = " "
        for r in memory:
            if _first_common(lo, hi, _pfn_up(r.base), (r.base + r.size) >> PAGE_SHIFT) is None:
                continue
            if r.nomap:
                c = "X"
            elif c == " ":
                c = "="
        return c

    first, last = start << PAGE_SHIFT, (end << PAGE_SHIFT) - 1
    lines = [f"memmap: [mem {first:#018x}-{last:#018x}], {cols} columns of {per} pages "
             f"({per << (PAGE_SHIFT - 10)} KiB)",
             "node     |" + "".join(node_char(lo, hi) for lo, hi in spans) + "|",
             "zone     |" + "".join(zone_char(lo, hi) for lo, hi in spans) + "|",
             "memblock |" + "".join(memblock_char(lo, hi) for lo, hi in spans) + "|"]
    if free_blocks is not None:
        lines.append("free     |" + "".join(free_char(lo, hi, memory, free_blocks)
                                            for lo, hi in spans) + "|")
    lines.append("legend: node = its number; zone D DMA, N Normal, H HighMem, M Movable;")
    lines.append("        memblock = memory, R reserved, X nomap, blank = hole"
                 + ("; free @ all, + over half, - some, . none" if free_blocks is not None else ""))
    return "\n".join(lines) + "\n"


def free_char(lo: int, hi: int, memory: list, free_blocks: list) -> str:
    """How much of a column's memory is free in the buddy allocator."""
    mem = 0
    for r in memory:
        s, e = _pfn_up(r.base), (r.base + r.size) >> PAGE_SHIFT
        if _first_common(lo, hi, s, e) is not None:
            mem += min(e, hi) - max(s, lo)
    free = 0
    for pfn, order in free_blocks:
        s, e = pfn, pfn + (1 << order)
        if _first_common(lo, hi, s, e) is not None:
            free += min(e, hi) - max(s, lo)
    if not mem:
        return " "
    if free >= mem:
        return "@"
    if 2 * free > mem:
        return "+"
    return "-" if free else "."


def memmap_inputs_from_shell(memblock_text: str, iomem_text: str, zoneinfo_text: str) -> dict:
    """render_memmap()'s arguments from the shell's memblock, iomem and zoneinfo."""
    memory = memory_from_iomem(parse_iomem(iomem_text))
    reserved = parse_memblock(memblock_text).get("reserved", [])
    zones = [(z.nid, z.index, z.start_pfn, z.spanned) for z in parse_zoneinfo(zoneinfo_text)
             if z.spanned and z.start_pfn is not None]
    nodes = {}
    for nid, _, s, n in zones:
        lo, hi = nodes.get(nid, (s, s + n))
        nodes[nid] = (min(lo, s), max(hi, s + n))
    return {"memory": memory, "reserved": reserved, "zones": zones,
            "nodes": [(nid, lo, hi - lo) for nid, (lo, hi) in nodes.items()]}

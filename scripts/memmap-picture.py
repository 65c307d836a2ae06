#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Draw physical memory from a bootmm log: nodes, zones, sections, memblock, free blocks.

  scripts/memmap-picture.py LOG [-o PICTURE.png|.svg] [--title TEXT]

`make memmap-picture` runs it on build/$(ARCH)/last-run.log, the serial log of
the last `make run`, and writes build/$(ARCH)/memmap.png.  LOG may be any text
with bootmm's memory output in it:

  - a boot log: "Zone ranges:", "Early memory node ranges" and, with
    memblock=debug on the command line, memblock's tables (with their NOMAP
    flags and nodes);
  - a shell session (kernel/shell*.c): memblock [memory|reserved], iomem,
    zoneinfo, buddyinfo, memmap — typed after the boot, they give the final
    state: what boot reserved, the kernel image, the free blocks by order;
  - the GDB helpers' output (scripts/gdb/bootmm_mm.py: mm-memblock, mm-zones,
    mm-buddyinfo, mm-memmap), which prints the same formats.

The newest of each table wins.  What the log lacks is left out of the picture
and named under it (for instance: no reserved ranges — type `memblock` in the
shell, or boot with memblock=debug).  The texts are parsed by
scripts/gdb/mmformat.py, the module the GDB helpers and the tests share.

Matplotlib is Debian's python3-matplotlib (scripts/install-deps.sh installs
it); with another python3 first on PATH the script runs itself again with
/usr/bin/python3, which has it.
"""
import argparse
import dataclasses
import os
import re
import sys
from pathlib import Path
from typing import Optional

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent / "gdb"))
import mmformat  # noqa: E402

SYSTEM_PYTHON = "/usr/bin/python3"
# SECTION_SIZE_BITS of each arch (boot/<arch>/include/asm/memory_model.h).
SECTION_BITS = {"x86": 29, "arm": 28}
ESCAPE_RE = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|[@-~])")
BANNER_RE = re.compile(r"bootmm version \S+ \((x86|arm)\)")
CMDLINE_RE = re.compile(r"Kernel command line: ?(.*)$")
PROMPT = "bootmm> "


def load_matplotlib():
    try:
        import matplotlib
    except ImportError:
        if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and os.path.exists(SYSTEM_PYTHON):
            os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, *sys.argv])
        sys.exit("memmap-picture: needs matplotlib: apt-get install python3-matplotlib "
                 "(scripts/install-deps.sh does)")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


# --- what the log says ------------------------------------------------------------------

@dataclasses.dataclass
class Layout:
    arch: str = ""
    cmdline: Optional[str] = None
    memory: list = dataclasses.field(default_factory=list)		# [Region]
    reserved: Optional[list] = None					# [Region]
    nodes: list = dataclasses.field(default_factory=list)		# [(nid, start, end)] bytes
    zones: list = dataclasses.field(default_factory=list)		# [(nid, name, start, end)] bytes
    kernel: list = dataclasses.field(default_factory=list)		# [(start, end, name)] inclusive
    buddy: Optional[list] = None					# [(nid, zone, [counts])]
    free_row: Optional[tuple] = None					# (first, per-column bytes, "@+-. ")
    sources: list = dataclasses.field(default_factory=list)
    missing: list = dataclasses.field(default_factory=list)


def shell_outputs(text: str) -> tuple:
    """(text before the first prompt, {command word: its newest output}).

    A log without prompts (GDB's output) is returned whole as the first part,
    and every parser is run on it."""
    parts = text.split("\n" + PROMPT)
    outputs = {}
    for part in parts[1:]:
        command, _, output = part.partition("\n")
        words = command.split()
        if words:
            outputs[" ".join(words[:2]) if words[0] == "memblock" and len(words) > 1 else words[0]] = output
    return parts[0], outputs


def read_layout(text: str) -> Layout:
    text = ESCAPE_RE.sub("", text.replace("\r", ""))
    boot_text, shell = shell_outputs(text)
    everything = text if not shell else boot_text
    texts = mmformat.log_texts(text)
    boot = mmformat.parse_boot_log(mmformat.log_texts(boot_text))
    lay = Layout()
    if m := BANNER_RE.search(text):
        lay.arch = m[1]
    for t in texts:
        if m := CMDLINE_RE.match(t):
            lay.cmdline = m[1]

    # memblock: the shell's (or GDB's) tables are the final state; boot's debug dump the earlier one.
    tables = {}
    for key in ("memblock", "memblock memory", "memblock reserved"):
        if key in shell:
            tables.update(mmformat.parse_memblock(shell[key], default=key.split()[-1]
                                                  if " " in key else "memory"))
    if not shell:
        tables = mmformat.parse_memblock(everything)
    iomem = mmformat.parse_iomem(shell.get("iomem", ""))
    nomap = {(s, e) for d, s, e, name in iomem if d == 0 and name == "reserved"}
    if tables.get("memory"):
        lay.memory = [mmformat.Region(r.base, r.size, nomap=(r.base, r.end) in nomap)
                      for r in tables["memory"]]
        lay.sources.append("memblock.memory from the shell/GDB")
    elif boot["memblock"].get("memory"):
        lay.memory = boot["memblock"]["memory"]
        lay.sources.append("memblock.memory from memblock=debug")
    elif boot["node_ranges"]:
        lay.memory = [mmformat.Region(s, e - s + 1, nid=nid) for nid, s, e in boot["node_ranges"]]
        lay.sources.append("memory from \"Early memory node ranges\"")
    if boot["memblock"].get("memory") and not nomap:	# the debug dump knows the NOMAP flags
        flagged = {(r.base, r.end) for r in boot["memblock"]["memory"] if r.nomap}
        for r in lay.memory:
            r.nomap = r.nomap or (r.base, r.end) in flagged
    if tables.get("reserved") is not None:
        lay.reserved = tables["reserved"]
        lay.sources.append("memblock.reserved from the shell/GDB")
    elif boot["memblock"].get("reserved"):
        lay.reserved = boot["memblock"]["reserved"]
        lay.sources.append("memblock.reserved from memblock=debug (before the last boot allocations)")
    else:
        lay.missing.append("memblock.reserved (type `memblock` in the shell, or boot with memblock=debug)")

    # Nodes and zones: zoneinfo is exact; the boot log's ranges, clipped to each node, are too.
    zoneinfo = mmformat.parse_zoneinfo(shell.get("zoneinfo", everything if not shell else ""))
    spans = {}
    for nid, s, e in boot["node_ranges"]:
        lo, hi = spans.get(nid, (s, e))
        spans[nid] = (min(lo, s), max(hi, e))
    if zoneinfo:
        for z in zoneinfo:
            if z.spanned and z.start_pfn is not None:
                lay.zones.append((z.nid, z.name, z.start_pfn << 12, ((z.start_pfn + z.spanned) << 12) - 1))
        lay.sources.append("zones from zoneinfo")
    else:
        for nid, (lo, hi) in sorted(spans.items()):
            for name, rng in boot["zone_ranges"].items():
                if rng and max(lo, rng[0]) <= min(hi, rng[1]):
                    lay.zones.append((nid, name, max(lo, rng[0]), min(hi, rng[1])))
        if lay.zones:
            lay.sources.append("zones from \"Zone ranges\"")
    if spans:
        lay.nodes = [(nid, lo, hi) for nid, (lo, hi) in sorted(spans.items())]
    else:
        by_node = {}
        for nid, _, s, e in lay.zones:
            lo, hi = by_node.get(nid, (s, e))
            by_node[nid] = (min(lo, s), max(hi, e))
        lay.nodes = [(nid, lo, hi) for nid, (lo, hi) in sorted(by_node.items())]
    if not lay.zones:
        lay.missing.append("zones (no \"Zone ranges:\" or zoneinfo in the log)")

    lay.kernel = [(s, e, name) for d, s, e, name in iomem if name.startswith("Kernel ")]
    if not iomem:
        lay.missing.append("the kernel image (type `iomem` in the shell)")
    buddy = mmformat.parse_buddyinfo(shell.get("buddyinfo", everything if not shell else ""))
    if buddy:
        lay.buddy = buddy
        lay.sources.append("free blocks from buddyinfo")
    else:
        lay.missing.append("free blocks by order (type `buddyinfo` in the shell)")
    memmap = shell.get("memmap", everything if not shell else "")
    head = re.search(r"^memmap: \[mem (0x[0-9a-f]+)-0x[0-9a-f]+\], \d+ columns of (\d+) pages", memmap, re.M)
    free = re.search(r"^free     \|([^|]*)\|", memmap, re.M)
    if head and free:
        lay.free_row = (int(head[1], 16), int(head[2]) << 12, free[1])
    if not lay.arch and lay.memory:
        lay.arch = "arm" if lay.memory[0].base >= 0x40000000 else "x86"
    return lay


# --- drawing ----------------------------------------------------------------------------------

ZONE_COLOURS = {"DMA": "#8dd3c7", "Normal": "#80b1d3", "HighMem": "#fdb462", "Movable": "#b3de69"}
NODE_COLOURS = ["#fbb4ae", "#b3cde3", "#ccebc5", "#decbe4"]
FREE_SHADES = {"@": "#1a9850", "+": "#91cf60", "-": "#d9ef8b", ".": "#fee08b", " ": "#ffffff"}


def size_text(n: int) -> str:
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if n >= 1 << shift and n % (1 << (shift - 4)) == 0 or n >= 10 << shift:
            return f"{n / (1 << shift):g} {unit}" if n % (1 << shift) == 0 else f"{n / (1 << shift):.1f} {unit}"
    return f"{n} B"


def draw(lay: Layout, out: Path, title: Optional[str]) -> None:
    plt = load_matplotlib()
    from matplotlib.patches import Patch

    lo = min([r.base for r in lay.memory] + [s for _, s, _ in lay.nodes])
    hi = max([r.end for r in lay.memory] + [e for _, _, e in lay.nodes]) + 1
    span = hi - lo
    minw = span * 0.003		# a 4 KiB reservation in a GiB still shows

    rows = 2 if lay.buddy else 1
    fig, axes = plt.subplots(rows, 1, figsize=(12, 5.2 if rows == 1 else 8.4), squeeze=False,
                             gridspec_kw={"height_ratios": [5, 3] if rows == 2 else [1]})
    ax = axes[0][0]
    tracks = ["nodes", "zones", "sections", "memblock.memory", "memblock.reserved", "kernel image"]
    if lay.free_row:
        tracks.append("free (buddy)")
    y = {name: len(tracks) - 1 - i for i, name in enumerate(tracks)}
    h = 0.7

    def bar(track, start, end, colour, label=None, hatch=None, edge="black", text_colour="black"):
        width = max(end - start + 1, minw)
        ax.broken_barh([(start, width)], (y[track] - h / 2, h), facecolors=colour, edgecolors=edge,
                       linewidth=0.6, hatch=hatch)
        if label and width > span * 0.06:
            ax.text(start + width / 2, y[track], label, ha="center", va="center", fontsize=8,
                    color=text_colour, clip_on=True)

    for i, (nid, s, e) in enumerate(lay.nodes):
        bar("nodes", s, e, NODE_COLOURS[nid % len(NODE_COLOURS)], f"node {nid}  {size_text(e - s + 1)}")
    for nid, name, s, e in lay.zones:
        bar("zones", s, e, ZONE_COLOURS.get(name, "#dddddd"), f"{name}  {size_text(e - s + 1)}")
    bits = SECTION_BITS.get(lay.arch)
    if bits:
        size = 1 << bits
        for sec in range(lo >> bits, ((hi - 1) >> bits) + 1):
            s, e = sec << bits, (sec + 1 << bits) - 1
            present = any(r.base <= e and r.end >= s for r in lay.memory)
            ax.broken_barh([(max(s, lo), min(e + 1, hi) - max(s, lo))], (y["sections"] - h / 2, h),
                           facecolors="#d9d9d9" if present else "white", edgecolors="#555555",
                           linewidth=0.6, linestyle="-" if present else "--")
            if min(e + 1, hi) - max(s, lo) > span * 0.04:
                ax.text((max(s, lo) + min(e + 1, hi)) / 2, y["sections"], f"{sec}", ha="center",
                        va="center", fontsize=7, color="black" if present else "#888888")
        tracks_note = f"sections: {size_text(size)} each (SECTION_SIZE_BITS {bits}); grey: has memory"
    else:
        tracks_note = "sections: unknown arch"
    for r in lay.memory:
        bar("memblock.memory", r.base, r.end, "#bdbdbd" if r.nomap else "#4daf4a",
            "nomap" if r.nomap else size_text(r.size), hatch="//" if r.nomap else None)
    for r in lay.reserved or []:
        bar("memblock.reserved", r.base, r.end, "#e41a1c", size_text(r.size) if r.size >= span * 0.08 else None,
            edge="#e41a1c", text_colour="white")
    for track, empty in (("memblock.reserved", lay.reserved is None), ("kernel image", not lay.kernel)):
        if empty:		# say so where it would be, not only in the notes
            ax.text((lo + hi) / 2, y[track], "not in the log (see below)", ha="center", va="center",
                    fontsize=8, color="#888888", style="italic")
    for s, e, name in lay.kernel:
        bar("kernel image", s, e, "#984ea3", edge="#984ea3")
    if lay.kernel:
        ks, ke = min(s for s, _, _ in lay.kernel), max(e for _, e, _ in lay.kernel)
        ax.annotate(f"kernel {ks:#x}-{ke:#x}", (ks, y["kernel image"]), xytext=(8, 0),
                    textcoords="offset points", va="center", fontsize=8)
    if lay.free_row:
        first, per, row = lay.free_row
        for c, ch in enumerate(row):
            ax.broken_barh([(first + c * per, per)], (y["free (buddy)"] - h / 2, h),
                           facecolors=FREE_SHADES.get(ch, "#ffffff"), edgecolors="none")

    ax.set_yticks([y[t] for t in tracks], tracks, fontsize=9)
    ax.set_xlim(lo, hi)
    ax.set_ylim(-0.7, len(tracks) - 0.3)
    step = 1 << max(12, (span // 8).bit_length() - 1)
    ticks = list(range(lo - lo % step + (step if lo % step else 0), hi + 1, step))
    ax.set_xticks(ticks, [f"{t:#x}" for t in ticks], fontsize=8, rotation=30)
    ax.set_xlabel("physical address")
    ax.grid(axis="x", linestyle=":", linewidth=0.5)
    details = [lay.arch] if lay.arch else []
    if lay.cmdline is not None:
        details.append(f"command line {lay.cmdline!r}" if lay.cmdline else "empty command line")
    what = title or "bootmm: physical memory" + (f" ({', '.join(details)})" if details else "")
    ax.set_title(what, fontsize=11)
    handles = [Patch(facecolor=c, edgecolor="black", label=n) for n, c in ZONE_COLOURS.items()]
    handles += [Patch(facecolor="#4daf4a", edgecolor="black", label="memory"),
                Patch(facecolor="#bdbdbd", hatch="//", edgecolor="black", label="nomap"),
                Patch(facecolor="#e41a1c", label="reserved"), Patch(facecolor="#984ea3", label="kernel")]
    if lay.free_row:
        handles += [Patch(facecolor=FREE_SHADES[k], edgecolor="black", label=f"free {v}")
                    for k, v in (("@", "all"), ("+", ">1/2"), ("-", "some"), (".", "none"))]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=8, fontsize=8,
              frameon=False)
    notes = [tracks_note] + ["from: " + "; ".join(lay.sources)]
    if lay.missing:
        notes.append("not in the log: " + "; ".join(lay.missing))
    fig.text(0.01, 0.005, "\n".join(notes), fontsize=7, va="bottom", color="#444444")

    if lay.buddy:
        bx = axes[1][0]
        orders = max(len(c) for _, _, c in lay.buddy)
        width = 0.8 / len(lay.buddy)
        for i, (nid, zone, counts) in enumerate(lay.buddy):
            pages = [n << o for o, n in enumerate(counts)]
            xs = [o - 0.4 + width * (i + 0.5) for o in range(len(counts))]
            bars = bx.bar(xs, [p * 4 / 1024 for p in pages], width, label=f"node {nid} {zone}",
                          color=ZONE_COLOURS.get(zone, "#dddddd"), edgecolor="black", linewidth=0.5)
            for b, n in zip(bars, counts):
                if n:
                    bx.annotate(str(n), (b.get_x() + b.get_width() / 2, b.get_height()), ha="center",
                                va="bottom", fontsize=7, xytext=(0, 1), textcoords="offset points")
        bx.set_xticks(range(orders), [f"{o}\n{size_text(4096 << o)}" for o in range(orders)], fontsize=8)
        bx.set_xlabel("order (block size); the number over a bar is how many free blocks (buddyinfo)")
        bx.set_ylabel("free MiB in blocks\nof that order")
        heights = [(n << o) * 4 / 1024 for _, _, c in lay.buddy for o, n in enumerate(c) if n]
        if heights and max(heights) > 100 * min(heights):
            bx.set_yscale("log")	# a few 4 KiB pages beside hundreds of 4 MiB blocks
        bx.legend(fontsize=8)
        bx.set_title("free blocks by order (/proc/buddyinfo)", fontsize=10)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("log", type=Path, help="a boot log, shell session or GDB output")
    ap.add_argument("-o", "--output", type=Path, default=Path("memmap.png"),
                    help="the picture: .png or .svg (default memmap.png)")
    ap.add_argument("--title", help="the picture's title")
    args = ap.parse_args(argv)
    if not args.log.exists():
        print(f"memmap-picture: {args.log} does not exist: `make run` writes build/<arch>/last-run.log",
              file=sys.stderr)
        return 1
    lay = read_layout(args.log.read_text(errors="replace"))
    if not lay.memory:
        print(f"memmap-picture: {args.log} has no memory layout (no \"Early memory node ranges\", "
              "memblock table or shell output): boot with `make run` first", file=sys.stderr)
        return 1
    draw(lay, args.output, args.title)
    print(f"memmap-picture: {args.output} ({'; '.join(lay.sources)})")
    for miss in lay.missing:
        print(f"memmap-picture: not in the log: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

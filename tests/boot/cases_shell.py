# SPDX-License-Identifier: MIT
"""Boot test cases for the serial shell (kernel/shell.c, kernel/shell_mm.c).

Each case boots without "poweroff", so the kernel ends in the shell, and types
commands through QEMU's serial port (boottest.ShellCase), then checks what they
print: against Linux's formats, against the boot log of the same boot
("Zone ranges:", "Early memory node ranges", memblock=debug's tables), and
against each other (iomem against memblock, the memmap bar against the bar
scripts/gdb/mmformat.py draws from memblock, iomem and zoneinfo, pfn's three
ways in against each other).  Bad input must get a clear message and leave the
shell answering.

tests/boot/cases.py adds SHELL_CASES to the suite; `tests/boot/cases_shell.py
[-k PATTERN] [--list]` runs them alone, with boottest.py's options.
"""
import importlib.util
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "gdb"))
import boottest  # noqa: E402
import mmformat  # noqa: E402
from boottest import ShellCase  # noqa: E402

COMMANDS = ("help", "dmesg", "cmdline", "halt", "poweroff", "reboot",
            "memblock", "iomem", "zoneinfo", "page", "pfn", "memmap")
BS = "\x7f"			# what a terminal sends for Backspace
CTRL_U = "\x15"
CTRL_C = "\x03"


# --- reading a transcript ---------------------------------------------------------

def answer(transcript: list, command: str, nth: int = 0) -> str:
    """The output of the nth time command was typed (exactly as typed)."""
    found = [out for cmd, out in transcript if cmd == command]
    if len(found) <= nth:
        raise KeyError(f"{command!r} was not answered (typed {len(found)} times)")
    return found[nth]


def check(fn):
    """A shell check: its docstring's first line names it in the report."""
    fn.__name__ = (fn.__doc__ or fn.__name__).strip().split("\n")[0]
    return fn


def expect_output(command: str, pattern: str, nth: int = 0):
    """A check: the output of command matches the regex pattern (re.M)."""
    def run(transcript, lines):
        out = answer(transcript, command, nth)
        if not re.search(pattern, out, re.M):
            return f"{command!r} printed {out!r}, which does not match /{pattern}/"
        return None
    run.__name__ = f"expect_output({command!r}, /{pattern}/)"
    return run


def same_output(a: str, b: str):
    """A check: two commands (as typed) printed the same."""
    def run(transcript, lines):
        if answer(transcript, a) != answer(transcript, b):
            return f"{a!r} and {b!r} printed different things:\n{answer(transcript, a)!r}\n{answer(transcript, b)!r}"
        return None
    run.__name__ = f"same_output({a!r}, {b!r})"
    return run


# --- checks that need more than a pattern ---------------------------------------------

@check
def help_lists_every_command(transcript, lines):
    """help lists every command"""
    listed = {line.split()[0] for line in answer(transcript, "help").splitlines() if line.startswith("  ")}
    missing = [c for c in COMMANDS if c not in listed]
    return f"help does not list {missing}" if missing else None


@check
def dmesg_holds_the_boot_log(transcript, lines):
    """dmesg shows every line the console showed at boot, same timestamps, in order"""
    shown = [boottest.fmt_line(line) for line in lines]
    records = answer(transcript, "dmesg").splitlines()
    pos = 0
    for want in shown:
        try:
            pos = records.index(want, pos) + 1
        except ValueError:
            return f"dmesg lacks the boot line {want!r}"
    if not any("Kernel command line:" in r for r in records):
        return "dmesg has no 'Kernel command line:' record"
    return None


def node_ranges_of(lines) -> list:
    return mmformat.parse_boot_log([line.text for line in lines])["node_ranges"]


@check
def memblock_memory_is_the_node_ranges(transcript, lines):
    """memblock memory, page-rounded, is the boot log's "Early memory node ranges\""""
    memory = mmformat.parse_memblock(answer(transcript, "memblock memory"))["memory"]
    got = [(r.base + 0xfff) // 0x1000 * 0x1000 for r in memory]
    got = [(s, (r.base + r.size) // 0x1000 * 0x1000 - 1) for s, r in zip(got, memory)]
    want = [(s, e) for _, s, e in node_ranges_of(lines)]
    if got != want:
        return f"memblock memory {[(hex(s), hex(e)) for s, e in got]} != node ranges {[(hex(s), hex(e)) for s, e in want]}"
    return None


@check
def memblock_matches_memblock_debug(transcript, lines):
    """memblock memory and reserved equal memblock=debug's last tables at boot"""
    boot = mmformat.parse_boot_log([line.text for line in lines])["memblock"]
    for kind in ("memory", "reserved"):
        got = [(r.base, r.size) for r in mmformat.parse_memblock(answer(transcript, f"memblock {kind}"))[kind]]
        want = [(r.base, r.size) for r in boot.get(kind, [])]
        if kind == "reserved":
            # Allocations after the last dump (the memory map, ...) may add or
            # grow ranges, but never remove a byte that was reserved.
            missing = [(hex(b), hex(s)) for b, s in want
                       if not any(gb <= b and b + s <= gb + gs for gb, gs in got)]
            if missing:
                return f"reserved ranges of memblock=debug missing from 'memblock reserved': {missing}"
        elif got != want:
            return f"memblock memory {got} != memblock=debug's {want}"
    return None


@check
def memblock_without_argument_shows_both(transcript, lines):
    """memblock alone prints memory then reserved"""
    both = answer(transcript, "memblock")
    if both != answer(transcript, "memblock memory") + answer(transcript, "memblock reserved"):
        return f"'memblock' printed {both!r}"
    return None


@check
def iomem_agrees_with_memblock(transcript, lines):
    """iomem: System RAM/nomap is memblock.memory; the kernel and reserved ranges nest inside"""
    entries = mmformat.parse_iomem(answer(transcript, "iomem"))
    memory = mmformat.parse_memblock(answer(transcript, "memblock memory"))["memory"]
    reserved = mmformat.parse_memblock(answer(transcript, "memblock reserved"))["reserved"]
    top = [(s, e) for d, s, e, _ in entries if d == 0]
    if top != [(r.base, r.end) for r in memory]:
        return f"iomem's top level {top} is not memblock.memory {[(r.base, r.end) for r in memory]}"
    names = [name for _, _, _, name in entries]
    for want in ("Kernel code", "Kernel data", "Kernel bss"):
        if want not in names:
            return f"iomem has no {want!r}"
    parent = None
    prev_end = -1
    for depth, s, e, name in entries:
        if depth == 0:
            parent, prev_end = (s, e), -1
            continue
        if not parent or s < parent[0] or e > parent[1]:
            return f"iomem child {s:#x}-{e:#x} {name} is outside its parent {parent}"
        if s <= prev_end:
            return f"iomem child {s:#x}-{e:#x} {name} overlaps the one before it"
        prev_end = e
        inside = any(r.base <= s and e <= r.end for r in reserved)
        if not inside:
            return f"iomem child {s:#x}-{e:#x} {name} is not inside a memblock.reserved range"
    return None


@check
def zoneinfo_agrees_with_zone_ranges(transcript, lines):
    """zoneinfo: each zone's start_pfn and spanned follow from "Zone ranges" and the node ranges"""
    boot = mmformat.parse_boot_log([line.text for line in lines])
    zones = mmformat.parse_zoneinfo(answer(transcript, "zoneinfo"))
    if not zones:
        return "zoneinfo printed no zone"
    for z in zones:
        ranges = [(s, e) for nid, s, e in boot["node_ranges"] if nid == z.nid]
        rng = boot["zone_ranges"].get(z.name)
        if z.name == "Movable" or not ranges:
            continue
        node_lo, node_hi = ranges[0][0] >> 12, (ranges[-1][1] + 1) >> 12
        if rng is None:
            want_span, want_start, present = 0, None, 0
        else:
            lo, hi = max(rng[0] >> 12, node_lo), min((rng[1] + 1) >> 12, node_hi)
            want_span = max(0, hi - lo)
            want_start = lo if want_span else None
            present = sum(max(0, min((e + 1) >> 12, hi) - max(s >> 12, lo)) for s, e in ranges)
        if z.spanned != want_span or (want_span and z.start_pfn != want_start) or z.present != present:
            return (f"Node {z.nid} zone {z.name}: spanned {z.spanned} start_pfn {z.start_pfn} present "
                    f"{z.present}; the boot log says {want_span}, {want_start}, {present}")
        if z.managed > z.present:
            return f"Node {z.nid} zone {z.name}: managed {z.managed} > present {z.present}"
    return None


@check
def memmap_is_drawn_from_the_tables(transcript, lines):
    """memmap's bar is the one mmformat draws from memblock, iomem and zoneinfo"""
    inputs = mmformat.memmap_inputs_from_shell(answer(transcript, "memblock"), answer(transcript, "iomem"),
                                               answer(transcript, "zoneinfo"))
    want = mmformat.render_memmap(**inputs)
    # The free row needs the free blocks' places, which no table shows: the GDB
    # test compares it (tests/gdb/); here the rest of the bar.
    got = re.sub(r"^free     \|.*\n", "", answer(transcript, "memmap"), flags=re.M)
    got = got.replace("; free @ all, + over half, - some, . none", "")
    if got != want:
        return f"memmap differs from the bar drawn from the tables:\n{got}\n--- expected ---\n{want}"
    return None


def session_text(transcript, lines) -> str:
    """The session as the serial log has it: boot lines, then prompt + command + output."""
    return "\n".join(boottest.fmt_line(line) for line in lines) + "\n" + "".join(
        f"{boottest.SHELL_PROMPT}{cmd}\n{out}" for cmd, out in transcript)


@check
def picture_draws_the_session(transcript, lines):
    """memmap-picture reads the session's tables and draws a PNG"""
    script = boottest.ROOT / "scripts" / "memmap-picture.py"
    spec = importlib.util.spec_from_file_location("memmap_picture", script)
    picture = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(picture)
    text = session_text(transcript, lines)
    lay = picture.read_layout(text)
    memory = mmformat.parse_memblock(answer(transcript, "memblock memory"))["memory"]
    if [(r.base, r.size) for r in lay.memory] != [(r.base, r.size) for r in memory]:
        return f"the picture's memory {lay.memory} is not memblock memory {memory}"
    zones = {z.name for z in mmformat.parse_zoneinfo(answer(transcript, "zoneinfo")) if z.spanned}
    if {name for _, name, _, _ in lay.zones} != zones or lay.reserved is None or not lay.kernel:
        return f"the picture lacks zones, reserved ranges or the kernel: {lay}"
    with tempfile.TemporaryDirectory() as tmp:
        log, png = Path(tmp) / "session.log", Path(tmp) / "memmap.png"
        log.write_text(text)
        run = subprocess.run([str(script), str(log), "-o", str(png)], capture_output=True, text=True,
                             timeout=120)
        if run.returncode != 0 or not png.exists():
            return f"memmap-picture failed ({run.returncode}): {run.stdout}{run.stderr}"
        if png.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n" or png.stat().st_size < 10000:
            return f"memmap-picture wrote no real PNG ({png.stat().st_size} bytes)"
    return None


def kernel_code_phys(transcript) -> int:
    entries = mmformat.parse_iomem(answer(transcript, "iomem"))
    return next(s for _, s, _, name in entries if name == "Kernel code")


def pfn_field(out: str, name: str) -> str:
    m = re.search(rf"^{name}:\s+(\S+)", out, re.M)
    if not m:
        raise KeyError(f"no {name!r} line in {out!r}")
    return m[1]


def type_pfn_phys(transcript):
    return f"pfn {kernel_code_phys(transcript) + 0x123:#x}"


def type_pfn_virt(transcript):
    return f"pfn virt {pfn_field(answer(transcript, type_pfn_phys(transcript)), 'virt')}"


def type_pfn_page(transcript):
    return f"pfn page {pfn_field(answer(transcript, type_pfn_phys(transcript)), 'struct page')}"


def type_page_of_kernel(transcript):
    return f"page {pfn_field(answer(transcript, type_pfn_phys(transcript)), 'pfn')}"


@check
def pfn_three_ways_agree(transcript, lines):
    """pfn <phys>, pfn virt <its virt> and pfn page <its struct page> name the same page"""
    phys = kernel_code_phys(transcript) + 0x123
    by_phys = answer(transcript, type_pfn_phys(transcript))
    if pfn_field(by_phys, "phys") != f"{phys:#018x}" or pfn_field(by_phys, "pfn") != f"{phys >> 12:#x}":
        return f"pfn {phys:#x} printed {by_phys!r}"
    if not pfn_field(by_phys, "virt").startswith("0xc"):
        return f"the kernel's code at {phys:#x} has no lowmem address: {by_phys!r}"
    by_virt = answer(transcript, type_pfn_virt(transcript))
    if by_virt != by_phys:
        return f"pfn virt printed {by_virt!r}, pfn <phys> {by_phys!r}"
    by_page = answer(transcript, type_pfn_page(transcript))
    # From a struct page the page's own start comes back: offset 0, the rest the same.
    for name in ("pfn", "struct page", "zone"):
        if pfn_field(by_page, name) != pfn_field(by_phys, name):
            return f"pfn page printed {by_page!r}, pfn <phys> {by_phys!r}"
    if pfn_field(by_page, "phys") != f"{phys & ~0xfff:#018x}":
        return f"pfn page gives phys {pfn_field(by_page, 'phys')}, not the page's start {phys & ~0xfff:#x}"
    page = answer(transcript, type_page_of_kernel(transcript))
    m = re.match(r"page:([0-9a-f]{8}) refcount:-?\d+ mapcount:-?\d+ mapping:[0-9a-f]{8} index:0x[0-9a-f]+ "
                 r"pfn:(0x[0-9a-f]+)\nflags: 0x[0-9a-f]+\(.*node=\d+\|zone=\d\)\nraw:( [0-9a-f]{8}){8}\n", page)
    if not m:
        return f"page printed {page!r}, not dump_page()'s lines"
    if int(m[1], 16) != int(pfn_field(by_phys, "struct page"), 16) or m[2] != pfn_field(by_phys, "pfn"):
        return f"page's struct page {m[1]} / pfn {m[2]} differ from pfn's {by_phys!r}"
    return None


# --- the cases ------------------------------------------------------------------------------

BAD_INPUT = (
    ("frobnicate", r"^bootmm: unknown command 'frobnicate' \(try 'help'\)$"),
    ("page", r"^usage: page <pfn>$"),
    ("page 12abc", r"^page: pfn '12abc' is not a number"),
    ("page 0x", r"^page: pfn '0x' is not a number"),
    ("page 99999999999999999999999", r"^page: pfn '99999999999999999999999' is not a number"),
    ("page 0xffffffff", r"^page: pfn 0xffffffff has no struct page"),
    ("pfn virt 0x1000", r"^pfn: 0x1000 is not a lowmem address"),
    ("pfn page 0x10", r"^pfn: 0x10 is not the address of a struct page"),
    ("pfn", r"^usage: pfn "),
    ("memblock bogus", r"^usage: memblock \[memory\|reserved\]$"),
    ("cmdline extra", r"^usage: cmdline$"),
    ("help nosuch", r"^help: no command 'nosuch'$"),
    ("help memblock", r"^usage: memblock \[memory\|reserved\]\n  memblock's tables"),
    ("a b c d e f g h i", r"^bootmm: too many words"),
)


def per_arch(arch: str) -> list:
    basics = ShellCase(
        f"{arch}-shell-basics", arch, cmdline="foo=1 bar",
        script=("help", "cmdline", "cmdlinx" + BS * 2 + "ne", "junk" + CTRL_U + "cmdline",
                "half a line" + CTRL_C, "   ", "\x1b[Acmdline")
        + tuple(cmd for cmd, _ in BAD_INPUT) + ("dmesg", "cmdline", "poweroff"),
        lines=("Kernel command line: foo=1 bar",),
        shell_checks=(help_lists_every_command, expect_output("cmdline", r"\Afoo=1 bar\n\Z"),
                      same_output("cmdline", "cmdlinx" + BS * 2 + "ne"),
                      same_output("cmdline", "junk" + CTRL_U + "cmdline"),
                      same_output("cmdline", "\x1b[Acmdline"),
                      expect_output("half a line" + CTRL_C, r"\A\Z"),
                      expect_output("   ", r"\A\Z"),
                      expect_output("cmdline", r"\Afoo=1 bar\n\Z", nth=1),
                      expect_output("poweroff", r"reboot: Power down"),
                      dmesg_holds_the_boot_log)
        + tuple(expect_output(cmd, pattern) for cmd, pattern in BAD_INPUT),
        doc="prompt, line editing, help, cmdline, dmesg; bad input answered, shell still up; poweroff")
    memory = ShellCase(
        f"{arch}-shell-memory", arch, cmdline="memblock=debug", mem="1G",
        script=("memblock memory", "memblock reserved", "memblock", "iomem", "zoneinfo", "memmap",
                type_pfn_phys, type_pfn_virt, type_pfn_page, type_page_of_kernel, "poweroff"),
        shell_checks=(memblock_memory_is_the_node_ranges, memblock_matches_memblock_debug,
                      memblock_without_argument_shows_both, iomem_agrees_with_memblock,
                      zoneinfo_agrees_with_zone_ranges, memmap_is_drawn_from_the_tables,
                      pfn_three_ways_agree, picture_draws_the_session,
                      expect_output("memmap", r"^zone     \|D+N*H+\|$"),
                      expect_output("memblock memory", r"\A# memblock/memory: (the copy made at the end of boot|live)")),
        doc="memblock, iomem, zoneinfo, memmap, pfn, page: against the boot log and each other (1 GiB: HighMem)")
    return [
        basics, memory,
        ShellCase(f"{arch}-shell-reboot", arch, script=("reboot",),
                  shell_checks=(expect_output("reboot", r"reboot: Restarting system"),),
                  doc="reboot resets the machine; with make run's -no-reboot QEMU exits 0"),
        ShellCase(f"{arch}-shell-halt", arch, script=("halt",), timeout=30,
                  shell_checks=(expect_output("halt", r"reboot: System halted"),),
                  doc="halt stops the CPU and says so (QEMU stays; the test stops it)"),
    ]


def dts_case(name: str, script: tuple, checks: tuple, doc: str) -> ShellCase:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from cases_dt import dts_mem
    return ShellCase(f"arm-shell-dts-{name}", "arm", cmdline="memblock=debug", mem=dts_mem(name),
                     make_vars={"DTS": name}, script=script + ("poweroff",), shell_checks=checks,
                     timeout=90, doc=doc)


DTS_SHELL_CASES = [
    dts_case("numa2", ("memblock", "memblock memory", "memblock reserved", "iomem", "zoneinfo", "memmap"),
             (memblock_memory_is_the_node_ranges, zoneinfo_agrees_with_zone_ranges,
              memmap_is_drawn_from_the_tables, iomem_agrees_with_memblock,
              expect_output("memmap", r"^node     \|0+1+\|$"),
              expect_output("zoneinfo", r"^Node 1, zone      DMA\n(?:.*\n)*?        spanned  [1-9]\d*$")),
             "two NUMA nodes: zoneinfo has both, memmap's node row changes half-way"),
    dts_case("reserved", ("memblock", "memblock memory", "memblock reserved", "iomem", "zoneinfo", "memmap"),
             (memblock_memory_is_the_node_ranges, memblock_matches_memblock_debug,
              memmap_is_drawn_from_the_tables, iomem_agrees_with_memblock,
              expect_output("iomem", r"^57c00000-57ffffff : reserved$"),
              expect_output("iomem", r"^5f000000-5fffffff : reserved$"),
              expect_output("memmap", r"^memblock \|.*X.*\|$")),
             "no-map reserved-memory: top-level 'reserved' in iomem, X in memmap"),
]

# --- the buddy allocator's commands --------------------------------------------------------
#
# Only once its interface exists (include/mm/gfp.h), as the shell builds them
# (SHELL_HAVE_BUDDY in include/kernel/shell.h).

def free_pages(buddyinfo: str, zone: Optional[str] = None) -> int:
    return sum(n << o for nid, name, counts in mmformat.parse_buddyinfo(buddyinfo)
               if zone in (None, name) for o, n in enumerate(counts))


def meminfo_kb(out: str) -> dict:
    return {m[1]: int(m[2]) for m in re.finditer(r"^(\w+):\s+(\d+) kB$", out, re.M)}


@check
def meminfo_agrees_with_buddyinfo(transcript, lines):
    """meminfo: MemFree is buddyinfo's free pages, HighFree its HighMem's, Low* the rest"""
    info = meminfo_kb(answer(transcript, "meminfo"))
    buddy = answer(transcript, "buddyinfo")
    want = ["MemTotal", "MemFree", "MemAvailable", "HighTotal", "HighFree", "LowTotal", "LowFree"]
    if list(info) != want:
        return f"meminfo lines {list(info)}, expected {want}"
    if info["MemTotal"] <= 0 or info["MemFree"] <= 0:
        return f"meminfo says MemTotal {info['MemTotal']} kB, MemFree {info['MemFree']} kB: the buddy allocator has no memory"
    if info["MemFree"] != 4 * free_pages(buddy):
        return f"MemFree {info['MemFree']} kB != buddyinfo's {4 * free_pages(buddy)} kB"
    if info["HighFree"] != 4 * free_pages(buddy, "HighMem"):
        return f"HighFree {info['HighFree']} kB != buddyinfo's HighMem {4 * free_pages(buddy, 'HighMem')} kB"
    if info["LowTotal"] != info["MemTotal"] - info["HighTotal"] or info["LowFree"] != info["MemFree"] - info["HighFree"]:
        return f"Low* are not Mem* minus High*: {info}"
    if not 0 < info["HighTotal"] < info["MemTotal"] or info["MemAvailable"] > info["MemFree"]:
        return f"with 1 GiB there is HighMem, and MemAvailable <= MemFree: {info}"
    return None


@check
def zoneinfo_agrees_with_buddyinfo(transcript, lines):
    """zoneinfo: each zone's free pages are buddyinfo's; min <= low <= high; managed adds up to MemTotal"""
    zones = mmformat.parse_zoneinfo(answer(transcript, "zoneinfo"))
    buddy = {(nid, name): counts for nid, name, counts in mmformat.parse_buddyinfo(answer(transcript, "buddyinfo"))}
    for z in zones:
        if not z.present:
            continue
        want = sum(n << o for o, n in enumerate(buddy.get((z.nid, z.name), [])))
        if z.free != want:
            return f"Node {z.nid} zone {z.name}: pages free {z.free}, buddyinfo {want}"
        if not (z.min <= z.low <= z.high) or z.protection is None:
            return f"Node {z.nid} zone {z.name}: watermarks {z.min}/{z.low}/{z.high}, protection {z.protection}"
    total = sum(z.managed for z in zones)
    if 4 * total != meminfo_kb(answer(transcript, "meminfo"))["MemTotal"]:
        return f"zones manage {total} pages, meminfo's MemTotal is {meminfo_kb(answer(transcript, 'meminfo'))['MemTotal']} kB"
    return None


@check
def pagetypeinfo_agrees_with_buddyinfo(transcript, lines):
    """pagetypeinfo: per zone and order, the migrate types' free lists add up to buddyinfo"""
    out = answer(transcript, "pagetypeinfo")
    if not out.startswith("Page block order: 10\nPages per block:  1024\n\n"):
        return f"pagetypeinfo does not start as Linux's: {out[:80]!r}"
    sums = {}
    for m in re.finditer(r"^Node\s+(\d+), zone\s+(\S+), type\s+(\S+)((?:\s+>?\d+)+)\s*$", out, re.M):
        counts = [int(x.lstrip(">")) for x in m[4].split()]
        key = (int(m[1]), m[2])
        sums[key] = [a + b for a, b in zip(sums.get(key, [0] * len(counts)), counts)]
    buddy = {(nid, name): counts for nid, name, counts in mmformat.parse_buddyinfo(answer(transcript, "buddyinfo"))}
    if sums != buddy:
        return f"pagetypeinfo's free lists {sums} != buddyinfo {buddy}"
    if "Number of blocks type     Unmovable      Movable" not in out:
        return "pagetypeinfo has no 'Number of blocks type' table"
    return None


def allocated_pfn(transcript, nth: int = 0) -> int:
    out = [o for c, o in transcript if c.startswith("alloc 3")][nth]
    return int(re.search(r"at pfn (0x[0-9a-f]+)", out)[1], 16)


def type_free(offset: int, order: int):
    def typed(transcript):
        return f"free {allocated_pfn(transcript) + offset:#x} {order}"
    return typed


def type_page_allocated(transcript):
    return f"page {allocated_pfn(transcript):#x}"


@check
def alloc_then_free_restores_buddyinfo(transcript, lines):
    """alloc 3 takes one order-3 block; bad frees are refused; free puts buddyinfo back exactly"""
    before, during, refused, after = [o for c, o in transcript if c == "buddyinfo"][:4]
    alloc = answer(transcript, "alloc 3")
    if not re.match(r"alloc: order 3 \(8 pages\) at pfn 0x[0-9a-f]+, phys 0x[0-9a-f]{16}, struct page 0x[0-9a-f]+, "
                    r"node \d, zone \w+\n", alloc):
        return f"alloc 3 printed {alloc!r}"
    pfn = allocated_pfn(transcript)
    if pfn % 8:
        return f"an order-3 block at pfn {pfn:#x} is not aligned to 8 pages"
    if free_pages(during) != free_pages(before) - 8:
        return f"after alloc 3 buddyinfo has {free_pages(during)} free pages, before {free_pages(before)}"
    if refused != during:
        return "a refused free changed buddyinfo"
    if after != before:
        return f"alloc then free did not restore buddyinfo:\n{before}{after}"
    page = answer(transcript, f"page {pfn:#x}")
    if "bootmm: buddy: not free" not in page or not re.search(r"^page:[0-9a-f]{8} refcount:1 ", page, re.M):
        return f"the allocated page {pfn:#x}: {page!r}"
    page = answer(transcript, f"page {pfn:#x}", 1)
    if "bootmm: buddy: free" not in page:
        return f"pfn {pfn:#x} is not free after free: {page!r}"
    return None


@check
def reserved_page_is_reserved(transcript, lines):
    """page: the kernel's code is PG_reserved (memblock.reserved), a free page is in the buddy"""
    page = answer(transcript, type_page_of_kernel(transcript))
    if not re.search(r"^flags: 0x[0-9a-f]+\((?:[a-z]+\|)*reserved\|", page, re.M):
        return f"the kernel's first page is not PG_reserved: {page!r}"
    return None


@check
def memmap_shows_free_memory(transcript, lines):
    """memmap: a free row, and the columns of free memory show it"""
    out = answer(transcript, "memmap")
    row = re.search(r"^free     \|([^|]*)\|$", out, re.M)
    if not row or not set(row[1]) & set("@+"):
        return f"memmap has no free row with free columns: {out!r}"
    return None


def buddy_case(arch: str) -> ShellCase:
    return ShellCase(
        f"{arch}-shell-buddy", arch, mem="1G",
        script=("meminfo", "buddyinfo", "zoneinfo", "pagetypeinfo", "memmap", "iomem",
                type_pfn_phys, type_page_of_kernel,
                "alloc 3", "buddyinfo", type_page_allocated,
                type_free(0, 2), type_free(8, 3), "alloc 11", "alloc 1 GFP_BOGUS", "alloc 1 __GFP_NOFAIL",
                "free 0x12 zz", "buddyinfo",
                type_free(0, 3), "buddyinfo", type_page_allocated, type_free(0, 3),
                "alloc 0 GFP_HIGHUSER", "alloc", "poweroff"),
        shell_checks=(meminfo_agrees_with_buddyinfo, zoneinfo_agrees_with_buddyinfo,
                      pagetypeinfo_agrees_with_buddyinfo, alloc_then_free_restores_buddyinfo,
                      reserved_page_is_reserved, memmap_shows_free_memory,
                      expect_output("alloc 11", r"^alloc: order 11 is too large"),
                      expect_output("alloc 1 GFP_BOGUS", r"^alloc: unknown GFP flags 'GFP_BOGUS'"),
                      expect_output("alloc 1 __GFP_NOFAIL", r"^alloc: unknown GFP flags '__GFP_NOFAIL'"),
                      expect_output("free 0x12 zz", r"^free: order 'zz' is not a number"),
                      expect_output("alloc 0 GFP_HIGHUSER", r"^alloc: order 0 \(1 pages\) at pfn .*zone HighMem$"),
                      expect_output("alloc", r"^  pfn 0x[0-9a-f]+ order 0 \(1 pages\) gfp 0x[0-9a-f]+ zone HighMem$"),
                      check_free_refusals),
        doc="meminfo, buddyinfo, zoneinfo, pagetypeinfo agree; alloc/free split and merge back exactly")


@check
def check_free_refusals(transcript, lines):
    """free refuses a wrong order, a pfn the shell did not allocate, and a double free"""
    pfn = allocated_pfn(transcript)
    outs = {c: o for c, o in transcript}
    wrong = outs.get(f"free {pfn:#x} 2", "")
    if not wrong.startswith(f"free: pfn {pfn:#x} was allocated with order 3, not 2"):
        return f"free with the wrong order printed {wrong!r}"
    other = outs.get(f"free {pfn + 8:#x} 3", "")
    if not other.startswith(f"free: pfn {pfn + 8:#x} was not allocated by the shell's alloc"):
        return f"free of a pfn the shell did not allocate printed {other!r}"
    frees = [o for c, o in transcript if c == f"free {pfn:#x} 3"]
    if len(frees) != 2 or not frees[0].startswith("free: order 3 (8 pages) at pfn") \
            or not frees[1].startswith(f"free: pfn {pfn:#x} was not allocated"):
        return f"free, then the same free again, printed {frees!r}"
    return None


BUDDY_CASES = [buddy_case("x86"), buddy_case("arm")] \
    if (boottest.ROOT / "include" / "mm" / "gfp.h").exists() else []

# --- driven from a pipe ------------------------------------------------------------------
#
# `printf 'meminfo\npoweroff\n' | make run`, literally: the whole script is in
# QEMU's input before the kernel has started (ShellCase.piped), and nothing
# waits for a prompt.  The console's receive buffer (drivers/tty/tty_buffer.c)
# must keep every byte from the moment the console is up: a lost one shows as a
# command echoed wrong, a missing answer, or QEMU waiting for ever.

PIPE_LONG = tuple(cmd for i in range(13) for cmd in ("meminfo", "buddyinfo", f"alloc {i % 4}")) \
    + ("free 0x1 0", "alloc", "poweroff")
# More than the receive buffer holds (TTY_BUFFER_SIZE, 4096 bytes): once it is
# full the drivers leave the rest in the UART, and QEMU waits.
PIPE_FULL = tuple(f"pfn {i:#x}" for i in range(1, 1001)) + ("poweroff",)


@check
def no_input_overrun(transcript, lines):
    """no input overrun reported: every byte piped in was kept"""
    bad = [c for c, o in transcript if "input overrun" in o]
    return f"an input overrun was reported after {bad[0]!r}" if bad else None


@check
def piped_meminfo_follows_the_allocations(transcript, lines):
    """each meminfo's MemFree is the first one's minus what the alloc lines before it took"""
    first, taken = None, 0
    for command, out in transcript:
        if command == "meminfo":
            free = meminfo_kb(out).get("MemFree")
            if free is None:
                return f"a meminfo printed no MemFree line: {out!r}"
            first = free if first is None else first
            if free != first - 4 * taken:
                return f"MemFree {free} kB after {taken} pages allocated; expected {first - 4 * taken} kB"
        elif re.fullmatch(r"alloc \d+", command):
            m = re.match(r"alloc: order \d+ \((\d+) pages\) at pfn ", out)
            if not m:
                return f"{command!r} printed {out!r}"
            taken += int(m[1])
    listed = re.findall(r"^  pfn 0x[0-9a-f]+ order (\d+) ", answer(transcript, "alloc"), re.M)
    want = [c.split()[1] for c, _ in transcript if re.fullmatch(r"alloc \d+", c)]
    if sorted(listed) != sorted(want):
        return f"alloc lists orders {listed}, the pipe allocated {want}"
    return None


@check
def piped_pfn_answers(transcript, lines):
    """every pfn command got its own answer, in order"""
    for command, out in transcript[:-1]:
        addr = int(command.split()[1], 16)
        if not out.startswith(f"phys:        {addr:#018x}\n"):
            return f"{command!r} printed {out[:60]!r}"
    return None


def pipe_cases(arch: str) -> list:
    return [
        ShellCase(f"{arch}-shell-pipe", arch, script=("meminfo", "poweroff"), piped=True,
                  shell_checks=(expect_output("meminfo", r"^MemTotal:\s+[1-9]\d* kB\nMemFree:"),
                                no_input_overrun),
                  doc="printf 'meminfo\\npoweroff\\n' | make run: meminfo, then QEMU exits 0"),
        ShellCase(f"{arch}-shell-pipe-40", arch, script=PIPE_LONG, piped=True,
                  shell_checks=(piped_meminfo_follows_the_allocations, no_input_overrun,
                                expect_output("free 0x1 0", r"^free: pfn 0x1 was not allocated by the shell's alloc"),
                                expect_output("buddyinfo", r"^Node 0, zone ", 12)),
                  doc=f"{len(PIPE_LONG)} commands piped in at once: every one answered, in order"),
        ShellCase(f"{arch}-shell-pipe-full", arch, script=PIPE_FULL, piped=True,
                  shell_checks=(piped_pfn_answers, no_input_overrun),
                  doc=f"{sum(len(c) + 1 for c in PIPE_FULL)} bytes piped in, more than the receive buffer: none lost"),
    ]


PIPE_CASES = pipe_cases("x86") + pipe_cases("arm") if (boottest.ROOT / "include" / "mm" / "gfp.h").exists() else []

SHELL_CASES = per_arch("x86") + per_arch("arm") + DTS_SHELL_CASES + BUDDY_CASES + PIPE_CASES


if __name__ == "__main__":
    sys.exit(boottest.run_suite("shell tests", __doc__.split("\n\n")[0], lambda: SHELL_CASES,
                                boottest.run_case, boottest.report,
                                lambda c: f"{c.name:28} {c.arch:4} MEM={c.mem:5} CMDLINE={c.cmdline!r}  {c.doc}"))

# SPDX-License-Identifier: MIT
"""Boot test cases for memory hot-plug's groundwork (mm/bootmem_info.c).

At the end of mem_init() the sparse models tag the pages of boot-time
metadata (each node's pglist_data, each present section's memory map and
mem_section_usage) so that hot-remove could later give them back; the kernel
says how many with one line:

  bootmem_info: N metadata pages registered (...)

The cases check N against the geometry: a section's memory map is
PAGES_PER_SECTION struct pages of 32 bytes, its usage fits in one page, and
each node's pglist_data takes one or two pages.  FLATMEM registers nothing.

Then the shell's `memory` command (mm/memory_hotplug.c), under both sparse
models: on ARM's dts/hotplug with movable_node, a block goes offline, online
in Normal, offline, online in Movable, refuses to go while a page is pinned,
is removed (its boot map freed through put_page_bootmem()), added and
onlined again; on ARM's twobanks and a PC booted with mem=512M, RAM the
firmware held back is added, onlined (HighMem, Movable), offlined and
removed.  At each step meminfo, buddyinfo, the block list and the zones'
spans in zoneinfo are checked against the arithmetic, bad adds are refused
with Linux's messages, and memmap_check passes afterwards.

tests/boot/cases.py adds HOTPLUG_CASES to the suite.
"""
import re

from boottest import Case

PAGE = 4096
STRUCT_PAGE = 32
SECTION_BITS = {"x86": 29, "arm": 28}	# asm/memory_model.h: PAE 512 MiB, LPAE 256 MiB
LINE = re.compile(r"^bootmem_info: (\d+) metadata pages registered \((.*)\)$")


def expect_registered(arch: str, sections: int, nodes: int):
    """A check: N = memmap pages + one usage page a section + one or two
    pglist_data pages a node.  VMEMMAP's memmap pages are found by walking
    the page tables, the others' by address: the same count."""
    memmap = sections * (1 << (SECTION_BITS[arch] - 12)) * STRUCT_PAGE // PAGE
    low, high = memmap + sections + nodes, memmap + sections + 2 * nodes

    def run(lines):
        found = [LINE.match(line.text) for line in lines]
        found = [m for m in found if m]
        if len(found) != 1:
            return f"expected one bootmem_info line, found {len(found)}"
        n = int(found[0][1])
        if not low <= n <= high:
            return f"bootmem_info registered {n} pages, expected {low}..{high}"
        return None
    run.__name__ = f"bootmem_info pages in {low}..{high}"
    return run


def hotplug_case(arch, model, sections, nodes, dts=None, cmdline="poweroff", mem="128M"):
    make_vars = {"MEMORY_MODEL": model}
    if dts:
        make_vars["DTS"] = dts
    what = ("pglist_data, section usage, vmemmap pages from the page tables" if model == "vmemmap"
            else "pglist_data, section memmap and usage")
    return Case(f"{arch}-hotplug-bootmem-info-{model}" + (f"-{dts}" if dts else ""), arch, cmdline,
                mem=mem, make_vars=make_vars,
                regex=(rf"^bootmem_info: \d+ metadata pages registered \({re.escape(what)}\)$",),
                absent=("BUG", "Kernel panic"),
                checks=(expect_registered(arch, sections, nodes),),
                doc=f"{model}: boot metadata pages tagged for hot-remove")


HOTPLUG_CASES = [
    # dts/hotplug: 1 GiB at 0x40000000 on two nodes, 4 sections of 256 MiB.
    hotplug_case("arm", "sparsemem", 4, 2, dts="hotplug", cmdline="poweroff movable_node", mem="1G"),
    hotplug_case("arm", "vmemmap", 4, 2, dts="hotplug", cmdline="poweroff movable_node", mem="1G"),
    # A PC with 128 MiB: one section of 512 MiB.
    hotplug_case("x86", "sparsemem", 1, 1),
    Case("x86-hotplug-bootmem-info-flatmem", "x86", make_vars={"MEMORY_MODEL": "flatmem"},
         absent=(r"^bootmem_info:",), doc="FLATMEM: nothing to register"),
]


# --- the `memory` shell command: offline and online a block -------------------------

from boottest import ShellCase  # noqa: E402
from cases_meminfo import node0, parse_meminfo, parse_zoneinfo  # noqa: E402


def answer(transcript, command, nth=0):
    found = [out for cmd, out in transcript if cmd == command]
    if len(found) <= nth:
        raise KeyError(f"{command!r} was not answered (typed {len(found)} times)")
    return found[nth]


def meminfo_kb(out, field):
    return int(re.search(rf"^{field}:\s+(\d+) kB$", out, re.M)[1])


def buddyinfo_pages(out):
    """Sum of free pages over buddyinfo's lines: count of order k blocks * 2^k."""
    total = 0
    for line in out.splitlines():
        m = re.match(r"^Node \d+, zone\s+\S+((?:\s+\d+)+)\s*$", line)
        if m:
            total += sum(int(c) << k for k, c in enumerate(m[1].split()))
    return total


def zones(transcript, nth):
    """{zone: {spanned, present, managed, start_pfn}} of node 0 from the nth zoneinfo."""
    return node0(parse_zoneinfo(answer(transcript, "zoneinfo", nth)))


SECTION_KB = 256 * 1024		# an ARM section: 256 MiB
SECTION_PAGES = SECTION_KB // 4
# dts/hotplug with movable_node: memory4-5 (the first bank) in DMA, memory6-7
# (the hotpluggable bank) in Movable.  Low memory ends at pfn 0x70000 (768
# MiB mapped), so memory6 is low memory, all free, and memory7 HighMem.
# memory7 goes offline first, so that the movable allocation of step 4 can
# only land in memory6 (otherwise it comes from the top of Movable, in memory7).
# The meminfo and buddyinfo of step k are the kth of each.
OFFLINE_SCRIPT = (
    "memory offline 7",
    "memory list", "meminfo", "buddyinfo",				# 0: the boot, less memory7
    "memory offline 6", "memory list", "meminfo", "buddyinfo", "zoneinfo",  # 1: Movable empty
    "memory online 6 kernel", "memory list", "meminfo", "buddyinfo", "zoneinfo",  # 2: in Normal
    "memory offline 6", "memory online 6",
    "memory list", "meminfo", "buddyinfo",				# 3: back in Movable (the default)
    "alloc 0 GFP_HIGHUSER_MOVABLE", "meminfo", "buddyinfo",		# 4: one page pinned in memory6
    "memory offline 6",							# refused: busy
    "memory list", "meminfo", "buddyinfo",				# 5: as in 4
    lambda t: f"free {alloc_pfn(t)} 0", "memory offline 6",		# freed: now it goes
    "meminfo", "buddyinfo",						# 6: memory6 offline
    "memory remove 6", "memory list", "meminfo", "buddyinfo",		# 7: its metadata freed
    "memory add 0x60000000 0x10000000", "meminfo", "buddyinfo",	# 8: a new map from the buddy
    "memory online 6 movable", "memory list", "meminfo", "buddyinfo",	# 9: all back
    "memory remove 6", "memory add 0x60000000 0x10000000", "memory add 0x50000000 0x10000000",
    "memory add 0x64000000 0x10000000", "memory add 0x10000000000 0x10000000",
    "memory offline 6", "memory remove 6", "meminfo", "buddyinfo",	# 10: the added map freed
    "memmap_check",
    "memory offline 99", "memory",
    "poweroff")
STEPS = 11


def alloc_pfn(transcript) -> str:
    return re.search(r"at pfn (0x[0-9a-f]+)", answer(transcript, "alloc 0 GFP_HIGHUSER_MOVABLE"))[1]


def check_hotplug_session(transcript, lines):
    """offline -> online memory6 in Normal, then in Movable; a pinned block refuses to go"""
    mi = [answer(transcript, "meminfo", k) for k in range(STEPS)]
    bi = [answer(transcript, "buddyinfo", k) for k in range(STEPS)]
    ml = [answer(transcript, "memory list", k) for k in range(7)]
    for k in range(STEPS):
        if buddyinfo_pages(bi[k]) * 4 != meminfo_kb(mi[k], "MemFree"):
            return f"step {k}: buddyinfo holds {buddyinfo_pages(bi[k]) * 4} kB, MemFree says {mi[k]}"
    total = [meminfo_kb(m, "MemTotal") for m in mi]
    free = [meminfo_kb(m, "MemFree") for m in mi]
    if not re.search(r"^memory6: \[mem 0x60000000-0x6fffffff\] state online zone Movable node 0 removable 1$",
                     ml[0], re.M):
        return f"memory6 is not an online Movable block at boot: {ml[0]!r}"
    offline6 = [answer(transcript, "memory offline 6", k) for k in range(5)]
    if "memory6 offline, 65536 pages (262144K)" not in offline6[0]:
        return f"memory offline 6 failed: {offline6[0]!r}"
    # Offline, a block is in no zone: valid_zones says where online would put it.
    if not re.search(r"^memory6: \[mem 0x60000000-0x6fffffff\] state offline node 0 valid_zones Movable Normal$",
                     ml[1], re.M):
        return f"memory6 not listed offline with valid_zones Movable Normal: {ml[1]!r}"
    if total[1] != total[0] - SECTION_KB or free[1] != free[0] - SECTION_KB:
        return f"offline: MemTotal {total[0]} -> {total[1]}, MemFree {free[0]} -> {free[1]}, not -{SECTION_KB}"
    z1, z2 = zones(transcript, 0), zones(transcript, 1)
    if (z1["Movable"]["spanned"], z1["Movable"]["present"], z1["Movable"]["start_pfn"]) != (0, 0, None):
        return f"the Movable zone did not shrink to nothing with its last block offline: {z1['Movable']}"
    if "memory6 online in zone Normal" not in answer(transcript, "memory online 6 kernel"):
        return f"online kernel did not put memory6 in Normal: {answer(transcript, 'memory online 6 kernel')!r}"
    if "memory6: [mem 0x60000000-0x6fffffff] state online zone Normal node 0 removable 0" not in ml[2]:
        return f"memory6 not listed in Normal: {ml[2]!r}"
    if (z2["Normal"]["start_pfn"], z2["Normal"]["spanned"], z2["Normal"]["present"]) != \
            (0x60000, SECTION_PAGES, SECTION_PAGES):
        return f"Normal's span did not grow to hold memory6: {z2['Normal']}"
    if total[2] != total[0] or free[2] != free[0] or meminfo_kb(mi[2], "LowTotal") != \
            meminfo_kb(mi[0], "LowTotal"):
        return f"online kernel: MemTotal {total[2]}, MemFree {free[2]}, not the boot's {total[0]}, {free[0]}"
    if "memory6 offline" not in offline6[1] or "memory6 online in zone Movable" not in \
            answer(transcript, "memory online 6"):
        return "offline, then online (movable_node's default: Movable) failed"
    if ml[3] != ml[0] or total[3] != total[0] or free[3] != free[0] or bi[3] != bi[0]:
        return "online did not bring back the boot's list, meminfo and buddyinfo"
    if free[4] != free[3] - 4:
        return f"alloc 0 took {free[3] - free[4]} kB"
    alloc = answer(transcript, "alloc 0 GFP_HIGHUSER_MOVABLE")
    pfn = alloc_pfn(transcript)
    if "zone Movable" not in alloc or not 0x60000 <= int(pfn, 16) < 0x70000:
        return f"the movable allocation is not in memory6: {alloc!r}"
    if not re.search(rf"memory6 is busy: pfn {pfn} is in use \(refcount 1, flags .*zone=3\)\); "
                     r"isolation undone", offline6[2]):
        return f"offline of the pinned block did not name pfn {pfn}: {offline6[2]!r}"
    if "memory offlining [mem 0x60000000-0x6fffffff] failed due to unmovable page" not in offline6[2]:
        return f"Linux's offlining failure line is missing: {offline6[2]!r}"
    if mi[5] != mi[4] or bi[5] != bi[4] or ml[4] != ml[0]:
        return "the refused offline changed meminfo, buddyinfo or the block list"
    if "memory6 offline" not in offline6[3]:
        return f"memory6 did not go offline once its page was freed: {offline6[3]!r}"
    if total[6] != total[0] - SECTION_KB or free[6] != free[0] - SECTION_KB:
        return f"offline again: MemTotal {total[6]}, MemFree {free[6]}"
    return None


def check_remove_add(transcript, lines):
    """remove -> add -> online memory6, then remove the added map; what add refuses"""
    # The boot map of memory6 (65536 struct pages: 512 pages) goes back through
    # put_page_bootmem() (VMEMMAP: the two MiBs its page-table entries mapped);
    # its usage page is shared with memory7's and stays.
    boot_map = 512
    added = boot_map + 1		# the added map and its own usage page, from the buddy allocator
    mi = [answer(transcript, "meminfo", k) for k in range(STEPS)]
    ml = [answer(transcript, "memory list", k) for k in range(7)]
    total = [meminfo_kb(m, "MemTotal") for m in mi]
    free = [meminfo_kb(m, "MemFree") for m in mi]
    removed = [answer(transcript, "memory remove 6", k) for k in range(3)]
    adds = [answer(transcript, "memory add 0x60000000 0x10000000", k) for k in range(2)]
    n = [int(m[1]) if m else None for m in
         (re.search(r"memory6 removed, (\d+) metadata pages freed", r) for r in removed)]
    if n[0] != boot_map:
        return f"remove freed {n[0]} pages, expected {boot_map}: {removed[0]!r}"
    if "memory6" in ml[5]:
        return f"memory6 still listed after remove: {ml[5]!r}"
    if total[7] != total[6] + 4 * boot_map or free[7] != free[6] + 4 * boot_map:
        return f"remove: MemTotal {total[6]} -> {total[7]}, MemFree {free[6]} -> {free[7]}"
    if "memory6 added, offline, node 0, valid_zones Movable Normal" not in adds[0]:
        return f"add failed: {adds[0]!r}"
    if total[8] != total[7] or free[8] != free[7] - 4 * added:
        return f"add: MemTotal {total[7]} -> {total[8]}, MemFree {free[7]} -> {free[8]}"
    if ml[6] != ml[0]:
        return f"after add + online the blocks are not the boot's: {ml[6]!r}"
    if total[9] != total[8] + SECTION_KB or free[9] != free[8] + SECTION_KB:
        return f"online: MemTotal {total[8]} -> {total[9]}, MemFree {free[8]} -> {free[9]}"
    if "is online: offline it first" not in removed[1]:
        return f"remove of an online block not refused: {removed[1]!r}"
    refusals = {
        "memory add 0x60000000 0x10000000": (1, r"Unable to reserve System RAM region: 0000000060000000->"
                                             r"000000006fffffff\n.*is RAM already"),
        "memory add 0x50000000 0x10000000": (0, r"is RAM already"),
        "memory add 0x64000000 0x10000000": (0, r"Section-unaligned hotplug range: start 0x64000000, size "
                                             r"0x10000000\n.*a block is one section"),
        "memory add 0x10000000000 0x10000000": (0, r"Hotplug memory \[0x10000000000-0x10010000000\] exceeds "
                                                r"maximum addressable range \[0x40000000-0x[0-9a-f]+\]\n"
                                                r".*cannot describe memory there"),
    }
    for command, (nth, pattern) in refusals.items():
        out = answer(transcript, command, nth)
        if not re.search(pattern, out, re.S):
            return f"{command!r} was not refused as expected (/{pattern}/): {out!r}"
    if n[2] != added:
        return f"removing the added section freed {n[2]} pages, expected {added}"
    if total[10] != total[9] - SECTION_KB or free[10] != free[9] - SECTION_KB + 4 * added:
        return f"second remove: MemTotal {total[9]} -> {total[10]}, MemFree {free[9]} -> {free[10]}"
    return None


def expect(command, pattern, nth=0):
    def run(transcript, lines):
        out = answer(transcript, command, nth)
        return None if re.search(pattern, out, re.M) else f"{command!r} printed {out!r}, not /{pattern}/"
    run.__name__ = f"{command!r} prints /{pattern}/"
    return run


MEMMAP_OK = r"^memmap_check: 0 errors$"


def offline_case(model):
    return ShellCase(f"arm-hotplug-offline-online-{model}", "arm", cmdline="movable_node", mem="1G",
                     make_vars={"MEMORY_MODEL": model, "DTS": "hotplug"}, script=OFFLINE_SCRIPT,
                     absent=("BUG", "Kernel panic"),
                     shell_checks=(check_hotplug_session, check_remove_add,
                                   expect("memmap_check", MEMMAP_OK),
                                   expect("memory offline 99", r"there is no memory99"),
                                   expect("memory", r"usage")),
                     doc=f"{model}: offline -> online in Normal -> in Movable -> remove -> add -> online "
                         "a block, spans and totals at each step; a pinned block refuses to go offline "
                         "and nothing changes; bad adds refused with Linux's messages")


# --- RAM beyond what the firmware declared ------------------------------------------

# dts/twobanks: QEMU gives 3 GiB from 0x40000000; the tree declares 512 MiB
# and 1 GiB at 0xc0000000, holding back the 1.5 GiB between.  Low memory ends
# with the first bank (max_low_pfn 0x60000), so added blocks are HighMem
# (online kernel) or Movable (Movable is carved from HighMem here).
BEYOND_DT_SCRIPT = (
    "memory list", "meminfo", "zoneinfo",					# 0: the boot
    "memory add 0x60000000 0x20000000", "memory list", "meminfo",		# 1: two blocks, offline
    "memory online 6", "memory online 7 movable",
    "memory list", "meminfo", "buddyinfo", "zoneinfo",			# 2: online
    "memmap_check",
    "memory offline 6", "memory offline 7", "zoneinfo",			# 3: spans back
    "memory remove 6", "memory remove 7", "memory list", "meminfo",		# 4: the boot again
    "memmap_check",
    "poweroff")


def counts(meminfo: dict) -> dict:
    """meminfo without MemAvailable, which follows the watermarks: hot-plug
    recomputes them (init_per_zone_wmark_min()) from what is managed now, the
    boot before free_initmem() added the __init pages."""
    return {k: v for k, v in meminfo.items() if k != "MemAvailable"}


def check_beyond_dt(transcript, lines):
    """memory6-7 (held back by the tree) added, onlined in HighMem and Movable, removed"""
    mi = [parse_meminfo(answer(transcript, "meminfo", k)) for k in range(4)]
    ml = [answer(transcript, "memory list", k) for k in range(4)]
    z = [zones(transcript, k) for k in range(3)]
    map_pages = 512 + 1				# a hot-added map and usage page, each block
    if "memory6" in ml[0] or "memory7" in ml[0]:
        return f"memory6/7 exist at boot: {ml[0]!r}"
    add = answer(transcript, "memory add 0x60000000 0x20000000")
    for nr in (6, 7):
        if f"memory{nr} added, offline, node 0, valid_zones HighMem Movable" not in add:
            return f"memory{nr} not added offline with valid_zones HighMem Movable: {add!r}"
    if mi[1]["MemTotal"] != mi[0]["MemTotal"] or mi[1]["MemFree"] != mi[0]["MemFree"] - 2 * 4 * map_pages:
        return f"add: MemTotal/MemFree {mi[0]['MemTotal']}/{mi[0]['MemFree']} -> " \
               f"{mi[1]['MemTotal']}/{mi[1]['MemFree']}, expected the maps ({2 * map_pages} pages) taken"
    if "memory6 online in zone HighMem" not in answer(transcript, "memory online 6") or \
            "memory7 online in zone Movable" not in answer(transcript, "memory online 7 movable"):
        return "memory6 not onlined in HighMem or memory7 in Movable"
    for field in ("MemTotal", "HighTotal"):
        if mi[2][field] != mi[0][field] + 2 * SECTION_KB:
            return f"online: {field} {mi[0][field]} -> {mi[2][field]}, not +{2 * SECTION_KB}"
    high0, high2 = z[0]["HighMem"], z[1]["HighMem"]
    if (high2["start_pfn"], high2["spanned"], high2["present"]) != \
            (0x60000, high0["start_pfn"] + high0["spanned"] - 0x60000, high0["present"] + SECTION_PAGES):
        return f"HighMem's span did not grow down to memory6: {high0} -> {high2}"
    if (z[1]["Movable"]["start_pfn"], z[1]["Movable"]["spanned"]) != (0x70000, SECTION_PAGES):
        return f"Movable does not span memory7: {z[1]['Movable']}"
    # Boot's HighMem began at max_low_pfn, hole included; offlining the block
    # at its start shrinks it to its first online pfn, as Linux's
    # shrink_zone_span() does: the second bank, 0xc0000.
    span = ("start_pfn", "spanned", "present")
    if [z[2]["HighMem"][f] for f in span] != [0xc0000, high0["start_pfn"] + high0["spanned"] - 0xc0000,
                                              high0["present"]] or z[2]["Movable"]["spanned"] != 0:
        return f"offline did not shrink the spans back: HighMem {high0} -> {z[2]['HighMem']}, " \
               f"Movable {z[2]['Movable']}"
    if ml[3] != ml[0] or counts(mi[3]) != counts(mi[0]):
        return f"after remove, memory list or meminfo differ from the boot's: {mi[0]} vs {mi[3]}"
    return None


# x86, QEMU 2 GiB and mem=512M: 0x20000000-0x3fffffff is RAM the kernel was
# told to leave alone; one 512 MiB block.  Low memory ends at mem= (max_low_pfn
# 0x20000), and with no HighMem at boot ZONE_MOVABLE would be carved from
# low memory (movable_zone Normal): it cannot take a block above max_low_pfn.
BEYOND_MEM_SCRIPT = (
    "meminfo",
    "memory add 0x20000000 0x20000000", "memory list",
    "memory online 1 movable",
    "memory online 1", "memory list", "meminfo", "zoneinfo",
    "memmap_check",
    "memory offline 1", "memory remove 1", "meminfo",
    "memory add 0x1000000000 0x20000000",
    "memmap_check",
    "poweroff")


def check_beyond_mem(transcript, lines):
    """memory1 (held back by mem=) added, refused by Movable, onlined in HighMem, removed"""
    mi = [parse_meminfo(answer(transcript, "meminfo", k)) for k in range(3)]
    block_kb = 512 * 1024
    if "memory1: [mem 0x20000000-0x3fffffff] state offline node 0 valid_zones HighMem\n" not in \
            answer(transcript, "memory list"):
        return f"memory1 not listed offline with valid_zones HighMem only: {answer(transcript, 'memory list')!r}"
    refused = answer(transcript, "memory online 1 movable")
    if "online_pages [mem 0x20000000-0x3fffffff]: zone Movable is low memory" not in refused or \
            "refused" not in refused:
        return f"online movable above max_low_pfn not refused: {refused!r}"
    if "memory1 online in zone HighMem, 131072 pages" not in answer(transcript, "memory online 1"):
        return f"memory1 not onlined in HighMem: {answer(transcript, 'memory online 1')!r}"
    for field in ("MemTotal", "HighTotal", "HighFree"):
        if mi[1][field] != mi[0][field] + block_kb:
            return f"online: {field} {mi[0][field]} -> {mi[1][field]}, not +{block_kb}"
    high = zones(transcript, 0)["HighMem"]
    if (high["start_pfn"], high["spanned"], high["present"]) != (0x20000, 0x20000, 0x20000):
        return f"HighMem does not span memory1: {high}"
    if "memory1 removed, 1025 metadata pages freed" not in answer(transcript, "memory remove 1"):
        return f"remove did not free the map and usage (1024 + 1 pages): {answer(transcript, 'memory remove 1')!r}"
    if counts(mi[2]) != counts(mi[0]):
        return f"after remove, meminfo differs from the boot's: {mi[0]} vs {mi[2]}"
    if not re.search(r"Hotplug memory \[0x1000000000-0x1020000000\] exceeds maximum addressable range",
                     answer(transcript, "memory add 0x1000000000 0x20000000")):
        return "an add beyond MAX_PHYSMEM_BITS was not refused with Linux's message"
    return None


def beyond_cases(model):
    return [
        ShellCase(f"arm-hotplug-beyond-dt-{model}", "arm", mem="3G",
                  make_vars={"MEMORY_MODEL": model, "DTS": "twobanks"}, script=BEYOND_DT_SCRIPT,
                  absent=("BUG", "Kernel panic"),
                  shell_checks=(check_beyond_dt, expect("memmap_check", MEMMAP_OK),
                                expect("memmap_check", MEMMAP_OK, nth=1)),
                  doc=f"{model}: RAM QEMU gave and the tree held back, added, onlined (HighMem, Movable), "
                      "offlined and removed; spans follow, memmap_check passes"),
        ShellCase(f"x86-hotplug-beyond-mem-{model}", "x86", cmdline="mem=512M", mem="2G",
                  make_vars={"MEMORY_MODEL": model}, script=BEYOND_MEM_SCRIPT,
                  absent=("BUG", "Kernel panic"),
                  shell_checks=(check_beyond_mem, expect("memmap_check", MEMMAP_OK),
                                expect("memmap_check", MEMMAP_OK, nth=1)),
                  doc=f"{model}: RAM mem= held back, added and onlined in HighMem (Movable refuses it: "
                      "low memory here), removed; an add beyond MAX_PHYSMEM_BITS refused"),
    ]


HOTPLUG_CASES += [
    offline_case("sparsemem"),
    offline_case("vmemmap"),
    *beyond_cases("sparsemem"),
    *beyond_cases("vmemmap"),
    ShellCase("arm-hotplug-flatmem-refuses", "arm", make_vars={"MEMORY_MODEL": "flatmem"},
              script=("memory list", "poweroff"),
              shell_checks=(expect("memory list", r"FLATMEM has no sections: memory hot-plug needs "
                                   r"MEMORY_MODEL=sparsemem or vmemmap"),),
              doc="FLATMEM: the memory command refuses with the reason"),
]


# --- the same block, four times round: no drift --------------------------------------
#
# A PC with 2 GiB under a sparse model: memory2 (0x40000000-0x5fffffff, a
# whole 512 MiB section in HighMem) goes offline, is removed, added and onlined
# again, four times.  The first cycle moves two figures, for a reason Linux
# shares: removing a boot-time section frees its memory map (memblock's, not
# counted in MemTotal) to the buddy allocator, where it becomes managed memory,
# and the add takes the new map (and usage) from the buddy allocator.  So after
# cycle 1, MemTotal is up by the pages the first remove freed, and MemFree by
# those minus what the add took (which the second remove frees again).  From
# then on every cycle must end where the one before did.  MemAvailable is
# MemFree - totalreserve_pages (no page cache here, Linux's si_mem_available()),
# and totalreserve_pages is Linux's calculate_totalreserve_pages() over
# zoneinfo's figures: each zone's high watermark plus its largest protection,
# at most its managed pages.  Checked at the boot and after every cycle: so when
# MemAvailable moves, it moves by watermark arithmetic and nothing else.

CYCLES = 4
CYCLE = ("memory offline 2", "memory remove 2", "memory add 0x40000000 0x20000000", "memory online 2",
         "meminfo", "zoneinfo")
CYCLE_SCRIPT = ("meminfo", "zoneinfo") + CYCLE * CYCLES + ("memmap_check", "poweroff")
ZONE_RE = re.compile(r"^Node \d+, zone\s+(\w+)\n(.*?)(?=^Node |\Z)", re.M | re.S)


def totalreserve_pages(zoneinfo: str) -> int:
    total = 0
    for _, body in ZONE_RE.findall(zoneinfo):
        high = int(re.search(r"^\s+high\s+(\d+)$", body, re.M)[1])
        managed = int(re.search(r"^\s+managed\s+(\d+)$", body, re.M)[1])
        protection = [int(p) for p in re.search(r"protection: \(([^)]*)\)", body)[1].split(",")]
        total += min(managed, max(protection) + high)
    return total


def check_cycles(transcript, lines):
    snapshots = [(answer(transcript, "meminfo", k), answer(transcript, "zoneinfo", k))
                 for k in range(CYCLES + 1)]
    figures = [{f: meminfo_kb(m, f) for f in ("MemTotal", "MemFree", "MemAvailable")}
               for m, _ in snapshots]
    for k, (m, z) in enumerate(snapshots):
        want = figures[k]["MemFree"] - 4 * totalreserve_pages(z)
        if figures[k]["MemAvailable"] != want:
            return (f"{'boot' if k == 0 else f'cycle {k}'}: MemAvailable {figures[k]['MemAvailable']} kB, "
                    f"MemFree - 4 * totalreserve_pages from zoneinfo is {want} kB")
    for k in range(CYCLES):
        for cmd in CYCLE[:4]:
            out = answer(transcript, cmd, k)
            if not re.match(r"^memory (offline|remove|add|online): memory2 ", out):
                return f"cycle {k + 1}: {cmd!r} printed {out!r}"
    freed = [int(re.search(r"(\d+) metadata pages freed", answer(transcript, "memory remove 2", k))[1])
             for k in range(CYCLES)]
    if len(set(freed[1:])) != 1:
        return f"the removes after the first freed different amounts of metadata: {freed}"
    boot, first = figures[0], figures[1]
    if first["MemTotal"] - boot["MemTotal"] != 4 * freed[0]:
        return (f"cycle 1: MemTotal moved by {first['MemTotal'] - boot['MemTotal']} kB, the boot map it "
                f"freed is {4 * freed[0]} kB")
    if first["MemFree"] - boot["MemFree"] != 4 * (freed[0] - freed[1]):
        return (f"cycle 1: MemFree moved by {first['MemFree'] - boot['MemFree']} kB, expected "
                f"{4 * (freed[0] - freed[1])} kB (boot map freed - new map taken)")
    for k in range(2, CYCLES + 1):
        if figures[k] != figures[k - 1]:
            return f"cycle {k} drifted from cycle {k - 1}: {figures[k - 1]} -> {figures[k]}"
    return None


HOTPLUG_CASES += [
    ShellCase(f"x86-hotplug-cycles-{model}", "x86", mem="2G", make_vars={"MEMORY_MODEL": model},
              script=CYCLE_SCRIPT, absent=("BUG", "Kernel panic", "WARNING"),
              shell_checks=(check_cycles, expect("memmap_check", MEMMAP_OK)),
              doc=f"{model}: offline/remove/add/online the same block 4 times: no drift after the first "
                  "cycle, MemAvailable = MemFree - totalreserve_pages every time")
    for model in ("sparsemem", "vmemmap")
]

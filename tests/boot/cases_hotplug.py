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

tests/boot/cases.py adds HOTPLUG_CASES to the suite.
"""
import re

from boottest import Case

PAGE = 4096
STRUCT_PAGE = 32
SECTION_BITS = {"x86": 29, "arm": 28}	# asm/memory_model.h: PAE 512 MiB, LPAE 256 MiB
LINE = re.compile(r"^bootmem_info: (\d+) metadata pages registered \((.*)\)$")


def expect_registered(arch: str, sections: int, nodes: int, vmemmap: bool):
    """A check: N = memmap pages (not with VMEMMAP) + one usage page a section
    + one or two pglist_data pages a node."""
    memmap = 0 if vmemmap else sections * (1 << (SECTION_BITS[arch] - 12)) * STRUCT_PAGE // PAGE
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
    vmemmap = model == "vmemmap"
    what = ("pglist_data, section usage; vmemmap pages not walked" if vmemmap
            else "pglist_data, section memmap and usage")
    return Case(f"{arch}-hotplug-bootmem-info-{model}" + (f"-{dts}" if dts else ""), arch, cmdline,
                mem=mem, make_vars=make_vars,
                regex=(rf"^bootmem_info: \d+ metadata pages registered \({re.escape(what)}\)$",),
                absent=("BUG", "Kernel panic"),
                checks=(expect_registered(arch, sections, nodes, vmemmap),),
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


SECTION_KB = 256 * 1024		# an ARM section: 256 MiB
# dts/hotplug with movable_node: memory4-5 (the first bank) in DMA, memory6-7
# (the hotpluggable bank) in Movable.  memory6 is low memory, all free.
# memory7 goes offline first, so that the movable allocation of step 3 can only
# land in memory6 (otherwise it comes from the top of Movable, in memory7).
OFFLINE_SCRIPT = (
    "memory offline 7",
    "memory list", "meminfo", "buddyinfo",				# 0: the boot
    "memory offline 6", "memory list", "meminfo", "buddyinfo",		# 1: memory6 offline
    "memory online 6 kernel",						# refused: it was Movable
    "memory online 6 movable", "memory list", "meminfo", "buddyinfo",	# 2: back
    "alloc 0 GFP_HIGHUSER_MOVABLE", "meminfo", "buddyinfo",		# 3: one page pinned in memory6
    "memory offline 6",							# refused: busy
    "memory list", "meminfo", "buddyinfo",				# 4: as in 3
    lambda t: f"free {alloc_pfn(t)} 0", "memory offline 6",		# freed: now it goes
    "meminfo", "buddyinfo",						# 5: memory6 offline
    "memory remove 6", "memory list", "meminfo", "buddyinfo",		# 6: its metadata freed
    "memory add 0x60000000 0x10000000", "meminfo", "buddyinfo",	# 7: a new map from the buddy
    "memory online 6 movable", "memory list", "meminfo", "buddyinfo",	# 8: all back
    "memory remove 6", "memory add 0x60000000 0x10000000", "memory add 0x90000000 0x10000000",
    "memory offline 6", "memory remove 6", "meminfo", "buddyinfo",	# 9: the added map freed
    "memory offline 99", "memory",
    "poweroff")


def alloc_pfn(transcript) -> str:
    return re.search(r"at pfn (0x[0-9a-f]+)", answer(transcript, "alloc 0 GFP_HIGHUSER_MOVABLE"))[1]


def check_hotplug_session(transcript, lines):
    """offline -> online memory6, and a refused offline of a pinned block"""
    mi = [answer(transcript, "meminfo", k) for k in range(10)]
    bi = [answer(transcript, "buddyinfo", k) for k in range(10)]
    ml = [answer(transcript, "memory list", k) for k in range(6)]
    for k in range(10):
        if buddyinfo_pages(bi[k]) * 4 != meminfo_kb(mi[k], "MemFree"):
            return f"step {k}: buddyinfo holds {buddyinfo_pages(bi[k]) * 4} kB, MemFree says {mi[k]}"
    total = [meminfo_kb(m, "MemTotal") for m in mi]
    free = [meminfo_kb(m, "MemFree") for m in mi]
    if not re.search(r"^memory6: \[mem 0x60000000-0x6fffffff\] state online zone Movable node 0 removable 1$",
                     ml[0], re.M):
        return f"memory6 is not an online Movable block at boot: {ml[0]!r}"
    offline6 = [answer(transcript, "memory offline 6", k) for k in range(4)]
    if "memory6 offline, 65536 pages (262144K)" not in offline6[0]:
        return f"memory offline 6 failed: {answer(transcript, 'memory offline 6')!r}"
    if "memory6: [mem 0x60000000-0x6fffffff] state offline" not in ml[1]:
        return f"memory6 not listed offline: {ml[1]!r}"
    if total[1] != total[0] - SECTION_KB or free[1] != free[0] - SECTION_KB:
        return f"offline: MemTotal {total[0]} -> {total[1]}, MemFree {free[0]} -> {free[1]}, not -{SECTION_KB}"
    if "online movable" not in answer(transcript, "memory online 6 kernel"):
        return "online kernel of a Movable block was not refused with the reason"
    if "memory6 online in zone Movable" not in answer(transcript, "memory online 6 movable"):
        return "memory online 6 movable failed"
    if ml[2] != ml[0] or total[2] != total[0] or free[2] != free[0] or bi[2] != bi[0]:
        return "online did not bring back the boot's list, meminfo and buddyinfo"
    if free[3] != free[2] - 4:
        return f"alloc 0 took {free[2] - free[3]} kB"
    alloc = answer(transcript, "alloc 0 GFP_HIGHUSER_MOVABLE")
    pfn = alloc_pfn(transcript)
    if "zone Movable" not in alloc or not 0x60000 <= int(pfn, 16) < 0x70000:
        return f"the movable allocation is not in memory6: {alloc!r}"
    if not re.search(rf"memory6 is busy: pfn {pfn} is in use \(refcount 1, flags .*zone=3\)\); "
                     r"isolation undone", offline6[1]):
        return f"offline of the pinned block did not name pfn {pfn}: {offline6[1]!r}"
    if mi[4] != mi[3] or bi[4] != bi[3] or ml[3] != ml[0]:
        return "the refused offline changed meminfo, buddyinfo or the block list"
    if "memory6 offline" not in offline6[2]:
        return f"memory6 did not go offline once its page was freed: {offline6[2]!r}"
    if total[5] != total[0] - SECTION_KB or free[5] != free[0] - SECTION_KB:
        return f"offline again: MemTotal {total[5]}, MemFree {free[5]}"
    return None


def check_remove_add(vmemmap: bool):
    """remove -> add -> online memory6, then remove the added map"""
    # SPARSEMEM: the boot map of memory6 (65536 struct pages: 512 pages) goes
    # back through put_page_bootmem(); its usage page is shared with memory7's
    # and stays.  VMEMMAP keeps the map mapped: nothing but that shared page.
    boot_map = 0 if vmemmap else 512
    added = boot_map + 1		# the added map and its own usage page, from the buddy allocator

    def run(transcript, lines):
        mi = [answer(transcript, "meminfo", k) for k in range(10)]
        ml = [answer(transcript, "memory list", k) for k in range(6)]
        total = [meminfo_kb(m, "MemTotal") for m in mi]
        free = [meminfo_kb(m, "MemFree") for m in mi]
        removed = [answer(transcript, "memory remove 6", k) for k in range(3)]
        adds = [answer(transcript, "memory add 0x60000000 0x10000000", k) for k in range(2)]
        n = [int(m[1]) if m else None for m in
             (re.search(r"memory6 removed, (\d+) metadata pages freed", r) for r in removed)]
        if n[0] != boot_map:
            return f"remove freed {n[0]} pages, expected {boot_map}: {removed[0]!r}"
        if "memory6" in ml[4]:
            return f"memory6 still listed after remove: {ml[4]!r}"
        if total[6] != total[5] + 4 * boot_map or free[6] != free[5] + 4 * boot_map:
            return f"remove: MemTotal {total[5]} -> {total[6]}, MemFree {free[5]} -> {free[6]}"
        if "memory6 added, offline, zone Movable node 0" not in adds[0]:
            return f"add failed: {adds[0]!r}"
        if total[7] != total[6] or free[7] != free[6] - 4 * added:
            return f"add: MemTotal {total[6]} -> {total[7]}, MemFree {free[6]} -> {free[7]}"
        if ml[5] != ml[0]:
            return f"after add + online the blocks are not the boot's: {ml[5]!r}"
        if total[8] != total[7] + SECTION_KB or free[8] != free[7] + SECTION_KB:
            return f"online: MemTotal {total[7]} -> {total[8]}, MemFree {free[7]} -> {free[8]}"
        if "is online: offline it first" not in removed[1] or "exists already" not in adds[1]:
            return f"remove of an online block or add of an existing one not refused: {removed[1]!r} {adds[1]!r}"
        if "outside every zone" not in answer(transcript, "memory add 0x90000000 0x10000000"):
            return "add outside the zones not refused"
        if n[2] != added:
            return f"removing the added section freed {n[2]} pages, expected {added}"
        if total[9] != total[8] - SECTION_KB or free[9] != free[8] - SECTION_KB + 4 * added:
            return f"second remove: MemTotal {total[8]} -> {total[9]}, MemFree {free[8]} -> {free[9]}"
        return None
    run.__name__ = f"remove/add memory6 ({boot_map} boot map pages)"
    return run


def expect(command, pattern):
    def run(transcript, lines):
        out = answer(transcript, command)
        return None if re.search(pattern, out, re.M) else f"{command!r} printed {out!r}, not /{pattern}/"
    run.__name__ = f"{command!r} prints /{pattern}/"
    return run


def offline_case(model):
    return ShellCase(f"arm-hotplug-offline-online-{model}", "arm", cmdline="movable_node", mem="1G",
                     make_vars={"MEMORY_MODEL": model, "DTS": "hotplug"}, script=OFFLINE_SCRIPT,
                     absent=("BUG", "Kernel panic"),
                     shell_checks=(check_hotplug_session, check_remove_add(model == "vmemmap"),
                                   expect("memory offline 99", r"there is no memory99"),
                                   expect("memory", r"usage")),
                     doc=f"{model}: offline -> remove -> add -> online a Movable block, totals at each step; "
                         "a pinned block refuses to go offline and nothing changes")


HOTPLUG_CASES += [
    offline_case("sparsemem"),
    offline_case("vmemmap"),
    ShellCase("arm-hotplug-flatmem-refuses", "arm", make_vars={"MEMORY_MODEL": "flatmem"},
              script=("memory list", "poweroff"),
              shell_checks=(expect("memory list", r"FLATMEM has no sections: memory hot-plug needs "
                                   r"MEMORY_MODEL=sparsemem or vmemmap"),),
              doc="FLATMEM: the memory command refuses with the reason"),
]

# SPDX-License-Identifier: MIT
"""GDB commands that show bootmm's memory state (Linux's scripts/gdb/linux/ idea).

Loaded by scripts/gdb/bootmm.gdb (through bootmm.py), so `make debug` and
`make gdb` have them.  Each reads the kernel's own data through GDB — the
printk buffer, memblock, node_data[] and the zones, the memory map — and
prints what the serial shell's command of the same name prints (kernel/
shell*.c), in the same format, so the two can be compared line for line:

  mm-dmesg                     the log buffer          (shell: dmesg)
  mm-memblock [memory|reserved]                        (shell: memblock)
  mm-zones                     every zone              (shell: zoneinfo)
  mm-buddyinfo                 free blocks by order    (shell: buddyinfo)
  mm-page PFN                  one struct page         (shell: page)
  mm-pfn-to-page PFN, mm-page-to-pfn ADDR              (shell: pfn)
  mm-memmap                    the bar of memory       (shell: memmap)

The numbers behind the kernel's macros (PAGE_SHIFT, where the zone and node
sit in page->flags, the section geometry) come from the kernel image itself:
the structure bootmm_gdbinfo (kernel/shell_gdbinfo.c).  The memory model is
the kernel's memory_model_name; each model is a class below with the same
three methods, so a new model is one more class.

Before a structure exists (a breakpoint early in the boot) each command says
what has not run yet instead of printing garbage.
"""
import gdb

import mmformat


class MMError(Exception):
    """Something the command cannot show yet: the message says why."""


# --- reading the kernel ------------------------------------------------------------

def sym(name: str) -> gdb.Value:
    try:
        return gdb.parse_and_eval(name)
    except gdb.error as exc:
        raise MMError(f"the kernel has no symbol {name!r} ({exc})") from None


def has_symbol(name: str) -> bool:
    try:
        gdb.parse_and_eval(f"&{name}")
        return True
    except gdb.error:
        return False


def read(value: gdb.Value) -> int:
    """The integer value, turning an unreadable address into a clear message."""
    try:
        return int(value)
    except gdb.MemoryError as exc:
        raise MMError(f"cannot read the kernel's memory ({exc}): is the MMU on yet? "
                      "Stop at start_kernel or later (bootmm-start)") from None


def has_field(type_: gdb.Type, name: str) -> bool:
    return any(f.name == name for f in type_.strip_typedefs().fields())


def string(value: gdb.Value) -> str:
    """A C string; an array declared without a size (extern char x[]) is read up to its NUL."""
    try:
        if value.type.strip_typedefs().code == gdb.TYPE_CODE_ARRAY:
            value = value.cast(value.type.strip_typedefs().target().pointer())
        return value.string()
    except gdb.MemoryError:
        return "?"


def info() -> dict:
    """bootmm_gdbinfo as a dict: the kernel's constants."""
    v = sym("bootmm_gdbinfo")
    return {f.name: read(v[f.name]) for f in v.type.strip_typedefs().fields()}


def u(n: int, bits: int = 32) -> int:
    return n & ((1 << bits) - 1)


# --- memblock ------------------------------------------------------------------------

def memblock_regions(kind: str) -> list:
    mb = sym("memblock")[kind]
    cnt = read(mb["cnt"])
    regions = mb["regions"]
    out = []
    for i in range(cnt):
        r = regions[i]
        out.append(mmformat.Region(read(r["base"]), read(r["size"]),
                                   nomap=bool(read(r["flags"]) & 0x4), nid=read(r["nid"])))
    return out


def memblock_text(kind: str) -> str:
    lines = [f"# memblock/{kind}: read live from the kernel's memblock "
             "(__initdata: gone once init memory is freed)"]
    for i, r in enumerate(memblock_regions(kind)):
        end = u(r.base + r.size - 1, 64)	# an empty table's region: all ones, as Linux
        lines.append(f"{i:4d}: {r.base:#018x}..{end:#018x}")
        if r.size == 0:
            # Linux's memblock_debug_show() prints this very line for an empty
            # type (an empty table holds one zero-size placeholder region, and
            # base + size - 1 wraps), so the line stays; the comment says why.
            lines.append(f"# memblock/{kind} is empty: no region added yet (Linux keeps one zero-size "
                         "placeholder, whose end base + 0 - 1 wraps to all ones)")
    return "\n".join(lines) + "\n"


# --- nodes and zones ---------------------------------------------------------------------

def nodes() -> list:
    """[(nid, pglist_data value)] of the nodes that have one."""
    nd = sym("node_data")
    out = []
    for nid in range(read(sym("sizeof(node_data) / sizeof(node_data[0])"))):
        p = nd[nid]
        if read(p) != 0:
            out.append((nid, p.dereference()))
    if not out:
        raise MMError("no node has its pglist_data yet: numa_init() (mm/numa.c) has not run")
    return out


def zones() -> list:
    """[(nid, zone index, zone value)] of every zone of every node."""
    out = []
    for nid, pgdat in nodes():
        zs = pgdat["node_zones"]
        for zi in range(zs.type.strip_typedefs().range()[1] + 1):
            out.append((nid, zi, zs[zi]))
    if not any(read(z["spanned_pages"]) for _, _, z in out):
        raise MMError("no zone is sized yet: free_area_init() (mm/mm_init.c) has not run")
    return out


def have_buddy() -> bool:
    return has_field(gdb.lookup_type("struct zone"), "free_area")


def zoneinfo_text() -> str:
    names = mmformat.ZONE_NAMES
    buddy = have_buddy()
    lines = []
    for nid, zi, z in zones():
        lines.append(f"Node {nid}, zone {names[zi]:>8}")
        if buddy:
            boost = read(z["watermark_boost"])
            wm = [read(z["_watermark"][i]) + boost for i in range(3)]
            free = read(z["vm_stat"][0])
            lines += [f"  pages free     {free}", f"        boost    {boost}",
                      f"        min      {wm[0]}", f"        low      {wm[1]}", f"        high     {wm[2]}"]
        lines += [f"        spanned  {read(z['spanned_pages'])}",
                  f"        present  {read(z['present_pages'])}",
                  f"        managed  {read(z['managed_pages'])}"]
        if buddy:
            reserve = z["lowmem_reserve"]
            n = reserve.type.strip_typedefs().range()[1] + 1
            lines.append("        protection: (" + ", ".join(str(read(reserve[i])) for i in range(n)) + ")")
        if not read(z["present_pages"]):
            continue
        if buddy:
            lines.append(f"      nr_free_pages {read(z['vm_stat'][0])}")
            pcp = z["per_cpu_pageset"]
            if read(pcp):
                lines += ["  pagesets", "    cpu: 0", f"              count: {read(pcp['count'])}",
                          f"              high:  {read(pcp['high'])}", f"              batch: {read(pcp['batch'])}"]
            lines.append("  node_unreclaimable:  0")
        lines.append(f"  start_pfn:           {read(z['zone_start_pfn'])}")
    return "\n".join(lines) + "\n"


def free_blocks() -> list:
    """[(pfn, order)] of every block on every free list, or None without a buddy allocator."""
    if not have_buddy():
        return None
    model = memory_model()
    out = []
    page_ptr = gdb.lookup_type("struct page").pointer()
    lru_offset = int(gdb.parse_and_eval("(unsigned long)&((struct page *)0)->lru"))
    for _, _, z in zones():
        areas = z["free_area"]
        for order in range(areas.type.strip_typedefs().range()[1] + 1):
            lists = areas[order]["free_list"]
            for mt in range(lists.type.strip_typedefs().range()[1] + 1):
                head = lists[mt]
                head_addr = read(head.address)
                pos = read(head["next"])
                steps = 0
                while pos and pos != head_addr:
                    page = gdb.Value(pos - lru_offset).cast(page_ptr)
                    out.append((model.page_to_pfn(read(page)), order))
                    pos = read(page["lru"]["next"])
                    steps += 1
                    if steps > 1_000_000:
                        raise MMError("a free list does not come back to its head: corrupted?")
    return out


def buddyinfo_text() -> str:
    if not have_buddy():
        raise MMError("this kernel has no buddy allocator yet (struct zone has no free_area)")
    lines = []
    for nid, zi, z in zones():
        if not read(z["present_pages"]):
            continue
        areas = z["free_area"]
        counts = "".join(f"{read(areas[o]['nr_free']):6d} "
                         for o in range(areas.type.strip_typedefs().range()[1] + 1))
        lines.append(f"Node {nid}, zone {mmformat.ZONE_NAMES[zi]:>8} {counts}")
    return "\n".join(lines) + "\n"


# --- memory models: pfn <-> struct page ----------------------------------------------------

class FlatMem:
    """FLATMEM: one array, mem_map, from ARCH_PFN_OFFSET (mm/memory_model/flatmem.c)."""
    name = "FLATMEM"

    def __init__(self, gi: dict):
        self.size = gi["sizeof_struct_page"]
        self.offset = gi["arch_pfn_offset"]
        self.mem_map = read(sym("mem_map"))
        if not self.mem_map:
            raise MMError("mem_map is NULL: the memory map is allocated by free_area_init() "
                          "-> memmap_alloc_node(), which has not run yet")
        self.max_mapnr = read(sym("max_mapnr"))

    def pfn_valid(self, pfn: int) -> bool:
        return u(pfn - self.offset) < self.max_mapnr

    def pfn_to_page(self, pfn: int) -> int:
        return u(self.mem_map + (pfn - self.offset) * self.size)

    def page_to_pfn(self, page: int) -> int:
        return (page - self.mem_map) // self.size + self.offset

    def how(self) -> str:
        return "mem_map + (pfn - ARCH_PFN_OFFSET)"


class SparseMem:
    """SPARSEMEM: mem_section[], each present section's map encoded in
    section_mem_map as (its mem_map - its first pfn) | flags (include/mm/sparse.h)."""
    name = "SPARSEMEM"

    def __init__(self, gi: dict):
        if not gi["pfn_section_shift"]:
            raise MMError("bootmm_gdbinfo has no section geometry: rebuild with MEMORY_MODEL=sparsemem")
        self.size = gi["sizeof_struct_page"]
        self.shift = gi["pfn_section_shift"]
        self.mask = gi["section_map_mask"]
        self.ms = sym("mem_section")
        if not self.any_map():
            raise MMError("no section has a memory map yet: sparse_init() (memmap_prepare(), "
                          "from free_area_init()) has not run")

    def any_map(self) -> bool:
        """Does some section have its memory map?  A static mem_section[] is read in one go."""
        if self.ms.type.strip_typedefs().code != gdb.TYPE_CODE_ARRAY or \
                self.ms.type.strip_typedefs().target().strip_typedefs().code == gdb.TYPE_CODE_PTR:
            return True		# roots allocated at run time: let the lookups tell
        raw = bytes(gdb.selected_inferior().read_memory(read(self.ms.address), self.ms.type.sizeof))
        step = gdb.lookup_type("struct mem_section").sizeof
        word = gdb.lookup_type("unsigned long").sizeof
        return any(int.from_bytes(raw[i:i + word], "little") & 0x2 for i in range(0, len(raw), step))

    def section(self, nr: int):
        t = self.ms.type.strip_typedefs()
        if t.code == gdb.TYPE_CODE_ARRAY and t.target().strip_typedefs().code == gdb.TYPE_CODE_ARRAY:
            per_root = t.target().strip_typedefs().range()[1] + 1
            return self.ms[nr // per_root][nr % per_root]
        if t.code == gdb.TYPE_CODE_ARRAY and t.target().strip_typedefs().code == gdb.TYPE_CODE_PTR:
            per_root = 4096 // gdb.lookup_type("struct mem_section").sizeof
            root = self.ms[nr // per_root]
            return None if not read(root) else root[nr % per_root]
        return self.ms[nr]

    def pfn_valid(self, pfn: int) -> bool:
        nr = pfn >> self.shift
        try:
            s = self.section(nr)
        except gdb.error:
            return False
        return s is not None and bool(read(s["section_mem_map"]) & 0x2)	# SECTION_HAS_MEM_MAP

    def pfn_to_page(self, pfn: int) -> int:
        s = self.section(pfn >> self.shift)
        return u((read(s["section_mem_map"]) & self.mask) + pfn * self.size)

    def page_to_pfn(self, page: int) -> int:
        # The section number is in page->flags (SECTIONS_PGOFF) under SPARSEMEM.
        gi = info()
        flags = read(gdb.Value(page).cast(gdb.lookup_type("struct page").pointer())["flags"])
        nr = (flags >> gi["sections_pgoff"]) & gi["sections_mask"]
        base = read(self.section(nr)["section_mem_map"]) & self.mask
        return u(page - base) // self.size

    def how(self) -> str:
        return "(mem_section[nr].section_mem_map & SECTION_MAP_MASK) + pfn"


class Vmemmap(SparseMem):
    """SPARSEMEM_VMEMMAP: every struct page at vmemmap + pfn, in a virtual window."""
    name = "SPARSEMEM_VMEMMAP"

    def __init__(self, gi: dict):
        super().__init__(gi)
        self.vmemmap = gi["vmemmap_start"]
        if not self.vmemmap:
            raise MMError("bootmm_gdbinfo has no VMEMMAP_START")

    def pfn_to_page(self, pfn: int) -> int:
        return u(self.vmemmap + pfn * self.size)

    def page_to_pfn(self, page: int) -> int:
        return (page - self.vmemmap) // self.size

    def how(self) -> str:
        return "vmemmap + pfn"


class KernelModel:
    """A model without a class here (a student's new mm/memory_model/<name>.c):
    the kernel's own pfn_valid(), pfn_to_page() and page_to_pfn() answer.

    GDB calls them in the stopped target, as `print pfn_to_page(0x100)` would:
    every model must define the three (include/mm/memory_model.h), so a new
    model needs no edit here.  Slower than reading memory (one call a
    lookup), and only once the memory map exists."""

    def __init__(self, gi: dict, name: str):
        self.name = name
        self.size = gi["sizeof_struct_page"]

    @staticmethod
    def call(expr: str) -> int:
        try:
            return int(gdb.parse_and_eval(expr))
        except gdb.error as exc:
            raise MMError(f"calling the kernel's {expr.split('(')[0].split()[-1]}() failed ({exc}): "
                          "is the target stopped, and has free_area_init() built the memory map?") from None

    def pfn_valid(self, pfn: int) -> bool:
        return bool(self.call(f"(int)pfn_valid({u(pfn):#x}UL)"))

    def pfn_to_page(self, pfn: int) -> int:
        return u(self.call(f"(unsigned long)pfn_to_page({u(pfn):#x}UL)"))

    def page_to_pfn(self, page: int) -> int:
        return self.call(f"(unsigned long)page_to_pfn((const struct page *){u(page):#x})")

    def how(self) -> str:
        return f"the kernel's own pfn_to_page(), called by GDB ({self.name} has no class in bootmm_mm.py)"


MODELS = {m.name: m for m in (FlatMem, SparseMem, Vmemmap)}


def memory_model():
    name = string(sym("memory_model_name"))
    if name not in MODELS:
        return KernelModel(info(), name)
    return MODELS[name](info())


def parse_number(arg: str, what: str) -> int:
    try:
        return int(gdb.parse_and_eval(arg)) if arg.strip() else None
    except gdb.error:
        raise MMError(f"{what} {arg!r} is not a number or expression") from None


# --- one page -------------------------------------------------------------------------------

def page_flags_text(flags: int, gi: dict) -> str:
    """%pGp, with the names of mm/page_alloc_debug.c's pageflag_names[] (numbers without it)."""
    names = sym("pageflag_names") if has_symbol("pageflag_names") else None
    n = names.type.strip_typedefs().range()[1] + 1 if names is not None else 0
    parts = []
    for bit in range(gi["nr_pageflags"]):
        if flags & (1 << bit):
            name = names[bit] if bit < n else None
            parts.append(string(name) if name is not None and read(name) else f"{1 << bit:#x}")
    if gi["sections_width"]:
        parts.append(f"section={(flags >> gi['sections_pgoff']) & gi['sections_mask']}")
    parts.append(f"node={(flags >> gi['nodes_pgoff']) & gi['nodes_mask']}")
    parts.append(f"zone={(flags >> gi['zones_pgoff']) & gi['zones_mask']}")
    return f"{flags:#x}(" + "|".join(parts) + ")"


def zone_of_pfn(pfn: int):
    for nid, zi, z in zones():
        start, spanned = read(z["zone_start_pfn"]), read(z["spanned_pages"])
        if spanned and start <= pfn < start + spanned:
            return nid, zi
    return None


def page_text(pfn: int) -> str:
    gi = info()
    model = memory_model()
    if not model.pfn_valid(pfn):
        return (f"page: pfn {pfn:#x} has no struct page (pfn_valid() is false under {model.name}): "
                "not RAM the memory map covers\n")
    addr = model.pfn_to_page(pfn)
    page = gdb.Value(addr).cast(gdb.lookup_type("struct page").pointer()).dereference()
    flags = read(page["flags"])
    mapcount = read(page["_mapcount"])
    mapcount = mapcount - (1 << 32) if mapcount >= 1 << 31 else mapcount
    raw = bytes(gdb.selected_inferior().read_memory(addr, gi["sizeof_struct_page"]))
    words = [int.from_bytes(raw[i:i + 4], "little") for i in range(0, len(raw), 4)]
    lines = [f"page:{addr:08x} refcount:{read(page['_refcount'])} mapcount:{mapcount + 1} "
             f"mapping:{read(page['mapping']):08x} index:{read(page['index']):#x} pfn:{pfn:#x}",
             "flags: " + page_flags_text(flags, gi),
             "raw:" + "".join(f" {w:08x}" for w in words)]
    where = zone_of_pfn(pfn)
    names = mmformat.ZONE_NAMES
    if where:
        lines.append(f"bootmm: pfn {pfn:#x} is in node {where[0]}, zone {names[where[1]]} by the zone "
                     f"spans; its flags say node {(flags >> gi['nodes_pgoff']) & gi['nodes_mask']}, "
                     f"zone {names[(flags >> gi['zones_pgoff']) & gi['zones_mask']]}")
    else:
        lines.append(f"bootmm: pfn {pfn:#x} is in no zone's span")
    lines.append(buddy_line(pfn, model, gi))
    return "\n".join(lines) + "\n"


def buddy_line(pfn: int, model, gi: dict) -> str:
    """Is the page in a free block: the heads of the blocks that would hold it."""
    for order in range(gi["max_order"]):
        head = pfn & ~((1 << order) - 1)
        if not model.pfn_valid(head):
            break
        p = gdb.Value(model.pfn_to_page(head)).cast(gdb.lookup_type("struct page").pointer())
        page_type = u(read(p["page_type"]))
        is_buddy = (page_type & (gi["page_type_base"] | gi["pg_buddy"])) == gi["page_type_base"]
        if is_buddy and read(p["private"]) >= order:
            o = read(p["private"])
            if head == pfn:
                return f"bootmm: buddy: free, the head of a block of order {o} ({1 << o} pages)"
            return f"bootmm: buddy: free, inside the block of order {o} at pfn {head:#x}"
    return "bootmm: buddy: not free (no block of the buddy allocator holds it)"


# --- the bar ----------------------------------------------------------------------------------

def memmap_text() -> str:
    memory = memblock_regions("memory")
    reserved = memblock_regions("reserved")
    node_list = [(nid, read(p["node_start_pfn"]), read(p["node_spanned_pages"])) for nid, p in nodes()]
    zone_list = [(nid, zi, read(z["zone_start_pfn"]), read(z["spanned_pages"])) for nid, zi, z in zones()]
    return mmformat.render_memmap(memory, reserved, node_list, zone_list, free_blocks())


# --- the commands ---------------------------------------------------------------------------------

class MMCommand(gdb.Command):
    """Base: runs self.show(arg) and prints its text or the reason it cannot."""
    usage = ""

    def __init__(self, name: str):
        super().__init__(name, gdb.COMMAND_DATA)
        self.cmd_name = name

    def invoke(self, arg, from_tty):
        try:
            gdb.write(self.show(arg.strip()))
        except MMError as exc:
            gdb.write(f"{self.cmd_name}: {exc}\n")
        except gdb.MemoryError as exc:
            gdb.write(f"{self.cmd_name}: cannot read the kernel's memory ({exc}): is the MMU on? "
                      "Stop at start_kernel or later\n")

    def show(self, arg: str) -> str:
        raise NotImplementedError

    def number(self, arg: str) -> int:
        """The one argument, a number or expression; the usage line when it is missing."""
        value = parse_number(arg, self.usage.lower())
        if value is None:
            raise MMError(f"usage: {self.cmd_name} {self.usage}")
        return value


class MMDmesg(MMCommand):
    """The printk log buffer, every record: what the shell's dmesg prints.
Usage: mm-dmesg"""

    def show(self, arg):
        t = gdb.lookup_type("struct printk_log")
        off = {f.name: f.bitpos // 8 for f in t.fields()}
        size = {f.name: f.type.sizeof for f in t.fields()}
        # The buffer is a ring (kernel/printk.c): records log_first_seq ..
        # log_next_seq from log_first_idx on; a header of len 0 sends the walk
        # back to the array's start.
        buf_len = gdb.parse_and_eval("sizeof(__log_buf)")
        buf = bytes(gdb.selected_inferior().read_memory(read(sym("&__log_buf[0]")), int(buf_len)))
        first_seq, next_seq = read(sym("log_first_seq")), read(sym("log_next_seq"))
        lines = []
        if first_seq:
            lines.append(f"dmesg: the {first_seq} oldest records were overwritten (the log buffer is a ring)")
        pos = read(sym("log_first_idx"))
        for _ in range(next_seq - first_seq):
            field = lambda name: int.from_bytes(buf[pos + off[name]:pos + off[name] + size[name]], "little")
            if field("len") == 0:
                pos = 0
            ts, length, text_len = field("ts_nsec"), field("len"), field("text_len")
            text = buf[pos + t.sizeof:pos + t.sizeof + text_len].decode("utf-8", errors="replace")
            lines.append(f"[{ts // 1_000_000_000:5d}.{ts % 1_000_000_000 // 1000:06d}] {text}")
            pos += length
        return "\n".join(lines) + "\n" if lines else ""


class MMMemblock(MMCommand):
    """memblock's tables, in Linux's debugfs format (the shell's memblock).
Usage: mm-memblock [memory|reserved]"""

    def show(self, arg):
        if arg in ("memory", "reserved"):
            return memblock_text(arg)
        if arg:
            raise MMError("usage: mm-memblock [memory|reserved]")
        return memblock_text("memory") + memblock_text("reserved")


class MMZones(MMCommand):
    """Every zone of every node, as /proc/zoneinfo (the shell's zoneinfo).
Usage: mm-zones"""

    def show(self, arg):
        return zoneinfo_text()


class MMBuddyinfo(MMCommand):
    """Free blocks of each order in each zone, as /proc/buddyinfo.
Usage: mm-buddyinfo"""

    def show(self, arg):
        return buddyinfo_text()


class MMPage(MMCommand):
    """One struct page, as dump_page() and the shell's page print it.
Usage: mm-page PFN"""
    usage = "PFN"

    def show(self, arg):
        return page_text(self.number(arg))


class MMPfnToPage(MMCommand):
    """The struct page of a pfn, by the kernel's memory model.
Usage: mm-pfn-to-page PFN"""

    usage = "PFN"

    def show(self, arg):
        pfn = self.number(arg)
        model = memory_model()
        if not model.pfn_valid(pfn):
            return f"pfn {pfn:#x}: no struct page (pfn_valid() is false under {model.name})\n"
        return (f"pfn {pfn:#x} -> struct page {model.pfn_to_page(pfn):#x} "
                f"({model.name}: {model.how()})\n")


class MMPageToPfn(MMCommand):
    """The pfn of a struct page address, by the kernel's memory model.
Usage: mm-page-to-pfn ADDRESS"""

    usage = "ADDRESS"

    def show(self, arg):
        addr = u(self.number(arg))
        model = memory_model()
        try:
            pfn = model.page_to_pfn(addr)	# SPARSEMEM reads page->flags there
        except (gdb.MemoryError, gdb.error, MMError):
            pfn = -1
        if pfn < 0 or not model.pfn_valid(pfn) or model.pfn_to_page(pfn) != addr:
            return f"{addr:#x} is not the address of a struct page in the memory map\n"
        return f"struct page {addr:#x} -> pfn {pfn:#x} (phys {pfn << 12:#x}, {model.name})\n"


class MMMemmap(MMCommand):
    """A bar of physical memory: nodes, zones, memblock, free blocks (the shell's memmap).
Usage: mm-memmap"""

    def show(self, arg):
        return memmap_text()


def register() -> None:
    for name, cls in (("mm-dmesg", MMDmesg), ("mm-memblock", MMMemblock), ("mm-zones", MMZones),
                      ("mm-buddyinfo", MMBuddyinfo), ("mm-page", MMPage),
                      ("mm-pfn-to-page", MMPfnToPage), ("mm-page-to-pfn", MMPageToPfn),
                      ("mm-memmap", MMMemmap)):
        cls(name)

# SPDX-License-Identifier: MIT
"""bootmm's GDB helpers, Python part: loaded by scripts/gdb/bootmm.gdb.

It puts this folder on Python's path and registers the commands of
bootmm_mm.py (mm-dmesg, mm-memblock, mm-zones, mm-buddyinfo, mm-page,
mm-pfn-to-page, mm-page-to-pfn, mm-memmap) and the session commands:

  bootmm-connect PORT [CMD]  attach to QEMU's GDB server, and check that the ELF
                             GDB has loaded is the kernel QEMU runs (CMD: the
                             command that starts that QEMU, for the messages)
  bootmm-start               run to start_kernel(), the first C function
  bootmm-phys SYMBOL         the physical address SYMBOL runs at before the MMU is on
  bootmm-hbreak-phys [SYMBOL]  a hardware breakpoint there (default: the entry
                             point, _start), with the symbols loaded at the
                             physical addresses so that list and step work in head.S

Before the MMU (ARM) or paging (x86) is on, the kernel's symbols — virtual
addresses, 0xC0... — do not match the program counter; bootmm-hbreak-phys
bridges that, and unloads its physical copy of the symbols again at the first
stop after head.S has switched to the virtual addresses.

`help user-defined` and `help mm-memmap` (etc.) describe each.
"""
import os
import re
import struct
import sys
from pathlib import Path

import gdb

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = Path(HERE).parents[1]
if HERE not in sys.path:
    sys.path.insert(0, HERE)
sys.dont_write_bytecode = True		# no __pycache__ in the source tree

import bootmm_mm  # noqa: E402

bootmm_mm.register()


def phys_of(symbol: str) -> int:
    """SYMBOL's load address: its link (virtual) address - PAGE_OFFSET + PHYS_OFFSET.

    Before the MMU is on, the kernel's virtual addresses cannot be read from the
    target; bootmm_gdbinfo is const, so GDB reads it from the ELF file instead
    (trust-readonly-sections), which holds the same bytes."""
    return virt_to_phys(int(gdb.parse_and_eval(f"(unsigned long)&{symbol}" if not symbol.startswith("*")
                                               else symbol[1:])))


def gdbinfo() -> dict:
    gdb.execute("set trust-readonly-sections on", to_string=True)
    try:
        return bootmm_mm.info()
    finally:
        gdb.execute("set trust-readonly-sections off", to_string=True)


def virt_to_phys(virt: int) -> int:
    gi = gdbinfo()
    return (virt - gi["page_offset"] + gi["phys_offset"]) & 0xffffffff


# --- is the ELF the kernel QEMU runs? ------------------------------------------------

def elf_sections(path, names=(".text", ".rodata")) -> dict:
    """{name: (load address, bytes)} of an ELF32 file's sections NAMES.

    The load address (LMA) is the physical one: where QEMU or the boot loader
    put the bytes, from the program header that holds the section."""
    data = Path(path).read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 1:
        return {}
    end = "<" if data[5] == 1 else ">"
    phoff, shoff = struct.unpack_from(end + "II", data, 28)
    phentsize, phnum, shentsize, shnum, shstrndx = struct.unpack_from(end + "HHHHH", data, 42)
    loads = []
    for i in range(phnum):
        p_type, _, vaddr, paddr, _, memsz = struct.unpack_from(end + "6I", data, phoff + i * phentsize)
        if p_type == 1:				# PT_LOAD
            loads.append((vaddr, paddr, memsz))
    shdrs = [struct.unpack_from(end + "10I", data, shoff + i * shentsize) for i in range(shnum)]
    strtab = shdrs[shstrndx][4]
    out = {}
    for sh in shdrs:
        name = data[strtab + sh[0]:data.index(b"\0", strtab + sh[0])].decode()
        if name in names:
            addr, offset, size = sh[3], sh[4], sh[5]
            lma = next((addr - v + p for v, p, m in loads if v <= addr < v + m), addr)
            out[name] = (lma, data[offset:offset + size])
    return out


def read_physical(addr: int, size: int) -> bytes:
    """SIZE bytes of guest physical memory, whether the MMU is on or not.

    QEMU's GDB server reads through the CPU's current translation; its
    Qqemu.PhyMemMode packet switches it to physical addresses for a while.
    With the MMU off (the first instruction) both are the same."""
    mode = "OK" in gdb.execute("maint packet Qqemu.PhyMemMode:1", to_string=True)
    try:
        return bytes(gdb.selected_inferior().read_memory(addr, size))
    finally:
        if mode:
            gdb.execute("maint packet Qqemu.PhyMemMode:0", to_string=True)


def runs(sections: dict) -> bool:
    """Does the guest's memory hold these sections' bytes at their load addresses?"""
    return all(read_physical(lma, len(data)) == data for lma, data in sections.values())


def make_variant(elf: Path) -> str:
    """The make options that build ELF (build/<arch>[-<model>][-<allocator>]/bootmm.elf)."""
    parts = elf.parent.name.split("-")
    opts = [f"ARCH={parts[0]}"]
    for part in parts[1:]:
        if (ROOT / "mm" / "memory_model" / f"{part}.c").exists():
            opts.append(f"MEMORY_MODEL={part}")
        else:
            opts.append(f"EARLY_ALLOCATOR={part}")
    return " ".join(opts)


def check_elf(port: str, qemu_cmd: str) -> bool:
    """True if the ELF GDB has loaded is the kernel QEMU runs; otherwise says so."""
    elf = gdb.current_progspace().filename
    mine = elf_sections(elf) if elf else {}
    if not mine:
        return True				# no ELF loaded, or not one we can read: nothing to compare
    try:
        if runs(mine):
            return True
        lma, text = mine[".text"]
        if not any(read_physical(lma, min(len(text), 4096))):
            # Nothing there yet: a boot loader (GRUB, from the ISO) loads the
            # kernel after GDB attaches, so there is nothing to compare with.
            gdb.write(f"bootmm: no kernel in QEMU's memory at {lma:#x} yet (a boot loader will put it "
                      "there): not checked against the ELF\n")
            return True
    except gdb.error as exc:
        gdb.write(f"bootmm: cannot read QEMU's memory to check {elf} against it ({exc}); going on\n")
        return True
    rel = os.path.relpath(elf, ROOT)
    gdb.write(f"bootmm: {rel} is not the kernel QEMU runs on port {port}: its .text and .rodata differ\n"
              f"bootmm: from QEMU's memory at {mine['.text'][0]:#x}, so GDB would show wrong lines, frames and\n"
              "bootmm: helper output.  Not attaching.\n")
    for other in sorted(ROOT.glob("build/*/bootmm.elf")):
        if other.resolve() != Path(elf).resolve():
            theirs = elf_sections(other)
            if theirs and theirs.keys() == mine.keys() and runs(theirs):
                port_opt = f" GDBPORT={port}" if qemu_cmd and "GDBPORT=" in qemu_cmd else ""
                gdb.write(f"bootmm: QEMU runs {other.relative_to(ROOT)}; attach to it with:\n"
                          f"bootmm:     make gdb {make_variant(other)}{port_opt}\n")
                break
    else:
        gdb.write("bootmm: no build/*/bootmm.elf matches QEMU's: the kernel was rebuilt after QEMU loaded it.\n"
                  f"bootmm: Stop QEMU, start it again ({qemu_cmd or 'make qemu-gdb'}), then make gdb again.\n")
    return False


class BootmmConnect(gdb.Command):
    """Attach to QEMU's GDB server on localhost:PORT and check that it runs this ELF.
Usage: bootmm-connect PORT [COMMAND-THAT-STARTS-QEMU]
QEMU must be running with "-S -gdb tcp::PORT" (make debug / make qemu-gdb do
that); the CPU then waits at its first instruction until you continue.
If nothing listens on PORT, it says so and which command starts QEMU.  If the
ELF GDB loaded is not the kernel QEMU runs (compared byte for byte: .text and
.rodata against QEMU's memory at their physical load addresses, so it works
before the MMU is on too), it says which build QEMU runs and quits GDB."""

    def __init__(self):
        super().__init__("bootmm-connect", gdb.COMMAND_RUNNING)

    def invoke(self, arg, from_tty):
        port, _, qemu_cmd = arg.strip().partition(" ")
        if not port.isdigit():
            raise gdb.GdbError("usage: bootmm-connect PORT [COMMAND-THAT-STARTS-QEMU]")
        qemu_cmd = qemu_cmd.strip()
        try:
            gdb.execute(f"target remote localhost:{port}")
        except gdb.error as exc:
            start = qemu_cmd or "make qemu-gdb"
            raise gdb.GdbError(
                f"bootmm: no QEMU is waiting for GDB on localhost:{port} ({exc}).\n"
                f"bootmm: Start one in another terminal:  {start}\n"
                f"bootmm: then type here:  bootmm-connect {port}\n"
                "bootmm: (or quit and use make debug, which starts QEMU and GDB together)") from None
        if not check_elf(port, qemu_cmd):
            gdb.execute("disconnect", to_string=True)
            gdb.execute("quit 1")


# --- start_kernel ----------------------------------------------------------------------

def frames_upto(limit: int = 64):
    """The newest frame and its callers, as far as GDB can unwind them."""
    try:
        frame = gdb.newest_frame()
    except gdb.error:
        return
    level = 0
    while frame is not None and level < limit:
        yield level, frame
        try:
            frame = frame.older()
        except gdb.error:
            return
        level += 1


class BootmmStart(gdb.Command):
    """Run the kernel from its first instruction to start_kernel() (kernel/main.c) and stop.
Usage: bootmm-start
It uses a hardware breakpoint, not a software one: GDB writes a software
breakpoint into memory at start_kernel's virtual address, and while the MMU is
still off (ARM) that address means nothing yet; a hardware one compares the
program counter.  The breakpoint is deleted again once it has stopped there,
so that `info breakpoints` shows only your own.
start_kernel() runs once per boot: if the kernel is already in it (make debug
has run bootmm-start for you) or past it, bootmm-start says so and does not run."""

    def __init__(self):
        super().__init__("bootmm-start", gdb.COMMAND_RUNNING)

    def invoke(self, arg, from_tty):
        if not gdb.selected_inferior().pid:
            raise gdb.GdbError("bootmm-start: not attached to QEMU: bootmm-connect PORT first "
                               "(make debug and make gdb do it)")
        for level, frame in frames_upto():
            if frame.name() == "start_kernel":
                if level == 0:
                    gdb.write("bootmm-start: already stopped in start_kernel(): nothing to run. "
                              "Go on with next, step or continue.\n")
                    gdb.execute("frame")
                else:
                    gdb.write(f"bootmm-start: start_kernel() has already run up to here (it is frame "
                              f"#{level}); it runs once per boot, so nothing to run to.\n"
                              f"bootmm-start: `frame {level}` shows its line, `continue` goes on; to "
                              "begin again, quit and start make debug again.\n")
                return
        if phys_symbols:
            # Else "hbreak start_kernel" gets two locations, one of them at the
            # physical copy's address, which start_kernel never runs at.
            drop_phys_symbols("start_kernel runs at its virtual address")
        gdb.execute("hbreak start_kernel")
        bpnum = int(gdb.parse_and_eval("$bpnum"))
        try:
            gdb.execute("continue")
        finally:
            gdb.execute(f"delete {bpnum}")
        gdb.execute("frame")


# --- before the MMU is on -------------------------------------------------------------

class BootmmPhys(gdb.Command):
    """The physical address a kernel symbol runs at before the MMU (ARM) or paging (x86) is on.
Usage: bootmm-phys SYMBOL
The ELF's symbols are virtual addresses (PAGE_OFFSET + ...), right once head.S
has turned translation on; before that the CPU runs at the physical address.
bootmm-hbreak-phys stops there and loads the symbols at those addresses."""

    def __init__(self):
        super().__init__("bootmm-phys", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            gdb.write("usage: bootmm-phys SYMBOL\n")
            return
        gdb.write(f"{arg.strip()}: physical {phys_of(arg.strip()):#010x}\n")


# The physical copy of the symbols bootmm-hbreak-phys loaded: (file, .text address) or None.
phys_symbols = None


def text_start() -> int:
    """The virtual address of the ELF's .text section."""
    out = gdb.execute("maint info sections .text", to_string=True)
    return int(re.search(r"0x([0-9a-f]+)->0x[0-9a-f]+ at 0x[0-9a-f]+: \.text ", out)[1], 16)


def load_phys_symbols() -> None:
    """The ELF's symbols a second time, with .text at its physical address.

    Then `list`, `step` and `info symbol` work in head.S while it runs at the
    physical addresses.  add-symbol-file -s .text ADDR, not -o OFFSET: with an
    offset Debian's GDB 13 finds no source lines for the relocated code."""
    global phys_symbols
    if phys_symbols:
        return
    elf = gdb.current_progspace().filename
    addr = virt_to_phys(text_start())
    gdb.execute(f"add-symbol-file {elf} -s .text {addr:#x}", to_string=True)
    phys_symbols = (elf, addr)
    gdb.write(f"bootmm: symbols loaded a second time with .text at its physical address {addr:#x} "
              "(list, step and bt work in head.S); unloaded again once the MMU is on\n")


def drop_phys_symbols(why: str) -> None:
    global phys_symbols
    gdb.execute(f"remove-symbol-file -a {phys_symbols[1]:#x}", to_string=True)
    phys_symbols = None
    gdb.write(f"bootmm: {why}: the physical copy of the symbols is unloaded\n")


def unload_phys_symbols(event=None) -> None:
    """At a stop with the program counter at a virtual address, drop the physical copy.

    Once head.S has switched to the virtual addresses and dropped the identity
    mapping, the physical copy only gets in the way: every `break FUNCTION`
    would get a second location that cannot be inserted."""
    if not phys_symbols:
        return
    try:
        pc = int(gdb.parse_and_eval("$pc")) & 0xffffffff
    except gdb.error:
        return
    if pc >= gdbinfo()["page_offset"]:
        drop_phys_symbols("running at the virtual addresses now")


class BootmmHbreakPhys(gdb.Command):
    """A hardware breakpoint at a symbol's physical address: stops in head.S before the MMU is on.
Usage: bootmm-hbreak-phys [SYMBOL]
Without SYMBOL: the kernel's entry point, _start, its first instruction.
_text is taken to mean the entry point too: on x86 it is the multiboot header
(data the loader reads), which the CPU never executes.
A software breakpoint would be written at the virtual address, which means
nothing yet; a hardware one compares the program counter.  The symbols are
loaded a second time at the physical addresses, so that `list`, `step`,
`next` and `bt` work in head.S; they are unloaded again at the first stop
after the kernel runs at its virtual addresses."""

    def __init__(self):
        super().__init__("bootmm-hbreak-phys", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        symbol = arg.strip() or "_start"
        if symbol == "_text" and phys_of("_text") != phys_of("_start"):
            gdb.write("bootmm: _text is the multiboot header, data the loader reads, not code: "
                      "the CPU starts at _start; stopping there\n")
            symbol = "_start"
        addr = phys_of(symbol)
        load_phys_symbols()
        gdb.execute(f"hbreak *{addr:#x}")


BootmmConnect()
BootmmStart()
BootmmPhys()
BootmmHbreakPhys()
gdb.events.stop.connect(unload_phys_symbols)

# SPDX-License-Identifier: MIT
"""bootmm's GDB helpers, Python part: loaded by scripts/gdb/bootmm.gdb.

It puts this folder on Python's path and registers the commands of
bootmm_mm.py (mm-dmesg, mm-memblock, mm-zones, mm-buddyinfo, mm-page,
mm-pfn-to-page, mm-page-to-pfn, mm-memmap) and two for the first
instructions, before the MMU (ARM) or paging (x86) is on, when the kernel's
symbols — virtual addresses, 0xC0... — do not yet match the program counter:

  bootmm-phys SYMBOL         the physical address SYMBOL runs at before the MMU is on
  bootmm-hbreak-phys SYMBOL  a hardware breakpoint there (stops in head.S)

`help user-defined` and `help mm-memmap` (etc.) describe each.
"""
import os
import sys

import gdb

HERE = os.path.dirname(os.path.abspath(__file__))
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
    gdb.execute("set trust-readonly-sections on", to_string=True)
    try:
        gi = bootmm_mm.info()
    finally:
        gdb.execute("set trust-readonly-sections off", to_string=True)
    virt = int(gdb.parse_and_eval(f"(unsigned long)&{symbol}" if not symbol.startswith("*") else symbol[1:]))
    return (virt - gi["page_offset"] + gi["phys_offset"]) & 0xffffffff


class BootmmPhys(gdb.Command):
    """The physical address a kernel symbol runs at before the MMU (ARM) or paging (x86) is on.
Usage: bootmm-phys SYMBOL
The ELF's symbols are virtual addresses (PAGE_OFFSET + ...), right once head.S
has turned translation on; before that the CPU runs at the physical address.
To see head.S's lines with physical symbols, load the symbols a second time
at the physical offset:  add-symbol-file build/arm/bootmm.elf -o 0x80000000
(ARM: PHYS_OFFSET - PAGE_OFFSET = 0x40000000 - 0xc0000000) or -o 0x40000000 (x86)."""

    def __init__(self):
        super().__init__("bootmm-phys", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            gdb.write("usage: bootmm-phys SYMBOL\n")
            return
        gdb.write(f"{arg.strip()}: physical {phys_of(arg.strip()):#010x}\n")


class BootmmHbreakPhys(gdb.Command):
    """A hardware breakpoint at a symbol's physical address: stops in head.S before the MMU is on.
Usage: bootmm-hbreak-phys SYMBOL      (e.g. bootmm-hbreak-phys _text on ARM: 0x40010000)
A software breakpoint would be written at the virtual address, which means
nothing yet; a hardware one compares the program counter."""

    def __init__(self):
        super().__init__("bootmm-hbreak-phys", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            gdb.write("usage: bootmm-hbreak-phys SYMBOL\n")
            return
        gdb.execute(f"hbreak *{phys_of(arg.strip()):#x}")


BootmmPhys()
BootmmHbreakPhys()

# SPDX-License-Identifier: MIT
#
# GDB commands for debugging bootmm under QEMU, loaded by `make debug` and
# `make gdb` (gdb-multiarch -x scripts/gdb/bootmm.gdb build/<arch>/bootmm.elf).
#
#   bootmm-connect PORT   attach to QEMU's GDB server (QEMU started with -S -gdb tcp::PORT)
#                         and check that this ELF is the kernel QEMU runs
#   bootmm-start          run to start_kernel(), the first C function, and stop there
#                         (make debug has done it; again, it only says where you are)
#   bootmm-first-hour     the commands a first session needs, in one list
#
# After that the usual commands work: `next`/`step` through start_kernel(),
# `break memblock_add`, `print boot_command_line`, `bt`, `info registers`.
# The kernel's symbols are its virtual addresses (0xC0...), valid once head.S
# has turned paging/the MMU on; start_kernel() runs after that on both arches.
# Before that, bootmm-hbreak-phys [SYMBOL] stops at the symbol's physical address
# (default: the entry point _start) and loads the symbols there, for list and step.
#
# scripts/gdb/bootmm.py adds the memory helpers (Python, scripts/gdb/bootmm_mm.py),
# which print what the kernel's serial shell prints: mm-dmesg, mm-memblock,
# mm-zones, mm-buddyinfo, mm-page PFN, mm-pfn-to-page PFN, mm-page-to-pfn ADDR,
# mm-memmap.  They work at any breakpoint once the structure they read exists,
# and say what has not run yet before that.

# A debugging session, not a pager: print everything, ask nothing.
set pagination off
set confirm off
# QEMU may take a moment to open its port: keep trying `target remote` for 15 s
# (make debug starts both at once; make gdb, where QEMU must be waiting, shortens it).
set tcp auto-retry on
set tcp connect-timeout 15

# bootmm-connect, bootmm-start and the pre-MMU commands are Python (bootmm.py):
# they check what the target is doing before they act, which the CLI cannot.
# The Python helpers: make debug and make gdb run GDB from the top of the tree.
source scripts/gdb/bootmm.py

define bootmm-first-hour
  echo Where am I:           frame, bt, info registers, list\n
  echo Step:                 next (over calls), step (into them), finish (out), continue\n
  echo memblock being built: break memblock_add, continue, print/x base, print/x size, finish\n
  echo                       then: mm-memblock memory (the table so far)\n
  echo After free_area_init: break kernel_finish_boot, continue, then mm-zones, mm-memmap,\n
  echo                       mm-page 0x100, mm-pfn-to-page 0x100, mm-dmesg\n
  echo Before the MMU is on: bootmm-hbreak-phys (the entry point, _start), then list, step, bt\n
  echo Help on any of them:  help mm-memmap, help user-defined\n
end
document bootmm-first-hour
Print the handful of commands a first session with bootmm needs (docs/first-hour.md walks them).
end

echo bootmm: 'bootmm-first-hour' lists what to try; 'bootmm-start' runs to start_kernel() unless you are there.\n

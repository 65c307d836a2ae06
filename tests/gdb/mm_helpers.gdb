# SPDX-License-Identifier: MIT
#
# The memory helpers of scripts/gdb/bootmm_mm.py, in a scripted `make debug`
# session run by tests/gdb/gdbtest.py after `bootmm-connect PORT` and
# `bootmm-start`.  First at start_kernel, where nothing is set up yet and each
# helper must say so; then at shell_run(), the end of the boot, where each
# helper's output is compared with what the kernel's own shell prints for
# the same boot (the runner boots it a second time and types the commands).
# The "@@" lines mark the sections the runner checks.

echo @@ early-zones\n
mm-zones
echo @@ early-memmap\n
mm-memmap
echo @@ early-page\n
mm-page 0x100

echo @@ to-shell\n
hbreak shell_run
continue

echo @@ memblock-memory\n
mm-memblock memory
echo @@ memblock-reserved\n
mm-memblock reserved
echo @@ zones\n
mm-zones
echo @@ buddyinfo\n
mm-buddyinfo
echo @@ memmap\n
mm-memmap
# The first page of the kernel's code, and one in the middle of the last memory range.
set $kpfn = ((unsigned long)_text - bootmm_gdbinfo.page_offset + bootmm_gdbinfo.phys_offset) >> 12
set $last = memblock.memory.regions[memblock.memory.cnt - 1]
set $mpfn = ($last.base + $last.size / 2) >> 12
echo @@ page-kernel\n
mm-page $kpfn
echo @@ page-middle\n
mm-page $mpfn
echo @@ pfn-to-page\n
mm-pfn-to-page $kpfn
echo @@ page-to-pfn\n
python
import bootmm_mm
page = bootmm_mm.memory_model().pfn_to_page(int(gdb.parse_and_eval("$kpfn")))
gdb.execute(f"mm-page-to-pfn {page:#x}")
gdb.execute(f"mm-page-to-pfn {page + 1:#x}")
end
echo @@ dmesg\n
mm-dmesg
echo @@ phys\n
bootmm-phys _text
echo @@ bad-input\n
mm-page
mm-memblock bogus
mm-page 0xfffff000

# Power off from here: the kernel waits in the shell for input that never comes.
echo @@ poweroff\n
jump machine_power_off

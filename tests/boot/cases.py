# SPDX-License-Identifier: MIT
"""The boot test cases run by tests/boot/boottest.py.

Most cases exist once per arch (x86, arm) and boot the kernel with
`make -s run ARCH=.. MEM=.. CMDLINE=..`.  Expected lines are the kernel's log
text without the timestamp.  Where Linux 6.1 prints the same line, the golden
cases compare ours with tests/golden/linux/*.log (real Debian kernels booted on
the same QEMU machines) through same_as_golden(); add a prefix there to compare
one more line, or block=True for a whole indented table such as "Zone ranges:".
"""
import re
from pathlib import Path

from boottest import GOLDEN_DIR, golden_lines, PANIC_STATUS, Case, check_clock_runs, golden_qemu, same_as_golden

BANNER = r"^bootmm version \S+ \((x86|arm)\) \(.*\) #1$"
CONSOLE = {"x86": "ttyS0", "arm": "ttyAMA0"}
CLOCK = {"x86": r"^tsc: Detected \d+\.\d{3} MHz processor$",
         "arm": r"^arch_timer: cp15 timer\(s\) running at \d+\.\d{2}MHz"}
POWER_DOWN = "reboot: Power down"


def per_arch(arch: str) -> list:
    console = f"printk: console [{CONSOLE[arch]}] enabled"
    model = ("OF: fdt: Machine model: linux,dummy-virt",) if arch == "arm" else ()
    return [
        Case(f"{arch}-default", arch, "poweroff",
             regex=(BANNER, CLOCK[arch]),
             lines=model + (console, "Kernel command line: poweroff", POWER_DOWN),
             absent=("Unknown kernel command line parameters",),
             doc="a plain boot that powers off: QEMU exits 0"),
        # quiet: console_loglevel 4, so only levels 0-3 reach the console.  The
        # banner and "Kernel command line:" are notice (5), the console and clock
        # lines info (6): none may show.  Linux prints the power-down line at
        # emerg level (kernel_power_off), so that one line may.
        Case(f"{arch}-quiet", arch, "quiet poweroff",
             absent=(r"^bootmm version", "^Kernel command line:", "^printk: console",
                     CLOCK[arch], rf"^(?!{POWER_DOWN}$)"),
             doc="quiet hides everything below warning level"),
        Case(f"{arch}-quiet-ignore-loglevel", arch, "quiet ignore_loglevel poweroff",
             regex=(BANNER,),
             lines=("Kernel command line: quiet ignore_loglevel poweroff",),
             doc="ignore_loglevel shows everything, quiet or not"),
        # loglevel=6: notice (5) shows, info (6) does not — the limit is exclusive.
        Case(f"{arch}-loglevel6", arch, "loglevel=6 poweroff",
             regex=(BANNER,),
             lines=("Kernel command line: loglevel=6 poweroff",),
             absent=("^printk: console", CLOCK[arch]),
             doc="loglevel=N shows levels below N only"),
        Case(f"{arch}-ignore-loglevel", arch, "loglevel=8 ignore_loglevel poweroff",
             regex=(BANNER,),
             lines=("printk: debug: ignoring loglevel setting.", console,
                    "Kernel command line: loglevel=8 ignore_loglevel poweroff"),
             doc="ignore_loglevel announces itself"),
        # Linux lists the options with a value (init's environment) first.
        Case(f"{arch}-unknown-options", arch, "foo bar=1 poweroff",
             lines=("Kernel command line: foo bar=1 poweroff",
                    'Unknown kernel command line parameters "bar=1 foo", '
                    "will be passed to user space.", POWER_DOWN),
             doc="options nobody handles are reported, in Linux's order"),
        Case(f"{arch}-timestamps", arch, "loglevel=8 poweroff",
             regex=(CLOCK[arch],),
             checks=(check_clock_runs,),
             doc="timestamps never go back and the clock runs (monotonic: every case)"),
        Case(f"{arch}-mem1G", arch, "poweroff", mem="1G",
             lines=("Kernel command line: poweroff", POWER_DOWN),
             doc="boots with 1 GiB of RAM"),
        Case(f"{arch}-mem3G", arch, "poweroff", mem="3G",
             lines=("Kernel command line: poweroff", POWER_DOWN),
             doc="boots with 3 GiB of RAM (highmem on both arches)"),
    ]


SPECIAL = [
    # GRUB from an ISO: multiboot2 instead of QEMU's multiboot v1.  The ISO takes
    # its command line from CMDLINE at `make iso` time.
    Case("x86-grub-iso", "x86", "foo=1 poweroff", targets=("iso", "run-iso"), timeout=120,
         regex=(BANNER,),
         lines=("Kernel command line: foo=1 poweroff",
                'Unknown kernel command line parameters "foo=1", will be passed to user space.',
                POWER_DOWN),
         doc="make iso + make run-iso: GRUB's multiboot2 command line"),
    # memmap=exactmap empties the memory map and adds nothing back: Linux's
    # early_panic("Invalid user supplied memory map"); poweroff makes QEMU exit 3.
    Case("x86-panic-exactmap", "x86", "memmap=exactmap poweroff", status=PANIC_STATUS, timeout=30,
         lines=("Kernel panic - not syncing: Invalid user supplied memory map",),
         absent=(f"^{POWER_DOWN}$",),
         doc="a panic from the command line; QEMU exits with status 3"),
    # QEMU starts an ELF bare, with r2 = 0: no device tree, so no memory and no
    # command line.  The kernel must say so and panic; poweroff makes QEMU exit 3.
    # Without a device tree there is no command line either, so no "poweroff":
    # the kernel reports the problem, panics and halts, as Linux would.
    Case("arm-panic-no-dtb", "arm", "poweroff", status=PANIC_STATUS, timeout=30,
         make_vars={"QEMU_KERNEL": "build/arm/bootmm.elf"},
         halts_after="---[ end Kernel panic",
         regex=(BANNER, "device tree", "r2=0x00000000", "^Kernel panic - not syncing: "),
         doc="booting the ELF (no DTB) reports it in Linux's words, panics and halts"),
]

# Real Linux boot logs with the same QEMU machine, memory and command line: every
# i386 and armhf golden in tests/golden/linux (arm64's are for the NUMA format only).
GOLDENS = sorted(p.stem for p in GOLDEN_DIR.glob("*.log") if p.stem.startswith(("i386-", "armhf-"))
                 and not p.stem.endswith("-initrd"))
GOLDEN_ARCH = {"i386": "x86", "armhf": "arm"}
# Lines bootmm prints exactly as Linux does ("re:" marks a regex matched at the start).
COMMON_LINES = ["printk: debug: ignoring loglevel setting.",
                "Unknown kernel command line parameters",
                "Initmem setup node"]
GOLDEN_LINES = {
    "x86": COMMON_LINES + ["BIOS-provided physical RAM map:", "BIOS-e820:", "user-defined physical RAM map:",
                           "user:", "e820: update", "e820: remove", "last_pfn =",
                           r"re:\d+MB HIGHMEM available\.$"],
    "arm": COMMON_LINES + ["OF: fdt: Machine model:"],
}
# Blocks compared whole: the heading and the indented lines under it.
GOLDEN_BLOCKS = {
    "x86": [r"re:\d+MB LOWMEM available\.$", "Zone ranges:", "Movable zone start for each node",
            "Early memory node ranges"],
    "arm": ["Zone ranges:", "Movable zone start for each node", "Early memory node ranges"],
}
# Linux 6.1 keeps "On node N totalpages" at pr_debug, never printed; bootmm prints it
# (as older kernels did) with loglevel=8, so it is left out of the comparison.
ON_NODE = ("On node ", r"On node \d+ totalpages")


MEMORY_RE = r"^Memory: (\d+)K/(\d+)K available"


def same_memory_total(name: str):
    """A check: the second number of "Memory: a/bK available" is Linux's b.

    b is the pages present in all zones, in KiB: it depends only on the memory
    map, so it must be equal.  a (free) and the parenthesised figures depend on
    each kernel's own size and reservations, and are explained in docs/buddy.md.
    """
    def check(lines: list):
        want = [re.match(MEMORY_RE, t).group(2) for t in (l.text for l in golden_lines(name))
                if re.match(MEMORY_RE, t)]
        got = [re.match(MEMORY_RE, l.text).group(2) for l in lines if re.match(MEMORY_RE, l.text)]
        if want and got == want:
            return None
        return f"Memory: total {got} differs from Linux's {want} (golden/linux/{name}.log)"
    check.__name__ = f"same_memory_total({name})"
    return check


def golden_case(name: str) -> Case:
    arch = GOLDEN_ARCH[name.split("-")[0]]
    mem, cmdline = golden_qemu(name)
    # Our cmdline has " poweroff" added, so that QEMU exits: the only difference.
    checks = [same_as_golden(name, "Kernel command line:",
                             edit=lambda lines: [line + " poweroff" for line in lines])]
    checks += [same_as_golden(name, prefix) for prefix in GOLDEN_LINES[arch]]
    checks += [same_as_golden(name, prefix, block=True) for prefix in GOLDEN_BLOCKS[arch]]
    checks += [same_as_golden(name, ON_NODE[0], skip=ON_NODE[1])]
    if any(re.match(MEMORY_RE, l.text) for l in golden_lines(name)):
        checks += [same_memory_total(name)]
    return Case(f"{arch}-golden-{name}", arch, cmdline + " poweroff", mem=mem,
                checks=tuple(checks), lines=(POWER_DOWN,),
                doc=f"Linux's command line from golden/linux/{name}.cmd; lines as in its log")


def end_of_boot_cases(arch: str) -> list:
    """The end of the pipeline: the buddy allocator's lines, freeing __init memory."""
    golden = {"x86": "i386-m1G", "arm": "armhf-m1G"}[arch]
    zone_checks = tuple(same_as_golden(golden, p, block=True) for p in GOLDEN_BLOCKS[arch]) + (
        same_memory_total(golden),)
    return [
        Case(f"{arch}-end-of-boot", arch, "poweroff", mem="1G",
             regex=(r"^Built 1 zonelists, mobility grouping on\.  Total pages: \d+$",
                    r"^mem auto-init: stack:off, heap alloc:(on|off), heap free:(on|off)$",
                    MEMORY_RE + r" \(\d+K kernel code, \d+K rwdata, \d+K rodata, \d+K init, "
                    r"\d+K bss, \d+K reserved, \d+K cma-reserved, \d+K highmem\)$",
                    r"^Freeing unused kernel image \(initmem\) memory: [1-9]\d*K$"),
             checks=(same_memory_total(golden),), lines=(POWER_DOWN,),
             doc="zonelists, mem auto-init, the Memory: line (total as Linux's), init memory freed"),
        # The same machine with the other early allocator: the same zones and total.
        Case(f"{arch}-early-allocator-memblock", arch, "poweroff", mem="1G",
             make_vars={"EARLY_ALLOCATOR": "memblock"},
             lines=("bootmem: none: memblock stays the early allocator", POWER_DOWN),
             checks=zone_checks,
             doc="EARLY_ALLOCATOR=memblock: identical zone block and Memory: total"),
        Case(f"{arch}-early-allocator-bootmem", arch, "poweroff", mem="1G",
             regex=(r"^bootmem: node 0 bitmap at 0x[0-9a-f]+, \d+ pages$",),
             lines=(POWER_DOWN,), checks=zone_checks,
             doc="EARLY_ALLOCATOR=bootmem (the default): the same zone block and total"),
        # The buddy allocator's self test, with each early allocator (and, through
        # run-tests.sh's models part, each memory model).
        Case(f"{arch}-page-alloc-selftest", arch, "page_alloc_selftest poweroff", mem="1G",
             regex=(r"^page_alloc_selftest: \d+ allocations of orders 0-10 in [23] zones: "
                    r"free lists restored, OK$",),
             lines=(POWER_DOWN,),
             doc="allocate and free every order in every zone; the free lists come back exactly"),
        Case(f"{arch}-page-alloc-selftest-memblock", arch, "page_alloc_selftest poweroff", mem="1G",
             make_vars={"EARLY_ALLOCATOR": "memblock"},
             regex=(r"^page_alloc_selftest: \d+ allocations of orders 0-10 in [23] zones: "
                    r"free lists restored, OK$",),
             lines=(POWER_DOWN,),
             doc="the same self test when memblock was the early allocator"),
        # An __init function called after free_initmem(): an explained fault, not success.
        Case(f"{arch}-initmem-freed-call", arch, "initmem_test poweroff", status=PANIC_STATUS,
             regex=(r"^Freeing unused kernel image \(initmem\) memory: \d+K$",
                    r"^BUG: kernel tried to execute freed __init memory at [0-9a-f]{8}$",
                    r"^Kernel panic - not syncing: Fatal exception"),
             absent=("freed __init code ran!",),
             doc="initmem_test calls an __init function after the free: it traps, with a report"),
    ]


CASES = per_arch("x86") + per_arch("arm") + SPECIAL + [golden_case(n) for n in GOLDENS]
CASES += end_of_boot_cases("x86") + end_of_boot_cases("arm")

# The ARM device-tree scenarios and mem= cases live in cases_dt.py, with their own
# helpers; taken in whenever that file is there.
if (Path(__file__).parent / "cases_dt.py").exists():
    from cases_dt import DT_CASES
    CASES += DT_CASES

# The serial shell's cases (kernel/shell.c) live in cases_shell.py: they type
# commands at the prompt instead of reading a boot log.
if (Path(__file__).parent / "cases_shell.py").exists():
    from cases_shell import SHELL_CASES
    CASES += SHELL_CASES

# The memory models' cases (MEMORY_MODEL=flatmem|sparsemem|vmemmap, with memmap_check)
# live in cases_models.py, with their own arithmetic of what mem_map costs.
if (Path(__file__).parent / "cases_models.py").exists():
    from cases_models import MODEL_CASES
    CASES += MODEL_CASES

# Memory hot-plug's cases (mm/bootmem_info.c) live in cases_hotplug.py.
if (Path(__file__).parent / "cases_hotplug.py").exists():
    from cases_hotplug import HOTPLUG_CASES
    CASES += HOTPLUG_CASES

# zoneinfo and meminfo against a real Linux's /proc files (the -initrd goldens)
# live in cases_meminfo.py.
if (Path(__file__).parent / "cases_meminfo.py").exists():
    from cases_meminfo import MEMINFO_CASES
    CASES += MEMINFO_CASES

# Hostile input (issue 19): bad command lines, trees and shell commands, each
# refused with a message; cases_hostile.py builds the bad inputs itself.
if (Path(__file__).parent / "cases_hostile.py").exists():
    from cases_hostile import HOSTILE_CASES
    CASES += HOSTILE_CASES
# Seeded random shell sessions, accounting checked every 25 commands, live in
# cases_random.py (FLATMEM here; the sparse models' under --model).
if (Path(__file__).parent / "cases_random.py").exists():
    from cases_random import RANDOM_CASES
    CASES += RANDOM_CASES

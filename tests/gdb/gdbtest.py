#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Scripted GDB sessions against bootmm in QEMU: the `make debug` flow, tested.

For each case QEMU is started as `make debug` starts it — `make run` with
"-S -gdb tcp::PORT -serial file:LOG -monitor none -display none" added, on a
free port — and gdb-multiarch runs in batch mode the way `make debug` runs it:
scripts/gdb/bootmm.gdb, `bootmm-connect PORT`, `bootmm-start`, then the case's
own command file from tests/gdb/.  The runner checks GDB's output (sections
marked "@@ name" by the script), QEMU's exit status and the serial log.  QEMU
is killed afterwards whatever happens; every session has a hard timeout.
Logs go to build/tests/gdb/.

  tests/gdb/gdbtest.py [-k PATTERN]... [-j N] [--list] [--no-build] [--broken ARCH]
"""
import dataclasses
import difflib
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Optional

sys.dont_write_bytecode = True		# no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "boot"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import boottest  # noqa: E402  (shared helpers: process groups, log parsing)
import terminal  # noqa: E402  (sessions typed at a terminal: Ctrl-C, make qemu-gdb + make gdb)
from boottest import PANIC_STATUS, ROOT, kernel_lines, kill_group, qemu_status  # noqa: E402

LOG_DIR = ROOT / "build" / "tests" / "gdb"
SESSION_TIMEOUT = 60		# GDB's whole session
QEMU_EXIT_TIMEOUT = 15		# QEMU's exit once GDB is done
FRAME_RE = re.compile(r"^#0\s+(?:0x[0-9a-f]+ in )?(\w+) \(.*\) at ([\w./-]+):(\d+)$", re.M)


@dataclasses.dataclass
class GdbCase:
    name: str
    arch: str
    cmdline: str
    script: str				# tests/gdb/<script>
    status: int = 0			# QEMU's expected exit status
    loglevel_before: Optional[int] = None	# console_loglevel at start_kernel
    loglevel_after: Optional[int] = None	# ... once setup_arch() has run
    serial_lines: tuple = ()		# exact kernel lines the serial log must have
    serial_regex: tuple = ()
    gdb_regex: tuple = ()		# patterns GDB's output must match
    shell_compare: bool = False		# compare mm_helpers.gdb's sections with the shell's output
    doc: str = ""
    runner: Optional[Callable] = None	# a terminal session (terminal.py) instead of a batch one
    make_vars: dict = dataclasses.field(default_factory=dict)	# a variant kernel the case needs built


CASES = []
for _arch in ("x86", "arm"):
    CASES += [
        GdbCase(f"gdb-start-kernel-{_arch}", _arch, "poweroff", "start_kernel.gdb",
                loglevel_before=7, loglevel_after=7,
                serial_lines=("Kernel command line: poweroff", "reboot: Power down"),
                doc="bootmm-start stops in start_kernel; next; boot_command_line after setup_arch"),
        GdbCase(f"gdb-quiet-{_arch}", _arch, "quiet poweroff", "start_kernel.gdb",
                loglevel_before=7, loglevel_after=4,
                doc="console_loglevel is 7 before setup_arch() and 4 after it parsed quiet"),
    ]
# The memory helpers against the kernel's own shell: the same boot twice, once
# stopped in GDB at shell_run(), once driven through the serial shell.
# ignore_loglevel puts every record on the console, so mm-dmesg must equal the
# serial log line for line.
for _arch in ("x86", "arm"):
    CASES.append(GdbCase(f"gdb-mm-helpers-{_arch}", _arch, "ignore_loglevel", "mm_helpers.gdb",
                         shell_compare=True,
                         doc="mm-* helpers print what the shell prints for the same boot"))
CASES.append(
    GdbCase("gdb-panic-x86", "x86", "poweroff", "panic_x86.gdb", status=PANIC_STATUS,
            serial_regex=(r"^multiboot: bad magic 0x00000000 in eax",
                          r"^Kernel panic - not syncing: multiboot: "),
            # isa-debug-exit ends QEMU without telling GDB the status: either message will do.
            gdb_regex=(r"exited with code 03\]|^Remote connection closed",),
            doc="x86's panic path (no multiboot hand-over), forced from GDB: QEMU exits 3"))
# Typed at a terminal, as a student does (terminal.py).
for _arch in ("x86", "arm"):
    CASES += [
        GdbCase(f"gdb-ctrl-c-{_arch}", _arch, "", "", runner=terminal.make_debug_session,
                doc="make debug: bootmm-start again is a no-op, empty memblock, Ctrl-C, bt to _start, quit"),
        GdbCase(f"gdb-two-terminals-{_arch}", _arch, "", "", runner=terminal.two_terminal_session,
                make_vars={"MEMORY_MODEL": "sparsemem"},
                doc="make qemu-gdb's hint; make gdb refuses another model's ELF; hbreak-phys, list, step"),
        GdbCase(f"gdb-no-qemu-{_arch}", _arch, "", "", runner=terminal.no_qemu_session,
                doc="make gdb with no QEMU says so and which command starts one"),
    ]


def sections(output: str) -> dict:
    """GDB's output split at the script's "@@ name" lines."""
    parts = {}
    name = "prologue"
    for line in output.split("\n"):
        if line.startswith("@@ "):
            name = line[3:].strip()
            parts[name] = ""
        else:
            parts[name] = parts.get(name, "") + line + "\n"
    return parts


def frame_of(text: str) -> Optional[tuple]:
    """(function, file, line) of the last "#0 ..." frame line in text."""
    frames = FRAME_RE.findall(text)
    return (frames[-1][0], frames[-1][1], int(frames[-1][2])) if frames else None


def value_of(text: str, index: int = 0) -> Optional[str]:
    """The index-th printed value ("$3 = ...") in text."""
    values = re.findall(r"^\$\d+ = (.*)$", text, re.M)
    return values[index] if len(values) > index else None


def check_start_kernel(case: GdbCase, out: str) -> list:
    errors = []
    parts = sections(out)
    where = frame_of(parts.get("where", ""))
    if not where or where[:2] != ("start_kernel", "kernel/main.c"):
        return [f"bootmm-start did not stop in start_kernel at kernel/main.c (frame: {where})"]
    if "Breakpoint" not in parts.get("prologue", "") or "start_kernel" not in parts.get("prologue", ""):
        errors.append("bootmm-start did not report hitting its breakpoint in start_kernel")

    stepped = frame_of(parts.get("next", ""))
    if not stepped or stepped[:2] != ("start_kernel", "kernel/main.c") or stepped[2] <= where[2]:
        errors.append(f"`next` did not move forward within start_kernel: from line {where[2]} to {stepped}")
    after = frame_of(parts.get("after-setup-arch", ""))
    if not after or after[:2] != ("start_kernel", "kernel/main.c") or not stepped or after[2] <= stepped[2]:
        errors.append(f"stepping over setup_arch() did not stay in start_kernel at kernel/main.c: {after}")

    before = value_of(parts.get("loglevel-before", ""))
    if before != str(case.loglevel_before):
        errors.append(f"console_loglevel at start_kernel is {before}, expected {case.loglevel_before}")
    after_text = parts.get("after-setup-arch", "")
    level = value_of(after_text, 0)
    if level != str(case.loglevel_after):
        errors.append(f"console_loglevel after setup_arch() is {level}, expected {case.loglevel_after}")
    cmdline = value_of(after_text, 1) or ""
    m = re.match(r'"((?:[^"\\]|\\.)*)"', cmdline)
    if not m or m[1] != case.cmdline:
        errors.append(f"boot_command_line after setup_arch() is {cmdline!r}, expected {case.cmdline!r}")

    if "No breakpoints or watchpoints." not in parts.get("breakpoints", ""):
        errors.append("bootmm-start left a breakpoint behind (info breakpoints is not empty)")
    if not re.search(r"\[Inferior 1 \(process \d+\) exited normally\]", parts.get("continue", "")):
        errors.append("after `continue` GDB did not see the kernel power QEMU off")
    return errors


# --- the memory helpers against the shell -------------------------------------------

def _kernel_pfn(transcript) -> int:
    """The first pfn of the kernel's code, from the shell's iomem."""
    iomem = dict(transcript)["iomem"]
    return int(re.search(r"^  ([0-9a-f]+)-[0-9a-f]+ : Kernel code$", iomem, re.M)[1], 16) >> 12


def _middle_pfn(transcript) -> int:
    """A pfn in the middle of memblock.memory's last range."""
    last = re.findall(r"0x([0-9a-f]+)\.\.0x([0-9a-f]+)", dict(transcript)["memblock memory"])[-1]
    base, end = int(last[0], 16), int(last[1], 16)
    return (base + (end - base + 1) // 2) >> 12


SHELL_SCRIPT = ("memblock memory", "memblock reserved", "zoneinfo", "buddyinfo", "memmap", "iomem",
                lambda t: f"page {_kernel_pfn(t):#x}", lambda t: f"page {_middle_pfn(t):#x}",
                lambda t: f"pfn {_kernel_pfn(t) << 12:#x}", "poweroff")


def _no_comments(text: str) -> str:
    return "".join(line + "\n" for line in text.splitlines() if not line.startswith("#"))


def _no_pageblock(text: str) -> str:
    """The shell's page output has a pageblock line GDB does not compute."""
    return "".join(line + "\n" for line in text.splitlines() if not line.startswith("bootmm: pageblock"))


def compare_with_shell(case: GdbCase, gdb_out: str, serial_text: str) -> list:
    """Boots the same kernel with the same command line into the shell, types the
    commands behind each helper, and compares outputs; checks mm-dmesg against
    the GDB boot's own serial log and the early and bad-input messages."""
    parts = sections(gdb_out)
    errors = []
    for name in ("early-zones", "early-memmap", "early-page"):
        if "has not run" not in parts.get(name, ""):
            errors.append(f"at start_kernel, {name[6:]} did not say what has not run yet: "
                          f"{parts.get(name, '')!r}")
    bad = parts.get("bad-input", "")
    for want in ("usage: mm-page PFN", "usage: mm-memblock [memory|reserved]", "has no struct page"):
        if want not in bad:
            errors.append(f"bad input to the helpers: no {want!r} in {bad!r}")

    argv = ["make", "-s", "run", f"ARCH={case.arch}", f"CMDLINE={case.cmdline}"]
    rc, out, typed, err = boottest.run_shell_session(argv, SHELL_SCRIPT, 60, 20)
    if err or rc is None:
        return errors + [f"the shell boot for the comparison failed: {err or 'timeout'}"]
    _, transcript = boottest.shell_outputs(out, typed)
    shell = {cmd: output for cmd, output, _ in transcript}
    kpfn, mpfn = _kernel_pfn(list(shell.items())), _middle_pfn(list(shell.items()))
    pairs = [("memblock-memory", "memblock memory", _no_comments),
             ("memblock-reserved", "memblock reserved", _no_comments),
             ("zones", "zoneinfo", None), ("memmap", "memmap", None),
             ("page-kernel", f"page {kpfn:#x}", _no_pageblock),
             ("page-middle", f"page {mpfn:#x}", _no_pageblock)]
    if shell.get("buddyinfo", "").startswith("bootmm: unknown command"):
        if "has no buddy allocator yet" not in parts.get("buddyinfo", ""):
            errors.append(f"without a buddy allocator mm-buddyinfo should say so: {parts.get('buddyinfo')!r}")
    else:
        pairs.append(("buddyinfo", "buddyinfo", None))
    for section, command, norm in pairs:
        got, want = parts.get(section, ""), shell.get(command, "")
        if norm:
            got, want = norm(got), norm(want)
        if got != want or not want:
            errors.append(f"mm-{section} differs from the shell's {command!r}:\n--- gdb ---\n{got}"
                          f"--- shell ---\n{want}")
    page = re.search(r"^struct page: (0x[0-9a-f]+)", shell.get(f"pfn {kpfn << 12:#x}", ""), re.M)
    if not page or f"pfn {kpfn:#x} -> struct page {page[1]} " not in parts.get("pfn-to-page", ""):
        errors.append(f"mm-pfn-to-page {kpfn:#x}: {parts.get('pfn-to-page')!r}; the shell's pfn says "
                      f"{page[1] if page else None}")
    # bootmm-phys: where the kernel's first byte runs before the MMU is on = iomem's "Kernel code".
    if f"_text: physical {kpfn << 12:#010x}" not in parts.get("phys", ""):
        errors.append(f"bootmm-phys _text: {parts.get('phys')!r}, iomem's Kernel code starts at {kpfn << 12:#x}")
    to_pfn = parts.get("page-to-pfn", "")
    if f"-> pfn {kpfn:#x} " not in to_pfn or "is not the address of a struct page" not in to_pfn:
        errors.append(f"mm-page-to-pfn: {to_pfn!r}")
    shown = [boottest.fmt_line(line) for line in kernel_lines(serial_text)]
    dmesg = parts.get("dmesg", "").splitlines()
    if dmesg != shown:
        diff = "\n".join(difflib.unified_diff(shown, dmesg, "serial log", "mm-dmesg", lineterm="", n=1))
        errors.append(f"mm-dmesg is not the serial log (ignore_loglevel):\n{diff}")
    return errors


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("", 0))
        return s.getsockname()[1]


def run_case(case: GdbCase, broken: set) -> boottest.Result:
    if case.arch in broken:
        return boottest.Result(case, [f"the {case.arch} build failed (see above): not run"], 0.0)
    start = time.monotonic()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    if case.runner:
        log = LOG_DIR / f"{case.name}.gdb.log"
        errors = case.runner(case, free_port(), log)
        return boottest.Result(case, errors, time.monotonic() - start,
                               log.read_text(errors="replace") if log.exists() else "", log)
    serial = LOG_DIR / f"{case.name}.serial"
    serial.unlink(missing_ok=True)
    port = free_port()
    qemu_argv = ["make", "-s", "run", f"ARCH={case.arch}", f"CMDLINE={case.cmdline}",
                 f"QEMU_EXTRA=-S -gdb tcp::{port} -serial file:{serial.relative_to(ROOT)} "
                 "-monitor none -display none"]
    gdb_argv = ["gdb-multiarch", "-q", "-batch", "-nx", "-x", "scripts/gdb/bootmm.gdb",
                "-ex", f"bootmm-connect {port}", "-ex", "bootmm-start",
                "-x", f"tests/gdb/{case.script}", f"build/{case.arch}/bootmm.elf"]
    errors = []
    with tempfile.TemporaryFile() as qemu_out:
        qemu = subprocess.Popen(qemu_argv, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=qemu_out,
                                stderr=subprocess.STDOUT, start_new_session=True,
                                env=boottest.CLEAN_ENV)
        try:
            gdb_rc, gdb_out = boottest.run_bounded(gdb_argv, SESSION_TIMEOUT)
            if gdb_rc is None:
                errors.append(f"GDB hung: no exit within {SESSION_TIMEOUT} s (killed)")
            try:
                qemu_rc = qemu.wait(timeout=QEMU_EXIT_TIMEOUT)
            except subprocess.TimeoutExpired:
                qemu_rc = None
                errors.append(f"QEMU still running {QEMU_EXIT_TIMEOUT} s after GDB finished (killed)")
        finally:
            kill_group(qemu.pid)
            qemu.wait()
        qemu_out.seek(0)
        qemu_text = qemu_out.read().decode("utf-8", errors="replace")
    seconds = time.monotonic() - start

    serial_text = serial.read_text(errors="replace") if serial.exists() else ""
    (LOG_DIR / f"{case.name}.gdb.log").write_text(
        f"$ {shlex.join(qemu_argv)} &\n{qemu_text}\n$ {shlex.join(gdb_argv)}\n{gdb_out}")
    if qemu_rc is not None:
        status = qemu_status(qemu_rc, qemu_text)
        if status != case.status:
            errors.append(f"QEMU exit status {status}, expected {case.status}")
    if case.loglevel_before is not None:
        errors += check_start_kernel(case, gdb_out)
    for pattern in case.gdb_regex:
        if not re.search(pattern, gdb_out, re.M):
            errors.append(f"GDB's output does not match /{pattern}/")
    texts = [line.text for line in kernel_lines(serial_text)]
    for want in case.serial_lines:
        if want not in texts:
            errors.append(f"serial log lacks the line {want!r}")
    for pattern in case.serial_regex:
        if not any(re.search(pattern, t) for t in texts):
            errors.append(f"no serial log line matches /{pattern}/")
    if case.status != PANIC_STATUS and any("Kernel panic" in t for t in texts):
        errors.append("kernel panic: " + next(t for t in texts if "Kernel panic" in t))
    if case.shell_compare and gdb_rc is not None:
        errors += compare_with_shell(case, gdb_out, serial_text)
        seconds = time.monotonic() - start
    return boottest.Result(case, errors, seconds, gdb_out, LOG_DIR / f"{case.name}.gdb.log", serial_text)


def report(result: boottest.Result) -> None:
    if boottest.report_verdict(result) and (result.log or result.extra_log):
        print(f"    logs: build/tests/gdb/{result.case.name}.gdb.log, .serial; GDB's last lines:")
        boottest.print_tail(result.log, boottest.TAIL_LINES)
        print("    the serial log's last lines:")
        boottest.print_tail(boottest.clean(result.extra_log), 10)


def main(argv=None) -> int:
    return boottest.run_suite("gdb tests", __doc__.split("\n\n")[0], lambda: CASES, run_case, report,
                              lambda c: f"{c.name:22} {c.arch:4} CMDLINE={c.cmdline!r}  {c.doc}", argv)


if __name__ == "__main__":
    sys.exit(main())

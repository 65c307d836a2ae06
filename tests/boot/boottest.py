#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""QEMU boot tests for bootmm: boot the kernel, read its serial log, check it.

Each case (tests/boot/cases.py) boots one kernel the way a student does —
`make -s run ARCH=.. MEM=.. CMDLINE=..` with stdin closed — under a hard timeout,
then checks QEMU's exit status and the kernel's log lines (the text after the
"[    0.000000] " timestamp): lines that must appear, in order; patterns that
must or must not match; the same lines as a real Linux 6.1 boot log
(tests/golden/linux/); monotonic timestamps.  A case fails on a panic it did not
expect, a hang (the whole process group is killed), a wrong exit status or a
missing line, and the log's tail is printed.  Logs go to build/tests/boot/.

  tests/boot/boottest.py [-k PATTERN]... [-j N] [--list] [--no-build] [--broken ARCH] [--model NAME]

Standard library only.
"""
import argparse
import concurrent.futures
import dataclasses
import difflib
import fnmatch
import os
import re
import select
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Optional

# No __pycache__ in the source tree.
sys.dont_write_bytecode = True
# cases.py imports this module by name; make that the running one, not a second copy.
if __name__ == "__main__":
    sys.modules.setdefault("boottest", sys.modules["__main__"])

ROOT = Path(__file__).resolve().parents[2]
GOLDEN_DIR = ROOT / "tests" / "golden" / "linux"
LOG_DIR = ROOT / "build" / "tests" / "boot"

PANIC_TEXT = "Kernel panic - not syncing"
PANIC_STATUS = 3		# QEMU's exit status after a panic with poweroff/panic=N
TAIL_LINES = 40
BUILD_TIMEOUT = 900

# "[    0.012345] " — anywhere in a line: SeaBIOS leaves text before the first one.
TIMESTAMP_RE = re.compile(r"\[\s*(\d+)\.(\d{6})\] ")
# Terminal escape sequences (SeaBIOS and GRUB clear the screen with them).
ESCAPE_RE = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|[@-~])")
# What make prints when the command of a recipe (QEMU) exits non-zero.
MAKE_ERROR_RE = re.compile(r"^make(?:\[\d+\])?: \*\*\* \[[^\]]*\] Error (\d+)\s*$", re.M)


# --- reading logs ---------------------------------------------------------------

@dataclasses.dataclass
class Line:
    usec: int		# the timestamp, in microseconds
    text: str		# what follows "[    0.000000] "


def clean(raw: str) -> str:
    """The serial log as text: no CR (the console writes CR LF), no escape codes."""
    return ESCAPE_RE.sub("", raw.replace("\r", ""))


def kernel_lines(raw: str) -> list:
    """The kernel's timestamped lines; firmware and bootloader output is skipped."""
    lines = []
    for line in clean(raw).split("\n"):
        m = TIMESTAMP_RE.search(line)
        if m:
            lines.append(Line(int(m[1]) * 1_000_000 + int(m[2]), line[m.end():]))
    return lines


def starts(text: str, prefix: str) -> bool:
    """prefix is plain text, or "re:<pattern>" matched at the start of the line."""
    if prefix.startswith("re:"):
        return re.match(prefix[3:], text) is not None
    return text.startswith(prefix)


def extract(lines: list, prefix: str, block: bool = False, skip: str = "") -> list:
    """Texts of the lines that start with prefix.

    With block=True each such line comes with the indented lines that follow it,
    which is how Linux prints a table: "Zone ranges:" then "  DMA      [mem ...]".
    Lines matching the regex skip are left out (lines bootmm prints on purpose
    where Linux 6.1 does not, such as its debug-level zone lines).
    """
    out = []
    i = 0
    while i < len(lines):
        text = lines[i].text
        i += 1
        if not starts(text, prefix) or (skip and re.match(skip, text)):
            continue
        out.append(text)
        while block and i < len(lines) and lines[i].text[:1].isspace():
            out.append(lines[i].text)
            i += 1
    return out


_golden_cache = {}


def golden_lines(name: str) -> list:
    """The kernel lines of tests/golden/linux/NAME.log (a real Linux boot)."""
    if name not in _golden_cache:
        raw = (GOLDEN_DIR / f"{name}.log").read_text(encoding="utf-8", errors="replace")
        _golden_cache[name] = kernel_lines(raw)
    return _golden_cache[name]


def golden_qemu(name: str) -> tuple:
    """(MEM, kernel command line) of the QEMU command in tests/golden/linux/NAME.cmd."""
    argv = shlex.split((GOLDEN_DIR / f"{name}.cmd").read_text())
    return argv[argv.index("-m") + 1], argv[argv.index("-append") + 1]


def same_as_golden(name: str, prefix: str, block: bool = False,
                   edit: Optional[Callable] = None, skip: str = "") -> Callable:
    """A check: our lines starting with prefix equal the golden log's, byte for byte.

    edit, if given, maps the golden's list of texts to what we must print (for a
    known, intended difference such as our extra "poweroff" option).
    """
    def check(lines: list) -> Optional[str]:
        want = extract(golden_lines(name), prefix, block, skip)
        if edit:
            want = edit(want)
        got = extract(lines, prefix, block, skip)
        if got == want:
            return None
        diff = difflib.unified_diff(want, got, f"golden/linux/{name}.log", "bootmm", lineterm="", n=1)
        return f"lines starting with {prefix!r} differ from Linux's:\n" + "\n".join(
            "      " + d for d in diff)
    check.__name__ = f"same_as_golden({name}, {prefix!r})"
    return check


def check_monotonic(lines: list) -> Optional[str]:
    """Timestamps never go backwards."""
    for prev, cur in zip(lines, lines[1:]):
        if cur.usec < prev.usec:
            return f"timestamp goes backwards: {fmt_line(prev)!r} then {fmt_line(cur)!r}"
    return None


def check_clock_runs(lines: list) -> Optional[str]:
    """Once the clock is calibrated, some line has a non-zero timestamp."""
    if any(line.usec > 0 for line in lines):
        return None
    return "every timestamp is 0: the clock never started"


def fmt_line(line: Line) -> str:
    return f"[{line.usec // 1_000_000:5d}.{line.usec % 1_000_000:06d}] {line.text}"


# --- cases ----------------------------------------------------------------------

@dataclasses.dataclass
class Case:
    name: str
    arch: str				# "x86" or "arm"
    cmdline: str = "poweroff"
    mem: str = "128M"
    status: int = 0			# QEMU's expected exit status
    lines: tuple = ()			# exact texts that must appear, in this order
    regex: tuple = ()			# patterns each matching some line
    absent: tuple = ()			# patterns no line may match
    checks: tuple = ()			# callables (lines) -> error text or None
    targets: tuple = ("run",)		# make targets run one after the other
    make_vars: dict = dataclasses.field(default_factory=dict)	# extra VAR=value
    timeout: float = 60.0		# for all of the case's commands together
    halts_after: str = ""		# the kernel halts for good once it prints this:
					# stop QEMU there (no exit status is expected)
    doc: str = ""
    prepare: Optional[Callable] = None	# called (no arguments) before the boot: makes a bad input

    def commands(self) -> list:
        vars_ = [f"ARCH={self.arch}", f"MEM={self.mem}", f"CMDLINE={self.cmdline}"]
        vars_ += [f"{k}={v}" for k, v in self.make_vars.items()]
        if MODEL and "MEMORY_MODEL" not in self.make_vars:
            vars_ += [f"{k}={v}" for k, v in model_vars(self.arch, MODEL).items()]
        return [["make", "-s", target] + vars_ for target in self.targets]


@dataclasses.dataclass
class Result:
    case: Case
    errors: list
    seconds: float
    log: str = ""			# the cleaned output
    log_path: Optional[Path] = None
    extra_log: str = ""			# another log to show (the GDB runner's serial log)


# --- running --------------------------------------------------------------------

# Settings a surrounding `make test VAR=..` or the shell would pass on to our make
# commands: without them, a case's printed command reproduces it exactly.
INHERITED = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "ARCH", "MEM", "CMDLINE", "SMP", "QEMU_EXTRA", "V", "O",
             "MEMORY_MODEL"}
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in INHERITED}


# --- memory models -----------------------------------------------------------------
#
# `boottest.py --model NAME` boots every case with MEMORY_MODEL=NAME (the whole
# matrix, checked unchanged, for one more memory model: scripts/run-tests.sh
# models).  Each model's kernels are built in build/<arch>-<model> (O=), so that
# they never share objects with the default kernel: cases run two at a time.  A
# case naming MEMORY_MODEL itself (tests/boot/cases_models.py) keeps its own.

MODEL = ""				# --model NAME; "" is the default, flatmem


def model_vars(arch: str, model: str) -> dict:
    """The make variables that build and boot @model's kernel for @arch."""
    return {"MEMORY_MODEL": model}	# the Makefile builds each variant in its own folder


def model_builds(cases: list) -> list:
    """(arch, make variables) of each variant kernel the cases boot, once each.

    Built before any case runs: two cases building the same variant folder at
    once, inside their `make run`, would race.
    """
    builds = {}
    for c in cases:
        mv = dict(getattr(c, "make_vars", {}) or {})
        if MODEL and "MEMORY_MODEL" not in mv:
            mv.update(model_vars(c.arch, MODEL))
        if "MEMORY_MODEL" in mv or "EARLY_ALLOCATOR" in mv:
            # A per-file CFLAGS_<file> (a test kernel built with a define) must be in
            # the build too: make does not rebuild an object when only its flags change.
            vars_ = {k: v for k, v in mv.items() if k in ("MEMORY_MODEL", "EARLY_ALLOCATOR", "O")
                     or k.startswith("CFLAGS_")}
            builds[(c.arch, tuple(sorted(vars_.items())))] = vars_
    return [(arch, vars_) for (arch, _), vars_ in sorted(builds.items())]


HALTED = "halted"			# run_bounded's result when halts_after was seen


def run_bounded(argv: list, timeout: float, halts_after: str = "") -> tuple:
    """Runs argv in its own process group with stdin closed.

    Returns (returncode, or None on timeout, or HALTED once the output holds
    halts_after; output).  Whatever happens, the whole group (make, QEMU) is
    killed before returning.
    """
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(argv, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True, env=CLEAN_ENV)
        deadline = time.monotonic() + max(timeout, 0.1)
        rc = None
        try:
            while time.monotonic() < deadline:
                try:
                    rc = proc.wait(timeout=0.2)
                    break
                except subprocess.TimeoutExpired:
                    pass
                if halts_after:
                    out.seek(0)
                    if halts_after.encode() in out.read():
                        rc = HALTED
                        break
        finally:
            kill_group(proc.pid)
            proc.wait()
        out.seek(0)
        return rc, out.read().decode("utf-8", errors="replace")


def kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def qemu_status(rc: int, output: str) -> int:
    """QEMU's exit status behind make's: make exits 2 and names the recipe's status."""
    errors = MAKE_ERROR_RE.findall(output)
    if rc == 2 and errors:
        return int(errors[-1])
    return rc


def run_case(case: Case, broken_arches: set) -> Result:
    start = time.monotonic()
    if case.arch in broken_arches:
        return Result(case, [f"the {case.arch} build failed (see above): not booted"], 0.0)
    if case.prepare:
        try:
            case.prepare()
        except Exception as exc:		# the input could not be made: not booted
            return Result(case, [f"preparing the case failed: {exc!r}"], 0.0)
    if hasattr(case, "run_session"):	# a case with its own runner (cases_random.py)
        return case.run_session()
    if isinstance(case, ShellCase):
        return run_shell_case(case)

    output = ""
    errors = []
    rc = 0
    timed_out = False
    commands = case.commands()
    for i, argv in enumerate(commands):
        left = case.timeout - (time.monotonic() - start)
        output += f"$ {shlex.join(argv)}\n"
        rc, out = run_bounded(argv, left, case.halts_after)
        output += out
        if rc == HALTED:
            break
        if rc is None:
            timed_out = True
            errors.append(f"hang: no exit within {case.timeout:.0f} s (process group killed)")
            break
        if rc != 0 and i < len(commands) - 1:
            break			# a step before the boot failed: the boot is not run
    seconds = time.monotonic() - start

    lines = kernel_lines(output)
    if case.halts_after and rc != HALTED and not timed_out:
        errors.append(f"expected the kernel to halt after {case.halts_after!r}; QEMU exited {qemu_status(rc, output)}")
    elif not timed_out and rc != HALTED:
        status = qemu_status(rc, output)
        if status != case.status:
            errors.append(f"exit status {status}, expected {case.status}")
    errors += check_lines(case, lines)

    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_path = LOG_DIR / f"{case.name}.log"
    log_path.write_text(output)
    return Result(case, errors, seconds, clean(output), log_path)


def check_lines(case: Case, lines: list) -> list:
    errors = []
    panics = [line for line in lines if PANIC_TEXT in line.text]
    if panics and case.status != PANIC_STATUS:
        errors.append(f"kernel panic: {panics[0].text}")

    texts = [line.text for line in lines]
    pos = 0
    for want in case.lines:
        try:
            pos = texts.index(want, pos) + 1
        except ValueError:
            where = "at all" if want not in texts else "in this order"
            errors.append(f"missing line {where}: {want!r}")
    for pattern in case.regex:
        if not any(re.search(pattern, t) for t in texts):
            errors.append(f"no line matches /{pattern}/")
    for pattern in case.absent:
        bad = [t for t in texts if re.search(pattern, t)]
        if bad:
            errors.append(f"line must not appear (/{pattern}/): {bad[0]!r}")
    for check in (check_monotonic,) + tuple(case.checks):
        err = check(lines)
        if err:
            errors.append(err)
    return errors


# --- driving the serial shell -------------------------------------------------------
#
# Without "poweroff" the kernel ends its boot in the serial shell (kernel/shell.c).
# A ShellCase boots it with `make -s run` as a student would, with QEMU's serial
# port on a pipe instead of a terminal, and types its commands one at a time:
# each is sent once the prompt has appeared, and its output is what comes back
# before the next prompt.  The last command ends the session (poweroff, reboot:
# QEMU exits; halt: QEMU is killed once the kernel says it halted).

SHELL_PROMPT = "bootmm> "
SHELL_END = {"poweroff": "reboot: Power down", "reboot": "reboot: Restarting system",
             "halt": "reboot: System halted"}


@dataclasses.dataclass
class ShellCase(Case):
    """A boot that ends in the shell: commands typed, their outputs checked.

    script is the lines typed (control characters allowed: "\x7f" is
    backspace), the last one ending the session (see SHELL_END).  A line may
    be a callable instead, given the transcript so far (see below) and
    returning the line: for a command that needs an earlier one's answer.
    shell_checks are callables (transcript, lines) -> error text or None, where
    the transcript is a list of (command, output) pairs, output being the text
    after the echoed line up to the next prompt, without CRs, and lines the
    boot log's kernel lines (Line objects), up to the first prompt.  The boot log
    before the first prompt is checked as any case's is (lines, regex, ...).
    """
    cmdline: str = ""
    script: tuple = ("poweroff",)
    shell_checks: tuple = ()
    command_timeout: float = 20.0	# for one command's output
    # The whole script goes to QEMU's serial port as soon as it starts, and its
    # input is then closed, as in `printf 'meminfo\npoweroff\n' | make run`:
    # nothing waits for a prompt, the kernel must keep the typeahead.
    piped: bool = False


def shell_outputs(text: str, commands: tuple) -> tuple:
    """Splits a session's cleaned output: (boot log, [(command, output), ...]).

    The boot log is everything before the first prompt; each command's output
    starts after the line that echoed it and ends before the next prompt.
    """
    parts = text.split("\n" + SHELL_PROMPT)
    boot, answers = parts[0], parts[1:]
    transcript = []
    for command, answer in zip(commands, answers):
        echo, _, output = answer.partition("\n")
        # The split took the newline that ends the output's last line: put it back.
        transcript.append((command, output + "\n" if output else "", echo))
    return boot, transcript


def run_shell_session(argv: list, commands: tuple, timeout: float, command_timeout: float,
                      piped: bool = False) -> tuple:
    """Boots argv (make run) with a pipe on the serial port and types commands.

    piped: all of them at once from the start, then end of input (ShellCase.piped).

    A command may be a callable: it gets the transcript so far (the
    (command, output) pairs) and returns the line to type.  Returns
    (returncode, or None on a timeout, or HALTED after a final halt; the whole
    cleaned output; the lines typed; an error text or "").  The process group
    is killed before returning, whatever happens.
    """
    typed = []
    proc = subprocess.Popen(argv, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True, env=CLEAN_ENV)
    raw = bytearray()
    deadline = time.monotonic() + timeout
    error = ""
    rc = None

    def text() -> str:
        return clean(raw.decode("utf-8", errors="replace"))

    def read_until(pred, limit: float) -> bool:
        """Reads output until pred(text) holds, QEMU exits or the time is up."""
        end = min(deadline, time.monotonic() + limit)
        fd = proc.stdout.fileno()
        while True:
            if pred(text()):
                return True
            left = end - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([fd], [], [], min(left, 0.5))
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    return pred(text())		# QEMU (make) closed its output: it ended
                raw.extend(chunk)

    try:
        if piped:
            typed = list(commands)
            data = "".join(c + "\n" for c in commands).encode()

            def feed() -> None:		# a thread: QEMU may read slower than it writes
                try:
                    proc.stdin.write(data)
                    proc.stdin.close()
                except (BrokenPipeError, OSError, ValueError):
                    pass
            threading.Thread(target=feed, daemon=True).start()
            read_until(lambda t: False, timeout)	# to the end of QEMU's output
            try:
                rc = proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass				# rc None: reported as a hang
            commands = ()
        for i, command in enumerate(commands):
            # Command i goes once the (i+1)-th prompt is there and nothing follows
            # it.  The boot may take a while: the first prompt gets the whole budget.
            if not read_until(lambda t: t.count("\n" + SHELL_PROMPT) > i and t.endswith(SHELL_PROMPT),
                              timeout if i == 0 else command_timeout):
                error = (f"no prompt {SHELL_PROMPT!r} before command {command!r}" if i == 0 else
                         f"no prompt after command {commands[i - 1]!r} within {command_timeout:.0f} s")
                break
            if callable(command):
                _, so_far = shell_outputs(text(), tuple(typed))
                try:
                    command = command([(c, o) for c, o, _ in so_far])
                except Exception as exc:	# an earlier answer was not what it needs
                    error = f"cannot make command {i + 1} from the earlier answers: {exc!r}"
                    break
            typed.append(command)
            # Ctrl-C ends a line by itself: Enter after it would be one more line.
            proc.stdin.write(command.encode() + (b"" if command.endswith("\x03") else b"\n"))
            proc.stdin.flush()
            if i == len(commands) - 1:
                word = command.strip()
                if word in SHELL_END:
                    if not read_until(lambda t: SHELL_END[word] in t, command_timeout):
                        error = f"{word!r} did not print {SHELL_END[word]!r}"
                    elif word == "halt":
                        rc = HALTED
                        break
                try:
                    rc = proc.wait(timeout=max(0.1, min(command_timeout, deadline - time.monotonic())))
                except subprocess.TimeoutExpired:
                    error = error or f"QEMU did not exit after the last command {command!r}"
                read_until(lambda t: False, 0.5)	# whatever is still in the pipe
    except (BrokenPipeError, OSError) as exc:
        error = error or f"the session ended early: {exc}"
    finally:
        kill_group(proc.pid)
        proc.wait()
        try:
            raw.extend(proc.stdout.read())
        except (OSError, ValueError):
            pass
        proc.stdout.close()
        try:
            proc.stdin.close()
        except OSError:
            pass
    return rc, text(), tuple(typed), error


def run_shell_case(case: "ShellCase") -> Result:
    start = time.monotonic()
    argv = case.commands()[-1]		# the boot itself: `make -s run ...`
    rc, output, typed, error = run_shell_session(argv, case.script, case.timeout, case.command_timeout,
                                                 case.piped)
    seconds = time.monotonic() - start
    errors = [error] if error else []
    boot, transcript = shell_outputs(output, typed)
    if rc is None and not error:
        errors.append(f"hang: no exit within {case.timeout:.0f} s (process group killed)")
    elif rc not in (None, HALTED):
        status = qemu_status(rc, output)
        if status != case.status:
            errors.append(f"exit status {status}, expected {case.status}")
    # The boot log's checks see the boot only: dmesg repeats its lines later.
    boot_lines = kernel_lines(boot)
    errors += check_lines(case, boot_lines)
    for (command, _, echo) in transcript:
        # A line typed without editing keys comes back as typed (bar the spaces).
        if echo.rstrip() != command.strip() and command.isprintable():
            errors.append(f"the shell echoed {echo.rstrip()!r} for {command!r}")
    if len(transcript) < len(case.script) and not error:
        errors.append(f"only {len(transcript)} of {len(case.script)} commands got an answer")
    pairs = [(c, o) for c, o, _ in transcript]
    for check in case.shell_checks:
        try:
            err = check(pairs, boot_lines)
        except Exception as exc:		# a check that trips over bad output: report it,
            # unless the session already broke off and the answer it wants never came
            err = None if error else f"{getattr(check, '__name__', 'check')} failed on the output: {exc!r}"
        if err:
            errors.append(err)

    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_path = LOG_DIR / f"{case.name}.log"
    log_path.write_text(f"$ {shlex.join(argv)}  (typed: {list(typed)!r})\n{output}")
    return Result(case, errors, seconds, output, log_path)


def build(arches: list, cases: list = ()) -> set:
    """Builds the kernels the cases need; returns the arches that failed.

    With --model, each arch's kernel is that model's; the model kernels that
    cases name in their make_vars are built too (a failure there shows in
    those cases, whose `make run` fails).
    """
    broken = set()
    for arch in arches:
        argv = ["make", "-s", f"ARCH={arch}"]
        if MODEL:
            argv += [f"{k}={v}" for k, v in model_vars(arch, MODEL).items()]
        print(f"  BUILD   {shlex.join(argv)}", flush=True)
        rc, out = run_bounded(argv, BUILD_TIMEOUT)
        if rc != 0:
            sys.stdout.write(out)
            print(f"  build for {arch} failed: its cases fail without booting", flush=True)
            broken.add(arch)
    build_variants(cases, broken)
    return broken


def build_variants(cases: list, broken: set) -> None:
    """Builds each MEMORY_MODEL/EARLY_ALLOCATOR variant the cases boot, one at a time.

    Also with --no-build (which only skips the plain per-arch builds): two cases
    building one variant's folder at once, inside their `make run`, would race.
    """
    for arch, vars_ in model_builds(cases):
        if arch in broken:
            continue
        argv = ["make", "-s", f"ARCH={arch}"] + [f"{k}={v}" for k, v in vars_.items()]
        print(f"  BUILD   {shlex.join(argv)}", flush=True)
        rc, out = run_bounded(argv, BUILD_TIMEOUT)
        if rc != 0:
            sys.stdout.write(out)


def selected(cases: list, patterns: list) -> list:
    if not patterns:
        return cases
    def match(name):
        return any(fnmatch.fnmatchcase(name, p) if any(c in p for c in "*?[") else p in name
                   for p in patterns)
    return [c for c in cases if match(c.name)]


def report_verdict(result: Result) -> bool:
    """Prints PASS or FAIL and the errors; True if the case failed."""
    verdict = "FAIL" if result.errors else "PASS"
    print(f"{verdict} {result.case.name} ({result.seconds:.1f} s)")
    for err in result.errors:
        print(f"    {err}")
    return bool(result.errors)


def report(result: Result) -> None:
    case = result.case
    if report_verdict(result) and result.log_path:
        for argv in case.commands():
            print(f"    command: {shlex.join(argv)}")
        print(f"    log: {result.log_path.relative_to(ROOT)}; its last {TAIL_LINES} lines:")
        print_tail(result.log, TAIL_LINES)


def print_tail(text: str, n: int) -> None:
    for line in text.rstrip("\n").split("\n")[-n:]:
        print(f"    | {line}")


def run_suite(label: str, doc: str, load_cases: Callable, run_one: Callable,
              report_one: Callable, describe: Callable, argv=None) -> int:
    """The command line shared by the boot and GDB test runners.

    load_cases() gives the cases (each with .name and .arch); run_one(case,
    broken_arches) runs one and returns a Result; report_one(result) prints it;
    describe(case) is its --list line.
    """
    ap = argparse.ArgumentParser(description=doc)
    ap.add_argument("-k", action="append", default=[], metavar="PATTERN",
                    help="run the cases whose name contains PATTERN (or matches it as a glob); repeatable")
    ap.add_argument("-j", type=int, default=2, metavar="N", help="cases at a time (default 2)")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    ap.add_argument("--no-build", action="store_true", help="do not run `make ARCH=..` first")
    ap.add_argument("--broken", action="append", default=[], metavar="ARCH",
                    help="this arch's build failed: fail its cases without running them")
    args = ap.parse_args(argv)

    cases = selected(load_cases(), args.k)
    if args.list:
        for c in cases:
            print(describe(c))
        return 0
    if not cases:
        print("no case matches", ", ".join(args.k))
        return 1

    start = time.monotonic()
    broken = set(args.broken)
    if not args.no_build:
        broken |= build(sorted({c.arch for c in cases} - broken), cases)
    else:
        build_variants(cases, broken)
    lock = threading.Lock()
    failed = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
        futures = [pool.submit(run_one, c, broken) for c in cases]
        for fut in concurrent.futures.as_completed(futures):
            result = fut.result()
            with lock:
                report_one(result)
                sys.stdout.flush()
            if result.errors:
                failed.append(result.case.name)

    print(f"{label}: {len(cases) - len(failed)} passed, {len(failed)} failed "
          f"in {time.monotonic() - start:.1f} s" + (f" (failed: {' '.join(sorted(failed))})" if failed else ""))
    return 1 if failed else 0


def load_cases() -> list:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import cases
    return cases.CASES


def main(argv=None) -> int:
    global MODEL, LOG_DIR
    ap = argparse.ArgumentParser(add_help=False)
    ap.add_argument("--model", default="", metavar="NAME",
                    help="boot every case with MEMORY_MODEL=NAME (kernels in build/<arch>-NAME)")
    args, rest = ap.parse_known_args(sys.argv[1:] if argv is None else argv)
    label = "boot tests"
    if args.model:
        MODEL = args.model
        LOG_DIR = LOG_DIR / args.model
        label = f"boot tests (MEMORY_MODEL={args.model})"
    return run_suite(label, __doc__.split("\n\n")[0], load_cases, run_case, report,
                     lambda c: f"{c.name:28} {c.arch:4} MEM={c.mem:5} CMDLINE={c.cmdline!r}  {c.doc}",
                     rest)


if __name__ == "__main__":
    sys.exit(main())

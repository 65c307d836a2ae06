# SPDX-License-Identifier: MIT
"""GDB sessions typed at a terminal: `make debug`, `make qemu-gdb` + `make gdb`.

gdbtest.py's batch sessions cannot show what a student at a terminal meets:
Ctrl-C, the prompt coming back, the hint `make qemu-gdb` prints, `make gdb`
refusing an ELF QEMU does not run.  These cases run the real make targets on a
pseudo-terminal (pty.fork: make is the session leader, in the terminal's
foreground process group, as in a shell), type GDB commands at its prompt and
read what comes back.  Ctrl-C is sent as a terminal sends it: SIGINT to the
terminal's foreground process group (which holds make, its shell and GDB).
Every read has a deadline; whatever happens, each case kills what it started.
"""
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import tempfile
import termios
import time
from pathlib import Path

import boottest
from boottest import ROOT, kill_group

PROMPT = "(gdb) "
STEP_TIMEOUT = 30		# one command's answer (a build, a boot to the shell prompt)


class Terminal:
    """A command run on a pseudo-terminal, with expect-style reading."""

    def __init__(self, argv: list, log: Path):
        self.log = log
        self.text = ""
        self.pid, self.fd = pty.fork()
        if self.pid == 0:			# the child: make, on the terminal
            try:
                os.chdir(ROOT)
                os.execvpe(argv[0], argv, boottest.CLEAN_ENV)
            finally:
                os._exit(127)
        # A wide terminal, so that GDB does not wrap the lines the checks read.
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 250, 0, 0))
        self.status = None

    def _read(self, seconds: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], seconds)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 4096)
        except OSError:				# EIO: the other side has closed
            data = b""
        if not data:
            return False
        self.text += boottest.clean(data.decode("utf-8", errors="replace"))
        return True

    def expect(self, pattern: str, since: int, timeout: float = STEP_TIMEOUT):
        """The first match of PATTERN in what came after offset SINCE, or None at the deadline/EOF."""
        regex = re.compile(pattern, re.M)
        deadline = time.monotonic() + timeout
        while True:
            m = regex.search(self.text, since)
            if m:
                return m
            if time.monotonic() >= deadline or not self._read(min(0.2, deadline - time.monotonic())):
                return regex.search(self.text, since)

    def type(self, line: str) -> int:
        """Types LINE and Enter; returns the offset its answer starts at."""
        since = len(self.text)
        os.write(self.fd, line.encode() + b"\r")
        return since

    def command(self, line: str, timeout: float = STEP_TIMEOUT) -> str:
        """Types LINE at the prompt and returns its answer, up to the next prompt ("" if none came)."""
        since = self.type(line)
        m = self.expect(re.escape(PROMPT) + "$", since + len(line), timeout)
        return self.text[since:m.start()] if m else ""

    def interrupt(self) -> None:
        """Ctrl-C, as the terminal delivers it: SIGINT to its foreground process group."""
        os.killpg(os.tcgetpgrp(self.fd), signal.SIGINT)

    def wait(self, timeout: float):
        """make's exit status, or None if it is still running at the deadline."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            self._read(0.1)
        return None

    def close(self) -> None:
        if self.status is None:
            kill_group(self.pid)
            os.waitpid(self.pid, 0)
            self.status = -9
        while self._read(0):
            pass
        os.close(self.fd)
        self.log.write_text(self.text)


def qemu_alive(port: int) -> bool:
    """Is a QEMU with a GDB server on PORT still running?

    Read from /proc, not with pgrep: a minimal Debian has no procps."""
    want = f"tcp::{port}".encode()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            argv = cmdline.read_bytes().split(b"\0")
        except OSError:				# gone meanwhile
            continue
        if argv and b"qemu-system" in argv[0] and want in argv and b"-gdb" in argv:
            state = (cmdline.parent / "stat").read_text(errors="replace").rsplit(")", 1)[-1].split()
            if state and state[0] != "Z":	# a zombie has exited already
                return True
    return False


def head_frame(arch: str) -> str:
    return rf"_start \(\) at boot/{arch}/head\.S:\d+"


# --- make debug: Ctrl-C, bootmm-start again, the empty memblock table ----------------

def make_debug_session(case, port: int, log: Path) -> list:
    errors = []
    serial = ROOT / "build" / case.arch / "serial.log"
    term = Terminal(["make", "-s", "debug", f"ARCH={case.arch}", f"GDBPORT={port}"], log)
    try:
        if not term.expect(r"start_kernel \(\) at kernel/main\.c:\d+[\s\S]*" + re.escape(PROMPT), 0, 60):
            return ["make debug did not stop in start_kernel() at a GDB prompt"]

        again = term.command("bootmm-start")
        if "already stopped in start_kernel(): nothing to run" not in again or "start_kernel ()" not in again:
            errors.append(f"bootmm-start in start_kernel was not a no-op that says where it is: {again!r}")

        empty = term.command("mm-memblock memory")
        if not re.search(r"^   0: 0x0{16}\.\.0xf{16}$", empty, re.M) or \
                "# memblock/memory is empty" not in empty:
            errors.append(f"mm-memblock memory at start_kernel: not Linux's empty-type line plus a "
                          f"comment saying it is empty: {empty!r}")

        since = term.type("continue")
        if not term.expect(r"^Continuing\.", since):
            return errors + ["`continue` did not start the kernel"]
        # Let the kernel reach its shell, which waits for input: Ctrl-C then
        # lands in the running guest, as a student's would.
        deadline = time.monotonic() + STEP_TIMEOUT
        while time.monotonic() < deadline and "bootmm> " not in (serial.read_text(errors="replace")
                                                                 if serial.exists() else ""):
            term.expect("$^", len(term.text), 0.2)
        since = len(term.text)
        term.interrupt()
        if not term.expect(r"Program received signal SIGINT[\s\S]*" + re.escape(PROMPT), since):
            errors.append("Ctrl-C after `continue` did not bring back GDB's prompt with SIGINT")
            return errors
        if "Remote communication error" in term.text[since:] or "Target disconnected" in term.text[since:]:
            errors.append("Ctrl-C cut GDB off from QEMU")
        if not qemu_alive(port):
            errors.append("QEMU died on Ctrl-C")

        bt = term.command("bt")
        frames = re.findall(r"^#\d+\s.*$", bt, re.M)
        if not frames or not re.search(head_frame(case.arch) + "$", frames[-1]):
            errors.append(f"the backtrace does not end at _start in boot/{case.arch}/head.S: {frames}")
        if "Backtrace stopped" in bt:
            errors.append(f"the backtrace ends with a complaint: {bt!r}")
        if not any("start_kernel" in f for f in frames):
            errors.append(f"after Ctrl-C in the shell, start_kernel is not on the stack: {frames}")

        term.type("quit")
        status = term.wait(20)
        if status is None:
            errors.append("make debug still running 20 s after `quit`")
        elif status not in (0, -signal.SIGINT):
            # make is in the terminal's foreground group too: Ctrl-C reaches it,
            # and it waits for its recipe (GDB, which lives on) and then ends as
            # interrupted, silently.  Anything else is a failure.
            errors.append(f"make debug exited with {status} after `quit`")
        deadline = time.monotonic() + 10	# make debug waits for QEMU; a margin all the same
        while qemu_alive(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        if qemu_alive(port):
            errors.append("QEMU still running 10 s after GDB quit")
    finally:
        term.close()
    return errors


# --- make qemu-gdb + make gdb: the hint, the ELF check, head.S before the MMU ----------

def two_terminal_session(case, port: int, log: Path) -> list:
    """QEMU from `make qemu-gdb` under a model; `make gdb` without the model must refuse;
    the command QEMU's hint names must attach, and step head.S from _start."""
    errors = []
    model = case.make_vars["MEMORY_MODEL"]
    qemu_argv = ["make", "-s", "qemu-gdb", f"ARCH={case.arch}", f"MEMORY_MODEL={model}", f"GDBPORT={port}"]
    with tempfile.TemporaryFile() as qemu_out:
        qemu = subprocess.Popen(qemu_argv, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=qemu_out,
                                stderr=subprocess.STDOUT, start_new_session=True, env=boottest.CLEAN_ENV)
        transcript = f"$ {' '.join(qemu_argv)} &\n"
        try:
            hint, deadline = None, time.monotonic() + 60
            while hint is None and time.monotonic() < deadline and qemu.poll() is None:
                time.sleep(0.2)
                qemu_out.seek(0)
                hint = re.search(r"run '(make gdb [^']*)' in another terminal",
                                 qemu_out.read().decode(errors="replace"))
            if not hint:
                return ["make qemu-gdb printed no `make gdb` hint"]
            hint = hint[1]
            want = f"make gdb ARCH={case.arch} MEMORY_MODEL={model} EARLY_ALLOCATOR=bootmem GDBPORT={port}"
            if hint != want:
                errors.append(f"make qemu-gdb's hint is {hint!r}, expected {want!r}")

            # The FLATMEM ELF against the SPARSEMEM kernel: refused, with the right command.
            plain = ["make", "-s", "gdb", f"ARCH={case.arch}", f"GDBPORT={port}"]
            rc, out = boottest.run_bounded(plain, STEP_TIMEOUT)
            transcript += f"$ {' '.join(plain)}\n{out}\n"
            if rc == 0 or f"build/{case.arch}/bootmm.elf is not the kernel QEMU runs" not in out:
                errors.append(f"make gdb with the default model's ELF attached to the {model} kernel "
                              f"(status {rc})")
            if f"make gdb ARCH={case.arch} MEMORY_MODEL={model} GDBPORT={port}" not in out:
                errors.append("make gdb's refusal does not name the command that matches QEMU's kernel")

            errors += step_head_s(case, hint, log)
        finally:
            kill_group(qemu.pid)
            qemu.wait()
            qemu_out.seek(0)
            transcript += qemu_out.read().decode(errors="replace")
            log.with_suffix(".qemu.log").write_text(transcript)
    return errors


def step_head_s(case, hint: str, log: Path) -> list:
    errors = []
    term = Terminal(hint.split(), log)
    try:
        if not term.expect(re.escape(PROMPT) + "$", 0, 30) or "not the kernel QEMU runs" in term.text:
            return [f"the hinted {hint!r} did not attach: {term.text[-300:]!r}"]
        out = term.command("bootmm-hbreak-phys")
        if "symbols loaded a second time" not in out or "Hardware assisted breakpoint" not in out:
            errors.append(f"bootmm-hbreak-phys: {out!r}")
        out = term.command("continue")
        if not re.search(r"Breakpoint \d+, " + head_frame(case.arch), out):
            return errors + [f"bootmm-hbreak-phys did not stop at _start in head.S: {out!r}"]
        first = int(re.search(r"head\.S:(\d+)", out)[1])
        if not re.search(r"^\d+\s+_start:", term.command("list"), re.M):
            errors.append("`list` at the entry point does not show head.S around _start")
        out = term.command("step")
        stepped = re.search(r"^(\d+)\s", out, re.M)
        if not stepped or int(stepped[1]) <= first:
            errors.append(f"`step` in head.S did not go to a later line: {out!r}")
        bt = term.command("bt")
        if not re.search(r"^#0\s+" + head_frame(case.arch), bt, re.M) or "#1" in bt or "Backtrace stopped" in bt:
            errors.append(f"bt at the entry point is not one frame, _start: {bt!r}")
        out = term.command("bootmm-start", 60)
        if "physical copy of the symbols is unloaded" not in out or "start_kernel ()" not in out:
            errors.append(f"bootmm-start from head.S: {out!r}")
        term.type("quit")
        if term.wait(15) is None:
            errors.append("make gdb still running 15 s after `quit`")
    finally:
        term.close()
    return errors


# --- make gdb with no QEMU ------------------------------------------------------------

def no_qemu_session(case, port: int, log: Path) -> list:
    argv = ["make", "-s", "gdb", f"ARCH={case.arch}", f"GDBPORT={port}"]
    rc, out = boottest.run_bounded(argv, STEP_TIMEOUT)
    log.write_text(f"$ {' '.join(argv)}\n{out}")
    errors = []
    if f"no QEMU is waiting for GDB on localhost:{port}" not in out:
        errors.append(f"make gdb with nothing on port {port} did not say no QEMU is waiting")
    if f"make qemu-gdb ARCH={case.arch} MEMORY_MODEL=flatmem EARLY_ALLOCATOR=bootmem GDBPORT={port}" not in out:
        errors.append("make gdb with no QEMU did not name the command that starts one")
    if rc is None:
        errors.append("make gdb with no QEMU hung")
    return errors

# SPDX-License-Identifier: MIT
"""Boot test cases: a seeded random shell session per arch and memory model.

Each case boots the kernel into its shell (kernel/shell*.c) and types a few
thousand commands drawn from a fixed seed: alloc of random orders and GFP
flags (names joined with |, or numbers), free of what alloc handed out (and
of what it did not, or with the wrong order: refused), page and pfn views of
random pfns and addresses, every /proc-like view, garbage lines, and under the
sparse models memory hot-plug (offline, online in a random zone, refused
removes and adds).  Every 25 commands it types meminfo, buddyinfo and
zoneinfo and checks the buddy allocator's accounting:

  MemFree = 4 kB x buddyinfo's free pages = 4 kB x the sum of zoneinfo's "pages free"

At the end it frees every allocation, puts every block back online in its
boot zone, and checks that meminfo, buddyinfo and memmap_check print exactly
what they printed right after the boot: every page came back.  (Bar
MemAvailable after a hot-plug cycle: a known drift, see below.)

The session is driven by its own small runner (the shell cases' one re-reads
the whole transcript for each command, too slow for thousands): a case is
reproducible from its seed, printed with any failure.  The default run
(boottest.py) holds the FLATMEM sessions, `boottest.py --model sparsemem`
and `--model vmemmap` (scripts/run-tests.sh models) the sparse ones:

  python3 -B tests/boot/boottest.py -k random
  python3 -B tests/boot/boottest.py --model sparsemem -k random

Inputs that hit bugs being fixed on another branch (issue 19) are left out
unless RANDOM_INCLUDE_KNOWN_BUGS=1 is set in the environment: an alloc with
both mobility bits (__GFP_MOVABLE|__GFP_RECLAIMABLE), and on ARM
`memory add` below PHYS_OFFSET; and the end's meminfo leaves MemAvailable
out of the comparison after a block went offline ("Hot-plug cycles drift": it
comes back a few pages off; the log's "note:" line shows by how much).
RANDOM_COMMANDS=N changes the length (3000 by default).

tests/boot/cases.py adds RANDOM_CASES to the suite.
"""
import dataclasses
import os
import random
import re
import select
import shlex
import subprocess
import time

import boottest
from cases_meminfo import parse_zoneinfo
from boottest import ROOT, SHELL_PROMPT, Case, Result, clean, kill_group

INCLUDE_KNOWN_BUGS = os.environ.get("RANDOM_INCLUDE_KNOWN_BUGS") == "1"
COMMANDS = int(os.environ.get("RANDOM_COMMANDS", "3000"))
CHECK_EVERY = 25

GFP_NAMES = ["GFP_KERNEL", "GFP_ATOMIC", "GFP_NOWAIT", "GFP_USER", "GFP_HIGHUSER",
             "GFP_HIGHUSER_MOVABLE", "GFP_DMA", "__GFP_DMA", "__GFP_HIGHMEM", "__GFP_MOVABLE",
             "__GFP_RECLAIMABLE", "__GFP_HIGH", "__GFP_ATOMIC", "__GFP_ZERO", "__GFP_COMP",
             "__GFP_NOWARN"]
MOVABLE_NAMES = {"GFP_HIGHUSER_MOVABLE", "__GFP_MOVABLE"}
GFP_MOVABLE, GFP_RECLAIMABLE = 0x08, 0x10	# include/mm/gfp.h

ALLOC_RE = re.compile(r"^alloc: order (\d+) \(\d+ pages\) at pfn (0x[0-9a-f]+)", re.M)
FREE_RE = re.compile(r"^free: order \d+ \(\d+ pages\) at pfn (0x[0-9a-f]+) back", re.M)
BLOCK_RE = re.compile(r"^memory(\d+): \[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\] state (online|offline)"
                      r"(?: zone (\w+))?", re.M)
OFFLINED_RE = re.compile(r"^memory offline: memory(\d+) offline,", re.M)
ONLINED_RE = re.compile(r"^memory online: memory(\d+) online in zone (\w+)", re.M)
MEMFREE_RE = re.compile(r"^MemFree:\s+(\d+) kB$", re.M)
BUDDY_RE = re.compile(r"^Node \d+, zone\s+\S+((?:\s+\d+)+)\s*$", re.M)
ZONE_FREE_RE = re.compile(r"^  pages free\s+(\d+)$", re.M)


def buddy_pages(out: str) -> int:
    return sum(sum(int(c) << k for k, c in enumerate(m[1].split())) for m in BUDDY_RE.finditer(out))


def mixed_mobility(gfp) -> bool:
    """Both mobility bits: Linux's gfp_migratetype() warns (a known bootmm bug)."""
    if isinstance(gfp, int):
        return gfp & GFP_MOVABLE and gfp & GFP_RECLAIMABLE
    words = gfp.split("|")
    movable = any(w in MOVABLE_NAMES or (w.startswith("0x") and int(w, 16) & GFP_MOVABLE) for w in words)
    reclaim = any(w == "__GFP_RECLAIMABLE" or (w.startswith("0x") and int(w, 16) & GFP_RECLAIMABLE)
                  for w in words)
    return movable and reclaim


class Generator:
    """The next command from the seed and what the shell answered so far."""

    def __init__(self, seed: int, arch: str, sparse: bool, blocks: dict, max_pfn: int):
        self.rnd = random.Random(seed)
        self.arch, self.sparse = arch, sparse
        self.blocks = blocks			# nr -> [online?, zone] now
        self.max_pfn = max_pfn
        self.allocs = {}			# pfn -> order
        self.hotplugged = False			# a block went offline at some point

    def digest(self, command: str, out: str) -> None:
        if command.startswith("alloc ") and (m := ALLOC_RE.search(out)):
            self.allocs[int(m[2], 16)] = int(m[1])
        elif command.startswith("free ") and (m := FREE_RE.search(out)):
            self.allocs.pop(int(m[1], 16), None)
        elif (m := OFFLINED_RE.search(out)) and int(m[1]) in self.blocks:
            self.blocks[int(m[1])] = [False, None]
            self.hotplugged = True
        elif (m := ONLINED_RE.search(out)) and int(m[1]) in self.blocks:
            self.blocks[int(m[1])] = [True, m[2]]

    def gfp(self) -> str:
        r = self.rnd
        while True:
            if r.random() < 0.2:
                g = hex(r.getrandbits(r.choice((8, 12, 20, 24, 28))))
            else:
                g = "|".join(r.sample(GFP_NAMES, r.choice((1, 1, 1, 2, 2, 3))))
            if INCLUDE_KNOWN_BUGS or not mixed_mobility(g):
                return g

    def pfn(self) -> int:
        r = self.rnd
        return r.choice((r.randrange(0, self.max_pfn + 1), r.randrange(0, self.max_pfn + 1),
                         r.choice(list(self.allocs) or [0]), self.max_pfn, self.max_pfn + 1,
                         r.getrandbits(32), r.getrandbits(64), 0))

    def garbage(self) -> str:
        r = self.rnd
        kind = r.randrange(6)
        if kind == 0:
            return ""
        if kind == 1:
            return "".join(chr(r.randrange(0x21, 0x7f)) for _ in range(r.randrange(1, 40)))
        if kind == 2:
            return "x" * r.randrange(100, 200)		# longer than the line buffer
        if kind == 3:
            return r.choice(("alloc", "free", "page", "pfn", "memory", "memblock")) + " " + \
                r.choice(("", "-1", "abc", "0x", "99999999999999999999", "1 2 3 4 5", "0 GFP_BOGUS",
                          "12", "0 |", "0 GFP_KERNEL|"))
        if kind == 4:
            return "   " + r.choice(("meminfo", "buddyinfo")) + "   "
        return r.choice(("help", "cmdline", "memblock reserved", "memblock memory", "memblock bogus"))

    def hotplug(self) -> str:
        r = self.rnd
        nrs = sorted(self.blocks) or [0]
        nr = r.choice(nrs + [nrs[-1] + 1, 999])
        kind = r.randrange(8)
        if kind <= 2:
            return f"memory offline {nr}"
        if kind <= 4:
            return f"memory online {nr}" + r.choice(("", " kernel", " movable", " bogus"))
        if kind == 5:
            return "memory list"
        if kind == 6:				# refused: online (or not a block)
            online = [n for n, (on, _) in self.blocks.items() if on]
            return f"memory remove {r.choice(online or [999])}"
        base = self.rnd.choice([0x40000000, 0x50000000] if self.arch == "arm" else [0x0, 0x10000000])
        if INCLUDE_KNOWN_BUGS and self.arch == "arm" and r.random() < 0.3:
            base = 0				# below PHYS_OFFSET: a known bug
        size = r.choice((0x10000000, 0x20000000, 0x1000, 0))
        return f"memory add {hex(base + r.choice((0, 0x1000)))} {hex(size)}"   # RAM already, or misaligned

    def next(self) -> str:
        r = self.rnd
        x = r.random()
        if x < 0.30:
            order = r.choice((0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 8, 10, 11, 12))
            return f"alloc {order}" + ("" if r.random() < 0.1 else " " + self.gfp())
        if x < 0.52:
            if self.allocs and r.random() < 0.85:
                pfn = r.choice(list(self.allocs))
                order = self.allocs[pfn] if r.random() < 0.9 else r.randrange(0, 12)
                return f"free {hex(pfn)} {order}"
            return f"free {hex(self.pfn())} {r.randrange(0, 12)}"
        if x < 0.62:
            return f"page {hex(self.pfn())}" if r.random() < 0.8 else f"page {self.pfn()}"
        if x < 0.68:
            return f"pfn {hex(self.pfn() << 12 | r.randrange(4096))}"
        if x < 0.78:
            return r.choice(("meminfo", "buddyinfo", "zoneinfo", "pagetypeinfo", "memblock",
                             "iomem", "memmap", "alloc", "alloc list"))
        if x < 0.88 and self.sparse:
            return self.hotplug()
        return self.garbage()


@dataclasses.dataclass
class RandomSessionCase(Case):
    seed: int = 0
    sparse: bool = False		# a sparse model: memory hot-plug commands too
    n_commands: int = COMMANDS
    command_timeout: float = 20.0

    def run_session(self) -> Result:
        return run_random_session(self)


class Shell:
    """make run with a pipe on the serial port: type a line, read up to the next prompt."""

    def __init__(self, argv: list):
        self.proc = subprocess.Popen(argv, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, start_new_session=True,
                                     env=boottest.CLEAN_ENV)
        self.log = bytearray()
        self.pending = bytearray()

    def read_prompt(self, timeout: float) -> str:
        """The text up to the next prompt that ends the output; None on a timeout or an exit."""
        end = time.monotonic() + timeout
        mark = b"\n" + SHELL_PROMPT.encode()
        fd = self.proc.stdout.fileno()
        while True:
            i = self.pending.find(mark)
            if i >= 0 and len(self.pending) == i + len(mark):
                out = bytes(self.pending[:i + 1])
                self.pending.clear()
                return clean(out.decode("utf-8", errors="replace"))
            left = end - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], min(left, 0.5))
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    return None
                self.log += chunk
                self.pending += chunk

    def type(self, line: str) -> None:
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()

    def close(self) -> str:
        kill_group(self.proc.pid)
        self.proc.wait()
        try:
            self.log += self.proc.stdout.read()
        except (OSError, ValueError):
            pass
        return clean(self.log.decode("utf-8", errors="replace"))


def run_random_session(case: RandomSessionCase) -> Result:
    start = time.monotonic()
    argv = case.commands()[-1]
    repro = (f"seed {case.seed}; reproduce: python3 -B tests/boot/boottest.py"
             + (f" --model {boottest.MODEL}" if boottest.MODEL else "") + f" -k {case.name}")
    errors, notes = [], []
    shell = Shell(argv)
    typed = 0

    def ask(command: str):
        nonlocal typed
        shell.type(command)
        typed += 1
        out = shell.read_prompt(case.command_timeout)
        if out is None:
            raise RuntimeError(f"no prompt within {case.command_timeout:.0f} s after command {typed} "
                               f"{command!r}")
        echo, _, rest = out.partition("\n")
        if re.search(r"Kernel panic|kernel BUG|Internal error|Oops", rest):
            raise RuntimeError(f"command {typed} {command!r} killed the kernel: {rest[-400:]!r}")
        return rest

    def accounting(when: str):
        mi, bi, zi = ask("meminfo"), ask("buddyinfo"), ask("zoneinfo")
        memfree = int(MEMFREE_RE.search(mi)[1])
        buddy, zones = buddy_pages(bi), sum(int(v) for v in ZONE_FREE_RE.findall(zi))
        if not memfree == 4 * buddy == 4 * zones:
            raise RuntimeError(f"{when}: MemFree {memfree} kB, buddyinfo {buddy} pages "
                               f"({4 * buddy} kB), zoneinfo pages free {zones} ({4 * zones} kB)")
        return mi, bi

    try:
        if shell.read_prompt(case.timeout) is None:
            raise RuntimeError("no shell prompt after the boot")
        boot_mi, boot_bi = accounting("after the boot")
        boot_check = ask("memmap_check")
        zi = ask("zoneinfo")
        max_pfn = max([z["start_pfn"] + z["spanned"] for _, _, z in parse_zoneinfo(zi)
                       if z["start_pfn"] is not None] or [0x8000])
        blocks = {}
        if case.sparse:
            for m in BLOCK_RE.finditer(ask("memory list")):
                blocks[int(m[1])] = [m[4] == "online", m[5]]
        boot_blocks = {nr: list(v) for nr, v in blocks.items()}
        gen = Generator(case.seed, case.arch, case.sparse, blocks, max_pfn)
        for i in range(1, case.n_commands + 1):
            command = gen.next()
            gen.digest(command, ask(command))
            if i % CHECK_EVERY == 0:
                accounting(f"after command {i} ({command!r})")
        # Every page back: the allocations, then each block in its boot zone.
        for pfn, order in sorted(gen.allocs.items()):
            ask(f"free {hex(pfn)} {order}")
        for nr, (online, zone) in sorted(boot_blocks.items()):
            now = gen.blocks.get(nr)
            if now == [online, zone]:
                continue
            if now[0]:
                gen.digest("", ask(f"memory offline {nr}"))
            if online:
                gen.digest("", ask(f"memory online {nr} " + ("movable" if zone == "Movable" else "kernel")))
            if gen.blocks.get(nr) != [online, zone]:
                errors.append(f"memory{nr} could not be put back: {gen.blocks.get(nr)}, "
                              f"at boot {[online, zone]}")
        end_mi, end_bi = accounting("at the end")
        end_check = ask("memmap_check")
        boot_check, end_check = (boottest.TIMESTAMP_RE.sub("", t) for t in (boot_check, end_check))
        # Known (issue 19, "Hot-plug cycles drift", not fixed yet): after an
        # offline/online cycle MemAvailable comes back a few pages off, the
        # watermarks being recomputed.  Left out of the comparison, and noted in
        # the log, unless RANDOM_INCLUDE_KNOWN_BUGS=1.
        if gen.hotplugged and not INCLUDE_KNOWN_BUGS:
            drift = [(a, b) for a, b in zip(boot_mi.splitlines(), end_mi.splitlines())
                     if a.startswith("MemAvailable:") and a != b]
            if drift:
                notes.append(f"known MemAvailable drift after hot-plug (issue 19), not compared: "
                             f"{drift[0][0]!r} -> {drift[0][1]!r}")
            keep = lambda t: "\n".join(l for l in t.splitlines() if not l.startswith("MemAvailable:"))
            boot_mi, end_mi = keep(boot_mi), keep(end_mi)
        for name, a, b in (("meminfo", boot_mi, end_mi), ("buddyinfo", boot_bi, end_bi),
                           ("memmap_check", boot_check, end_check)):
            if a != b:
                diff = [f"{x!r} -> {y!r}" for x, y in zip(a.splitlines(), b.splitlines()) if x != y]
                errors.append(f"{name} at the end differs from the boot's: {'; '.join(diff[:6])}")
        shell.type("poweroff")
        typed += 1
    except RuntimeError as exc:
        errors.append(str(exc))
    except (BrokenPipeError, OSError) as exc:
        errors.append(f"the session ended early after {typed} commands: {exc}")
    output = shell.close()
    if errors:
        errors.append(repro)
    boottest.LOG_DIR.mkdir(parents=True, exist_ok=True)	# --model changes it
    log_path = boottest.LOG_DIR / f"{case.name}.log"
    log_path.write_text(f"$ {shlex.join(argv)}  ({repro}; {typed} commands typed)\n"
                        + "".join(f"note: {n}\n" for n in notes) + output)
    return Result(case, errors, time.monotonic() - start, output, log_path)


def random_case(arch: str, model: str, seed: int, mem: str = "128M", dts: str = "",
                cmdline: str = "") -> RandomSessionCase:
    make_vars = {"DTS": dts} if dts else {}
    return RandomSessionCase(f"{arch}-random-shell-{model}", arch, cmdline, mem=mem,
                             make_vars=make_vars, seed=seed, sparse=model != "flatmem", timeout=120.0,
                             doc=f"{COMMANDS} seeded random shell commands (seed {seed}), "
                                 f"accounting checked every {CHECK_EVERY}")


def random_cases(model: str) -> list:
    if model == "flatmem":
        return [random_case("x86", model, 1901), random_case("arm", model, 1902)]
    seed = {"sparsemem": 1911, "vmemmap": 1921}[model]
    # dts/hotplug: two 256 MiB movable blocks (memory6, memory7) that can go offline.
    return [random_case("x86", model, seed, mem="2G"),
            random_case("arm", model, seed + 1, mem="1G", dts="hotplug", cmdline="movable_node")]


RANDOM_CASES = random_cases(boottest.MODEL or "flatmem")

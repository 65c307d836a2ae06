#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks that the kernel output the docs quote is what the kernel prints.

Every fenced block of kernel output in README.md and docs/*.md is preceded by
a line naming the configuration it came from, which renders invisibly:

  <!-- output: arch=arm mem=1G cmdline="loglevel=8 poweroff" -->
  <!-- output: arch=x86 input="memblock;iomem" -->     a shell session
  <!-- output: golden=i386-m1G -->                     Linux's, from tests/golden/linux/

Keys (all optional): arch (x86), mem (128M, or the DTS scenario's), cmdline
(""), model (MEMORY_MODEL, flatmem), allocator (EARLY_ALLOCATOR, bootmem), dts
(ARM's DTS), input (shell commands typed at the prompt, separated by ";"; the
session then ends with poweroff), golden (no boot: the block is checked against
that Linux log).  A boot whose command line has no "poweroff" ends in the shell,
and is driven through it as tests/boot/cases_shell.py does (boottest.ShellCase:
each command typed once the prompt is there).  A block that could pass for
output but is not checked — commands to type, or a report no QEMU boot makes
(a unit test checks it) — is marked <!-- not-output: why --> instead.  The
comment and its block may be indented together (a block inside a list item).

Each configuration is booted once (boottest.py's runner: `make -s run ...`
under a timeout, two at a time).  Then every line of each of its blocks must
occur in the boot's output, in the block's order, timestamps aside (the
"[    0.000000] " prefix is stripped from both).  The rule is exact, except:
  - a line that is only "..." or "…" stands for lines the doc leaves out
    (it matches nothing and needs nothing: it is there for the reader);
  - "…" inside a line stands for any text within that line: for values that
    change with every build (an address in the kernel image, a timing); use
    it sparingly, for the variable part only;
  - a line that is only the prompt ("bootmm>") matches the prompt whatever
    was typed after it;
  - blank lines are ignored.
A fenced block that looks like kernel output (a timestamped line or a
"bootmm> command" line) and has no annotation fails too.  Failures name the
doc file and line.  The last line is "docs check: N passed, N failed", one
count per block.

  tests/docs/doccheck.py [-k PATTERN]... [-j N] [--list] [--no-build] [--broken ARCH]

PATTERN selects blocks by "file:line" (substring or glob).  Standard library only.
"""
import argparse
import concurrent.futures
import dataclasses
import fnmatch
import re
import shlex
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "boot"))
import boottest  # noqa: E402
from boottest import Case, ShellCase  # noqa: E402

DOCS = ["README.md"] + sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))
LOG_DIR = ROOT / "build" / "tests" / "docs"

# Indented as a whole inside a list item, or not.
ANNOTATION_RE = re.compile(r"^\s*<!--\s*output:(.*?)-->\s*$")
NOT_OUTPUT_RE = re.compile(r"^\s*<!--\s*not-output\b.*-->\s*$")
FENCE_RE = re.compile(r"^(\s*)(```+|~~~+)")
DOC_TIMESTAMP_RE = re.compile(r"^\[\s*\d+\.\d{6}\] ")
LOOKS_LIKE_OUTPUT_RE = re.compile(r"^(\[\s*\d+\.\d{6}\] |bootmm> \S)")
KEYS = {"arch", "mem", "cmdline", "model", "allocator", "dts", "input", "golden"}
PROMPT = boottest.SHELL_PROMPT.rstrip()
ELISIONS = {"...", "…"}


@dataclasses.dataclass
class Block:
    doc: str			# file, relative to the tree's root
    line: int			# the annotation's line number
    config: dict
    lines: list			# (line number, text) of the block's body

    @property
    def name(self) -> str:
        return f"{self.doc}:{self.line}"


def parse_annotation(body: str) -> dict:
    config = {}
    for token in shlex.split(body):
        key, eq, value = token.partition("=")
        if not eq:
            raise ValueError(f"{token!r} is not key=value")
        if key not in KEYS:
            raise ValueError(f"unknown key {key!r} (known: {', '.join(sorted(KEYS))})")
        config[key] = value
    return config


def parse_docs(docs: list) -> tuple:
    """(blocks, errors): the annotated blocks; errors for broken annotations
    and for unannotated blocks that look like kernel output."""
    blocks, errors = [], []
    for doc in docs:
        text = (ROOT / doc).read_text(encoding="utf-8").split("\n")
        i = 0
        pending = None		# (line number, config or None for not-output)
        while i < len(text):
            line = text[i]
            m = ANNOTATION_RE.match(line)
            if m:
                try:
                    pending = (i + 1, parse_annotation(m[1]))
                except ValueError as exc:
                    errors.append(f"{doc}:{i + 1}: bad annotation: {exc}")
                    pending = (i + 1, None)	# reported once: its block is not linted too
                i += 1
                continue
            if NOT_OUTPUT_RE.match(line):
                pending = (i + 1, None)
                i += 1
                continue
            fence = FENCE_RE.match(line)
            if not fence:
                if line.strip() and pending:
                    errors.append(f"{doc}:{pending[0]}: the annotation is not right before a fenced block")
                    pending = None
                i += 1
                continue
            start = i + 1
            body = []
            i += 1
            indent = len(fence[1])
            while i < len(text) and not text[i].lstrip().startswith(fence[2]):
                line = text[i]
                body.append((i + 1, line[indent:] if not line[:indent].strip() else line))
                i += 1
            i += 1			# the closing fence
            if pending and pending[1] is not None:
                blocks.append(Block(doc, pending[0], pending[1], body))
            elif not pending:
                looks = [n for n, t in body if LOOKS_LIKE_OUTPUT_RE.match(t)]
                if looks:
                    errors.append(f"{doc}:{start}: a block of kernel output (line {looks[0]}) without an "
                                  "<!-- output: ... --> line naming its configuration "
                                  "(or <!-- not-output --> if it is input)")
            pending = None
    return blocks, errors


# --- configurations ---------------------------------------------------------------

def dts_mem(name: str) -> str:
    """The QEMU memory a scenario's header names, as boot/arm/arch.mk reads it."""
    text = (ROOT / "dts" / f"{name}.dts").read_text()
    m = re.search(r"^ \* QEMU memory: *([0-9]+[KMGT]) *$", text, re.M)
    return m[1] if m else "128M"


def config_key(config: dict) -> tuple:
    """A configuration with its defaults filled in: blocks with equal keys share a boot."""
    if "golden" in config:
        return (("golden", config["golden"]),)
    c = dict(config)
    c.setdefault("arch", "x86")
    c.setdefault("mem", dts_mem(c["dts"]) if c.get("dts") else "128M")
    for k in ("cmdline", "model", "allocator", "dts", "input"):
        c.setdefault(k, "")
    if c["model"] == "flatmem":
        c["model"] = ""
    if c["allocator"] == "bootmem":
        c["allocator"] = ""
    return tuple(sorted((k, c[k]) for k in KEYS - {"golden"}))


def case_for(key: tuple) -> Case:
    c = dict(key)
    if "golden" in c:
        return None
    make_vars = {}
    if c["model"]:
        make_vars["MEMORY_MODEL"] = c["model"]
    if c["allocator"]:
        make_vars["EARLY_ALLOCATOR"] = c["allocator"]
    if c["dts"]:
        make_vars["DTS"] = c["dts"]
    desc = " ".join(f"{k}={v!r}" if " " in v else f"{k}={v}" for k, v in key if v)
    name = "docs-" + re.sub(r"[^A-Za-z0-9=.,_-]+", "_", desc)[:100]
    commands = [s.strip() for s in c["input"].split(";") if s.strip()]
    if commands or "poweroff" not in c["cmdline"].split():
        if not commands or commands[-1] not in boottest.SHELL_END:
            commands.append("poweroff")
        return ShellCase(name, c["arch"], cmdline=c["cmdline"], mem=c["mem"], script=tuple(commands),
                         make_vars=make_vars, timeout=60.0, doc=desc)
    return Case(name, c["arch"], cmdline=c["cmdline"], mem=c["mem"], make_vars=make_vars,
                timeout=60.0, doc=desc)


def describe(key: tuple, case) -> str:
    c = dict(key)
    if "golden" in c:
        return f"tests/golden/linux/{c['golden']}.log"
    argv = case.commands()[-1]
    text = shlex.join(argv[:2] + [a for a in argv[2:]])
    if isinstance(case, ShellCase):
        text += f", typing {'; '.join(case.script)}"
    return text


# --- matching ---------------------------------------------------------------------

def output_lines(text: str) -> list:
    """The lines of a boot's (or a golden log's) output, timestamps stripped."""
    out = []
    for line in boottest.clean(text).split("\n"):
        m = boottest.TIMESTAMP_RE.search(line)
        out.append((line[m.end():] if m else line).rstrip())
    return out


def matcher(want: str):
    """A predicate for one doc line (see the rules above)."""
    if want == PROMPT:
        return lambda got: got == PROMPT or got.startswith(boottest.SHELL_PROMPT)
    if "…" in want:
        pattern = re.compile(".*".join(re.escape(p) for p in want.split("…")))
        return lambda got: pattern.fullmatch(got) is not None
    return lambda got: got == want


def check_block(block: Block, got: list) -> list:
    """Errors for the block's lines that the output does not hold, in order."""
    errors = []
    pos = 0
    for n, raw in block.lines:
        want = DOC_TIMESTAMP_RE.sub("", raw).rstrip()
        if not want.strip() or want.strip() in ELISIONS:
            continue
        ok = matcher(want)
        found = next((i for i in range(pos, len(got)) if ok(got[i])), None)
        if found is not None:
            pos = found + 1
            continue
        earlier = any(ok(g) for g in got[:pos])
        errors.append(f"{block.doc}:{n}: {'printed earlier, not in this order' if earlier else 'not printed'}"
                      f": {want!r}")
    return errors


def self_check() -> list:
    """The matching rules on a made-up output: a checker that passes everything is no check."""
    got = ["Zone ranges:", "  DMA      [mem 0x0-0xfff]", "x", "memblock_add: [0x1000-0x9fbff] 0xc011424a",
           "bootmm> poweroff"]
    def errs(*lines):
        return check_block(Block("self", 0, {}, list(enumerate(lines, 1))), got)
    cases = [
        (errs("[    0.012345] Zone ranges:", "...", "memblock_add: [0x1000-0x9fbff] …", "bootmm>"), 0),
        (errs("  DMA      [mem 0x0-0xfff]", "Zone ranges:"), 1),		# order
        (errs("Zone ranges"), 1),					# a prefix is not the line
        (errs("memblock_add: … 0xc0"), 1),				# … is within the line only
        (errs("bootmm> halt"), 1),
    ]
    return [f"doccheck.py's own rules broken: case {i} gave {len(e)} errors, expected {n}: {e}"
            for i, (e, n) in enumerate(cases) if len(e) != n]


# --- running ----------------------------------------------------------------------

@dataclasses.dataclass
class Outcome:
    key: tuple
    blocks: list
    errors: dict		# block name -> errors
    run_errors: list		# the boot's own errors (timeout, panic, exit status)
    seconds: float
    log_path: Path = None


def run_config(key: tuple, blocks: list, broken: set) -> Outcome:
    start = time.monotonic()
    c = dict(key)
    case = case_for(key)
    log_path = None
    if case is None:
        path = boottest.GOLDEN_DIR / f"{c['golden']}.log"
        if not path.exists():
            return Outcome(key, blocks, {}, [f"no golden log {path.relative_to(ROOT)}"], 0.0)
        got = output_lines(path.read_text(encoding="utf-8", errors="replace"))
        run_errors = []
        log_path = path
    else:
        result = boottest.run_case(case, broken)
        got = output_lines(result.log)
        run_errors = list(result.errors)
        log_path = result.log_path
    errors = {b.name: check_block(b, got) for b in blocks}
    return Outcome(key, blocks, errors, run_errors, time.monotonic() - start, log_path)


def selected(blocks: list, patterns: list) -> list:
    if not patterns:
        return blocks
    def match(name):
        return any(fnmatch.fnmatchcase(name, p) if any(ch in p for ch in "*?[") else p in name
                   for p in patterns)
    return [b for b in blocks if match(b.name)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-k", action="append", default=[], metavar="PATTERN",
                    help="check the blocks whose file:line contains PATTERN (or matches it as a glob)")
    ap.add_argument("-j", type=int, default=2, metavar="N", help="boots at a time (default 2)")
    ap.add_argument("--list", action="store_true", help="list the blocks and their configurations")
    ap.add_argument("--no-build", action="store_true", help="do not run `make ARCH=..` first")
    ap.add_argument("--broken", action="append", default=[], metavar="ARCH",
                    help="this arch's build failed: fail its blocks without booting")
    args = ap.parse_args(argv)

    start = time.monotonic()
    all_blocks, lint_errors = parse_docs(DOCS)
    blocks = selected(all_blocks, args.k)
    groups = {}
    for b in blocks:
        groups.setdefault(config_key(b.config), []).append(b)
    if args.list:
        for key, bs in groups.items():
            print(describe(key, case_for(key)))
            for b in bs:
                print(f"    {b.name}: {sum(1 for _, t in b.lines if t.strip() and t.strip() not in ELISIONS)} lines")
        return 0
    if args.k:		# only the broken annotations of the files asked for
        docs = {b.doc for b in blocks} | {d for d in DOCS if any(p in d for p in args.k)}
        lint_errors = [e for e in lint_errors if e.split(":")[0] in docs]
    lint_errors = self_check() + lint_errors
    for err in lint_errors:
        print(f"FAIL {err}")

    broken = set(args.broken)
    cases = [case for case in (case_for(k) for k in groups) if case is not None]
    if not args.no_build:
        broken |= boottest.build(sorted({c.arch for c in cases} - broken), cases)
    else:
        boottest.build_variants(cases, broken)
    boottest.LOG_DIR = LOG_DIR

    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
        futures = [pool.submit(run_config, k, bs, broken) for k, bs in groups.items()]
        for fut in concurrent.futures.as_completed(futures):
            o = fut.result()
            for b in o.blocks:
                errs = o.errors.get(b.name, []) if not o.run_errors else o.run_errors + o.errors.get(b.name, [])
                if errs:
                    failed += 1
                    print(f"FAIL {b.name}: a block of output from {describe(o.key, case_for(o.key))}")
                    for e in errs:
                        print(f"    {e}")
                    if o.log_path:
                        print(f"    log: {o.log_path.relative_to(ROOT)}")
                else:
                    passed += 1
                    print(f"PASS {b.name}")
            sys.stdout.flush()
    failed += len(lint_errors)
    print(f"docs check: {passed} passed, {failed} failed in {time.monotonic() - start:.1f} s "
          f"({len(groups)} configurations)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

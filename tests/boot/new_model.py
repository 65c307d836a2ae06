#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""docs/memory-models.md's "Adding a model", followed by a script.

A model is one file: this copies the tree (its git-tracked files, and the
fetched libfdt) to build/tests/new-model/tree, adds one new file there,
mm/memory_model/flatcopy.c (flatmem.c under another name, printing
"FLATCOPY"), edits nothing else, and checks what the page promises:

  - the boot suite `make test` runs lists the new model's cases on both arches;
  - scripts/run-tests.sh builds it with the other models;
  - it builds, boots on x86 and ARM, and memmap_check says OK (the boot cases);
  - the GDB helpers translate pfn <-> struct page under it, a model they
    have no class for (they call the kernel's own functions).

  tests/boot/new_model.py
"""
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))
import boottest  # noqa: E402
from boottest import ROOT  # noqa: E402

WORK = ROOT / "build" / "tests" / "new-model"
TREE = WORK / "tree"
MODEL, NAME = "flatcopy", "FLATCOPY"


def run(argv: list, timeout: float, cwd: Path = TREE) -> tuple:
    proc = subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=timeout, env=boottest.CLEAN_ENV)
    (WORK / "log").open("a").write(f"$ {' '.join(argv)}\n{proc.stdout}\n")
    return proc.returncode, proc.stdout


def make_tree() -> None:
    if TREE.exists():
        shutil.rmtree(TREE)
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, stdout=subprocess.PIPE, check=True).stdout.split(b"\0")
    for f in filter(None, files):
        src = ROOT / f.decode()
        if src.is_file():
            dst = TREE / f.decode()
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    (TREE / "build").mkdir(exist_ok=True)
    # The fetched libfdt (scripts/install-deps.sh), not part of the tree: shared, not fetched again.
    if (ROOT / "build" / "third_party").is_dir():
        (TREE / "build" / "third_party").symlink_to(ROOT / "build" / "third_party")
    # The one new file: FLATMEM under another name.
    text = (ROOT / "mm" / "memory_model" / "flatmem.c").read_text()
    text, n = re.subn(r'(memory_model_name\[\]\s*=\s*)"FLATMEM"', rf'\1"{NAME}"', text)
    assert n == 1, "flatmem.c no longer defines memory_model_name[] = \"FLATMEM\""
    (TREE / "mm" / "memory_model" / f"{MODEL}.c").write_text(text)


# A pfn of RAM: 1 MiB into memory (RAM starts at 0 on the PC, at 0x40000000 on ARM virt).
PFN = {"x86": 0x100, "arm": 0x40100}
GDB_SCRIPT = """\
break kernel_finish_boot
continue
echo @@ pfn-to-page\\n
mm-pfn-to-page {pfn:#x}
echo @@ page\\n
mm-page {pfn:#x}
kill
"""


def gdb_check(arch: str, errors: list) -> None:
    """mm-pfn-to-page and mm-page under the new model, against its own boot."""
    port = str(20000 + int(time.time() * 1000) % 20000)
    qemu = subprocess.Popen(["make", "-s", "qemu-gdb", f"ARCH={arch}", f"MEMORY_MODEL={MODEL}",
                             f"GDBPORT={port}", "CMDLINE=poweroff"], cwd=TREE, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            env=boottest.CLEAN_ENV)
    try:
        script = WORK / "gdb.cmds"
        script.write_text(GDB_SCRIPT.format(pfn=PFN[arch]))
        rc, out = run(["gdb-multiarch", "-q", "-batch", "-nx", "-x", "scripts/gdb/bootmm.gdb",
                       "-ex", f"bootmm-connect {port}", "-x", str(script),
                       f"build/{arch}-{MODEL}/bootmm.elf"], 90)
    finally:
        boottest.kill_group(qemu.pid)
        qemu.wait()
    to_page = out.split("@@ pfn-to-page", 1)[-1].split("@@ page", 1)[0]
    m = re.search(rf"pfn {PFN[arch]:#x} -> struct page (0x[0-9a-f]+) ", to_page)
    if not m or "the kernel's own pfn_to_page()" not in to_page:
        errors.append(f"{arch}: mm-pfn-to-page under {NAME} did not use the kernel's pfn_to_page(): {to_page!r}")
    page = out.split("@@ page", 1)[-1]
    # dump_page()'s first line, as the shell's `page` prints it.
    if not m or not re.search(rf"^page:{int(m[1], 16):08x} .* pfn:{PFN[arch]:#x}$", page, re.M):
        errors.append(f"{arch}: mm-page {PFN[arch]:#x} under {NAME}: {page[:300]!r}")


def main() -> int:
    start = time.monotonic()
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "log").write_text("")
    errors = []
    make_tree()

    rc, listing = run([sys.executable, "-B", "tests/boot/boottest.py", "--list"], 60)
    for arch in ("x86", "arm"):
        if f"{arch}-model-{MODEL}-128M" not in listing:
            errors.append(f"make test's boot cases do not list {arch}-model-{MODEL}-128M")
    rc, models = run(["bash", "-c", "eval \"$(grep '^OTHER_MODELS=' scripts/run-tests.sh)\"; "
                      "echo \"$OTHER_MODELS\""], 30)
    if MODEL not in models.split():
        errors.append(f"scripts/run-tests.sh's OTHER_MODELS does not have {MODEL}: {models!r}")

    rc, out = run([sys.executable, "-B", "tests/boot/cases_models.py", "-k", f"model-{MODEL}-128M"], 900)
    if rc != 0 or not re.search(r"2 passed, 0 failed", out):
        errors.append(f"the {MODEL} boot cases (x86 and ARM, memmap_check) did not pass:\n{out[-2000:]}")
    else:
        for arch in ("x86", "arm"):
            gdb_check(arch, errors)

    seconds = time.monotonic() - start
    for e in errors:
        print(f"    {e}")
    print(f"{'FAIL' if errors else 'PASS'} new-model-{MODEL} ({seconds:.1f} s): one new file, "
          f"mm/memory_model/{MODEL}.c, built, booted and debugged on both arches")
    print(f"new model: {0 if errors else 1} passed, {1 if errors else 0} failed in {seconds:.1f} s"
          f"{'' if not errors else ' (log: build/tests/new-model/log)'}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

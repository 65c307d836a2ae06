#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Prints a JSON compilation database (compile_commands.json) for editors and clangd.

Called by the Makefile's compile_commands.json target with the kernel's sources
and their real compile commands, in pairs:

  scripts/compile-commands.py "file1" "cmd1" "file2" "cmd2" ... > compile_commands.json

Each entry has the repository root as its directory, the file as given (relative
to that root) and the command split into arguments, as clangd prefers.
"""
import json
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def database(args: list) -> list:
    if len(args) % 2:
        raise ValueError(f"expected file/command pairs, got {len(args)} arguments")
    entries = []
    for file, command in zip(args[0::2], args[1::2]):
        entries.append({
            "directory": str(ROOT),
            "file": file,
            "arguments": shlex.split(command),
        })
    return entries


def main() -> int:
    try:
        entries = database(sys.argv[1:])
    except ValueError as err:
        print(f"compile-commands.py: {err}", file=sys.stderr)
        print("usage: scripts/compile-commands.py FILE COMMAND [FILE COMMAND]...", file=sys.stderr)
        return 2
    json.dump(entries, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

# SPDX-License-Identifier: MIT
#
# A scripted `make debug` session, run by tests/gdb/gdbtest.py after
# `bootmm-connect PORT` and `bootmm-start` (scripts/gdb/bootmm.gdb): where did we
# stop, does `next` walk through start_kernel(), and what has setup_arch() left
# in console_loglevel and boot_command_line?  The "@@" lines mark the sections
# the test runner checks.

echo @@ where\n
frame
echo @@ loglevel-before\n
print console_loglevel

echo @@ next\n
next
frame

# `next` over each line until setup_arch() has filled boot_command_line: that
# way the script does not depend on how many lines come before the call.
set $steps = 0
while boot_command_line[0] == 0 && $steps < 20
  next
  set $steps = $steps + 1
end
echo @@ after-setup-arch\n
frame
print console_loglevel
print boot_command_line

echo @@ breakpoints\n
info breakpoints

# Let the boot finish: "poweroff" on the command line makes QEMU exit.
echo @@ continue\n
continue

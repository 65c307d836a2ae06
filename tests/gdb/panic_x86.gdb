# SPDX-License-Identifier: MIT
#
# x86's panic path, reached from GDB (QEMU's multiboot loader always hands over
# good information, so nothing else gets there): at start_kernel() the saved
# loader magic is overwritten, so setup_arch() finds no multiboot hand-over and
# panics.  Without a command line "poweroff" is never parsed, so it is set here
# too: the panic then ends QEMU with status 3 through isa-debug-exit.

echo @@ corrupt\n
set var *(unsigned int *)&boot_magic = 0
set var poweroff_requested = 1
echo @@ continue\n
continue

# SPDX-License-Identifier: MIT
# The mm core: these files build into the kernel and into the host unit tests.
MM_SRCS :=

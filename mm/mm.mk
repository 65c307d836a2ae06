# SPDX-License-Identifier: MIT
# The mm core: these files build into the kernel and into the host unit tests.
MM_SRCS :=
MM_SRCS += mm/memblock.c
MM_SRCS += mm/mm_init.c
MM_SRCS += mm/numa.c
MM_SRCS += mm/zone_movable.c

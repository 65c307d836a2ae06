# SPDX-License-Identifier: MIT
# The mm core: these files build into the kernel and into the host unit tests.
MM_SRCS :=
MM_SRCS += mm/memblock.c
MM_SRCS += mm/mm_init.c
MM_SRCS += mm/numa.c
MM_SRCS += mm/zone_movable.c

# The memory model: one file each in mm/memory_model/ (make MEMORY_MODEL=...).
MEMORY_MODEL ?= flatmem
ifeq ($(wildcard mm/memory_model/$(MEMORY_MODEL).c),)
$(error MEMORY_MODEL=$(MEMORY_MODEL): there is no mm/memory_model/$(MEMORY_MODEL).c)
endif
MM_SRCS += mm/memory_model/$(MEMORY_MODEL).c

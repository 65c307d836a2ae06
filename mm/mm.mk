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

# The early allocator behind include/mm/bootmem.h, one file each (make EARLY_ALLOCATOR=...):
#   bootmem   mm/bootmem.c, Linux's bitmap allocator until 4.20 (the default)
#   memblock  mm/nobootmem.c, the same API on memblock, as Linux since 4.20
# Any other name builds mm/<name>.c: a third allocator is one new file.
EARLY_ALLOCATOR ?= bootmem
EARLY_ALLOCATOR_SRC := mm/$(if $(filter memblock,$(EARLY_ALLOCATOR)),nobootmem,$(EARLY_ALLOCATOR)).c
ifeq ($(wildcard $(EARLY_ALLOCATOR_SRC)),)
$(error EARLY_ALLOCATOR=$(EARLY_ALLOCATOR): there is no $(EARLY_ALLOCATOR_SRC))
endif
# Linked once the page allocator exists: the early allocator's hand-off calls it.
ifneq ($(wildcard mm/page_alloc.c),)
MM_SRCS += $(EARLY_ALLOCATOR_SRC)
endif

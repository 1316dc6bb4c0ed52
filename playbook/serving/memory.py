"""How many page kernels this machine holds: sizing from memory (no tornado, no Voila)."""

from __future__ import annotations

import os
from pathlib import Path

#: A kernel of ours, after a page has used it, is about 150-220 MB (benchmarks/bench_serve.py).
KERNEL_MB = 250

CGROUP_LIMITS = ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes")


def machine_memory_mb(cgroup_files: tuple[str, ...] = CGROUP_LIMITS) -> int:
    """Memory this server may use: the container's limit (cgroup v2 or v1) or the machine's."""
    limits = []
    for path in cgroup_files:
        try:
            text = Path(path).read_text().strip()
        except OSError:
            continue
        if text.isdigit():
            limits.append(int(text))
    try:
        limits.append(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):
        limits.append(4 << 30)
    return min(limits) // (1 << 20)


def default_max_kernels(memory_mb: int | None = None) -> int:
    """Page kernels that fit in three quarters of the memory, at :data:`KERNEL_MB` each.

    >>> default_max_kernels(24 * 1024)
    73
    >>> default_max_kernels(2048)
    6
    """
    memory_mb = machine_memory_mb() if memory_mb is None else memory_mb
    return max(2, int(memory_mb * 0.75) // KERNEL_MB)

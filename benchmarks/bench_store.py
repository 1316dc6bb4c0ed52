"""Benchmark: how long one autosave takes while 20 kernels save at once, SQLite vs PostgreSQL.

Each of 20 processes (a kernel's worth: its own Store, its own connection pool) owns a workbook
and saves sections of the demo workbook (``data/demo_workbook.json``: career, leadership, time
split, pilots, audit, plan, 0.4-15 KB of JSON each) one after another, as fast as it can, after
all 20 are ready; every ``Store.save_section`` call is timed. A participant clicking is far
slower than this, so it is a worst case for 20 people at once.

Reports p50/p95/max of one save and the total saves per second, for an SQLite file (WAL, on
this machine's disk) and for PostgreSQL (a fresh schema of the test database that scripts/test
creates, or ``PLAYBOOK_TEST_POSTGRES``; Debian's server on loopback).

Run::

    .venv/bin/python benchmarks/bench_store.py [--writers 20] [--saves 50]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PG_DEFAULT = "postgresql+psycopg://playbook_test:playbook_test@127.0.0.1:5432/playbook_test"


def writer(url: str, saves: int, barrier, out) -> None:
    from playbook.store import Store

    sections = json.loads((REPO / "data" / "demo_workbook.json").read_text())["sections"]
    names = sorted(sections)
    store = Store(url)
    wid, _ = store.create_workbook()
    barrier.wait(timeout=120)
    times = []
    for i in range(saves):
        name = names[i % len(names)]
        start = time.perf_counter()
        store.save_section(wid, name, sections[name])
        times.append(time.perf_counter() - start)
    store.close()
    out.put(times)


def run(url: str, writers: int, saves: int) -> dict[str, float]:
    from playbook.store import Store

    Store(url).close()  # migrated before the writers start, as `playbook serve` does
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(writers + 1), ctx.Queue()
    procs = [ctx.Process(target=writer, args=(url, saves, barrier, out)) for _ in range(writers)]
    for p in procs:
        p.start()
    barrier.wait(timeout=180)
    start = time.perf_counter()
    times = [t for _ in procs for t in out.get(timeout=600)]
    wall = time.perf_counter() - start
    for p in procs:
        p.join(timeout=60)
    q = statistics.quantiles(times, n=100, method="inclusive")
    return {
        "p50_ms": q[49] * 1000,
        "p95_ms": q[94] * 1000,
        "max_ms": max(times) * 1000,
        "saves_per_s": len(times) / wall,
        "saves": len(times),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--saves", type=int, default=50, help="saves per writer")
    args = parser.parse_args()

    from sqlalchemy import create_engine, text

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["SQLite"] = run(f"sqlite:///{tmp}/store.sqlite", args.writers, args.saves)
    base = os.environ.get("PLAYBOOK_TEST_POSTGRES") or PG_DEFAULT
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
        results["PostgreSQL"] = run(url, args.writers, args.saves)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()

    print(f"{args.writers} writers x {args.saves} saves each, os.cpu_count()={os.cpu_count()}")
    print(f"{'store':<12}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'saves/s':>10}")
    for name, r in results.items():
        print(
            f"{name:<12}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['max_ms']:>9.1f}"
            f"{r['saves_per_s']:>10.0f}"
        )


if __name__ == "__main__":
    main()

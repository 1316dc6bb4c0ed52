"""Many kernels at once on one PostgreSQL store (issue 12's two races).

Six processes (six kernels' worth) open an empty database at the same moment, then ask for the
same hub user's workbook at the same moment. Before the fix, ``metadata.create_all`` failed with
a duplicate key on ``pg_type`` in 1 to 3 of 6, and the first visit with a unique violation on
``workbooks_owner_key`` in up to 5 of 6.
"""

from __future__ import annotations

import multiprocessing as mp
import uuid

from sqlalchemy import create_engine, text

PROCESSES = 6
ROUNDS = 3


def _kernel(urls: list[str], barrier, out) -> None:
    from playbook.store import Store

    for n, url in enumerate(urls):
        try:
            barrier.wait(timeout=60)
            store = Store(url)  # an empty database: the first kernels create its tables
            barrier.wait(timeout=60)
            wid = store.owned_workbook(f"hub:user{n}")  # the user's first visit, six times
            store.close()
            out.put((n, "ok", wid))
        except Exception as err:  # the test counts failures; it must see every one
            out.put((n, "failed", f"{type(err).__name__}: {str(err)[:200]}"))


def test_six_kernels_opening_an_empty_database_and_a_first_visit_never_fail(pg_url):
    """Six processes at once, three rounds: 0 failures, and one workbook per hub user?"""
    base, _, _ = pg_url.partition("?")
    schemas = [f"c_{uuid.uuid4().hex[:12]}" for _ in range(ROUNDS)]
    admin = create_engine(base)
    with admin.begin() as conn:
        for schema in schemas:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    urls = [f"{base}?options=-csearch_path%3D{schema}" for schema in schemas]
    try:
        ctx = mp.get_context("spawn")
        barrier = ctx.Barrier(PROCESSES)
        out = ctx.Queue()
        procs = [ctx.Process(target=_kernel, args=(urls, barrier, out)) for _ in range(PROCESSES)]
        for p in procs:
            p.start()
        results = [out.get(timeout=180) for _ in range(PROCESSES * ROUNDS)]
        for p in procs:
            p.join(timeout=60)
        failures = [r for r in results if r[1] != "ok"]
        assert failures == []
        for n in range(ROUNDS):
            assert len({wid for m, _, wid in results if m == n}) == 1  # all six: one workbook
        with admin.connect() as conn:
            for schema in schemas:
                owners = conn.execute(text(f"SELECT owner FROM {schema}.workbooks")).all()
                assert len(owners) == 1
    finally:
        with admin.begin() as conn:
            for schema in schemas:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()

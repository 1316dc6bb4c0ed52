"""``playbook serve | export | import | report``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playbook.errors import PlaybookError
from playbook.store import Store


def _store(args: argparse.Namespace) -> Store:

    return Store(args.store) if args.store else Store()


def _workbook_id(store: Store, args: argparse.Namespace) -> str:
    from playbook.session import LOCAL_OWNER

    if args.key:
        return str(store.find_by_key(args.key))
    return str(store.owned_workbook(f"hub:{args.user}" if args.user else LOCAL_OWNER))


def cmd_serve(args: argparse.Namespace) -> int:
    from playbook.serving.command import ServeOptions, serve

    options = ServeOptions(
        port=args.port,
        host=args.host,
        pool_size=args.pool_size,
        preheat=not args.no_preheat,
        max_kernels=args.max_kernels,
        workshop=args.workshop,
        open_browser=args.open,
        extra=tuple(args.voila_options or ()),
    )
    serve(options, store=args.store, workbooks=args.workbooks)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from playbook.record import dump_workbook_file

    store = _store(args)
    data = dump_workbook_file(store.load_record(_workbook_id(store, args)))
    if args.output == "-":
        sys.stdout.buffer.write(data)
    else:
        Path(args.output).write_bytes(data)
        print(f"Wrote {args.output}", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from playbook.record import parse_workbook_file

    store = _store(args)
    record = parse_workbook_file(Path(args.file).read_bytes())
    if args.key or args.user or args.local:
        wid = _workbook_id(store, args)
        store.replace_record(wid, record, "import from file (command line)")
        print("Imported into the existing workbook; its previous contents are kept as a snapshot.")
    else:
        wid, key = store.create_workbook()
        store.replace_record(wid, record, "import from file (command line)")
        print(f"Imported into a new workbook. Its private key (shown once): {key}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """``playbook report``: read the files, print the tables, write the exports asked for
    (the reading and writing here; :mod:`playbook.cohort.report` only makes the text).

    Returns 0, or 2 when no file could be read as a workbook.
    """
    from playbook.cohort.report import cohort_csv, cohort_html, from_files, text_summary

    files = []
    for p in args.files:
        try:
            files.append((p, Path(p).read_bytes()))
        except OSError as e:
            print(f"playbook report: {p}: {e.strerror or e}", file=sys.stderr)
    loaded = from_files(files)
    for problem in loaded.problems:
        print(f"playbook report: {problem.name}: {problem.message}", file=sys.stderr)
    if loaded.cohort.n_workbooks == 0:
        print("playbook report: no workbook file could be read.", file=sys.stderr)
        return 2
    sys.stdout.write(text_summary(loaded))
    if args.output:
        html = cohort_html(loaded.cohort, loaded.content)
        Path(args.output).write_text(html, encoding="utf-8")
        print(f"Wrote {args.output}", file=sys.stderr)
    if args.csv:
        Path(args.csv).write_text(cohort_csv(loaded.cohort), encoding="utf-8", newline="")
        print(f"Wrote {args.csv}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="playbook", description=__doc__)
    p.add_argument(
        "--store",
        help="workbook store: a path or SQLAlchemy URL (default: PLAYBOOK_STORE or the user data dir)",
    )
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("serve", help="serve the workbooks with Voila")
    s.add_argument("--port", type=int, default=8866)
    s.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: loopback only)"
    )
    s.add_argument(
        "--workbooks", help="notebook folder (default: ./workbooks or the installed copy)"
    )
    s.add_argument(
        "--pool-size",
        type=int,
        help="preheated kernels kept ready per workbook (default 1; a workshop: --workshop)",
    )
    s.add_argument(
        "--workshop",
        type=int,
        metavar="N",
        help="N participants arriving at once: a kernel is warmed for each on the start and "
        "career pages before they arrive (start the server a few minutes early; see README)",
    )
    s.add_argument(
        "--max-kernels",
        type=int,
        help="most page kernels alive at once (default: from the machine's memory)",
    )
    s.add_argument("--no-preheat", action="store_true", help="start a kernel per request instead")
    s.add_argument("--open", action="store_true", help="open a browser")
    s.add_argument(
        "voila_options",
        nargs="*",
        help="further Voila or Jupyter options after --, e.g. "
        "-- --PlaybookKernelManager.connect_grace=30 (see docs/SERVING.md)",
    )
    s.set_defaults(func=cmd_serve)

    for name, func, helptext in (
        ("export", cmd_export, "write a workbook file"),
        ("import", cmd_import, "read a workbook file"),
    ):
        c = sub.add_parser(name, help=helptext)
        who = c.add_mutually_exclusive_group()
        who.add_argument("--key", help="the workbook's private key")
        who.add_argument("--user", help="a JupyterHub user name")
        if name == "import":
            who.add_argument("--local", action="store_true", help="the local default workbook")
            c.add_argument("file")
        else:
            c.add_argument("-o", "--output", default="-")
        c.set_defaults(func=func)

    r = sub.add_parser(
        "report", help="aggregate workbook files into a cohort report (small groups hidden)"
    )
    r.add_argument("files", nargs="+", help="downloaded workbook files")
    r.add_argument("-o", "--output", help="write a self-contained HTML report here")
    r.add_argument("--csv", help="write the aggregate tables as CSV here")
    r.set_defaults(func=cmd_report)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not hasattr(args, "local"):
        args.local = False
    try:
        return int(args.func(args))
    except PlaybookError as err:
        print(f"playbook: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

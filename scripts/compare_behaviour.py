"""Snapshot what the app does, to show that a restructure (issue 17) leaves it unchanged.

    .venv/bin/python scripts/compare_behaviour.py -o OUT.json
    .venv/bin/python scripts/compare_behaviour.py --diff A.json B.json   # exit 1 if they differ

Run it on two checkouts (``PYTHONPATH=<checkout>``, from inside the checkout) and diff the two
files. The snapshot is canonical JSON (sorted keys, floats rounded to 9 significant digits,
sets sorted) of:

``pages``
    The demo workbook (``data/demo_workbook.json``) restored into a temporary SQLite store, and
    every page of :data:`playbook.contract.WORKBOOKS` built headless on that session (as the
    tests build them). Each page is its widget tree, depth first: every widget's type, its
    text (``value``, ``description``, ``placeholder``, ``tooltip``, a selection's option labels
    and index, a Tab/Accordion's ``titles``), ``disabled``, and whether it is hidden; every
    chart drawn into an ``Output`` (``show_figure`` is replaced, headless only, by one that
    puts plotly's MIME bundle into the Output's ``outputs``, which a kernel would do).
``imports``
    The sample files in ``data/`` read by the public parsers (calendar, time-tracker CSVs,
    pilot measurements): format, encoding, skipped, warnings, withdrawn ids and every entry
    (with the time-split classification: category, reason, rule).
``assess``
    Every registered domain's ``assess`` result on the demo workbook's section.
``plan``
    ``playbook.plan``'s ``gather`` (without the contents it loaded), "Where I stand"
    (``standings``, keyed by its old name ``summarize``) and the suggestions (``suggest``) on
    the demo workbook.
``cohort``
    The cohort aggregates (``playbook.cohort``) of the demo workbook and 23 deterministic
    variations of it (seeded: answers moved by a point, hours scaled, parts left out,
    decisions changed), read back from workbook files as the cohort page reads them.

A part that fails records ``{"error": "<Type>: <message>"}`` instead of stopping the run.

What is stripped (so that two runs on the same code give identical files):

* the session's private key, workbook id and any share token: replaced by ``<key>``,
  ``<workbook-id>``, ``<token>``; ``key=...`` / ``share=...`` / ``coach=...`` (the coach code,
  made from the workbook id) query values and UUIDs likewise;
* today's date, in the formats the pages write it (ISO, ``3 December 2026``, ``Dec 3``,
  weekday forms, ...), and the next 400 days' ISO dates as values of date pickers: ``<today>``
  (or ``<today+N>``);
* the clock time of "All changes saved · HH:MM:SS" and any ``HH:MM:SS`` right after "saved",
  and the save-state's ``data-saved-at`` (the epoch seconds of the last save): ``<saved-at>``;
* plotly's ``uid`` keys; ``FileUpload`` contents; ``data:`` URIs (download links) become
  a hash of their decoded content, a workbook file's ``created`` (the temporary store's
  creation time) and ``exported`` times dropped first, and what the calendar keeps in it
  (its ``cadence`` part) replaced: the ``salt`` (random, made when the calendar is first
  drawn) by ``<salt>``, each event's ``sequence`` (seconds since 2020 when drawn) and
  ``modified`` by ``<sequence>`` and ``<now>``; in a calendar download (``.ics``) likewise
  ``DTSTAMP``, ``LAST-MODIFIED`` and ``SEQUENCE`` (the UIDs, made from the salt, are UUIDs:
  see above). Each is the clock's (or chance's) at the moment the page is built, so the same
  code gives another value in every run;
* ``<object at 0x...>`` addresses in reprs;

The script re-runs itself with ``PYTHONHASHSEED=0`` so that any iteration over a set of
strings in the app is the same in every run.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import datetime as dt
import enum
import importlib
import json
import math
import os
import random
import re
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import Any

HERE = Path.cwd()
TODAY = dt.date.today()


def data_dir() -> Path:
    """``data/`` of the checkout being snapshotted (the one ``playbook`` is imported from)."""
    import playbook

    root = Path(playbook.__file__).resolve().parent.parent
    return root / "data"


# ---------------------------------------------------------------------------------------------
# Canonical JSON
# ---------------------------------------------------------------------------------------------


def round_float(x: float) -> Any:
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    r = float(f"{x:.9g}")
    return 0.0 if r == 0 else r


class Scrubber:
    """Replaces the volatile parts of strings (see the module docstring)."""

    def __init__(self) -> None:
        self.secrets: dict[str, str] = {}
        self.patterns: list[tuple[re.Pattern[str], str]] = []
        t = TODAY
        forms = {
            t.isoformat(),
            f"{t.day} {t:%B %Y}",
            f"{t:%d %B %Y}",
            f"{t:%B} {t.day}, {t.year}",
            f"{t.day} {t:%b %Y}",
            f"{t:%b} {t.day}, {t.year}",
            f"{t:%A} {t.day} {t:%B}",
            f"{t:%a} {t.day} {t:%b}",
            f"{t.day} {t:%B}",
            f"{t.day} {t:%b}",
            f"{t:%b} {t.day}",
            f"{t:%B} {t.day}",
            f"{t:%d/%m/%Y}",
            f"{t:%m/%d/%Y}",
        }
        for form in sorted(forms, key=len, reverse=True):
            self.patterns.append(
                (re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])"), "<today>")
            )
        self.patterns += [
            (re.compile(r"(saved\W{0,5})\d{1,2}:\d{2}(:\d{2})?"), r"\1<time>"),
            (re.compile(r'(data-saved-at=")[0-9.]+'), r"\1<saved-at>"),
            (re.compile(r"(key=)[A-Za-z0-9_\-]+"), r"\1<key>"),
            (re.compile(r"(share=)[A-Za-z0-9_\-]+"), r"\1<token>"),
            (re.compile(r"(coach=)[A-Za-z0-9_\-]+"), r"\1<coach-code>"),
            (
                re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
                "<uuid>",
            ),
            (re.compile(r" at 0x[0-9a-f]+"), " at 0x?"),
        ]

    DATA_URI = re.compile(r"data:([\w/+.-]+)((?:;[\w=-]+)*),([A-Za-z0-9+/=%._~-]*)")
    ICS_STAMPS = re.compile(r"^(DTSTAMP|LAST-MODIFIED|SEQUENCE)([;:])[^\r\n]*", re.MULTILINE)

    @staticmethod
    def _calendar_state(workbook: dict[str, Any]) -> None:
        """A workbook file's calendar state without its salt and publishing times."""
        sections = workbook.get("sections")
        cadence = sections.get("cadence") if isinstance(sections, dict) else None
        if not isinstance(cadence, dict):
            return
        if "salt" in cadence:
            cadence["salt"] = "<salt>"
        for event in (cadence.get("events") or {}).values():
            for key, placeholder in (("sequence", "<sequence>"), ("modified", "<now>")):
                if isinstance(event, dict) and key in event:
                    event[key] = placeholder

    def _data_uri(self, m: re.Match[str]) -> str:
        """A download link's content, decoded, its times and salt replaced (see above), hashed."""
        import base64
        import hashlib
        from urllib.parse import unquote_to_bytes

        mime, params, payload = m.group(1), m.group(2), m.group(3)
        try:
            raw = base64.b64decode(payload) if "base64" in params else unquote_to_bytes(payload)
            text = raw.decode("utf-8")
            if mime.endswith("json"):
                obj = json.loads(text)
                if isinstance(obj, dict):  # a workbook file: its store's creation, its export
                    obj.pop("exported", None)
                    obj.pop("created", None)
                    self._calendar_state(obj)
                text = json.dumps(obj, sort_keys=True)
            elif mime == "text/calendar":
                text = self.ICS_STAMPS.sub(r"\1\2<now>", text)
            text = self(text)
        except Exception:  # noqa: BLE001 - not text: hash the bytes
            return f"data:{mime};<{len(payload)} chars, undecodable>"
        return (
            f"data:{mime};<sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]} of the content>"
        )

    def secret(self, value: str | None, label: str) -> None:
        if value and len(value) >= 6:
            self.secrets[value] = label

    def __call__(self, s: str) -> str:
        for value, label in sorted(self.secrets.items(), key=lambda kv: -len(kv[0])):
            if value in s:
                s = s.replace(value, label)
        if "data:" in s:
            s = self.DATA_URI.sub(self._data_uri, s)
        for pattern, repl in self.patterns:
            s = pattern.sub(repl, s)
        return s


SCRUB = Scrubber()
DROP_KEYS = {"uid"}


def to_jsonable(obj: Any, _depth: int = 0) -> Any:
    """Plain JSON of any result: dataclasses field by field, pydantic models by
    ``model_dump``, dates as ISO strings, sets sorted, numpy/pandas as lists."""
    if _depth > 60:
        return "<too deep>"
    d = _depth + 1
    if obj is None or isinstance(obj, bool):
        return obj
    if isinstance(obj, int) and not isinstance(obj, enum.Enum):
        return int(obj)
    if isinstance(obj, float):
        return round_float(obj)
    if isinstance(obj, str) and not isinstance(obj, enum.Enum):
        return SCRUB(str(obj))
    if isinstance(obj, enum.Enum):
        return to_jsonable(obj.value, d)
    if isinstance(obj, dt.datetime | dt.date | dt.time):
        return SCRUB(obj.isoformat())
    if isinstance(obj, dt.timedelta):
        return round_float(obj.total_seconds())
    if isinstance(obj, bytes | bytearray | memoryview):
        return f"<{len(bytes(obj))} bytes>"
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            f.name: to_jsonable(getattr(obj, f.name), d)
            for f in dataclasses.fields(obj)
            if f.name not in DROP_KEYS
        }
    if hasattr(obj, "model_dump") and hasattr(type(obj), "model_fields"):
        return to_jsonable(obj.model_dump(), d)
    if isinstance(obj, Mapping):
        return {
            SCRUB(str(k))
            if not isinstance(k, tuple)
            else SCRUB(json.dumps(to_jsonable(k))): to_jsonable(v, d)
            for k, v in obj.items()
            if k not in DROP_KEYS
        }
    if isinstance(obj, set | frozenset):
        items = [to_jsonable(x, d) for x in obj]
        return sorted(items, key=lambda x: json.dumps(x, sort_keys=True))
    if isinstance(obj, list | tuple):
        return [to_jsonable(x, d) for x in obj]
    mod = type(obj).__module__
    if mod.startswith("numpy") and hasattr(obj, "tolist"):
        return to_jsonable(obj.tolist(), d)
    if mod.startswith("pandas") and hasattr(obj, "to_dict"):
        try:
            return to_jsonable(obj.to_dict(orient="split"), d)
        except TypeError:
            return to_jsonable(obj.to_dict(), d)
    if isinstance(obj, Path):
        return SCRUB(str(obj))
    if hasattr(obj, "to_plotly_json"):
        return to_jsonable(obj.to_plotly_json(), d)
    if hasattr(obj, "__dict__") and not callable(obj):
        return {"__repr__": SCRUB(repr(obj))}
    return SCRUB(repr(obj))


def error(err: BaseException) -> dict[str, str]:
    tb = traceback.extract_tb(err.__traceback__)
    where = ""
    for frame in reversed(tb):
        if "playbook" in frame.filename:
            where = f" (at {Path(frame.filename).name}:{frame.name})"
            break
    return {"error": SCRUB(f"{type(err).__name__}: {err}"[:500] + where)}


def guarded(fn: Callable[[], Any]) -> Any:
    try:
        return to_jsonable(fn())
    except Exception as err:  # noqa: BLE001 - one part failing must not stop the others
        return error(err)


def first_attr(candidates: Iterable[tuple[str, str]]) -> Callable[..., Any]:
    """The first ``module:attribute`` of ``candidates`` that imports (adapters across renames)."""
    problems = []
    for module, attribute in candidates:
        try:
            return getattr(importlib.import_module(module), attribute)
        except (ImportError, AttributeError) as err:
            problems.append(f"{module}:{attribute}: {type(err).__name__}: {err}")
    raise ImportError("none of " + "; ".join(problems))


# ---------------------------------------------------------------------------------------------
# 1. Pages
# ---------------------------------------------------------------------------------------------


def demo_bytes() -> bytes:
    return (data_dir() / "demo_workbook.json").read_bytes()


def demo_record() -> dict[str, Any]:
    from playbook.record import parse_workbook_file

    return parse_workbook_file(demo_bytes())


def headless_charts() -> dict[str, Any]:
    """Import every ``playbook.ui`` module, then replace ``show_figure`` wherever it was
    imported by one that leaves the chart in the Output's ``outputs``."""
    import pkgutil

    import playbook.ui

    problems = {}
    for info in pkgutil.walk_packages(playbook.ui.__path__, "playbook.ui."):
        try:
            importlib.import_module(info.name)
        except Exception as err:  # noqa: BLE001
            problems[info.name] = error(err)["error"]
    charts = first_attr([("playbook.ui.common.charts", "show_figure")])
    bundle = first_attr([("playbook.ui.common.charts", "figure_bundle")])

    def show_figure(out: Any, fig: Any) -> None:
        out.outputs = ({"output_type": "display_data", "data": bundle(fig), "metadata": {}},)

    for name, module in list(sys.modules.items()):
        if name.startswith("playbook") and getattr(module, "show_figure", None) is charts:
            module.show_figure = show_figure  # type: ignore[attr-defined]
    return problems


TEXT_ATTRS = ("description", "placeholder", "tooltip", "button_style", "icon")


def walk(w: Any) -> list[dict[str, Any]]:
    """The widget tree under ``w``, depth first, as records of its text."""
    import ipywidgets as widgets

    out: list[dict[str, Any]] = []
    node: dict[str, Any] = {"type": type(w).__name__}
    layout = getattr(w, "layout", None)
    if layout is not None and (
        getattr(layout, "display", None) == "none"
        or getattr(layout, "visibility", None) == "hidden"
    ):
        node["hidden"] = True
    for attr in TEXT_ATTRS:
        v = getattr(w, attr, None)
        if v:
            node[attr] = to_jsonable(v)
    if getattr(w, "disabled", False):
        node["disabled"] = True
    if isinstance(w, widgets.FileUpload):
        node["accept"] = w.accept
        node["files"] = len(w.value)
    elif hasattr(w, "_options_labels"):
        node["options"] = to_jsonable(list(w._options_labels))
        node["index"] = to_jsonable(getattr(w, "index", None))
        node["value"] = to_jsonable(getattr(w, "value", None))
    elif isinstance(w, widgets.Output):
        node["outputs"] = [output_record(o) for o in w.outputs]
    elif hasattr(w, "value") and not isinstance(w, widgets.Box):
        node["value"] = to_jsonable(w.value)
    titles = getattr(w, "titles", None)
    if titles:
        node["titles"] = to_jsonable(list(titles))
    if isinstance(w, widgets.Box) or hasattr(w, "children"):
        kids = getattr(w, "children", ()) or ()
        node["n_children"] = len(kids)
        out.append(node)
        for child in kids:
            out += walk(child)
    else:
        out.append(node)
    return out


PLOTLY = "application/vnd.plotly.v1+json"


def output_record(o: Mapping[str, Any]) -> Any:
    data = o.get("data", {}) or {}
    if PLOTLY in data:
        return {
            "plotly": to_jsonable(data[PLOTLY]),
            "text/plain": to_jsonable(data.get("text/plain")),
        }
    if "text" in o:
        return {"stream": to_jsonable(o.get("text"))}
    return {k: to_jsonable(v) for k, v in data.items() if k.startswith("text/")}


def pages() -> dict[str, Any]:
    from playbook.contract import WORKBOOKS
    from playbook.session import Session
    from playbook.store import Store

    result: dict[str, Any] = {"_import_problems": headless_charts()}
    tmp = tempfile.mkdtemp(prefix="compare-behaviour-")
    store = Store(f"sqlite:///{tmp}/store.sqlite")
    session = Session(store, identity="none")
    session.start_from_file(demo_bytes())
    SCRUB.secret(session.key, "<key>")
    SCRUB.secret(session.workbook_id, "<workbook-id>")
    for n, w in enumerate(WORKBOOKS):
        view = w.view
        cls_name = view.rpartition(":")[2] if ":" in view else view
        entry: dict[str, Any] = {"notebook": w.notebook, "title": w.title, "view": cls_name}
        try:
            import playbook.ui as ui

            cls = getattr(ui, cls_name)
            page = cls(session)
            entry["widgets"] = walk(page)
        except Exception as err:  # noqa: BLE001
            entry.update(error(err))
        result[f"{n:02d} {w.notebook}"] = entry
    return result


# ---------------------------------------------------------------------------------------------
# 2. Imports
# ---------------------------------------------------------------------------------------------


def classifier() -> Callable[[list[Any]], list[Any]] | None:
    try:
        classify = first_attr(
            [
                ("playbook.time_split", "classify_entries"),
                ("playbook.time_split.classify", "classify_entries"),
            ]
        )
        from playbook.contract import domain

        content = domain("time_split").load_content()
    except Exception:  # noqa: BLE001
        return None
    return lambda entries: classify(entries, content)


def import_result(result: Any) -> dict[str, Any]:
    out = to_jsonable(result)
    if isinstance(out, dict) and "entries" in out:
        entries = list(getattr(result, "entries", []))
        classify = classifier()
        if classify is None:
            out["classified"] = {"error": "no classify_entries"}
        else:
            try:
                out["classified"] = [
                    {
                        "id": getattr(c.entry, "id", None),
                        "category": to_jsonable(c.category),
                        "reason": to_jsonable(getattr(c, "reason", None)),
                        "rule": to_jsonable(getattr(c, "rule_id", None)),
                    }
                    for c in classify(entries)
                ]
            except Exception as err:  # noqa: BLE001
                out["classified"] = error(err)
        summary = getattr(result, "summary", None)
        if callable(summary):
            out["summary()"] = guarded(summary)
    return out


MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
OWNER = "alex.morgan@example.org"


def imports() -> dict[str, Any]:
    data = data_dir()
    out: dict[str, Any] = {}

    def calendar(**kw: Any) -> Any:
        parse = first_attr(
            [
                ("playbook.imports.calendar", "parse_calendar"),
                ("playbook.imports.calendar.parse", "parse_calendar"),
                ("playbook.imports", "parse_calendar"),
            ]
        )
        return import_result(
            parse((data / "sample_calendar.ics").read_bytes(), "Europe/London", *MARCH, **kw)
        )

    def guess() -> Any:
        g = first_attr(
            [
                ("playbook.imports.calendar", "guess_calendar_timezone"),
                ("playbook.imports.calendar.reading", "guess_calendar_timezone"),
            ]
        )
        return g((data / "sample_calendar.ics").read_bytes())

    out["sample_calendar.ics"] = guarded(lambda: calendar())
    out["sample_calendar.ics owner all_day=2"] = guarded(
        lambda: calendar(owner_email=OWNER, all_day_hours=2.0)
    )
    out["sample_calendar.ics guessed_timezone"] = guarded(guess)

    def tracker(name: str, **kw: Any) -> Any:
        parse = first_attr(
            [
                ("playbook.imports.timetracker", "parse_timetracker_csv"),
                ("playbook.imports.timetracker.parse", "parse_timetracker_csv"),
                ("playbook.imports", "parse_timetracker_csv"),
            ]
        )
        return import_result(parse((data / name).read_bytes(), "Europe/London", **kw))

    for name in ("sample_toggl.csv", "sample_clockify.csv"):
        out[name] = guarded(lambda name=name: tracker(name))
        out[f"{name} march"] = guarded(lambda name=name: tracker(name, date_range=MARCH))

    def measurements() -> Any:
        parse = first_attr(
            [
                ("playbook.imports.measurements", "parse_measurements_csv"),
                ("playbook.pilots", "parse_measurements_csv"),
            ]
        )
        metrics: dict[str, Any] = {}
        for p in demo_record()["sections"].get("pilots", {}).get("pilots", []):
            for m in p.get("metrics", []):
                metrics.setdefault(
                    m["id"], SimpleNamespace(id=m["id"], name=m.get("name", m["id"]))
                )
        text = (data / "sample_pilot_measurements.csv").read_text(encoding="utf-8-sig")
        for line in text.splitlines()[1:]:
            parts = line.split(",")
            if len(parts) > 1 and parts[1] and parts[1] not in metrics:
                metrics[parts[1]] = SimpleNamespace(id=parts[1], name=parts[1].replace("_", " "))
        rows = parse((data / "sample_pilot_measurements.csv").read_bytes(), list(metrics.values()))
        return {"metrics": sorted(metrics), "rows": to_jsonable(rows)}

    out["sample_pilot_measurements.csv"] = guarded(measurements)
    return out


# ---------------------------------------------------------------------------------------------
# 3. Assess
# ---------------------------------------------------------------------------------------------


def assess() -> dict[str, Any]:
    from playbook.contract import WORKBOOKS, domain

    sections = demo_record()["sections"]
    out: dict[str, Any] = {}
    for w in WORKBOOKS:
        if not w.section:
            continue

        def one(name: str = w.section) -> Any:
            d = domain(name)
            return d.assess(d.parse_section(sections.get(name)), d.load_content())

        out[w.section] = guarded(one)
    return out


# ---------------------------------------------------------------------------------------------
# 4. Plan and cohort
# ---------------------------------------------------------------------------------------------


def plan() -> dict[str, Any]:
    sections = demo_record()["sections"]
    out: dict[str, Any] = {}
    gather = first_attr([("playbook.plan", "gather"), ("playbook.plan.standing", "gather")])
    results = gather(sections)
    g = to_jsonable(results)
    if isinstance(g, dict):
        g.pop("contents", None)
    out["gather"] = g

    def where() -> Any:
        return first_attr(
            [
                ("playbook.plan", "standings"),
                ("playbook.plan", "summarize"),
                ("playbook.plan", "standing"),
                ("playbook.plan", "where_i_stand"),
            ]
        )(results)

    def suggestions() -> Any:
        from playbook.contract import domain

        try:
            content = first_attr([("playbook.plan", "load_content")])()
        except ImportError:
            content = domain("plan").load_content()
        return first_attr([("playbook.plan", "suggest"), ("playbook.plan.suggest", "suggest")])(
            results, content
        )

    # the key keeps the function's old name, so that snapshots taken before the rename compare
    out["summarize"] = guarded(where)
    out["suggest"] = guarded(suggestions)
    return out


def variations(n: int = 24) -> list[dict[str, Any]]:
    """The demo record and ``n - 1`` seeded variations of it."""
    import yaml

    import playbook

    base = demo_record()
    rng = random.Random(17)
    # the career questions' option ids, from the packaged content file (data, not code)
    raw = yaml.safe_load(
        (Path(playbook.__file__).parent / "content" / "career_paths.yaml").read_text("utf-8")
    )
    options = {
        group: {q["id"]: [o["id"] for o in q["options"]] for q in raw[f"{group}_questions"]}
        for group in ("context", "preference")
    }
    records = [copy.deepcopy(base)]
    for i in range(1, n):
        r = copy.deepcopy(base)
        s = r["sections"]
        lead = s.get("leadership") or {}
        for k, v in list((lead.get("answers") or {}).items()):
            lead["answers"][k] = min(5, max(1, v + rng.choice((-1, 0, 0, 1))))
        for fc in (lead.get("forced_choice") or {}).values():
            if isinstance(fc, list) and rng.random() < 0.5:
                rng.shuffle(fc)
        split = s.get("time_split") or {}
        factor = rng.choice((0.5, 0.75, 1.0, 1.25))
        for e in split.get("entries") or []:
            if isinstance(e.get("hours"), int | float) and not e.get("start"):
                e["hours"] = round(min(24.0, e["hours"] * factor) * 4) / 4
        audit = s.get("audit") or {}
        for q in audit.get("quarters") or []:
            for k, v in list((q.get("answers") or {}).items()):
                if isinstance(v, int):
                    q["answers"][k] = min(5, max(1, v + rng.choice((-2, -1, 0, 1))))
        pilots = s.get("pilots") or {}
        for p in pilots.get("pilots") or []:
            if p.get("decision"):
                p["decision"]["choice"] = rng.choice(("adopt", "adapt", "abandon"))
            for m in p.get("measurements") or []:
                m["value"] = round(m["value"] * rng.choice((0.8, 1.0, 1.2)), 2)
        career = s.get("career") or {}
        for group in ("context", "preference"):
            answers = career.get(group) or {}
            for q, opts in options.get(group, {}).items():
                if q in answers and rng.random() < 0.4:
                    answers[q] = rng.choice(opts)
        if i % 3 == 1 and career.get("context"):
            career["context"].pop(sorted(career["context"])[i % len(career["context"])])
        for name in sorted(s):
            if rng.random() < 0.12:
                del s[name]
        records.append(r)
    return records


def cohort() -> dict[str, Any]:
    from playbook.record import dump_workbook_file

    read_files = first_attr(
        [("playbook.cohort", "read_files"), ("playbook.cohort.files", "read_files")]
    )
    summarize = first_attr(
        [("playbook.cohort", "summarize"), ("playbook.cohort.summary", "summarize")]
    )
    load = first_attr(
        [("playbook.cohort", "load_content"), ("playbook.cohort.content", "load_content")]
    )
    files = [(f"variant_{i:02d}.json", dump_workbook_file(r)) for i, r in enumerate(variations())]
    records, problems = read_files(files)
    c = summarize(records, load())
    return {"n_files": len(files), "problems": to_jsonable(problems), "cohort": to_jsonable(c)}


# ---------------------------------------------------------------------------------------------
# Snapshot and diff
# ---------------------------------------------------------------------------------------------


def snapshot() -> dict[str, Any]:
    import playbook

    snap: dict[str, Any] = {
        "playbook_file": "<...>/" + "/".join(Path(playbook.__file__).parts[-2:])
    }
    for name, part in (
        ("pages", pages),
        ("imports", imports),
        ("assess", assess),
        ("plan", plan),
        ("cohort", cohort),
    ):
        snap[name] = guarded(part)
    return snap


def dumps(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def differences(a: Any, b: Any, path: str = "$") -> Iterable[str]:
    if type(a) is not type(b) and not (isinstance(a, int | float) and isinstance(b, int | float)):
        yield f"{path}: {short(a)} != {short(b)}"
    elif isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a:
                yield f"{path}.{k}: only in B"
            elif k not in b:
                yield f"{path}.{k}: only in A"
            else:
                yield from differences(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from differences(x, y, f"{path}[{i}]")
    elif isinstance(a, list):
        # aligned, so that one widget more on a page is one difference, not every later one
        import difflib

        keys = [[json.dumps(x, sort_keys=True) for x in side] for side in (a, b)]
        matcher = difflib.SequenceMatcher(None, keys[0], keys[1], autojunk=False)
        yield f"{path}: length {len(a)} != {len(b)}"
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            if op == "replace" and i2 - i1 == j2 - j1:
                for k in range(i2 - i1):
                    yield from differences(a[i1 + k], b[j1 + k], f"{path}[{i1 + k}]")
                continue
            if i2 > i1:
                yield f"{path}[{i1}:{i2}]: only in A: {short(a[i1:i2])}"
            if j2 > j1:
                yield f"{path}[A {i1} / B {j1}:{j2}]: only in B: {short(b[j1:j2])}"
    elif a != b:
        yield f"{path}: {short(a)} != {short(b)}"


def short(x: Any) -> str:
    s = json.dumps(x, sort_keys=True, ensure_ascii=False)
    return s if len(s) <= 160 else s[:157] + "..."


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("-o", "--output", type=Path, help="write the snapshot here")
    g.add_argument("--diff", nargs=2, type=Path, metavar=("A", "B"), help="compare two snapshots")
    p.add_argument("--max", type=int, default=200, help="differences to print (default 200)")
    args = p.parse_args(argv)
    if args.diff:
        a, b = (json.loads(f.read_text()) for f in args.diff)
        a.pop("playbook_file", None), b.pop("playbook_file", None)
        found = list(differences(a, b))
        for line in found[: args.max]:
            print(line)
        if len(found) > args.max:
            print(f"... and {len(found) - args.max} more")
        print(f"{len(found)} difference(s)", file=sys.stderr)
        return 1 if found else 0
    snap = snapshot()
    args.output.write_text(dumps(snap), encoding="utf-8")
    import playbook

    print(
        f"playbook from {Path(playbook.__file__).resolve().parent}; wrote {args.output}",
        file=sys.stderr,
    )
    return 0


def isolate() -> None:
    """As the root conftest.py does: no user config, an empty default store, no coach content;
    and a fixed hash seed (re-executing once)."""
    if os.environ.get("PYTHONHASHSEED") != "0" and "--diff" not in sys.argv:
        env = dict(os.environ, PYTHONHASHSEED="0")
        os.execve(sys.executable, [sys.executable, *sys.argv], env)
    root = Path(tempfile.mkdtemp(prefix="compare-behaviour-env-"))
    for var, sub in (
        ("JUPYTER_CONFIG_DIR", "jupyter-config"),
        ("JUPYTER_DATA_DIR", "jupyter-data"),
        ("IPYTHONDIR", "ipython"),
        ("XDG_DATA_HOME", "xdg-data"),
    ):
        (root / sub).mkdir(parents=True, exist_ok=True)
        os.environ[var] = str(root / sub)
    os.environ["PLAYBOOK_STORE"] = str(root / "default-store" / "workbooks.sqlite")
    for var in [v for v in os.environ if v.startswith("BINDER_")] + [
        "JUPYTERHUB_USER",
        "PLAYBOOK_CONTENT",
    ]:
        os.environ.pop(var, None)


if __name__ == "__main__":
    isolate()
    sys.exit(main())

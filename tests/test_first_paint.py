"""A page's charts wait for its first paint (playbook.ui.common.charts.FirstPaint), in a real
kernel: charts shown while the page's cell runs are kept and the cell shows one FirstPaint
widget beside the page; nothing is drawn until the page's browser says it was painted, then
each kept chart is drawn as part of that message (so the page's ``Output`` captures it), and
later ones at once."""

from __future__ import annotations

import queue
import time

import pytest
from jupyter_client.manager import start_new_kernel

SETUP = """
import ipywidgets as widgets, plotly.graph_objects as go
from playbook.ui.common.charts import show_figure
outs = [widgets.Output(), widgets.Output()]
show_figure(outs[0], go.Figure(go.Bar(x=[1], y=[2], name="first")))
show_figure(outs[1], go.Figure(go.Bar(x=[1], y=[3], name="second")))
show_figure(outs[0], go.Figure(go.Bar(x=[1], y=[4], name="first again")))
"""
VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def kernel():
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        yield kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def drain(kc, until_idle_of: str, timeout: float = 30) -> list[dict]:
    """IOPub messages up to the kernel going idle after the message ``until_idle_of``."""
    out, end = [], time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            msg = kc.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        out.append(msg)
        if (
            msg["msg_type"] == "status"
            and msg["content"]["execution_state"] == "idle"
            and msg["parent_header"].get("msg_id") == until_idle_of
        ):
            return out
    raise AssertionError("the kernel did not go idle")


def charts(msgs: list[dict]) -> list[tuple[str, str]]:
    return [
        (m["content"]["data"]["application/vnd.plotly.v1+json"]["data"][0]["name"],
         m["parent_header"]["msg_id"])
        for m in msgs
        if m["msg_type"] == "display_data"
        and "application/vnd.plotly.v1+json" in m["content"]["data"]
    ]  # fmt: skip


def test_charts_wait_for_the_first_paint_then_draw_in_its_message(kernel):
    msg_id = kernel.execute(SETUP)
    msgs = drain(kernel, msg_id)
    assert charts(msgs) == []  # nothing drawn before the page is painted
    shown = [m["content"]["data"][VIEW]["model_id"] for m in msgs
             if m["msg_type"] == "display_data" and VIEW in m["content"]["data"]]  # fmt: skip
    assert len(shown) == 1  # one FirstPaint, the cell's output
    model_id = shown[0]
    # what the page's front-end sends once it is painted: the widget's state update
    painted = kernel.session.msg(
        "comm_msg",
        {"comm_id": model_id,
         "data": {"method": "update", "state": {"painted": True}, "buffer_paths": []}},
    )  # fmt: skip
    kernel.shell_channel.send(painted)
    drawn = charts(drain(kernel, painted["header"]["msg_id"]))
    # each Output's latest chart, once, as part of the page's own message
    assert sorted(name for name, _ in drawn) == ["first again", "second"]
    assert {parent for _, parent in drawn} == {painted["header"]["msg_id"]}

    again = kernel.execute('show_figure(outs[1], go.Figure(go.Bar(x=[1], y=[5], name="later")))')
    assert [name for name, _ in charts(drain(kernel, again))] == ["later"]  # at once
    # a cell run later (a page built again) draws at once: the page's browser is there
    later = kernel.execute(
        'show_figure(outs[0], go.Figure(go.Bar(x=[1], y=[6], name="a later cell")))'
    )
    assert [name for name, _ in charts(drain(kernel, later))] == ["a later cell"]

"""The preload list is used only with the front-end it was recorded with (playbook.serving.preload)."""

from __future__ import annotations

import json

from playbook.serving import preload


def write(tmp_path, fingerprint, scripts):
    path = tmp_path / "preload.json"
    path.write_text(json.dumps({"fingerprint": fingerprint, "scripts": scripts}))
    return path


def test_another_front_ends_list_gives_no_hints(tmp_path, caplog):
    other = dict(preload.fingerprint(), voila="0.0.1")
    path = write(tmp_path, other, ["voila/static/voila.js"])
    with caplog.at_level("INFO", logger="Voila"):
        assert preload.page_scripts(path) == ()
    assert "another front-end" in caplog.text
    assert preload.page_scripts(tmp_path / "missing.json") == ()


def test_this_front_ends_list_gives_one_hint_a_script(tmp_path):
    path = write(tmp_path, preload.fingerprint(), ["voila/static/voila.js", 'a"b.js?v=1&x=2'])
    assert preload.page_scripts(path) == ("voila/static/voila.js", 'a"b.js?v=1&x=2')


def test_the_links_are_escaped_and_below_the_base_url(monkeypatch):
    monkeypatch.setattr(
        preload, "page_scripts", lambda: ("voila/static/voila.js", 'a"b.js?v=1&x=2')
    )
    assert preload.links("/user/ana/") == (
        b'<link rel="preload" as="script" href="/user/ana/voila/static/voila.js">'
        b'<link rel="preload" as="script" href="/user/ana/a&quot;b.js?v=1&amp;x=2">'
    )

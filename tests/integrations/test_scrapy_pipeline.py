"""End to end: a real Scrapy crawl of a local HTTP server through CredibilityPipeline.

Each crawl runs in a subprocess (a Twisted reactor cannot be restarted in one process) against
pages served from 127.0.0.1 by ``http.server`` in a thread of the test process. Pages are written
here: a clean article, a spam-injected copy, and a scraped copy carrying the test "copy" marker.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("scrapy")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FACTORY = "credscore_scrapy_testkit:make_filter"

_BODY = [
    ("The regional water board approved a plan on Monday to replace ageing pipes under the old "
     "market district, a project engineers have been asking for since the floods two winters ago."),
    ("Work will begin in March and is expected to last eighteen months, the board said in a "
     "statement. Traffic on the main avenue will be reduced to one lane during the first phase."),
    ("Residents who spoke at the meeting welcomed the decision but asked for clear notice before "
     "their water is cut off. The board promised letters at least a week ahead of any outage."),
    ("The cost, estimated at twelve million dollars, will be shared between the city and a state "
     "infrastructure fund, according to figures presented by the board's finance officer."),
]


def _page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title></head><body>"
        "<header><nav><a href='/'>Home</a> | <a href='/local'>Local</a> | "
        "<a href='/sport'>Sport</a></nav></header>"
        f"<main><article><h1>{title}</h1><p class='byline'>By Ana Ortiz</p>\n{body}</article>"
        "</main><footer><p>Contact the newsroom. All rights reserved.</p></footer></body></html>"
    )


SPAM = ("Get your casino bonus today at the best online site, limited offer.",
        "Order cheap pills now with free shipping to any city.")
COPY = "This story was republished without permission from another outlet."

PAGES = {
    "/clean.html": _page("Water board approves pipe plan", _BODY),
    "/spam.html": _page("Water board approves pipe plan",
                        _BODY[:2] + [SPAM[0]] + _BODY[2:] + [SPAM[1]]),
    "/copy.html": _page("Water board approves pipe plan",
                        [COPY] + _BODY + ["Note: republished without permission."]),
}
INDEX = "<html><body>" + "".join(
    f"<a class='story' href='{path}'>{path}</a>" for path in PAGES) + "</body></html>"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        page = INDEX if self.path == "/" else PAGES.get(self.path)
        if page is None:
            self.send_error(404)
            return
        data = page.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _crawl(site: str, tmp_path: Path, mode: str, factory: str = FACTORY, batch_size: int = 0
           ) -> tuple[dict[str, dict[str, Any]], dict[str, str], dict[str, Any]]:
    env = dict(os.environ)
    if batch_size:
        env["CREDSCORE_TEST_BATCH_SIZE"] = str(batch_size)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), str(REPO), env.get("PYTHONPATH", "")])
    args = [sys.executable, str(HERE / "credscore_scrapy_testkit.py"), site, str(tmp_path), mode]
    if factory:
        args.append(factory)
    proc = subprocess.run(args, check=False, env=env, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    items_file = tmp_path / "items.jsonl"
    lines = items_file.read_text().splitlines() if items_file.exists() else []
    kept = {Path(json.loads(line)["url"]).name: json.loads(line) for line in lines}
    dropped = {Path(d["url"]).name: d["reason"] for d in map(
        json.loads, (tmp_path / "dropped.jsonl").read_text().splitlines())}
    stats = json.loads((tmp_path / "stats.json").read_text())
    return kept, dropped, stats


@pytest.mark.parametrize("batch_size", [0, 1])  # 0: the default batches; 1: item by item
def test_pipeline_drop_mode_keeps_clean_tags_copy_drops_spam(site: str, tmp_path: Path,
                                                             batch_size: int) -> None:
    kept, dropped, stats = _crawl(site, tmp_path, "drop", batch_size=batch_size)
    assert sorted(kept) == ["clean.html", "copy.html"]
    assert sorted(dropped) == ["spam.html"]
    assert "credscore reject" in dropped["spam.html"]
    assert "spam signal" in dropped["spam.html"]

    clean = kept["clean.html"]["credscore"]
    assert clean["decision"] == "accept"
    assert clean["cheap_path"] is True  # the cheap detectors decided: the expensive one skipped
    assert "spam.testforeign.v1" not in clean["detectors_run"]
    assert clean["report"]["detectors"] == clean["detectors_run"]

    copy = kept["copy.html"]["credscore"]
    assert copy["decision"] == "review"
    assert copy["cheap_path"] is False  # undecided by the cheap ones: every detector ran
    assert "spam.testforeign.v1" in copy["detectors_run"]
    spans = copy["report"]["signals"]["attribution"]["spans"]
    assert [s["text"].lower() for s in spans] == ["republished without permission"] * 2

    assert stats["credscore/items"] == 3
    assert stats["credscore/decision/accept"] == 1
    assert stats["credscore/decision/review"] == 1
    assert stats["credscore/decision/reject"] == 1
    assert stats["credscore/dropped"] == 1
    assert stats["credscore/cheap_path"] == 2  # clean (early accept) and spam (early reject)
    assert stats.get("item_dropped_count") == 1
    if batch_size == 1:
        assert stats["credscore/batches"] == 3
    else:  # the three pages arrive together: fewer batches than items
        assert 1 <= stats["credscore/batches"] <= 3


def test_pipeline_tag_mode_keeps_every_item_with_its_verdict(site: str, tmp_path: Path) -> None:
    kept, dropped, stats = _crawl(site, tmp_path, "tag")
    assert dropped == {}
    assert {name: item["credscore"]["decision"] for name, item in kept.items()} == {
        "clean.html": "accept", "copy.html": "review", "spam.html": "reject"}
    spam = kept["spam.html"]["credscore"]
    assert spam["cheap_path"] is True
    assert spam["reasons"][0]["signal"] == "spam"
    span_texts = {s["text"].lower() for s in spam["report"]["signals"]["spam"]["spans"]}
    assert span_texts == {"casino bonus", "cheap pills"}
    assert stats["credscore/decision/reject"] == 1
    assert "credscore/dropped" not in stats


def test_pipeline_default_filter_runs_in_a_crawl(site: str, tmp_path: Path) -> None:
    """The shipped detectors and model (no factory) score real pages in a crawl."""
    kept, _dropped, stats = _crawl(site, tmp_path, "tag", factory="")
    assert sorted(kept) == ["clean.html", "copy.html", "spam.html"]
    for item in kept.values():
        verdict = item["credscore"]
        assert verdict["decision"] in ("accept", "review", "reject")
        assert 0.0 <= verdict["score"] <= 100.0
        assert verdict["report"]["language"] == "en"
    assert stats["credscore/items"] == 3

"""Drive Debian's headless Chromium from tests and scripts (no Selenium, no network).

A page is opened with ``--dump-dom`` (after a virtual-time budget, so timers in an injected test
script run) or ``--screenshot``. Test scripts are appended to a copy of the report, act on the page
like a user (clicks, typing) and leave their findings as JSON in ``<pre id="test-result">``.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars")


def find_chromium() -> str | None:
    """The Chromium binary on PATH, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    binary = find_chromium()
    if binary is None:
        raise FileNotFoundError("chromium is not installed (scripts/install_browser.sh)")
    with tempfile.TemporaryDirectory(prefix="credscore-chromium-") as profile:
        return subprocess.run([binary, *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=timeout, check=False)


def with_script(page: Path, script: str, out: Path) -> Path:
    """Copy ``page`` to ``out`` with ``script`` appended before ``</body>``."""
    text = page.read_text(encoding="utf-8")
    idx = text.rfind("</body>")
    out.write_text(text[:idx] + f"<script>{script}</script>\n" + text[idx:], encoding="utf-8")
    return out


def dump_dom(page: Path, fragment: str = "", budget_ms: int = 10_000,
             timeout: float = 120) -> str:
    """The serialised DOM of ``page`` after its scripts ran for ``budget_ms`` of virtual time."""
    proc = _run([f"--virtual-time-budget={budget_ms}", "--dump-dom",
                 page.resolve().as_uri() + fragment], timeout)
    if proc.returncode != 0 or "<html" not in proc.stdout:
        raise RuntimeError(f"chromium --dump-dom failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return proc.stdout


def read_result(dom: str) -> Any:
    """The JSON a test script left in ``<pre id="test-result">``."""
    # the last occurrence: the injected script's own comment names the element too
    start = dom.rfind('<pre id="test-result"')
    open_end = dom.find(">", start)
    end = dom.find("</pre>", open_end)
    if start < 0 or end < 0:
        raise AssertionError("the page has no #test-result: the test script did not finish")
    return json.loads(html.unescape(dom[open_end + 1:end]))


def screenshot(page: Path, out: Path, fragment: str = "", size: tuple[int, int] = (1400, 1000),
               budget_ms: int = 5_000, timeout: float = 120) -> Path:
    """Save a PNG of ``page`` (optionally at ``#fragment``) to ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    proc = _run([f"--window-size={size[0]},{size[1]}", f"--virtual-time-budget={budget_ms}",
                 f"--screenshot={out.resolve()}", page.resolve().as_uri() + fragment], timeout)
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"chromium --screenshot failed ({proc.returncode}): "
                           f"{proc.stderr[-2000:]}")
    return out

"""A real Scrapy crawl of the speed corpus through ``CredibilityPipeline``: what credscore costs
a crawler per page, one item per call against the pipeline's batches.

    python benchmarks/speed/scrapy_crawl.py [--pages 3000] [--inputs html,text]
        [--batch-sizes 0,1,16] [--rounds 2] [--out reports/crawl.md]

A local HTTP server (its own process, 127.0.0.1) serves the first ``--pages`` documents of
work_data/speed/corpus_{html,text}.jsonl behind index pages of 100 links; each page's ``X-Origin-Url`` header carries the document's
publisher URL, which the spider puts in the item (as a crawler would have it). Each crawl runs in a
fresh process; its CPU time (user + system, from ``wait4``) is the crawler's whole cost: Scrapy's
downloads and parsing plus the pipeline. Batch size 0 is the crawl with the pipeline disabled
(``CREDSCORE_ENABLED = False``): Scrapy alone. credscore's cost per page is a crawl's CPU time
minus Scrapy alone and minus the filter's one-time load, divided by the pages; the rounds alternate the settings so that a drifting
host slows them alike. Writes a markdown section to ``--out`` with the command.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing import Process
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PER_INDEX = 100


def _serve(pages: dict[str, tuple[str, bytes, str]], port_file: str) -> None:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = pages.get(self.path)
            if found is None:
                self.send_error(404)
                return
            ctype, body, origin = found
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            if origin:  # the document's publisher URL (the crawl itself is on 127.0.0.1)
                self.send_header("X-Origin-Url", origin)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Path(port_file).write_text(str(server.server_address[1]))
    server.serve_forever()


def _site(kind: str, n: int) -> dict[str, tuple[str, bytes, str]]:
    path = ROOT / "work_data" / "speed" / f"corpus_{kind}.jsonl"
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            docs.append(json.loads(line))
            if len(docs) >= n:
                break
    if len(docs) < n:
        raise SystemExit(f"{path} has {len(docs)} documents, fewer than --pages {n} "
                         "(python benchmarks/speed/build_corpus.py)")
    pages: dict[str, tuple[str, bytes, str]] = {}
    ctype = "text/html; charset=utf-8" if kind == "html" else "text/plain; charset=utf-8"
    for i, doc in enumerate(docs):
        pages[f"/a/{i}"] = (ctype, doc[kind].encode("utf-8"), doc.get("url") or "")
    for k in range(0, n, PER_INDEX):
        links = "".join(f'<a class="story" href="/a/{i}">{i}</a>\n'
                        for i in range(k, min(n, k + PER_INDEX)))
        pages[f"/index/{k // PER_INDEX}"] = ("text/html; charset=utf-8",
                                             f"<html><body>{links}</body></html>".encode(), "")
    return pages


CRAWLER = r'''
import json, sys, time
import scrapy
from scrapy.crawler import CrawlerProcess
base, n_index, kind, batch, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
class S(scrapy.Spider):
    name = "bench"
    start_urls = [f"{base}/index/{k}" for k in range(n_index)]
    def parse(self, response):
        for href in response.css("a.story::attr(href)").getall():
            yield response.follow(href, self.page)
    def page(self, response):
        origin = response.headers.get("X-Origin-Url")
        yield {"url": origin.decode() if origin else response.url, kind: response.text}
settings = {"ITEM_PIPELINES": {"scorer.integrations.scrapy.CredibilityPipeline": 300},
            "CREDSCORE_ENABLED": batch > 0, "CREDSCORE_MODE": "tag",
            "CREDSCORE_BATCH_SIZE": max(1, batch), "LOG_LEVEL": "ERROR",
            "TELNETCONSOLE_ENABLED": False, "ROBOTSTXT_OBEY": False,
            "CONCURRENT_REQUESTS": 32, "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
            "REACTOR_THREADPOOL_MAXSIZE": 4}
proc = CrawlerProcess(settings=settings)
crawler = proc.create_crawler(S)
proc.crawl(crawler)
t = time.monotonic()
proc.start()
stats = crawler.stats.get_stats()
json.dump({"wall": time.monotonic() - t, "items": stats.get("item_scraped_count", 0),
           "decisions": {k.rsplit("/", 1)[1]: v for k, v in stats.items()
                         if k.startswith("credscore/decision/")},
           "batches": stats.get("credscore/batches", 0)}, open(out, "w"))
'''


def _crawl(port: int, n: int, kind: str, batch: int, tmp: Path) -> dict[str, Any]:
    script = tmp / "crawl.py"
    script.write_text(CRAWLER)
    out = tmp / f"out_{kind}_{batch}.json"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    t = time.monotonic()
    child = subprocess.Popen([sys.executable, str(script), f"http://127.0.0.1:{port}",
                              str((n + PER_INDEX - 1) // PER_INDEX), kind, str(batch), str(out)],
                             env=env, cwd=tmp)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - t
    if status != 0:
        raise SystemExit(f"crawl failed (kind {kind}, batch {batch}): status {status}")
    got = json.loads(out.read_text())
    got.update(cpu=usage.ru_utime + usage.ru_stime, process_wall=wall)
    if got["items"] != n:
        raise SystemExit(f"crawl scraped {got['items']} of {n} pages (kind {kind}, batch {batch})")
    return got


LOAD = ("import time; from scorer import CredibilityFilter; t = time.process_time(); "
        "CredibilityFilter.load(); print(time.process_time() - t)")


def _load_cpu() -> float:
    """CPU seconds of ``CredibilityFilter.load()`` (model, detectors, warm-up) in a fresh
    process: paid once per crawl, whatever its length."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    out = subprocess.run([sys.executable, "-c", LOAD], env=env, check=True, capture_output=True,
                         text=True).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--inputs", default="html,text")
    ap.add_argument("--batch-sizes", default="0,1,16")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "reports" / "crawl.md"))
    args = ap.parse_args()
    sizes = [int(x) for x in args.batch_sizes.split(",")]
    if 0 not in sizes:
        sizes.insert(0, 0)
    tmp = Path(tempfile.mkdtemp(prefix="credscore_crawl_"))
    rows: list[str] = []
    load_cpu = statistics.median(_load_cpu() for _ in range(3))
    for kind in args.inputs.split(","):
        port_file = tmp / f"port_{kind}"
        server = Process(target=_serve, args=(_site(kind, args.pages), str(port_file)),
                         daemon=True)
        server.start()
        while not port_file.exists() or not port_file.read_text():
            time.sleep(0.05)
        port = int(port_file.read_text())
        runs: dict[int, list[dict[str, Any]]] = {b: [] for b in sizes}
        try:
            for r in range(args.rounds):
                for b in (sizes if r % 2 == 0 else sizes[::-1]):
                    runs[b].append(_crawl(port, args.pages, kind, b, tmp))
                    print(kind, b, runs[b][-1], flush=True)
        finally:
            server.terminate()
        alone = statistics.median(x["cpu"] for x in runs[0])
        for b in sizes:
            cpu = statistics.median(x["cpu"] for x in runs[b])
            wall = statistics.median(x["wall"] for x in runs[b])
            last = runs[b][-1]
            if b == 0:
                rows.append(f"| {kind} | pipeline off (Scrapy alone) | {cpu:.1f} | {wall:.1f} | "
                            f"{args.pages / wall:,.0f} | – | – | – | – |")
                rows.append(f"| {kind} | filter load, once per crawl | {load_cpu:.2f} | | | | | | |")
                continue
            ours = (cpu - alone - load_cpu) / args.pages * 1000
            decisions = ", ".join(f"{k} {v}" for k, v in sorted(last["decisions"].items()))
            label = "one item per call" if b == 1 else f"batches of up to {b}"
            rows.append(f"| {kind} | {label} | {cpu:.1f} | {wall:.1f} | {args.pages / wall:,.0f} "
                        f"| {ours:.2f} | {1000 / ours if ours > 0 else float('inf'):,.0f} | "
                        f"{last['batches']:,} | {decisions} |")
    load = os.getloadavg()
    text = [
        "# Scrapy crawl: credscore's cost per page in a real crawl\n",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Command:\n",
        "```",
        "python benchmarks/speed/scrapy_crawl.py " + " ".join(sys.argv[1:]),
        "```\n",
        (f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average at the end {load[0]:.2f}, {load[1]:.2f}, "
         f"{load[2]:.2f} (the cores are shared with other jobs).\n"),
        (f"A local server (127.0.0.1, its own process) serves the first {args.pages:,} documents "
        "of the speed corpus (work_data/speed/corpus_html.jsonl: 10-15 KB pages; "
        "corpus_text.jsonl: ~5 KB texts served as text/plain) behind index pages of 100 links; "
         "the item's url is the document's publisher URL (sent in an `X-Origin-Url` header). "
        "Each crawl is a fresh Scrapy process (32 concurrent requests, `CREDSCORE_MODE = "
        "\"tag\"`, the shipped model, cheap-first); CPU is the crawl process's user + system time "
        f"(median of {args.rounds} rounds, settings alternated). credscore per page = (CPU - CPU "
        "of the same crawl with the pipeline off - the filter's load, measured alone in a fresh "
        "process, median of 3) / pages; the last columns count the batches and the decisions "
         "of the last round.\n"),
        ("| input | pipeline | crawl CPU s | crawl wall s | pages/s (wall) | credscore CPU ms per page "
         "| credscore pages per CPU-s | batches | decisions |"),
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
        *rows,
        "",
    ]
    Path(args.out).write_text("\n".join(text))
    print("\n".join(text))


if __name__ == "__main__":
    main()

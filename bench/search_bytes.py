"""What search costs a reader, in bytes over the wire (gzip, under the sub-path), in Chromium:
before search is opened (should be nothing), and for one typical query (three words, five results
shown: Pagefind's script, WebAssembly, index chunks and five fragments).

    python bench/search_bytes.py SITE_DIR [--query "three words"] [--output bench/SEARCH.md]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from served import served  # noqa: E402

from innocities.search_index import DOWNLOADS as SEARCH  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]
QUERY = "solceller kommunala fastigheter"  # three words the synthetic corpus has (bench/generate.py)
TARGET_KB = 250


def measure(site: Path, query: str = QUERY) -> dict:
    from playwright.sync_api import sync_playwright

    with served(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            fetched: list = []
            page.on("requestfinished", lambda r: fetched.append(r))
            page.goto(base, wait_until="load")
            page.wait_for_load_state("networkidle")
            page_bytes = sum(r.sizes()["responseBodySize"] for r in fetched)
            before = [r for r in fetched if SEARCH.search(r.url)]
            fetched.clear()
            page.keyboard.press("/")
            page.keyboard.type(query)
            page.locator(".ic-search__hit").nth(4).wait_for(state="visible", timeout=30_000)
            page.wait_for_load_state("networkidle")
            status = page.locator(".ic-search__status").inner_text()
            query_bytes = sum(r.sizes()["responseBodySize"] for r in fetched)
            return {"before_search_bytes": sum(r.sizes()["responseBodySize"] for r in before),
                    "before_search_requests": len(before), "start_page_bytes": page_bytes,
                    "query": query, "query_bytes": query_bytes, "query_requests": len(fetched),
                    "results_shown": page.locator(".ic-search__hit").count(), "status": status,
                    "third_party": [r.url for r in fetched if not r.url.startswith(base)]}
        finally:
            browser.close()


def report(r: dict) -> list[str]:
    ok = r["before_search_bytes"] == 0 and r["query_bytes"] <= TARGET_KB * 1024 and not r["third_party"]
    return ["| search | before opening | one query | requests | results | target | |",
            "|---|---:|---:|---:|---:|---|---|",
            f"| \"{r['query']}\" | {r['before_search_bytes'] / 1024:.1f} KB ({r['before_search_requests']} requests) "
            f"| {r['query_bytes'] / 1024:.1f} KB | {r['query_requests']} | {r['results_shown']} shown ({r['status']}) "
            f"| 0 before, ≤ {TARGET_KB} KB a query | {'ok' if ok else 'MISSED'} |"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--query", default=QUERY)
    ap.add_argument("--output", type=Path, default=None, help="also write the table here (Markdown)")
    ap.add_argument("--label", default="", help="what the site is, for the written table")
    args = ap.parse_args(argv)
    result = measure(args.site, args.query)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    print("\n".join(report(result)))
    if args.output:
        args.output.write_text(f"# Search bytes\n\n{args.label}\n\n" + "\n".join(report(result)) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

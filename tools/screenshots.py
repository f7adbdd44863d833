"""Screenshots of every page type for review: `make screenshots`.

Builds the site (strict) into a temporary folder, serves it on 127.0.0.1 under /innocities/ as
GitHub Pages would, and writes full-page PNGs of one page of every type at each width, in the
light and the dark palette, to test-results/screenshots/ (<type>-<width>-<scheme>.png). The pull
request workflow uploads them, so a reviewer sees a change without building it.

Chromium: /usr/bin/chromium, or the binary CHROMIUM_PATH names (Playwright's own download is not
used). Options: --widths 320,390,1280  --schemes light,dark  --only case,goal  --out DIR
--site DIR (an already built site; no build).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUB_PATH = "innocities"

# One page of every type: the first of the candidates that the built site has, else the first
# page in the folder (so the list keeps working when the content changes).
PAGE_TYPES = {
    "start": [""],
    "catalogue": ["projekt/"],
    "case": ["projekt/innocities/", "projekt/*"],
    "organisation": ["kommuner/halden/", "kommuner/*"],
    "organisations": ["kommuner/"],
    "programmes": ["program/"],
    "programme": ["program/smart-city-halden/", "program/*"],
    # An example programme and organisation have every portfolio chart filled in.
    "programme-example": ["program/exempelprogrammet/", "program/*"],
    "organisation-example": ["kommuner/exempelstad/", "kommuner/*"],
    "map": ["karta/"],
    "goals": ["agenda-2030/"],
    "goal": ["agenda-2030/mal-11/", "agenda-2030/*"],
    "themes": ["teman/"],
    "theme": ["teman/energi/", "teman/*"],
    # A further page of a long goal or method list (pages.list_pages); only a large site has one (bench/generate.py).
    "goal-page-2": ["agenda-2030/mal-11/sida/2/", "agenda-2030/mal-7/sida/2/"],
    "method-page-2": ["methods/pilotplan/sida/2/", "methods/behovsanalys/sida/2/"],
    "methods": ["methods/"],
    "method": ["methods/pilotplan/", "methods/*"],
    "statistics": ["statistik/"],
    "open-data": ["oppna-data/"],
    "contribute": ["bidra/"],
    "field-reference": ["bidra/faltreferens/"],
    "accessibility": ["tillganglighet/"],
    "about": ["om/"],
    "not-found": ["404.html"],
}
# Types only a large site has (a list long enough for a second page): the real content has none.
ONLY_ON_LARGE_SITES = {"goal-page-2", "method-page-2"}


def pick(site: Path, candidates: list[str]) -> str | None:
    for path in candidates:
        if path.endswith("/*"):
            folder = site / path[:-2]
            pages = sorted(p.parent for p in folder.glob("*/index.html"))
            if pages:
                return pages[0].relative_to(site).as_posix() + "/"
        elif (site / path / "index.html").is_file() or (path.endswith(".html") and (site / path).is_file()):
            return path
    return None


def build(into: Path, base_url: str) -> Path:
    site = into / SUB_PATH
    # Built for the address it is served at: the 404 page links its styles from site_url.
    # Dated like the content under review (the last commit), not 1970: the timeline draws ongoing
    # projects up to this date, and a reviewer should see what the published site will show.
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base_url}
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
                   cwd=ROOT, env=env, check=True)
    return site


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serves root (the folder holding SUB_PATH) on a free port; returns the site's address."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            if not isinstance(sys.exc_info()[1], ConnectionError):  # the browser moved on: fine
                super().handle_error(request, client_address)

    handler = functools.partial(Quiet, directory=str(root))
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"


def _search_open(page, base_url: str, target: Path) -> list[Path]:
    """The search dialog with a query's results, as a reader sees it (the screen, not the page)."""
    page.goto(base_url, wait_until="load")
    page.locator(".ic-search-open").click()
    page.keyboard.type("energi")
    try:
        page.locator(".ic-search__hit").first.wait_for(timeout=10_000)
    except Exception:  # still worth a look: the dialog shows what went wrong
        print("screenshots: search showed no results for 'energi'", file=sys.stderr)
    page.screenshot(path=str(target), animations="disabled")
    return [target]


def shoot(site: Path, base_url: str, out: Path, widths: list[int], schemes: list[str], only: set[str]) -> list[Path]:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which(chromium) or chromium,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        for scheme in schemes:
            for width in widths:
                context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                # Nothing leaves the machine: the site makes no third-party requests, and none is let out.
                context.route(lambda url: not url.startswith(base_url), lambda route: route.abort())
                page = context.new_page()
                for name, candidates in PAGE_TYPES.items():
                    if only and name not in only:
                        continue
                    path = pick(site, candidates)
                    if path is None:
                        if name not in ONLY_ON_LARGE_SITES:
                            print(f"screenshots: no page of type {name}", file=sys.stderr)
                        continue
                    page.goto(base_url + path, wait_until="load")
                    target = out / f"{name}-{width}-{scheme}.png"
                    page.screenshot(path=str(target), full_page=True, animations="disabled")
                    written.append(target)
                if not only or "search" in only:
                    written += _search_open(page, base_url, out / f"search-{width}-{scheme}.png")
                context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "test-results" / "screenshots")
    parser.add_argument("--widths", default="390,1280")
    parser.add_argument("--schemes", default="light,dark")
    parser.add_argument("--only", default="", help="page types, comma-separated: " + ", ".join([*PAGE_TYPES, "search"]))
    parser.add_argument("--site", type=Path, help="an already built site (its folder); no build")
    args = parser.parse_args(argv)
    only = {name for name in args.only.split(",") if name}
    unknown = only - PAGE_TYPES.keys() - {"search"}
    if unknown:
        parser.error(f"unknown page type(s): {', '.join(sorted(unknown))}")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        server, base_url = serve(Path(tmp))
        if args.site:  # (its 404 page links its styles from the site_url it was built for)
            site = Path(tmp) / SUB_PATH
            shutil.copytree(args.site, site)
        else:
            site = build(Path(tmp), base_url)
        try:
            written = shoot(site, base_url, args.out, [int(w) for w in args.widths.split(",")],
                            args.schemes.split(","), only)
        finally:
            server.shutdown()
    print(f"{len(written)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

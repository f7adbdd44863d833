"""Lighthouse (mobile preset) on one page of every type, the site served as GitHub Pages serves
it (under /innocities/, gzip): `make lighthouse`. One run a page (the machine is shared; scores
move by about ±3 between runs). Writes bench/LIGHTHOUSE.md.

    python bench/lighthouse.py [--projects 2000] [--site BUILT_SITE] [--runs 1]

Without --site, a synthetic site of --projects projects (bench/generate.py) is built first.
Lighthouse 12.2.3 comes from npm into .cache/lighthouse/ (`make lighthouse` installs it; 13.x
needs Node 22) and runs Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
from served import served  # noqa: E402

LIGHTHOUSE = ROOT / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TIMEOUT_S = 420  # a page Lighthouse has not finished by then is reported as such
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def page_types(site: Path) -> dict[str, str]:
    """One page of each type that the site has, relative to its root."""
    def first(folder: str, skip: tuple[str, ...] = ()) -> str | None:
        found = sorted(p.parent.name for p in (site / folder).glob("*/index.html") if p.parent.name not in skip)
        return f"{folder}/{found[0]}/" if found else None

    # The catalogue last: at N = 2000 it is by far the slowest to audit.
    types = {"start": "", "case": first("projekt"), "organisation": first("kommuner"),
             "goal": "agenda-2030/mal-7/", "theme": first("teman"), "method": first("methods"),
             "statistics": "statistik/", "map": "karta/", "programme": first("program"), "catalogue": "projekt/"}
    return {name: url for name, url in types.items() if url is not None and (site / url / "index.html").is_file()}


def run_lighthouse(url: str, out: Path) -> dict:
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           "--only-categories=" + ",".join(CATEGORIES), "--form-factor=mobile",
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"]
    try:
        done = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True,
                              timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return {**{c: 0 for c in CATEGORIES}, "failing": [f"no result within {TIMEOUT_S} s"], "lcp_ms": 0, "tbt_ms": 0}
    if done.returncode != 0 or not out.is_file():
        raise SystemExit(f"error: lighthouse failed on {url}: {done.stderr[-2000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failing = sorted(a["id"] for a in report["audits"].values()
                     if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary")
    metrics = report["audits"]
    return {**scores, "failing": failing,
            "lcp_ms": metrics["largest-contentful-paint"]["numericValue"],
            "tbt_ms": metrics["total-blocking-time"]["numericValue"]}


def table(results: dict[str, dict], meta: dict) -> str:
    lines = [f"# Lighthouse per page type\n",
             f"{meta['date']}; Lighthouse 12.2.3, mobile preset, one run a page; {meta['site']}; served under "
             f"`/innocities/` with gzip. Targets: performance ≥ {TARGETS['performance']}, accessibility, best practices "
             "and SEO 100 (issue #19). Scores move by about ±3 between runs.\n",
             "| page type | URL | performance | accessibility | best practices | SEO | LCP | TBT | failing audits |",
             "|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for name, r in results.items():
        def score(c: str) -> str:
            return f"{r[c]}" + ("" if r[c] >= TARGETS[c] else " ✗")
        lines.append(f"| {name} | `{r['url'] or '/'}` | {score('performance')} | {score('accessibility')} | "
                     f"{score('best-practices')} | {score('seo')} | {r['lcp_ms'] / 1000:.1f} s | {r['tbt_ms']:.0f} ms | "
                     f"{', '.join(r['failing']) or '–'} |")
    return "\n".join(lines) + "\n"


def build_synthetic(n: int, work: Path) -> Path:
    copy, site = work / "copy", work / "site"
    subprocess.run([sys.executable, str(BENCH / "generate.py"), str(copy), "--projects", str(n), "--no-check"], check=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)], cwd=copy, env=env, check=True)
    return site


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--projects", type=int, default=2000)
    ap.add_argument("--site", type=Path, default=None, help="an already built site (else a synthetic one is built)")
    ap.add_argument("--output", type=Path, default=BENCH / "LIGHTHOUSE.md")
    args = ap.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"error: {LIGHTHOUSE} is missing: run `make lighthouse` (it installs lighthouse@12.2.3)")
    with tempfile.TemporaryDirectory(prefix="ic-lighthouse-") as tmp:
        work = Path(tmp)
        site = args.site.resolve() if args.site else build_synthetic(args.projects, work)
        what = f"site `{args.site}`" if args.site else f"synthetic site, N = {args.projects} projects (bench/generate.py)"
        results = {}
        with served(site) as base:
            for name, url in page_types(site).items():
                r = run_lighthouse(base + url, work / f"{name}.json")
                results[name] = {**r, "url": url}
                print(f"{name:13} {url:40} " + " ".join(f"{c}={r[c]}" for c in CATEGORIES) + f"  {r['failing']}",
                      file=sys.stderr, flush=True)
                # Written after every page: a long run cut short still leaves its table.
                meta = {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "site": what}
                text = table(results, meta)
                args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

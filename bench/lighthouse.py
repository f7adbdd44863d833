"""Lighthouse (mobile preset) on one page of every type, the site served as GitHub Pages serves
it (under /innocities/, gzip): `make lighthouse`, and part of `make bench` (bench/run.py audits
its N = 2000 site with `audit`). Each page is audited --runs times (default 3) and the median of
each score and metric reported: scores move by about ±3 between runs, and performance with the
machine's load (the 1-minute load average is kept beside every page). Writes bench/LIGHTHOUSE.md.

    python bench/lighthouse.py [--projects 2000] [--site BUILT_SITE] [--runs 3] [--only case,map]

Without --site, a synthetic site of --projects projects (bench/generate.py) is built first.
Lighthouse 12.2.3 comes from npm into .cache/lighthouse/ (`make lighthouse` installs it; 13.x
needs Node 22) and runs Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
from served import served  # noqa: E402

LIGHTHOUSE = ROOT / ".cache" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "BP", "seo": "SEO"}
TIMEOUT_S = 420  # a page Lighthouse has not finished by then is reported as such
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Issue #19's page types, and the programmes index (issue #16).
TYPES = ("start", "case", "organisation", "goal", "theme", "method", "statistics", "map", "programme",
         "programmes", "catalogue")


def page_types(site: Path) -> dict[str, str]:
    """One page of each type that the site has, relative to its root."""
    def first(folder: str, skip: tuple[str, ...] = ()) -> str | None:
        found = sorted(p.parent.name for p in (site / folder).glob("*/index.html")
                       if p.parent.name not in skip and not p.parent.name.startswith(("sida", "ordning-")))
        return f"{folder}/{found[0]}/" if found else None

    # The catalogue last: at N = 2000 it is by far the slowest to audit. program/ordning-*/ and
    # projekt/sida/ are other orders and pages of the indexes, not pages of a programme or project.
    types = {"start": "", "case": first("projekt"), "organisation": first("kommuner"),
             "goal": "agenda-2030/mal-7/", "theme": first("teman"), "method": first("methods"),
             "statistics": "statistik/", "map": "karta/", "programme": first("program"), "programmes": "program/",
             "catalogue": "projekt/"}
    return {name: url for name, url in types.items() if url is not None and (site / url / "index.html").is_file()}


def run_lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run: the four scores, the failing binary audits and what performance hangs on."""
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           "--only-categories=" + ",".join(CATEGORIES), "--form-factor=mobile",
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"]
    try:
        done = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True,
                              timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return {**{c: 0 for c in CATEGORIES}, "failing": [f"no result within {TIMEOUT_S} s"], "lcp_ms": 0, "tbt_ms": 0,
                "dom": 0, "bytes": 0, "blocking": []}
    if done.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr[-2000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    audits = report["audits"]
    failing = sorted(a["id"] for a in audits.values()
                     if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary")
    blocking = [item["url"].rsplit("/", 1)[-1] or item["url"]
                for item in (audits.get("render-blocking-resources", {}).get("details") or {}).get("items", [])]
    return {**scores, "failing": failing,
            "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
            "tbt_ms": audits["total-blocking-time"]["numericValue"],
            "dom": audits.get("dom-size", {}).get("numericValue") or 0,
            "bytes": audits.get("total-byte-weight", {}).get("numericValue") or 0,
            "host": (report.get("environment") or {}).get("benchmarkIndex") or 0,
            "blocking": blocking}


def median_of(runs: list[dict]) -> dict:
    """Median of every score and metric over the runs; an audit that failed in any run is listed."""
    out = {k: statistics.median(r[k] for r in runs) for k in (*CATEGORIES, "lcp_ms", "tbt_ms", "dom", "bytes", "host")}
    out["failing"] = sorted({a for r in runs for a in r["failing"]})
    out["blocking"] = sorted({b for r in runs for b in r["blocking"]})
    out["runs"] = [{c: r[c] for c in CATEGORIES} for r in runs]
    return out


def passed(r: dict) -> bool:
    return all(r[c] >= TARGETS[c] for c in CATEGORIES)


def audit(site: Path, runs: int = 3, only: set[str] | None = None, work: Path | None = None,
          on_page=None) -> dict[str, dict]:
    """Every page type of a built site, `runs` times each, served under the sub-path: median
    results by page type, each with its URL and the 1-minute load average before and after it.
    `on_page(results)` is called after every page (a long run cut short keeps what it has)."""
    if not LIGHTHOUSE.is_file():
        raise FileNotFoundError(f"{LIGHTHOUSE} is missing: run `make lighthouse` (it installs lighthouse@12.2.3)")
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="ic-lighthouse-") as tmp, served(site) as base:
        work = work or Path(tmp)
        for name, url in page_types(site).items():
            if only and name not in only:
                continue
            load_before = os.getloadavg()[0]
            t0 = time.perf_counter()
            found = [run_lighthouse(base + url, work / f"{name}-{k}.json") for k in range(runs)]
            results[name] = {**median_of(found), "url": url, "load": (load_before, os.getloadavg()[0]),
                             "seconds": time.perf_counter() - t0}
            r = results[name]
            print(f"{name:13} {url:40} " + " ".join(f"{c}={r[c]:g}" for c in CATEGORIES)
                  + f"  load {r['load'][0]:.1f}→{r['load'][1]:.1f}  {r['seconds']:.0f}s  {r['failing']}",
                  file=sys.stderr, flush=True)
            if on_page:
                on_page(results)
    return results


def rows(results: dict[str, dict]) -> list[str]:
    """The per-page table (Markdown lines)."""
    lines = ["| page type | URL | performance | accessibility | best practices | SEO | LCP | TBT | DOM elements | "
             "bytes | load (1 min) | machine index | met | failing audits | render-blocking |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---|---|"]
    for name, r in results.items():
        def score(c: str) -> str:
            return f"{r[c]:g}" + ("" if r[c] >= TARGETS[c] else " ✗")
        lines.append(f"| {name} | `{r['url'] or '/'}` | {score('performance')} | {score('accessibility')} | "
                     f"{score('best-practices')} | {score('seo')} | {r['lcp_ms'] / 1000:.1f} s | {r['tbt_ms']:.0f} ms | "
                     f"{r['dom']:.0f} | {r['bytes'] / 1024:.0f} KB | {r['load'][0]:.1f} → {r['load'][1]:.1f} | {r.get('host', 0):.0f} | "
                     f"{'yes' if passed(r) else '**no**'} | {', '.join(r['failing']) or '–'} | "
                     f"{', '.join(r['blocking']) or '–'} |")
    return lines


def describe(runs: int) -> str:
    return (f"Lighthouse 12.2.3, mobile preset (simulated slow 4G and 4× CPU slowdown), median of {runs} run(s) a page, "
            f"served under `/innocities/` with gzip. Targets (issue #19): performance ≥ {TARGETS['performance']}, "
            "accessibility, best practices and SEO 100. Performance depends on the machine's load (the 1-minute load "
            "average before and after each page's runs is in the table); the other three do not. Bytes: what the page "
            "transferred (Lighthouse's total-byte-weight). Machine index: Lighthouse's benchmarkIndex of the machine that "
            "ran it (higher is faster); its CPU slowdown is a fixed 4×, so the phone it emulates is slower on a slower "
            "machine, and performance (total blocking time above all) is only comparable between runs on machines of "
            "about the same index. Failing audits: binary audits that failed in any run.")


def table(results: dict[str, dict], meta: dict) -> str:
    lines = ["# Lighthouse per page type\n",
             f"{meta['date']}; {meta['site']}. {describe(meta['runs'])}\n", *rows(results)]
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
    ap.add_argument("--runs", type=int, default=3, help="Lighthouse runs a page; the median is reported (default 3)")
    ap.add_argument("--only", default=None, help="comma-separated page types (default all: " + ",".join(TYPES) + ")")
    ap.add_argument("--output", type=Path, default=BENCH / "LIGHTHOUSE.md")
    args = ap.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"error: {LIGHTHOUSE} is missing: run `make lighthouse` (it installs lighthouse@12.2.3)")
    only = set(args.only.split(",")) if args.only else None
    if only and not only <= set(TYPES):
        ap.error(f"unknown page types: {', '.join(sorted(only - set(TYPES)))}")
    with tempfile.TemporaryDirectory(prefix="ic-lighthouse-") as tmp:
        work = Path(tmp)
        site = args.site.resolve() if args.site else build_synthetic(args.projects, work)
        what = f"site `{args.site}`" if args.site else f"synthetic site, N = {args.projects} projects (bench/generate.py)"
        loads = os.getloadavg()

        def write(results: dict) -> str:
            meta = {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "site": what,
                    "runs": args.runs}
            text = table(results, meta) + (f"\nLoad average (1, 5, 15 min) at the start: {' '.join(f'{x:.1f}' for x in loads)}; "
                                           f"at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}.\n")
            args.output.write_text(text, encoding="utf-8")
            return text

        try:
            results = audit(site, args.runs, only, work, on_page=write)
        except (RuntimeError, FileNotFoundError) as exc:
            raise SystemExit(f"error: {exc}") from None
    print(write(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of the knowledge base (`make bench`; not part of `make test`): build times, and what
a reader gets at the largest size (search bytes, Lighthouse on every page type), with every target
in one table at the top of the report.

    python bench/run.py [--sizes 100,500,1000,2000] [--runs 5] [--quick] [--no-lighthouse] [--output FILE]
    python bench/run.py --orgs-only [--orgs 800] [--orgs-sizes 2000,8000] [--runs 1]

Small trial runs: `--quick` (no browser, no Lighthouse), or `--sizes 100 --runs 1 --orgs-sizes 200
--lighthouse-runs 1`. At the defaults the whole run takes about 21 minutes on a quiet 2-core machine
(estimated 2026-12-02 from the run of 2026-11-29, 7.8 minutes for the build sizes, with 3 runs at
N = 2000 instead of 5 and this version's builds about a fifth slower, Pagefind included: ~9.5 min;
the organisations case ~1.5 min at N = 2000 and ~5 min at 8000 with 2 runs; Lighthouse 33 runs of
about 11 s of CPU each: ~6.5 min). On a loaded machine it takes several times longer.

For each size N a synthetic corpus (bench/generate.py: N projects, max(3, N/10)
municipalities, checked with `innocities check --strict`) is written to a temporary copy of the
site, and three variants are timed as whole processes, alternating their order between runs:

  a  the site build with the hooks:     python -m mkdocs build --strict -d OUT
  b  the baseline: the same project bodies as plain pages, MkDocs + Material, no hooks
  c  the floor: parse all front matter and render all bodies with Python-Markdown

Reported per N: medians of wall and CPU time, a/b and a/c, peak memory of a, output sizes. Then
the growth exponent of a, the share of a build spent in the project's own code (clocked by
bench/time_build.py, both as the build runs it, with the pages drawn in a second process, and
with everything in one process; and under cProfile for what the time goes to), the
catalogue filter's response time in headless Chromium, and the `mkdocs serve` rebuild time.
A last case holds the organisations apart from the projects (default 800 organisations at
N = 2000 and 8000: the corpus ties them to N/10, which hid a layout quadratic in organisations):
a and b timed as above, and the map's layout timed in-process (bench/map_layout.py).
Lighthouse (bench/lighthouse.py: mobile preset, --lighthouse-runs 3 a page, the median) audits one
page of every type of the largest size's site (a), served under the sub-path with gzip, after the
catalogue and search are measured in Chromium (bench/search_bytes.py). The report gives the
largest programme page's HTML (the corpus has N/50 programmes: 40 at N = 2000) and the 1-minute
load average around every measurement.
Results go to stdout and to bench/RESULTS.md (bench/RESULTS-quick.md with --quick).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import json
import math
import os
import platform
import pstats
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.dont_write_bytecode = True  # no __pycache__ in bench/

import generate  # noqa: E402
import lighthouse  # noqa: E402
import search_bytes  # noqa: E402

PY = sys.executable
ENV = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL", "EDIT_URI")}
ENV.update({"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "PYTHONUNBUFFERED": "1"})
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]
HOOK_EVENTS = ("on_startup", "on_config", "on_pre_build", "on_files", "on_nav", "on_env", "on_page_markdown",
               "on_page_content", "on_page_context", "on_post_page", "on_post_build", "on_serve", "on_shutdown")

TARGETS = {
    "ab": 1.25,  # a/b at N=1000
    "k": 1.1,  # growth exponent between 250 and 2000
    "rss_mb": 500,  # peak memory of a at N=2000
    "case_spread": 0.10,  # case page HTML within 10% from N=100 to 2000
    "case_kb": 40,  # and smaller than this
    "filter_ms": 100,  # catalogue filter update at N=2000
    "catalogue_mb": 1.5,  # catalogue HTML at N=2000
    "own_share": 0.10,  # own code share of a build at N=1000
    "orgs_ab": 1.1,  # a/b with 800 organisations, at every size
    "layout_s": 0.5,  # the map layout at 800 organisations
    "programme_kb": 150,  # the largest programme page's HTML at N=2000, 40 programmes (issue #16)
}
# Default runs that keep a whole `make bench` under 25 minutes on a quiet 2-core machine (see the
# estimate in the module docstring): the largest sizes cost the most and vary the least.
ORGS_RUNS = 2
MAX_RUNS_LARGEST = 3


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- running and measuring one process --------------------------------------------------------

@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process (and the children it waited for)
    rss_mb: float  # peak resident set size
    returncode: int
    output: str


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Run a process to the end; wall time from outside, CPU and peak memory from wait4() (they
    include the processes it waited for: the second process that draws the pages)."""
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env={**ENV, **(env or {})}, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, text)


def must(run: Run, what: str) -> Run:
    if run.returncode != 0:
        raise SystemExit(f"error: {what} failed (exit {run.returncode}):\n{run.output[-4000:]}")
    return run


def build_cmd(out: Path) -> list[str]:
    return [PY, "-m", "mkdocs", "build", "--strict", "-d", str(out)]


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --- one size ------------------------------------------------------------------------------

@dataclass
class SizeResult:
    n: int
    municipalities: int
    runs: dict[str, list[Run]] = field(default_factory=lambda: {"a": [], "w": [], "b": [], "c": []})
    floor_inner: list[float] = field(default_factory=list)
    case_median: int = 0
    case_max: int = 0
    case_first: int = 0  # project 1's page, the same text at every N
    catalogue: int = 0
    search_index: int = 0
    site_total: int = 0
    pages: int = 0
    pages_b: int = 0
    generate_s: float = 0.0
    # Peak memory of the build process and of the process drawing the pages, from one clocked
    # build (time_build.py): a's peak RSS is the larger of the two, not their sum.
    rss_build: float = 0.0
    rss_drawing: float = 0.0
    programmes: int = 0
    programme_max: int = 0  # the largest programme page's HTML (issue #16: < 150 KB at N = 2000)
    programme_slug: str = ""
    load: tuple[float, float] = ()  # 1-minute load average before and after this size's runs

    def med(self, variant: str, what: str = "wall") -> float:
        return statistics.median(getattr(r, what) for r in self.runs[variant])

    def low(self, variant: str, what: str = "cpu") -> float:
        """The fastest run: other load on the machine only ever adds time."""
        return min(getattr(r, what) for r in self.runs[variant])

    def spread(self, variant: str) -> float:
        """(slowest − fastest) / median wall time of the runs, in per cent."""
        walls = [r.wall for r in self.runs[variant]]
        return 100 * (max(walls) - min(walls)) / statistics.median(walls)

    def rss(self) -> float:
        return max(r.rss_mb for r in self.runs["a"])


def measure_size(n: int, runs: int, work: Path, source: Path) -> tuple[SizeResult, Path, Path, list]:
    """Generate, check and time one size; returns the copy and the (a) site, kept for later steps."""
    copy, base = work / f"site-{n}", work / f"baseline-{n}"
    t0 = time.perf_counter()
    projects = generate.site_copy(copy, n, root=source)
    generate.baseline_copy(base, projects, root=source)
    result = SizeResult(n, generate.municipality_count(n))
    result.generate_s = time.perf_counter() - t0
    load_before = os.getloadavg()[0]
    checked = generate.check(copy)
    if checked.returncode != 0:
        raise SystemExit(f"error: the generated corpus (N={n}) does not pass 'innocities check --strict':\n"
                         f"{checked.stdout[-3000:]}{checked.stderr[-1000:]}")
    log(f"N={n}: corpus generated in {result.generate_s:.1f}s and checked ({checked.stderr.strip()})")
    # Compile the copy's hook modules once, so no run pays for it.
    subprocess.run([PY, "-m", "compileall", "-q", str(copy / "hooks")], check=True, env=ENV)

    out_a, out_b, out_w = work / f"out-a-{n}", work / f"out-b-{n}", work / f"out-w-{n}"
    variants = {
        "a": (lambda: build_cmd(out_a), copy, out_a),
        "w": (lambda: build_cmd(out_w), copy, out_w),
        "b": (lambda: build_cmd(out_b), base, out_b),
        "c": (lambda: [PY, str(BENCH / "floor.py"), str(copy)], copy, None),
    }
    order = ["a", "w", "b", "c"]
    for r in range(runs):
        turn = order[r % 4:] + order[: r % 4]  # a w b c, w b c a, ...: w always finds an earlier build's templates
        for v in turn:
            cmd, cwd, out = variants[v]
            if out is not None and out.exists() and v != "w":
                shutil.rmtree(out)
            if v == "a":
                cold(copy)
            run = must(timed(cmd(), cwd), f"variant {v} at N={n}")
            result.runs[v].append(run)
            if v == "c":
                result.floor_inner.append(json.loads(run.output.strip().splitlines()[-1])["seconds"])
            log(f"N={n} run {r + 1}/{runs} {v}: {run.wall:.2f}s wall, {run.cpu:.2f}s CPU, {run.rss_mb:.0f} MB")

    clocked = clock_build(copy, work / f"out-memory-{n}")
    result.rss_build, result.rss_drawing = clocked["rss_mb"], clocked["background_rss_mb"]

    sizes = {slug: (out_a / "projekt" / slug / "index.html").stat().st_size for slug, _, _ in projects}
    ordered = sorted(sizes.values())
    result.case_median = ordered[(len(ordered) - 1) // 2]
    result.case_max = ordered[-1]
    result.case_first = sizes[projects[0][0]]
    result.catalogue = (out_a / "projekt" / "index.html").stat().st_size
    programmes = {p.stem: (out_a / "program" / p.stem / "index.html").stat().st_size
                  for p in (copy / "content" / "programmes").glob("*.md")}
    if programmes:
        result.programmes = len(programmes)
        result.programme_slug, result.programme_max = max(programmes.items(), key=lambda kv: kv[1])
    result.load = (load_before, os.getloadavg()[0])
    result.search_index = tree_bytes(out_a / "pagefind")  # Pagefind's index, all of it (a query fetches a few chunks)
    result.site_total = tree_bytes(out_a)
    result.pages = sum(1 for _ in out_a.rglob("index.html"))
    result.pages_b = sum(1 for _ in out_b.rglob("index.html"))
    shutil.rmtree(base)
    for out in (out_b, out_w):
        if out.exists():
            shutil.rmtree(out)
    return result, copy, out_a, projects


def cold(copy: Path) -> None:
    """No compiled templates kept from an earlier build: as on a fresh clone, or CI without a cache."""
    shutil.rmtree(copy / ".cache", ignore_errors=True)


# --- many organisations --------------------------------------------------------------------

@dataclass
class OrgsResult:
    n: int
    organisations: int
    runs: dict[str, list[Run]] = field(default_factory=lambda: {"a": [], "b": []})
    layout: dict = field(default_factory=dict)  # bench/map_layout.py's JSON line
    load: tuple[float, float] = ()  # 1-minute load average before and after

    def med(self, variant: str, what: str = "wall") -> float:
        return statistics.median(getattr(r, what) for r in self.runs[variant])


def measure_orgs(n: int, orgs: int, runs: int, work: Path, source: Path) -> OrgsResult:
    """N projects with `orgs` organisations: a and b timed, and the map layout on its own."""
    copy, base = work / f"orgs-{orgs}-site-{n}", work / f"orgs-{orgs}-baseline-{n}"
    projects = generate.site_copy(copy, n, root=source, organisations=orgs)
    generate.baseline_copy(base, projects, root=source)
    checked = generate.check(copy)
    if checked.returncode != 0:
        raise SystemExit(f"error: the generated corpus (N={n}, {orgs} organisations) does not pass the check:\n"
                         f"{checked.stdout[-3000:]}{checked.stderr[-1000:]}")
    subprocess.run([PY, "-m", "compileall", "-q", str(copy / "hooks")], check=True, env=ENV)
    result = OrgsResult(n, orgs)
    load_before = os.getloadavg()[0]
    out_a, out_b = work / f"orgs-out-a-{n}", work / f"orgs-out-b-{n}"
    for r in range(runs):
        for v in (("a", "b") if r % 2 == 0 else ("b", "a")):
            cwd, out = (copy, out_a) if v == "a" else (base, out_b)
            shutil.rmtree(out, ignore_errors=True)
            if v == "a":
                cold(copy)
            run = must(timed(build_cmd(out), cwd), f"variant {v} at N={n} with {orgs} organisations")
            result.runs[v].append(run)
            log(f"N={n}, {orgs} organisations, run {r + 1}/{runs} {v}: {run.wall:.2f}s wall, {run.cpu:.2f}s CPU")
    layout = must(timed([PY, str(BENCH / "map_layout.py"), str(copy)], copy), "map layout")
    result.layout = json.loads(layout.output.strip().splitlines()[-1])
    log(f"N={n}, {orgs} organisations: map layout {result.layout['seconds']:.3f}s")
    result.load = (load_before, os.getloadavg()[0])
    for path in (copy, base, out_a, out_b):
        shutil.rmtree(path, ignore_errors=True)
    return result


def orgs_report(orgs: list[OrgsResult]) -> list[str]:
    out = [f"## Many organisations (the organisations apart from the projects)\n",
           "The corpus as above, but with a fixed number of organisations instead of N/10. a and b as above "
           "(medians); map layout: `innocities.nordic.NordicMap` built in-process on the same content "
           "(bench/map_layout.py, median of 5). The layout that compared every pair of points took 2.7 s at 382 "
           "organisations and 25 s at 761.\n",
           "| N | organisations | on the map | markers | a wall s | b wall s | a/b | a CPU s | b CPU s | a/b CPU | map layout s |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in orgs:
        a, b, ac, bc = r.med("a"), r.med("b"), r.med("a", "cpu"), r.med("b", "cpu")
        out.append(f"| {r.n} | {r.organisations} | {r.layout['on_map']} | {r.layout['markers']} | {a:.2f} | {b:.2f} | "
                   f"{a / b:.2f} | {ac:.2f} | {bc:.2f} | {ac / bc:.2f} | {r.layout['seconds']:.3f} |")
    out.append("")
    return out


# --- own-code share -------------------------------------------------------------------------

@dataclass
class Clocked:
    """Clocked builds at one size, by kind: "cold" (a: no compiled templates), "warm" (w: the
    templates an earlier build compiled) and "serial" (cold, with the pages drawn in the build's
    own process, INNOCITIES_PARALLEL=0: all of our code's work on the build's path, as on one core).
    Each build: build, own, material, background (seconds; see time_build.py)."""

    n: int
    builds: dict[str, list[dict]]
    load: tuple[float, float] = ()

    def med(self, what: str, kind: str = "cold") -> float:
        return statistics.median(r[what] for r in self.builds[kind])

    def share(self, what: str = "own", kind: str = "cold") -> float:
        """Median over the builds of what / build."""
        return statistics.median(r[what] / r["build"] for r in self.builds[kind])

    def has(self, kind: str) -> bool:
        return bool(self.builds.get(kind))


def clock_build(copy: Path, out: Path, env: dict | None = None) -> dict:
    """One build by bench/time_build.py: its JSON line."""
    proc = subprocess.run([PY, str(BENCH / "time_build.py"), str(copy), str(out)], cwd=copy, env={**ENV, **(env or {})},
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"clocked build failed:\n{proc.stderr[-3000:]}")
    shutil.rmtree(out, ignore_errors=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def clock_own_code(copy: Path, n: int, work: Path, runs: int = 3) -> Clocked:
    found: dict[str, list[dict]] = {"cold": [], "warm": [], "serial": []}
    load_before = os.getloadavg()[0]
    for kind in ["cold", "warm", "serial"] * runs:  # alternately
        if kind != "warm":
            cold(copy)
        env = {"INNOCITIES_PARALLEL": "0"} if kind == "serial" else None
        found[kind].append(clock_build(copy, work / f"out-clocked-{n}-{kind}", env))
    return Clocked(n, found, (load_before, os.getloadavg()[0]))


# --- profile -------------------------------------------------------------------------------

@dataclass
class Profile:
    n: int
    total: float
    hooks: dict[str, float]
    own: float
    top: list[tuple[float, float, int, str]]  # cumulative, own time, calls, function
    wall: float
    hook_import: float  # importing the hook module (and the innocities package) while loading the config
    material: float  # Material's work done by our code: search entries, pages filled from shells
    self_time: float  # time in the lines of our functions and templates, without the libraries they call


def profile(copy: Path, n: int, work: Path) -> Profile:
    stats_file = work / f"profile-{n}.pstats"
    out = work / f"out-profile-{n}"
    cold(copy)
    # The pages drawn in the build's own process, so that the profiler sees all of our code.
    run = must(timed([PY, str(BENCH / "profile_build.py"), str(copy), str(out), str(stats_file)], copy,
                     env={"INNOCITIES_PARALLEL": "0"}), "profiled build")
    stats = pstats.Stats(str(stats_file)).stats
    hooks_dir = str((copy / "hooks").resolve()) + os.sep
    templates_dir = str((copy / "overrides" / "innocities").resolve()) + os.sep
    repo_hooks = str(ROOT / "hooks") + os.sep
    total = max(v[3] for k, v in stats.items() if k[2] == "build_site")
    hooks: dict[str, float] = {}
    hook_import = 0.0
    self_time = 0.0
    entries_time = 0.0
    search_time = 0.0
    top = []
    for (filename, line, name), (cc, nc, tt, ct, callers) in stats.items():
        own_file = filename.startswith((hooks_dir, repo_hooks))
        if own_file and filename.endswith("innocities_hook.py") and name in HOOK_EVENTS:
            hooks[name] = hooks.get(name, 0.0) + ct
        if own_file and filename.endswith("innocities_material.py") and name == "render":
            hooks["PageShells.render"] = hooks.get("PageShells.render", 0.0) + ct
        if own_file and filename.endswith("innocities_material.py") and name == "entries":
            entries_time += ct  # search entries, made in on_env
        if own_file and filename.endswith("search_index.py") and name in ("__init__", "add", "start", "finish"):
            search_time += ct  # keeping pages for Pagefind and indexing them: search's work
        if own_file and filename.endswith("innocities_hook.py") and name == "<module>":
            hook_import = max(hook_import, ct)
        if own_file or filename.startswith(templates_dir):
            self_time += tt
            short = filename.replace(str(copy.resolve()) + os.sep, "").replace(str(ROOT) + os.sep, "")
            top.append((ct, tt, nc, f"{short}:{line}({name})"))
    top.sort(reverse=True)
    shutil.rmtree(out, ignore_errors=True)
    stats_file.unlink()
    shells = hooks.get("PageShells.render", 0.0)  # called from the page template, outside the events
    material = hooks.get("on_page_context", 0.0) + shells + entries_time
    own = sum(hooks.values()) - material - search_time
    return Profile(n, total, hooks, own, top[:15], run.wall, hook_import, material, self_time)


# --- the catalogue in a browser -----------------------------------------------------------

FILTER_JS = """
async () => {
  const form = document.getElementById('ic-filters');
  const box = form.querySelector('input[type=checkbox][name=mal]');
  const count = document.getElementById('ic-result-count');
  const before = count.textContent;
  const t0 = performance.now();
  let updated = null;
  const seen = new Promise(resolve => {
    const obs = new MutationObserver(() => { if (count.textContent !== before) { updated = performance.now(); obs.disconnect(); resolve(); } });
    obs.observe(count, {childList: true, characterData: true, subtree: true});
  });
  box.checked = !box.checked;
  box.dispatchEvent(new Event('change', {bubbles: true}));
  const handled = performance.now();
  if (count.textContent !== before && updated === null) updated = handled;
  await Promise.race([seen, new Promise(r => setTimeout(r, 5000))]);
  // Until the next frame is drawn: includes style and layout of the rows shown or hidden.
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  return {update: updated === null ? null : updated - t0, frame: performance.now() - t0,
          ticked: box.checked, value: box.value, text: count.textContent};
}
"""


def catalogue_in_browser(site: Path, reps: int = 5) -> dict:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/projekt/"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.goto(url, wait_until="load")
                page.wait_for_selector("#ic-filters:not([hidden])")
                # The options come with the index, fetched when the reader reaches for the filters.
                page.focus("#ic-filter-q")
                page.wait_for_selector("#ic-filters input[type=checkbox][name=mal]", state="attached")
                nav = page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
                    return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd}; }""")
                ticks, unticks = [], []
                for _ in range(reps):
                    r = page.evaluate(FILTER_JS)
                    if r["update"] is None or not r["ticked"]:
                        raise SystemExit(f"error: the catalogue count did not change when a filter was ticked: {r}")
                    ticks.append(r)
                    r = page.evaluate(FILTER_JS)  # untick, back to the whole list
                    unticks.append(r)
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {
        "update_ms": statistics.median(r["update"] for r in ticks),
        "frame_ms": statistics.median(r["frame"] for r in ticks),
        "untick_update_ms": statistics.median(r["update"] for r in unticks if r["update"] is not None),
        "value": ticks[0]["value"], "text": ticks[0]["text"], "dcl_ms": nav["dcl"], "load_ms": nav["load"],
    }


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - base class signature
        pass


# --- mkdocs serve ------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Lines:
    """Lines of a process's output, each with the time it was read."""

    def __init__(self, stream):
        self.lines: list[tuple[float, str]] = []
        self.cond = threading.Condition()
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream):
        for line in stream:
            with self.cond:
                self.lines.append((time.perf_counter(), line.rstrip("\n")))
                self.cond.notify_all()
        with self.cond:
            self.lines.append((time.perf_counter(), "<EOF>"))
            self.cond.notify_all()

    def wait(self, pattern: str, after: float, timeout: float) -> tuple[float, str] | None:
        deadline = time.perf_counter() + timeout
        rx = re.compile(pattern)
        with self.cond:
            while True:
                for t, line in self.lines:
                    if t >= after and (rx.search(line) or line == "<EOF>"):
                        return (t, line) if line != "<EOF>" else None
                left = deadline - time.perf_counter()
                if left <= 0:
                    return None
                self.cond.wait(left)

    def first_after(self, pattern: str, after: float) -> float | None:
        rx = re.compile(pattern)
        with self.cond:
            return next((t for t, line in self.lines if t >= after and rx.search(line)), None)


def serve_cost(copy: Path, projects: list, out: Path, reps: int = 3) -> dict:
    """Edit one project file under `mkdocs serve` and time until the page shows it. Between the
    edits a full `mkdocs build` (over its previous output, as every later `make build`) is timed
    too: repeated builds slow this machine's disk down and it recovers in pauses, so builds timed
    minutes apart are not comparable."""
    port = free_port()
    cmd = [PY, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=copy, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = _Lines(proc.stdout)
    memory: dict = {}
    try:
        ready = lines.wait(r"Serving on (http://\S+)", t0, 600)
        if ready is None:
            raise SystemExit("error: mkdocs serve did not start:\n" + "\n".join(l for _, l in lines.lines[-40:]))
        startup = ready[0] - t0
        base = re.search(r"Serving on (http://\S+)", ready[1]).group(1).rstrip("/") + "/"
        slug = projects[len(projects) // 2][0]
        path = copy / "content" / "projects" / f"{slug}.md"
        page_url = f"{base}projekt/{slug}/"
        original = path.read_bytes()
        time.sleep(1.0)
        rebuilds = []
        full: list[float] = []
        for k in range(reps):
            marker = f"Benchmarkmarkör {k + 1} {time.time_ns()}"
            t_edit = time.perf_counter()
            path.write_bytes(original + f"\n{marker}\n".encode("utf-8"))
            # As a browser does: livereload asks for the page once the build is done. (Asking every
            # 50 ms during the build, as this did, cost the server a tenth of the rebuild.)
            done = lines.wait(r"Reloading browsers", t_edit, 600)
            seen = None
            deadline = time.perf_counter() + 30
            while done is not None and time.perf_counter() < deadline and proc.poll() is None:
                try:
                    with urllib.request.urlopen(page_url, timeout=10) as resp:
                        if marker in resp.read().decode("utf-8", "replace"):
                            seen = time.perf_counter()
                            break
                except OSError:
                    pass
                time.sleep(0.05)
            if seen is None or done is None:
                raise SystemExit("error: the edit never showed in mkdocs serve:\n" + "\n".join(l for _, l in lines.lines[-40:]))
            detected = lines.first_after(r"Detected file changes", t_edit)
            building = lines.first_after(r"Building documentation", t_edit)
            rebuilds.append({"to_reload": done[0] - t_edit, "to_page": seen - t_edit,
                             "detect": (detected - t_edit) if detected else None,
                             "build": (done[0] - building) if building else None})
            time.sleep(1.0)
            full.append(must(timed(build_cmd(out), copy), "full build beside mkdocs serve").wall)
            time.sleep(1.0)
        path.write_bytes(original)
        memory = _memory_mb(proc.pid)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    med = lambda key: statistics.median(r[key] for r in rebuilds if r[key] is not None)  # noqa: E731
    shutil.rmtree(out, ignore_errors=True)
    return {"startup": startup, "to_reload": med("to_reload"), "to_page": med("to_page"),
            "detect": med("detect"), "build": med("build"), "reps": len(rebuilds), "full_between": statistics.median(full),
            **memory}


def _memory_mb(pid: int) -> dict:
    """The server's memory now and at its peak (Linux /proc; empty elsewhere)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    kb = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M))
    return {"rss_mb": int(kb["VmRSS"]) / 1024, "peak_mb": int(kb["VmHWM"]) / 1024} if len(kb) == 2 else {}


# --- analysis and report ------------------------------------------------------------------

def exponent(points: list[tuple[int, float]]) -> float | None:
    """k of t ≈ c·N^k, least squares on log–log."""
    if len(points) < 2:
        return None
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else None


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for mod in ("mkdocs", "material", "markdown", "jinja2", "yaml"):
        try:
            if mod == "material":
                from importlib.metadata import version
                versions[mod] = version("mkdocs-material")
            else:
                versions[mod] = __import__(mod).__version__
        except Exception:  # noqa: BLE001
            versions[mod] = "?"
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(), **versions,
            "libyaml": bool(getattr(__import__("yaml"), "__with_libyaml__", False))}


def code_version(snapshot: Path) -> str:
    """The commit, whether the build inputs differ from it, and a hash of the snapshot measured."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(p for p in snapshot.rglob("*") if p.is_file()):
        digest.update(path.relative_to(snapshot).as_posix().encode() + b"\0" + path.read_bytes())
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", *generate.SITE_PARTS], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
    except OSError:
        head, dirty = "", ""
    state = f"commit {head or 'unknown'}" + (" with uncommitted changes to the build inputs" if dirty else "")
    return f"{state}; snapshot sha256 {digest.hexdigest()[:12]}"


def fmt(x, spec=".2f", none="n/a"):
    return none if x is None else format(x, spec)


def verdict(ok) -> str:
    return "n/a" if ok is None else ("yes" if ok else "**no**")


def at(results: list[SizeResult], n: int) -> SizeResult | None:
    """The result at N=n, else the largest size below it, else None."""
    below = [r for r in results if r.n <= n]
    return max(below, key=lambda r: r.n) if below else None


def _extra(results: list[SizeResult], n: int) -> str:
    r = next((r for r in results if r.n == n), None)
    if r is None:
        return ""
    a, b = r.med("a", "cpu"), r.med("b", "cpu")
    return (f" Without the profiler, a − b = {a - b:+.1f}s CPU at this N ({100 * (a - b) / a:+.0f}% of a): the project's own "
            "code and the extra pages (municipalities, goals, themes, catalogue, exports) MkDocs and Material render, "
            "less what the shortcuts in hooks/innocities_material.py save Material on every page outside the navigation.")


def load_text(load) -> str:
    """The 1-minute load average before and after a measurement."""
    return "n/a" if not load else f"{load[0]:.1f} → {load[1]:.1f}"


def targets_table(results, prof, clocked, browser, serve, orgs, lh, ks) -> list[str]:
    """Every target in one table, issue #19's first: what was measured, at which N, the load
    average around it (performance figures move with it on a shared machine) and whether it was met."""
    out = ["## Targets\n",
           "Issue #19 (reader performance) first, then the build targets before it. Load: the 1-minute load average "
           "before → after the measurement (the machine has "
           f"{os.cpu_count()} cores; above that, other work competed for them).\n",
           "| target | N | measured | load (1 min) | met |", "|---|---:|---|---|---|"]
    w = out.append
    found = (browser or {}).get("search")
    largest = results[-1] if results else None
    if found:
        before_ok = found["before_search_bytes"] == 0 and not found["third_party"]
        w(f"| search: nothing search-related fetched before it is opened | {browser['n']} | "
          f"{found['before_search_bytes'] / 1024:.1f} KB ({found['before_search_requests']} requests) | "
          f"{load_text(browser.get('load'))} | {verdict(before_ok)} |")
        w(f"| search: one three-word query, five results shown, ≤ {search_bytes.TARGET_KB} KB in all | {browser['n']} | "
          f"{found['query_bytes'] / 1024:.1f} KB in {found['query_requests']} requests (\"{found['query']}\"; "
          f"{found['results_shown']} shown){'; third-party: ' + ', '.join(found['third_party']) if found['third_party'] else ''} | "
          f"{load_text(browser.get('load'))} | {verdict(found['query_bytes'] <= search_bytes.TARGET_KB * 1024 and not found['third_party'])} |")
    else:
        w("| search bytes before opening and per query | – | not measured | n/a | n/a |")
    if browser and "update_ms" in browser:
        w(f"| catalogue filter update < {TARGETS['filter_ms']} ms | {browser['n']} | {browser['update_ms']:.1f} ms "
          f"({browser['frame_ms']:.1f} ms to the next frame) | {load_text(browser.get('load'))} | "
          f"{verdict(browser['update_ms'] < TARGETS['filter_ms'])} |")
    else:
        w(f"| catalogue filter update < {TARGETS['filter_ms']} ms | – | not measured | n/a | n/a |")
    goal = (f"perf ≥ {lighthouse.TARGETS['performance']}, a11y {lighthouse.TARGETS['accessibility']}, "
            f"BP {lighthouse.TARGETS['best-practices']}, SEO {lighthouse.TARGETS['seo']}")
    if lh and lh.get("results"):
        for name, r in lh["results"].items():
            scores = " · ".join(f"{lighthouse.SHORT[c]} {r[c]:g}" for c in lighthouse.CATEGORIES)
            w(f"| Lighthouse (mobile, median of {lh['runs']}) {name}: {goal} | {lh['n']} | {scores} | "
              f"{load_text(r['load'])} | {verdict(lighthouse.passed(r))} |")
    if not (lh and lh.get("results")):
        why = f"not measured: {lh['error']}" if lh and lh.get("error") else "not measured (--no-lighthouse)"
        w(f"| Lighthouse (mobile) on every page type: {goal} | – | {why} | n/a | n/a |")
    elif set(lighthouse.TYPES) - set(lh["results"]):
        missing = ", ".join(t for t in lighthouse.TYPES if t not in lh["results"])
        w(f"| Lighthouse on every page type | {lh['n']} | not audited: {missing} | n/a | **no** |")
    for r in orgs:
        ratio, ratio_cpu = r.med("a") / r.med("b"), r.med("a", "cpu") / r.med("b", "cpu")
        w(f"| full/bare build ≤ {TARGETS['orgs_ab']} with {r.organisations} organisations | {r.n} | {ratio:.2f} wall, "
          f"{ratio_cpu:.2f} CPU (median of {len(r.runs['a'])}) | {load_text(r.load)} | "
          f"{verdict(ratio <= TARGETS['orgs_ab'])} wall, {verdict(ratio_cpu <= TARGETS['orgs_ab'])} CPU |")
        w(f"| map layout < {TARGETS['layout_s']} s at {r.organisations} organisations ({r.layout['on_map']} on the map) | "
          f"{r.n} | {r.layout['seconds']:.3f} s | {load_text(r.load)} | {verdict(r.layout['seconds'] < TARGETS['layout_s'])} |")
    if not orgs:
        w("| full/bare build with 800 organisations, map layout | – | not measured | n/a | n/a |")
    if largest and largest.programmes:
        w(f"| largest programme page HTML < {TARGETS['programme_kb']} KB (issue #16; {largest.programmes} programmes) | "
          f"{largest.n} | {largest.programme_max / 1024:.1f} KB (`program/{largest.programme_slug}/`) | "
          f"{load_text(largest.load)} | {verdict(largest.programme_max < TARGETS['programme_kb'] * 1024)} |")

    r1000 = at(results, 1000)
    if r1000:
        ab = r1000.med("a") / r1000.med("b")
        ab_cpu = r1000.med("a", "cpu") / r1000.med("b", "cpu")
        w(f"| a/b ≤ {TARGETS['ab']} | {r1000.n} | {ab:.2f} wall, {ab_cpu:.2f} CPU; fastest runs {r1000.low('a') / r1000.low('b'):.2f} | "
          f"{load_text(r1000.load)} | {verdict(ab <= TARGETS['ab'])} wall, {verdict(ab_cpu <= TARGETS['ab'])} CPU |")
    big = [r for r in results if r.n >= 250]
    k250, k250_cpu = ks["a", "wall"][1], ks["a", "cpu"][1]
    w(f"| k ≤ {TARGETS['k']} between 250 and 2000 | {', '.join(str(r.n) for r in big) or 'none'} | {fmt(k250)} wall, {fmt(k250_cpu)} CPU | "
      f"{load_text((big[0].load[0], big[-1].load[1])) if big else 'n/a'} | "
      f"{verdict(None if k250 is None else k250 <= TARGETS['k'])} wall, {verdict(None if k250_cpu is None else k250_cpu <= TARGETS['k'])} CPU |")
    r2000 = at(results, 2000)
    if r2000:
        both = r2000.rss_build + r2000.rss_drawing
        w(f"| peak memory ≤ {TARGETS['rss_mb']} MB | {r2000.n} | {r2000.rss():.0f} MB the larger process; {both:.0f} MB "
          f"the build and drawing processes added up | {load_text(r2000.load)} | "
          # The larger process may be Pagefind's indexer, a child of the build: it counts too.
          f"{verdict(max(both, r2000.rss()) <= TARGETS['rss_mb'])} |")
        lo, hi = results[0], results[-1]
        spread = (hi.case_median - lo.case_median) / lo.case_median if len(results) > 1 else None
        ok = None if spread is None else abs(spread) <= TARGETS["case_spread"] and hi.case_median < TARGETS["case_kb"] * 1024
        w(f"| case page HTML within 10% from N=100 to 2000 and < {TARGETS['case_kb']} KB | {lo.n} → {hi.n} | median {lo.case_median / 1024:.1f} KB "
          f"→ {hi.case_median / 1024:.1f} KB, {fmt(None if spread is None else 100 * spread, '+.0f')}{'' if spread is None else '%'}; "
          f"largest {hi.case_max / 1024:.1f} KB | – | {verdict(ok)} |")
        w(f"| catalogue HTML < {TARGETS['catalogue_mb']} MB | {r2000.n} | {r2000.catalogue / 1e6:.2f} MB | – | "
          f"{verdict(r2000.catalogue < TARGETS['catalogue_mb'] * 1e6)} |")
    if serve:
        w(f"| `make serve` reload no slower than a full build | {serve['n']} | page shows the change after "
          f"{serve['to_page']:.1f}s; a full build between the edits {serve['full_between']:.1f}s "
          f"(earlier in the run: {serve['full_build']:.1f}s a, {serve['full_build_warm']:.1f}s w) | {load_text(serve.get('load'))} | "
          f"{verdict(serve['to_page'] <= serve['full_between'])} |")
    if clocked:
        share = clocked.share()
        w(f"| own code ≤ {100 * TARGETS['own_share']:.0f}% of build | {clocked.n} | {100 * share:.0f}% of the build waits for it"
          + (f" ({100 * clocked.share(kind='warm'):.0f}% with templates compiled before)" if clocked.has('warm') else "")
          + (f"; all its work in one process {100 * clocked.share(kind='serial'):.0f}%" if clocked.has('serial') else "")
          + (f", {100 * prof.own / prof.total:.0f}% under cProfile" if prof else "")
          + f" | {load_text(clocked.load)} | {verdict(share <= TARGETS['own_share'])} |")
    w("")
    return out


def lighthouse_report(lh: dict) -> list[str]:
    out = [f"## Lighthouse per page type (N={lh['n']})\n"]
    if not lh.get("results"):
        return out + [f"Not measured: {lh.get('error', 'no page audited')}.\n"]
    out += [f"{lighthouse.describe(lh['runs'])} Took {lh['seconds'] / 60:.1f} min; load average (1, 5, 15 min) "
            f"{lh['load_start']} at its start, {lh['load_end']} at its end.\n", *lighthouse.rows(lh["results"]), ""]
    if lh.get("error"):
        out.append(f"Stopped early: {lh['error']}\n")
    return out


def report(results, prof, clocked, browser, serve, meta, args, orgs=(), lh=None) -> str:
    out = []
    w = out.append
    w(f"# Build benchmark{' (quick)' if args.quick else ''}\n")
    w(f"- Date: {meta['date']}  ")
    w(f"- Machine: {meta['nproc']} CPUs (`nproc`), {meta['cpu']}; load average {meta['load_start']} at start, "
      f"{meta['load_end']} at the end  ")
    w(f"- Python {meta['python']}, MkDocs {meta['mkdocs']}, Material {meta['material']}, Markdown {meta['markdown']}, "
      f"Jinja2 {meta['jinja2']}, PyYAML {meta['yaml']} (libyaml {'present' if meta['libyaml'] else 'absent'})  ")
    largest_runs = min(args.runs, args.max_runs_largest) if args.max_runs_largest else args.runs
    w(f"- Sizes {', '.join(str(r.n) for r in results)}; {args.runs} run(s) per size and variant"
      + (f" ({largest_runs} at N={results[-1].n})" if results and largest_runs != args.runs else "")
      + f", order rotated between runs; many organisations: {args.orgs_runs} run(s) per size and variant"
      + (f" ({min(args.orgs_runs, args.max_runs_largest)} at N={orgs[-1].n})" if orgs and args.max_runs_largest
         and min(args.orgs_runs, args.max_runs_largest) != args.orgs_runs else "")
      + f"; Lighthouse: {'skipped' if not lh else f'{args.lighthouse_runs} run(s) a page'}; "
      f"whole run took {meta['elapsed'] / 60:.1f} min  ")
    w(f"- Code measured: {meta.get('code', 'unknown')} (mkdocs.yml, docs/, hooks/, overrides/ copied once at the start)  ")
    w("- a = site build with the hooks, from a clean copy (no compiled templates kept: as on a fresh clone or in CI "
      "without a cache) into an empty folder; w = the build as every later `make build` runs it: with the templates "
      "an earlier build compiled, over that build's output (which MkDocs clears first, as `make serve` does before "
      "every rebuild); b = same project bodies as plain MkDocs + Material pages with Material's own search plugin, as a stock site has it (no hooks; until 8c6b290 it took that search from our mkdocs.yml), c = floor (front matter with PyYAML + bodies with Python-Markdown, one process). Times are medians; "
      "\"wall\" is the whole process measured from outside, \"CPU\" is its user + system time (less sensitive "
      "to other load on the machine). c (in) is the floor's own in-process time, without interpreter start and imports. "
      "Spread: (slowest − fastest run) / median wall time. a/b fastest: fastest a over fastest b in CPU time, "
      "the steadiest figure when the machine's speed drifts between runs.\n")
    head = len(out)  # the targets table goes here, once everything it reports is known

    w("## Build time\n")
    w("| N | munic. | a wall s | w wall s | b wall s | c wall s | c (in) s | a/b | w/b | a/c | a CPU s | b CPU s | c CPU s | a/b CPU | a/c CPU | a/b fastest | spread a/b/c % |")
    w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        a, b, c = r.med("a"), r.med("b"), r.med("c")
        ac, bc, cc = r.med("a", "cpu"), r.med("b", "cpu"), r.med("c", "cpu")
        warm = r.med("w")
        w(f"| {r.n} | {r.municipalities} | {a:.2f} | {warm:.2f} | {b:.2f} | {c:.2f} | {statistics.median(r.floor_inner):.2f} | "
          f"{a / b:.2f} | {warm / b:.2f} | {a / c:.2f} | {ac:.2f} | {bc:.2f} | {cc:.2f} | {ac / bc:.2f} | {ac / cc:.2f} | "
          f"{r.low('a') / r.low('b'):.2f} | {r.spread('a'):.0f}/{r.spread('b'):.0f}/{r.spread('c'):.0f} |")
    w("")
    w("## Output and memory (variant a)\n")
    w("Peak RSS: the larger of the build process and the process that draws the pages (median of the runs). "
      "Build + drawing: the two peaks of one clocked build added up; the drawing process is forked from the build "
      "and shares most of its memory with it, so the sum counts that twice.\n")
    w("| N | peak RSS MB | build + drawing MB | pages (b) | case page median KB | case max KB | project 1 page KB | catalogue KB | search index KB | site total MB |")
    w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        w(f"| {r.n} | {r.rss():.0f} | {r.rss_build:.0f} + {r.rss_drawing:.0f} | {r.pages} ({r.pages_b}) | {r.case_median / 1024:.1f} | "
          f"{r.case_max / 1024:.1f} | {r.case_first / 1024:.1f} | {r.catalogue / 1024:.0f} | {r.search_index / 1024:.0f} | {r.site_total / 1e6:.1f} |")
    w("")

    w("## Growth exponent k (t ≈ c·N^k)\n")
    big = [r for r in results if r.n >= 250]
    w("| variant | time | k, all sizes (least squares) | k, sizes ≥ 250 (least squares) | k, smallest ≥ 250 → largest | k, two largest |")
    w("|---|---|---:|---:|---:|---:|")
    ks = {}
    for v in ("a", "b", "c"):
        for what in ("wall", "cpu"):
            pts = [(r.n, r.med(v, what)) for r in results]
            pts250 = [(r.n, r.med(v, what)) for r in big]
            pair = exponent([pts250[0], pts250[-1]]) if len(pts250) >= 2 else None
            top2 = exponent(pts[-2:]) if len(pts) >= 2 else None
            ks[v, what] = (exponent(pts), exponent(pts250), pair, top2)
            w(f"| {v} | {what} | {fmt(ks[v, what][0])} | {fmt(ks[v, what][1])} | {fmt(pair)} | {fmt(top2)} |")
    w("")

    if clocked:
        w(f"## Own code: builds at N={clocked.n} with clocks around the hook (no profiler)\n")
        w("Median of " + str(len(clocked.builds["cold"])) + f" in-process builds (load_config + build {clocked.med('build'):.2f}s): "
          f"**the project's own code (load, validate, index, generate) keeps the build waiting "
          f"{clocked.med('own'):.2f}s = {100 * clocked.share():.0f}% of the build**. The pages and the export files are drawn in a "
          "second process meanwhile, and half the content files are parsed in another while this one parses the "
          f"first half (innocities/background.py); these used {clocked.med('background'):.2f}s of CPU. "
          "Waiting for and copying back their results is counted in the time above. "
          f"Material's work that our code does instead, faster (pages filled from their folder's shell): "
          f"{clocked.med('material'):.2f}s = {100 * clocked.share('material'):.0f}%; Pagefind indexing the pages' searched parts "
          f"(search's work, as Material's search plugin's was): {clocked.med('search'):.2f}s = {100 * clocked.share('search'):.0f}%. "
          "Measured by bench/time_build.py: every hook event in the build's process is timed; on_page_context and "
          "PageShells.render count as Material's work, search_index.Indexer as search's, and both are taken out of the "
          "hook events that call them. "
          "These builds start without compiled templates (a)"
          + (f"; with the templates an earlier build compiled (w), the build takes {clocked.med('build', 'warm'):.2f}s and "
             f"keeps waiting for our code {clocked.med('own', 'warm'):.2f}s = {100 * clocked.share(kind='warm'):.0f}%" if clocked.has('warm') else "")
          + ".\n")
        if clocked.has('serial'):
            w(f"**All of our code's work in one process** (INNOCITIES_PARALLEL=0, as on a machine with one core; "
              f"median of {len(clocked.builds['serial'])}): {clocked.med('own', 'serial'):.2f}s of a {clocked.med('build', 'serial'):.2f}s "
              f"build = {100 * clocked.share(kind='serial'):.0f}%.\n")
    if prof:
        w(f"## Profile: one build at N={prof.n} under cProfile\n")
        w(f"With the pages drawn in the build's own process (INNOCITIES_PARALLEL=0), so that the profiler sees all of "
          f"our code. Build (load_config + build) {prof.total:.1f}s under the profiler ({prof.wall:.1f}s wall for the process). "
          f"Hook entry points (cumulative): " + ", ".join(f"{k} {v:.2f}s" for k, v in sorted(prof.hooks.items(), key=lambda kv: -kv[1]))
          + f". Own code: {prof.own:.1f}s = {100 * prof.own / prof.total:.0f}% of the build; Material's work done by our code "
          f"(search entries, PageShells.render) {prof.material:.1f}s = {100 * prof.material / prof.total:.0f}% "
          f"(not counted: importing the hook while the config loads, {prof.hook_import:.2f}s). Counting only the time "
          f"spent in the lines of our own functions and templates, without the libraries they call (Jinja, PyYAML, "
          f"markupsafe): {prof.self_time:.1f}s = {100 * prof.self_time / prof.total:.0f}%. "
          "cProfile slows Python function calls several-fold and templates are little else, so these shares run "
          "higher than the clocked ones above." + _extra(results, prof.n) + "\n")
        w("Top 15 functions of the project's code (hooks/ and overrides/innocities/ templates) by cumulative time:\n")
        w("| cumulative s | own s | calls | function |")
        w("|---:|---:|---:|---|")
        for ct, tt, nc, name in prof.top:
            w(f"| {ct:.2f} | {tt:.2f} | {nc} | `{name}` |")
        w("")
    if browser and browser.get("search"):
        found = browser["search"]
        w(f"## Search in headless Chromium (N={browser['n']}; gzip, under the sub-path)\n")
        w("\n".join(search_bytes.report(found)) + "\n")
    if browser and "update_ms" in browser:
        w(f"## Catalogue in headless Chromium (N={browser['n']})\n")
        w(f"Tick one checkbox (mal={browser['value']}) and time until #ic-result-count changes: median of 5 "
          f"**{browser['update_ms']:.1f} ms** (to the next frame, with layout: {browser['frame_ms']:.1f} ms; "
          f"unticking: {browser['untick_update_ms']:.1f} ms). Result: \"{browser['text']}\". "
          f"Page load: DOMContentLoaded {browser['dcl_ms']:.0f} ms, load {browser['load_ms']:.0f} ms.\n")
    if serve:
        w(f"## mkdocs serve (N={serve['n']})\n")
        w(f"Start until serving: {serve['startup']:.1f}s. After editing one project file (median of {serve['reps']}): "
          f"the page shows the change after **{serve['to_page']:.1f}s**; \"Reloading browsers\" after {serve['to_reload']:.1f}s "
          f"(change detected after {fmt(serve['detect'], '.2f')}s, rebuild {fmt(serve['build'], '.1f')}s). "
          f"A full `mkdocs build` timed between the edits (over its previous output, as every later `make build`): "
          f"**{serve['full_between']:.1f}s** (median of {serve['reps']}); in the build-time table above at this N: "
          f"{serve['full_build']:.1f}s from a clean copy (a), {serve['full_build_warm']:.1f}s with templates compiled "
          "before (w). Under `mkdocs serve` the hooks keep parsed content files and converted Markdown bodies "
          "between rebuilds (innocities/source.py, innocities_markdown_cache.py), so a rebuild parses and converts "
          "only what changed."
          + (f" The server's memory after these edits: {serve['rss_mb']:.0f} MB (peak {serve['peak_mb']:.0f} MB)."
             if "rss_mb" in serve else "") + "\n")

    if orgs:
        out.extend(orgs_report(orgs))
    if lh:
        out.extend(lighthouse_report(lh))
    out[head:head] = targets_table(results, prof, clocked, browser, serve, orgs, lh, ks)
    return "\n".join(out)


def lighthouse_on(site: Path, n: int, runs: int) -> dict:
    """bench/lighthouse.py on the built site: every page type, median of `runs`. A failure (no
    Lighthouse, a page it cannot audit) is reported in the table, not fatal: the builds measured
    before it are kept."""
    log(f"N={n}: Lighthouse on every page type, {runs} run(s) each")
    started, load_start = time.perf_counter(), os.getloadavg()
    done: dict = {}
    lh = {"n": n, "runs": runs, "results": done}
    try:
        lighthouse.audit(site, runs, on_page=lambda found: done.update(found))
    except Exception as exc:  # noqa: BLE001 - the rest of the bench stands without it
        lh["error"] = f"{type(exc).__name__}: {str(exc).strip()[:300]}"
        log(f"Lighthouse stopped: {lh['error']}")
    lh.update(seconds=time.perf_counter() - started, load_start=" ".join(f"{x:.1f}" for x in load_start),
              load_end=" ".join(f"{x:.1f}" for x in os.getloadavg()))
    return lh


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build benchmark for the knowledge base.")
    ap.add_argument("--sizes", default=None, help="comma-separated project counts (default 100,500,1000,2000; --quick: 100,500)")
    ap.add_argument("--runs", type=int, default=None, help="runs per size and variant (default 5; --quick: 1)")
    ap.add_argument("--quick", action="store_true", help="sizes 100,500, one run, no serve, browser or Lighthouse measurement")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse on the largest size's site")
    ap.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs a page type, median reported (default 3)")
    ap.add_argument("--no-serve", action="store_true")
    ap.add_argument("--serve-size", type=int, default=500)
    ap.add_argument("--profile-size", type=int, default=1000)
    ap.add_argument("--max-runs-largest", type=int, default=None, help="fewer runs for the largest size")
    ap.add_argument("--orgs", type=int, default=800, help="organisations in the many-organisations case (default 800)")
    ap.add_argument("--orgs-sizes", default=None, help="project counts of that case (default 2000,8000; --quick: none)")
    ap.add_argument("--orgs-runs", type=int, default=None, help="runs per size and variant of that case "
                    f"(default {ORGS_RUNS}, or --runs if fewer; --max-runs-largest applies to its largest size too)")
    ap.add_argument("--orgs-only", action="store_true", help="run only the many-organisations case (report: bench/RESULTS-orgs.md)")
    ap.add_argument("--output", type=Path, default=None, help="Markdown report (default bench/RESULTS.md, --quick: bench/RESULTS-quick.md)")
    args = ap.parse_args(argv)
    orgs_sizes = sorted({int(s) for s in (args.orgs_sizes or ("" if args.quick else "2000,8000")).split(",") if s})
    if args.orgs_only:
        return orgs_only(args, orgs_sizes)
    args.sizes = sorted({int(s) for s in (args.sizes or ("100,500" if args.quick else "100,500,1000,2000")).split(",")})
    args.runs = args.runs or (1 if args.quick else 5)
    args.orgs_runs = args.orgs_runs or min(args.runs, ORGS_RUNS)
    if args.max_runs_largest is None and not args.quick:
        args.max_runs_largest = MAX_RUNS_LARGEST
    if args.quick:
        args.no_browser = args.no_serve = args.no_lighthouse = True
    output = args.output or BENCH / ("RESULTS-quick.md" if args.quick else "RESULTS.md")
    if any(n < 1 for n in args.sizes) or min(args.runs, args.orgs_runs, args.lighthouse_runs) < 1:
        ap.error("sizes and runs must be positive")

    started = time.perf_counter()
    meta = {"date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "load_start": " ".join(f"{x:.1f}" for x in os.getloadavg()), **machine()}
    profile_n = args.profile_size if args.profile_size in args.sizes else max(n for n in args.sizes if n <= args.profile_size) \
        if any(n <= args.profile_size for n in args.sizes) else args.sizes[0]
    serve_n = args.serve_size if args.serve_size in args.sizes else min(args.sizes, key=lambda n: abs(n - args.serve_size))
    results, prof, clocked, browser, serve, lh = [], None, None, None, None, None
    with tempfile.TemporaryDirectory(prefix="ic-bench-") as tmp:
        work = Path(tmp)
        # One snapshot of the site's code for the whole run: the repository may change meanwhile.
        source = generate.snapshot(work / "snapshot")
        meta["code"] = code_version(source)
        for n in args.sizes:
            runs = args.runs
            if args.max_runs_largest and n == args.sizes[-1]:
                runs = min(runs, args.max_runs_largest)
            res, copy, site, projects = measure_size(n, runs, work, source)
            results.append(res)
            if n == profile_n and not args.no_profile:
                log(f"N={n}: timing the own code in {args.runs} builds")
                clocked = clock_own_code(copy, n, work, runs=args.runs)
                log(f"N={n}: own code {100 * clocked.share():.0f}% of {clocked.med('build'):.1f}s; profiling one build")
                prof = profile(copy, n, work)
                log(f"N={n}: own code {100 * prof.own / prof.total:.0f}% of {prof.total:.1f}s profiled")
            if n == serve_n and not args.no_serve:
                log(f"N={n}: measuring mkdocs serve")
                load_before = os.getloadavg()[0]
                serve = {**serve_cost(copy, projects, work / f"out-full-{n}", reps=5), "n": n,
                         "full_build": res.med("a"), "full_build_warm": res.med("w"),
                         "load": (load_before, os.getloadavg()[0])}
                log(f"N={n}: serve rebuild shows after {serve['to_page']:.1f}s")
            if n == args.sizes[-1] and not args.no_browser:
                log(f"N={n}: catalogue in Chromium")
                load_before = os.getloadavg()[0]
                try:
                    browser = {**catalogue_in_browser(site), "n": n}
                except Exception as exc:  # noqa: BLE001 - optional: no Playwright or no Chromium
                    log(f"skipping the catalogue measurement: {type(exc).__name__}: {exc}")
                log(f"N={n}: search bytes in Chromium")
                try:
                    found = search_bytes.measure(site)
                    browser = {**(browser or {"n": n}), "search": found}
                except Exception as exc:  # noqa: BLE001 - as above
                    log(f"skipping the search measurement: {type(exc).__name__}: {exc}")
                if browser:
                    browser["load"] = (load_before, os.getloadavg()[0])
            if n == args.sizes[-1] and not args.no_lighthouse:
                lh = lighthouse_on(site, n, args.lighthouse_runs)
            shutil.rmtree(copy)
            shutil.rmtree(site, ignore_errors=True)
        orgs = [measure_orgs(n, args.orgs, min(args.orgs_runs, args.max_runs_largest or args.orgs_runs)
                             if n == orgs_sizes[-1] else args.orgs_runs, work, source) for n in orgs_sizes]
    meta["elapsed"] = time.perf_counter() - started
    meta["load_end"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    text = report(results, prof, clocked, browser, serve, meta, args, orgs, lh)
    print(text)
    output.write_text(text, encoding="utf-8")
    log(f"wrote {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")
    return 0


def orgs_only(args, sizes: list[int]) -> int:
    """Only the many-organisations case: a short report of its own."""
    runs = args.orgs_runs or args.runs or 1
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ic-bench-orgs-") as tmp:
        work = Path(tmp)
        source = generate.snapshot(work / "snapshot")
        orgs = [measure_orgs(n, args.orgs, runs, work, source) for n in sizes]
        code = code_version(source)
    lines = ["# Build benchmark: many organisations\n",
             f"- Date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}; {runs} run(s) per size and variant; "
             f"took {(time.perf_counter() - started) / 60:.1f} min; code measured: {code}\n", *orgs_report(orgs)]
    text = "\n".join(lines)
    print(text)
    output = args.output or BENCH / "RESULTS-orgs.md"
    output.write_text(text, encoding="utf-8")
    log(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

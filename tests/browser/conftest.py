"""Fixtures for the real-browser test suite.

The site is built once per session (``mkdocs build --strict`` into a temporary directory) and
served over HTTP on 127.0.0.1 under the sub-path ``/innocities/``, as GitHub Pages serves a
project site. One Chromium is launched per session (pytest-playwright's session fixtures); every
test gets fresh browser contexts.

Environment:

* ``CHROMIUM_PATH``: the Chromium binary (default ``/usr/bin/chromium``). Playwright's own
  browser downloads are not used.
* ``CI=true``: a missing browser (or missing Playwright packages) fails the tests instead of
  skipping them.

On failure a test leaves, under ``test-results/browser/<test>/`` in the repository root, a
full-page screenshot of every page it had open and ``console.log`` with the console messages,
JavaScript errors, failed requests and HTTP errors the browser saw.

``page.wait_for_function`` takes a function (``"() => scrollY === 0"``), never a bare
expression: Playwright evaluates a bare expression with ``eval`` on every poll after the first,
and the site's CSP refuses ``eval``, so such a wait fails whenever its first check is false.
"""

from __future__ import annotations

import http.server
import importlib.util
import os
import re
import shutil
import socketserver
import subprocess
import sys
import threading
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "test-results" / "browser"
SUB_PATH = "/innocities/"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Playwright's default is 30 s; a static site on localhost answers in milliseconds.
DEFAULT_TIMEOUT_MS = 10_000

_BROWSER_FIXTURES = {"page", "context", "new_context", "browser", "browser_type", "launch_browser"}
_REPORTS = pytest.StashKey[dict]()


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def _skip_or_fail(message: str) -> None:
    if _in_ci():
        pytest.fail(f"{message} (CI=true, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(message)


# --------------------------------------------------------------------------------------------
# Marker, collection and reports

_MISSING_PACKAGES = [
    name
    for module, name in (
        ("playwright", "playwright"),
        ("pytest_playwright", "pytest-playwright"),
        ("axe_playwright_python", "axe-playwright-python"),
    )
    if importlib.util.find_spec(module) is None
]


def pytest_configure(config: pytest.Config) -> None:
    if _MISSING_PACKAGES and _in_ci():
        raise pytest.UsageError(
            "CI=true and the browser tests need " + ", ".join(_MISSING_PACKAGES)
            + ": pip install pytest-playwright axe-playwright-python"
        )
    config.addinivalue_line(
        "markers",
        "browser: real-browser test of the built site (Chromium via Playwright); "
        "deselect with -m 'not browser'",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not _MISSING_PACKAGES:
        return
    here = Path(__file__).parent
    message = (
        "browser tests need " + ", ".join(_MISSING_PACKAGES) + ": "
        "pip install pytest-playwright axe-playwright-python"
    )
    for item in items:
        if here not in Path(str(item.path)).parents:
            continue
        if _BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            if _in_ci():
                raise pytest.UsageError(f"{message} (CI=true)")
            item.add_marker(pytest.mark.skip(reason=message))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def _failed(node: pytest.Item) -> bool:
    reports = node.stash.get(_REPORTS, {})
    return any(r.failed for r in reports.values())


# --------------------------------------------------------------------------------------------
# The built site and the HTTP server


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site under SUB_PATH; everything else is a 404 with the site's 404.html."""

    protocol_version = "HTTP/1.1"
    site_dir: Path  # set on a subclass

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.site_dir), **kwargs)

    def translate_path(self, path: str) -> str:
        raw = urllib.parse.urlsplit(path).path
        if raw == SUB_PATH.rstrip("/") or not raw.startswith(SUB_PATH):
            # Nothing exists outside the sub-path (a directory without trailing slash
            # is redirected in send_head).
            return str(self.site_dir.parent / "outside-the-sub-path")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def send_head(self):
        raw = urllib.parse.urlsplit(self.path).path
        if raw == SUB_PATH.rstrip("/"):
            self.send_response(301)
            self.send_header("Location", SUB_PATH)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return super().send_head()

    def send_error(self, code, message=None, explain=None):
        not_found = self.site_dir / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self):
        # Every test starts from a fresh browser context anyway; no stale caches between runs.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@dataclass(frozen=True)
class Site:
    """The built site and where it is served."""

    directory: Path
    origin: str  # http://127.0.0.1:PORT
    base_url: str  # http://127.0.0.1:PORT/innocities/

    def url(self, path: str = "") -> str:
        return urllib.parse.urljoin(self.base_url, path)

    def is_local(self, url: str) -> bool:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        return f"{parts.scheme}://{parts.netloc}" == self.origin


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Build the site once (strict, reproducible) and serve it on a free port under /innocities/."""
    site_dir = tmp_path_factory.mktemp("site") / "innocities"
    handler = type("Handler", (_SiteHandler,), {"site_dir": site_dir})
    # Bind first so the build knows the URL it will be served at (site_url, as the
    # GitHub Pages workflow sets it from the repository).
    server = _Server(("127.0.0.1", 0), handler)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    base_url = origin + SUB_PATH
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": "0",
        "NO_MKDOCS_2_WARNING": "1",
        "SITE_URL": base_url,
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site_dir)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or not (site_dir / "index.html").is_file():
        server.server_close()
        pytest.fail(
            f"mkdocs build --strict failed (exit {result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}",
            pytrace=False,
        )
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield Site(directory=site_dir, origin=origin, base_url=base_url)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def base_url(site: Site) -> str:
    """pytest-playwright passes this to every browser context: page.goto("projekt/") works."""
    return site.base_url


@pytest.fixture(scope="session")
def content_slugs() -> dict[str, list[str]]:
    """Expected site paths, from the content files themselves (not from the site code)."""
    return {
        "projekt": sorted(p.stem for p in (REPO_ROOT / "content" / "projects").glob("*.md")),
        "kommuner": sorted(
            p.stem for p in (REPO_ROOT / "content" / "municipalities").glob("*.md")
        ),
    }


# --------------------------------------------------------------------------------------------
# Browser


@pytest.fixture(scope="session", autouse=True)
def delete_output_dir() -> None:
    """Replaces pytest-playwright's fixture of that name, which deletes all of ./test-results
    at the start of a session: only this suite's own artifacts from an earlier run go."""
    shutil.rmtree(ARTIFACTS_DIR, ignore_errors=True)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM
    resolved = shutil.which(path)
    if resolved is None:
        _skip_or_fail(
            f"Chromium not found at {path!r}: install it with `apt-get install chromium` "
            "(Debian/Ubuntu; `playwright install` cannot be used here) or point CHROMIUM_PATH "
            "at a Chromium binary"
        )
    return resolved


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, chromium_path: str) -> dict:
    """pytest-playwright's launch arguments plus the system Chromium and its flags."""
    args = list(browser_type_launch_args.get("args", []))
    args += [a for a in CHROMIUM_ARGS if a not in args]
    return {**browser_type_launch_args, "executable_path": chromium_path, "args": args}


@dataclass
class _Event:
    kind: str  # console.<type> | pageerror | requestfailed | http-<status>
    page_url: str
    text: str
    source_url: str = ""  # for console messages: the script or resource they are about


@dataclass
class BrowserLog:
    """Everything the browser contexts of one test reported."""

    site: Site
    contexts: list = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (page url, request url)

    def attach(self, context) -> None:
        self.contexts.append(context)

        def page_url(page) -> str:
            try:
                return page.url if page is not None else "?"
            except Exception:  # the page may be closing
                return "?"

        def on_console(msg) -> None:
            loc = msg.location or {}
            where = f" ({loc.get('url')}:{loc.get('lineNumber')})" if loc.get("url") else ""
            self.events.append(
                _Event(
                    f"console.{msg.type}", page_url(msg.page), msg.text + where, loc.get("url", "")
                )
            )

        def on_weberror(err) -> None:
            self.events.append(_Event("pageerror", page_url(err.page), str(err.error)))

        def on_request(req) -> None:
            frame_page = _request_page(req)
            self.requests.append((page_url(frame_page), req.url))

        def on_requestfailed(req) -> None:
            failure = req.failure or "failed"
            self.events.append(
                _Event("requestfailed", page_url(_request_page(req)), f"{req.url}: {failure}")
            )

        def on_response(resp) -> None:
            if resp.status >= 400:
                self.events.append(
                    _Event(f"http-{resp.status}", page_url(_request_page(resp.request)), resp.url)
                )

        context.on("console", on_console)
        context.on("weberror", on_weberror)
        context.on("request", on_request)
        context.on("requestfailed", on_requestfailed)
        context.on("response", on_response)

    # --- assertions ------------------------------------------------------------------------

    def js_errors(self) -> list[_Event]:
        """Uncaught exceptions and console errors, except the "Failed to load resource" errors
        for third-party requests that this harness blocked itself (test_no_third_party_requests
        reports those requests)."""
        return [
            e
            for e in self.events
            if e.kind == "pageerror"
            or (
                e.kind == "console.error"
                and not ("ERR_BLOCKED_BY_CLIENT" in e.text and not self.site.is_local(e.source_url))
            )
        ]

    def third_party_requests(self) -> list[tuple[str, str]]:
        return [(p, u) for p, u in self.requests if not self.site.is_local(u)]

    def assert_no_js_errors(self) -> None:
        errors = self.js_errors()
        if errors:
            pytest.fail(
                f"{len(errors)} JavaScript error(s) in the console:\n"
                + "\n".join(f"  [{e.kind}] on {e.page_url}: {e.text}" for e in errors),
                pytrace=False,
            )

    # --- artifacts -------------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        lines = []
        n = 0
        for context in self.contexts:
            for page in list(context.pages):
                n += 1
                try:
                    url = page.url
                    page.screenshot(
                        path=str(directory / f"page-{n}.png"), full_page=True, timeout=5000
                    )
                    lines.append(f"# screenshot page-{n}.png: {url}")
                except Exception as exc:  # noqa: BLE001 - best effort
                    lines.append(f"# screenshot page-{n} failed: {exc}")
        lines += [f"[{e.kind}] {e.page_url}: {e.text}" for e in self.events]
        lines += [f"[request] {p}: {u}" for p, u in self.requests]
        (directory / "console.log").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _request_page(request):
    try:
        frame = request.frame
        return frame.page
    except Exception:  # service worker requests, or the frame is gone
        return None


@pytest.fixture
def browser_log(site: Site) -> BrowserLog:
    return BrowserLog(site)


def _artifact_dir(node: pytest.Item) -> Path:
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", node.nodeid.split("tests/browser/")[-1]).strip("-")
    return ARTIFACTS_DIR / name[:150]


@pytest.fixture
def new_context(new_context, browser_log: BrowserLog, site: Site, request: pytest.FixtureRequest):
    """pytest-playwright's new_context, plus logging, blocked third-party requests, and
    a screenshot and console log in test-results/browser/ when the test fails."""

    third_party = re.compile(r"^(?!" + re.escape(site.origin + "/") + r")[a-z][a-z0-9+.-]*://")

    def make(**kwargs):
        context = new_context(**kwargs)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        browser_log.attach(context)
        # Third-party requests are recorded (request event) and then blocked, so the tests
        # behave the same with and without internet access and never leak traffic.
        # (A regex, not a Python predicate, so Chromium only pauses the third-party requests.)
        context.route(third_party, lambda route: route.abort("blockedbyclient"))
        return context

    yield make
    if _failed(request.node):
        browser_log.save(_artifact_dir(request.node))


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def format_violations(violations: list[dict], label: str) -> str:
    """Violation id, help and the target selectors, nodes with the same finding grouped."""
    lines = [f"{len(violations)} axe violation(s) ({', '.join(WCAG_TAGS)}) on {label}:"]
    for v in violations:
        lines.append(
            f"- {v['id']} ({v.get('impact')}, {len(v['nodes'])} node(s)): {v['help']} "
            f"<{v.get('helpUrl', '').split('?')[0]}>"
        )
        groups: dict[str, list[str]] = {}
        for node in v["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            summary = re.sub(r"^Fix (any|all) of the following: ", "", summary)
            target = " >> ".join(map(str, node["target"]))
            groups.setdefault(summary, []).append(target)
        for summary, targets in groups.items():
            more = f", … ({len(targets) - 8} more)" if len(targets) > 8 else ""
            lines.append(f"    {', '.join(targets[:8])}{more}")
            lines.append(f"      → {summary[:400]}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe_check(axe):
    """axe_check(page, label) fails with every WCAG 2.0/2.1 A/AA violation axe finds."""

    def check(page, label: str) -> None:
        results = axe.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_TAGS},
                # WCAG 2.5.3 (label in name, level A): axe tags it experimental and runs it only when asked.
                "rules": {"label-content-name-mismatch": {"enabled": True}},
                "resultTypes": ["violations"],
            },
        )
        violations = results.response["violations"]
        if not violations:
            return
        pytest.fail(format_violations(violations, label), pytrace=False)

    return check

"""Crawl the served site from the start page over plain HTTP: no broken links, resources or
#anchors, and every project and municipality page within three clicks of the start page."""

from __future__ import annotations

import collections
import html.parser
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import pytest

pytestmark = pytest.mark.browser

MAX_CLICKS = 3
# <link rel=…> values that are not resources the page loads (or pages a reader opens).
_NON_RESOURCE_RELS = {"canonical", "alternate", "author", "license", "me", "edit", "search"}


class _PageParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []  # <a href>
        self.resources: list[tuple[str, str]] = []  # (kind, url): img, stylesheet, script, …
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag in ("img", "source", "video", "audio", "track", "iframe", "embed"):
            for attr in ("src", "poster"):
                if a.get(attr):
                    self.resources.append((f"{tag}[{attr}]", a[attr]))
            for candidate in a.get("srcset", "").split(","):
                if candidate.strip():
                    self.resources.append((f"{tag}[srcset]", candidate.split()[0]))
        elif tag == "script" and a.get("src"):
            self.resources.append(("script", a["src"]))
        elif tag == "link" and a.get("href"):
            rels = set(a.get("rel", "").lower().split())
            if rels and not rels & _NON_RESOURCE_RELS:
                self.resources.append((f"link[rel={a.get('rel')}]", a["href"]))
        elif tag == "object" and a.get("data"):
            self.resources.append(("object", a["data"]))


@dataclass
class _Fetched:
    url: str  # after redirects
    status: int
    content_type: str = ""
    body: bytes = b""


@dataclass
class Crawl:
    pages: dict[str, _PageParser] = field(default_factory=dict)  # HTML page URL → parsed page
    depth: dict[str, int] = field(default_factory=dict)  # page URL → clicks from the start
    status: dict[str, _Fetched] = field(default_factory=dict)  # any fetched URL
    # (source page, kind, href as written, absolute URL without fragment, fragment)
    references: list[tuple[str, str, str, str, str]] = field(default_factory=list)


def _fetch(url: str) -> _Fetched:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return _Fetched(
                resp.geturl(), resp.status, resp.headers.get("Content-Type", ""), resp.read()
            )
    except urllib.error.HTTPError as exc:
        return _Fetched(url, exc.code)
    except (urllib.error.URLError, OSError) as exc:
        return _Fetched(url, 0, content_type=f"error: {exc}")


def _is_html(fetched: _Fetched) -> bool:
    media_type = fetched.content_type.split(";")[0].strip().lower()
    return media_type in ("text/html", "application/xhtml+xml")


@pytest.fixture(scope="module")
def crawl(site) -> Crawl:
    """Breadth-first from /innocities/, following <a href> to HTML pages on the test server."""
    result = Crawl()
    cache = result.status

    def get(url: str) -> _Fetched:
        if url not in cache:
            cache[url] = _fetch(url)
        return cache[url]

    start = site.base_url
    result.depth[start] = 0
    queue = collections.deque([start])
    while queue:
        url = queue.popleft()
        fetched = get(url)
        if fetched.status != 200 or not _is_html(fetched):
            continue
        result.depth.setdefault(fetched.url, result.depth[url])  # after a redirect
        parser = _PageParser()
        parser.feed(fetched.body.decode("utf-8", errors="replace"))
        result.pages[url] = parser
        refs = [("a", href) for href in parser.links] + parser.resources
        for kind, href in refs:
            absolute = urllib.parse.urljoin(fetched.url, href.strip())
            target, fragment = urllib.parse.urldefrag(absolute)
            if not site.is_local(target) or target.startswith(("data:", "blob:")):
                continue  # mailto:, external sites: not checked (no network in tests)
            result.references.append((url, kind, href, target, urllib.parse.unquote(fragment)))
            if kind == "a" and target not in result.depth:
                path = urllib.parse.urlsplit(target).path
                if path.startswith(urllib.parse.urlsplit(site.base_url).path):
                    result.depth[target] = result.depth[url] + 1
                    queue.append(target)
    # Resources (and links outside the sub-path) are fetched once each, for their status.
    for _, _, _, target, _ in result.references:
        get(target)
    # Stylesheets on the server may load fonts and images themselves.
    for url, fetched in list(cache.items()):
        if fetched.status == 200 and fetched.content_type.startswith("text/css"):
            css = fetched.body.decode("utf-8", errors="replace")
            for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css):
                if ref.startswith(("data:", "#")):
                    continue
                target = urllib.parse.urldefrag(urllib.parse.urljoin(fetched.url, ref))[0]
                if site.is_local(target):
                    result.references.append((url, "css url()", ref, target, ""))
                    get(target)
    return result


def test_crawl_found_the_site(crawl, site):
    assert site.base_url in crawl.pages, f"start page {site.base_url} did not load"
    assert len(crawl.pages) > 10, f"only {len(crawl.pages)} page(s) reached: {sorted(crawl.pages)}"


def test_no_broken_links_or_resources(crawl, site):
    broken = collections.defaultdict(set)  # (kind, target, status) → source pages
    for source, kind, href, target, _ in crawl.references:
        fetched = crawl.status[target]
        base_path = urllib.parse.urlsplit(site.base_url).path
        outside = not urllib.parse.urlsplit(target).path.startswith(base_path)
        if fetched.status != 200 or outside:
            why = f"HTTP {fetched.status}" if fetched.status else fetched.content_type
            if outside:
                why += f", outside {base_path} (breaks on GitHub Pages)"
            broken[(kind, href, target, why)].add(source)
    assert not broken, f"{len(broken)} broken link(s)/resource(s):\n" + "\n".join(
        f"  {kind} {href!r} → {target} ({why})\n    on: {', '.join(sorted(sources)[:5])}"
        + (f" and {len(sources) - 5} more page(s)" if len(sources) > 5 else "")
        for (kind, href, target, why), sources in sorted(broken.items())
    )


def test_no_broken_anchors(crawl):
    broken = collections.defaultdict(set)
    for source, kind, href, target, fragment in crawl.references:
        if kind != "a" or not fragment:
            continue
        page = crawl.pages.get(crawl.status[target].url) or crawl.pages.get(target)
        if page is None:
            continue  # not an HTML page, or broken: test_no_broken_links_or_resources reports it
        if fragment not in page.ids:
            broken[(href, target, fragment)].add(source)
    assert not broken, f"{len(broken)} link(s) to a missing #anchor:\n" + "\n".join(
        f"  {href!r}: no id={fragment!r} on {target}\n    on: {', '.join(sorted(sources)[:5])}"
        + (f" and {len(sources) - 5} more page(s)" if len(sources) > 5 else "")
        for (href, target, fragment), sources in sorted(broken.items())
    )


def test_every_content_page_within_three_clicks(crawl, site, content_slugs):
    problems = []
    for section, slugs in content_slugs.items():
        assert slugs, f"no content files found for {section}/"
        for slug in slugs:
            url = site.url(f"{section}/{slug}/")
            depth = crawl.depth.get(url)
            if depth is None:
                problems.append(f"  {section}/{slug}/: not reachable from the start page")
            elif depth > MAX_CLICKS:
                problems.append(f"  {section}/{slug}/: {depth} clicks from the start page")
    assert not problems, (
        f"content pages not reachable within {MAX_CLICKS} clicks of {site.base_url}:\n"
        + "\n".join(problems)
    )

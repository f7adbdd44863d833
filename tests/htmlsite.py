"""Reading a built site as a reader's browser would: pages, their links, their text."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.title = ""
        self._in_title = False
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        self.text.append(data)


class Site:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._cache: dict[str, _Page] = {}

    def path(self, url: str) -> Path:
        return self.root / url / "index.html" if url.endswith("/") or not url else self.root / url

    def exists(self, url: str) -> bool:
        return self.path(url).is_file()

    def raw(self, url: str) -> str:
        return self.path(url).read_text(encoding="utf-8")

    def page(self, url: str) -> _Page:
        if url not in self._cache:
            p = _Page()
            p.feed(self.raw(url))
            self._cache[url] = p
        return self._cache[url]

    def links(self, url: str) -> set[str]:
        """Site-relative targets of every internal link on a page ('projekt/x/'), anchors dropped."""
        out = set()
        for href in self.page(url).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("#"):
                continue
            target = posixpath.normpath(posixpath.join(url or ".", unquote(parts.path)))
            target = "" if target == "." else target
            if parts.path.endswith("/") and target:
                target += "/"
            out.add(target)
        return out

    def text(self, url: str) -> str:
        return " ".join(" ".join(self.page(url).text).split())

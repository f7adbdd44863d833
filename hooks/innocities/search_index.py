"""The site's search index: Pagefind over the pages' searched parts (a thin adapter; no MkDocs here).

Pagefind (PyPI `pagefind[extended]`, its binary inside the wheel, no network) reads every page's
`lang="sv"`, stems Swedish and folds accents ("aterbruk" finds "Återbruk"), and indexes only what
a page marks `data-pagefind-body` (the page's content with its h1: not menus, footer or related
projects); a page without the mark (the catalogue, which only repeats case titles) is left out. It
writes `pagefind/` into the site: a small script, a WebAssembly module and the index in chunks,
which the reader's browser fetches only when search is opened (overrides/partials/ic-search.html),
a few chunks per query.

The searched part of a page is known before the theme draws the page around it: `marked` wraps
the page's content, and the page shows exactly that (the hook sets it as the content). So every
part is written, as a small page of its own, to a scratch folder (in memory where the system has
/dev/shm) before the pages are drawn, and Pagefind indexes them in a process of its own while the
build draws the pages: on two cores its time is mostly off the build's path. Pagefind's own
service (its Python API) was tried instead: it waits 0.1 s for every page it is given.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

OUTPUT = "pagefind"  # folder in the site
MARK = "data-pagefind-body"
# Inside the main content but not worth finding: the "¶" of every heading's permalink.
EXCLUDE = (".headerlink",)
# What a reader's browser fetches for search, by address: ours, and Material's former lunr
# search, so that a return to it would be counted (the bench, and the test that nothing is
# fetched before search is opened).
DOWNLOADS = re.compile(r"/pagefind/|/assets/search\.js|search_index\.json|/workers/search|lunr", re.IGNORECASE)
_SCRATCH = Path("/dev/shm")  # memory, not disk: a thousand small files cost little there


class SearchIndexError(RuntimeError):
    pass


# Pagefind joins the text of neighbouring elements as written: "<dt>Typ</dt><dd>Energibolag</dd>"
# was "TypEnergibolag" in a result's excerpt. A space after a table cell or a term or description
# (where the browser shows none) keeps the words apart.
_CELL_END = re.compile(r"(</(?:dt|dd|th|td)>)(?=<)", re.IGNORECASE)


def marked(content: str, title: str) -> str:
    """A page's content as search sees it and the page shows it: in the marked element, with an
    h1 (the result's title) where the content has none. The title is HTML, as the theme prints it."""
    heading = "" if "<h1" in content else f"<h1>{title}</h1>"
    content = _CELL_END.sub(r"\1 ", content)
    return f"<div {MARK}>{heading}{content}</div>"


class Indexer:
    """One build's index: add each page's searched part, start, and write it into the site."""

    def __init__(self, lang: str) -> None:
        scratch = _SCRATCH if _SCRATCH.is_dir() else None
        try:
            self._dir = Path(tempfile.mkdtemp(prefix="innocities-search-", dir=scratch))
        except OSError:
            self._dir = Path(tempfile.mkdtemp(prefix="innocities-search-"))
        self._head = (f'<!doctype html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
                      "</head><body>")
        self._running: subprocess.Popen | None = None
        self._out: Path | None = None

    def add(self, dest_path: str, part: str) -> None:
        """A page's searched part (from `marked`) at the page's path in the site ("projekt/x/index.html")."""
        path = self._dir / "pages" / dest_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{self._head}{part}</body></html>", encoding="utf-8")

    def start(self, site_dir: str | Path) -> None:
        """Pagefind indexes the pages given, in a process of its own, into the site's `pagefind/`
        (the build emptied the site before it started drawing pages)."""
        self._out = Path(site_dir) / OUTPUT
        shutil.rmtree(self._out, ignore_errors=True)
        (self._dir / "pages").mkdir(exist_ok=True)
        cmd = [sys.executable, "-m", "pagefind", "--site", str(self._dir / "pages"),
               "--output-path", str(self._out), "--quiet"]
        for selector in EXCLUDE:
            cmd += ["--exclude-selectors", selector]
        self._running = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def finish(self) -> Path:
        """Wait for Pagefind to write the index; the scratch folder goes."""
        try:
            if self._running is None or self._out is None:
                raise SearchIndexError("the indexer was not started")
            said, _ = self._running.communicate()
            code, self._running = self._running.returncode, None
            if code != 0 or not (self._out / "pagefind.js").is_file():
                raise SearchIndexError(f"pagefind failed ({code}): {(said or '').strip()[-2000:]}")
        finally:
            self.close()
        return self._out

    def close(self) -> None:
        """Stop Pagefind if it runs (a build that failed) and remove the scratch folder."""
        if self._running is not None:
            self._running.kill()
            self._running.communicate()
            self._running = None
        shutil.rmtree(self._dir, ignore_errors=True)

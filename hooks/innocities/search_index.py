"""The site's search index: Pagefind over the pages' searched parts (a thin adapter; no MkDocs here).

Pagefind (PyPI `pagefind[extended]`, its binary inside the wheel, no network) reads every page's
`lang="sv"`, stems Swedish and folds accents ("aterbruk" finds "Återbruk"), and indexes only what
a page marks `data-pagefind-body` (overrides/main.html: the main content, not menus or footer);
a page without the mark (the catalogue, which only repeats case titles) is left out. It writes
`pagefind/` into the site: a small script, a WebAssembly module and the index in chunks, which the
reader's browser fetches only when search is opened (overrides/partials/ic-search.html), a few
chunks per query.

Pagefind is given only what it indexes: as each page is written, its marked element is kept, as a
small page of its own, in a scratch folder (in memory where the system has /dev/shm), and Pagefind
indexes that folder once the last page is written. Reading whole pages it parsed about three
times the bytes (head, navigation, footer) to throw them away; the index is the same, byte for
byte. Pagefind's own service (its Python API) was tried for indexing during the build: on two
shared cores it saved no CPU time and held more memory, as it keeps the pages it has not yet
read.
"""

from __future__ import annotations

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
_LANG = re.compile(r'<html\b[^>]*?\blang="([^"]*)"')
_DIV = re.compile(r"<div\b|</div\s*>", re.IGNORECASE)
_SCRATCH = Path("/dev/shm")  # memory, not disk: a thousand small files cost little there


class SearchIndexError(RuntimeError):
    pass


def searched_part(page_html: str) -> str | None:
    """The element of a page Pagefind indexes, as a small page of its own (with the page's
    language); the whole page if that element is not a plain <div>; None if it has no mark."""
    mark = page_html.find(MARK)
    if mark < 0:
        return None
    start = page_html.rfind("<", 0, mark)
    if not page_html.startswith("<div", start):
        return page_html
    depth = 0
    for tag in _DIV.finditer(page_html, start):
        depth += -1 if tag.group().startswith("</") else 1
        if depth == 0:
            lang = _LANG.search(page_html, 0, start)
            head = f'<!doctype html><html lang="{lang.group(1)}">' if lang else "<!doctype html><html>"
            return f'{head}<head><meta charset="utf-8"></head><body>{page_html[start:tag.end()]}</body></html>'
    return page_html  # unbalanced: Pagefind finds the element itself


class Indexer:
    """One build's index: add each page as it is written, then write the index into the site."""

    def __init__(self) -> None:
        scratch = _SCRATCH if _SCRATCH.is_dir() else None
        try:
            self._dir = Path(tempfile.mkdtemp(prefix="innocities-search-", dir=scratch))
        except OSError:
            self._dir = Path(tempfile.mkdtemp(prefix="innocities-search-"))

    def add(self, dest_path: str, page_html: str) -> None:
        """A written page at its path in the site ("projekt/x/index.html"); one without the
        mark is not indexed."""
        part = searched_part(page_html)
        if part is not None:
            path = self._dir / dest_path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(part, encoding="utf-8")

    def write(self, site_dir: str | Path) -> Path:
        """Index the pages given and write the index into the site; the scratch folder goes."""
        out = Path(site_dir) / OUTPUT
        cmd = [sys.executable, "-m", "pagefind", "--site", str(self._dir), "--output-path", str(out), "--quiet"]
        for selector in EXCLUDE:
            cmd += ["--exclude-selectors", selector]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True)
        finally:
            self.close()
        if done.returncode != 0 or not (out / "pagefind.js").is_file():
            raise SearchIndexError(f"pagefind failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-2000:]}")
        return out

    def close(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)

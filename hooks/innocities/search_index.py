"""The site's search index: Pagefind fed with each page as it is written (a thin adapter; no MkDocs here).

Pagefind (PyPI `pagefind[extended]`, its binary inside the wheel, no network) reads every page's
`lang="sv"`, stems Swedish and folds accents ("aterbruk" finds "Återbruk"), and indexes only what
a page marks `data-pagefind-body` (overrides/main.html: the main content, not menus or footer);
a page without the mark (the catalogue, which only repeats case titles) is left out. It writes
`pagefind/` into the site: a small script, a WebAssembly module and the index in chunks, which the
reader's browser fetches only when search is opened (overrides/partials/ic-search.html), a few
chunks per query.

The indexer runs as Pagefind's service (`pagefind --service`: base64 JSON messages ending in ","
on its stdin and stdout; the same protocol as the `pagefind` package's Python API, whose client
waits 0.1 s between reading two answers and would take minutes over a thousand pages). It is
started before MkDocs writes the pages and given each page as it is written, so it indexes on the
second core while the build draws the rest, instead of reading the whole site again afterwards.
It is given only what it would index: the page from the start of the marked element to the end
of the article (its head, navigation and footer would only be parsed to be thrown away). Pages
are added in the build's order, one after another, so the index is the same on every build.
"""

from __future__ import annotations

import base64
import json
import queue
import re
import subprocess
import threading
from pathlib import Path

OUTPUT = "pagefind"  # folder in the site
MARK = "data-pagefind-body"
# Inside the main content but not worth finding: the "¶" of every heading's permalink.
EXCLUDE = (".headerlink",)
_LANG = re.compile(r'<html\b[^>]*?\blang="([^"]*)"')
_END = "</article>"  # Material's main content ends here; what follows is menus and footer


class SearchIndexError(RuntimeError):
    pass


def searched_part(page_html: str) -> str | None:
    """The part of a page Pagefind indexes, as a small page of its own; None if it has no mark."""
    mark = page_html.find(MARK)
    if mark < 0:
        return None
    start = page_html.rfind("<", 0, mark)
    end = page_html.rfind(_END)
    if end < mark:  # not a Material content page: give it all, Pagefind finds the mark itself
        return page_html
    lang = _LANG.search(page_html, 0, start)
    head = f'<!doctype html><html lang="{lang.group(1)}">' if lang else "<!doctype html><html>"
    return f"{head}<head><meta charset=\"utf-8\"></head><body>{page_html[start:end]}</body></html>"


def _executable() -> str:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:  # pragma: no cover - the plain wheel has no Swedish stemming
        raise SearchIndexError("pagefind[extended] is not installed") from None
    return str(get_executable())


class Indexer:
    """One build's index: start it, add each written page, then write it into the site."""

    def __init__(self) -> None:
        try:
            self._proc = subprocess.Popen([_executable(), "--service"], stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as error:
            raise SearchIndexError(str(error)) from None
        self._sent = 0
        self._answers: dict[int, dict] = {}
        self._errors: list[str] = []
        self._answered = threading.Condition()
        self._closed = False
        # Writing from a thread of its own: the build never waits for the indexer to keep up.
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._write_loop, daemon=True, name="pagefind-in").start()
        threading.Thread(target=self._read_loop, daemon=True, name="pagefind-out").start()
        self._index = self._ask({"type": "NewIndex", "config": {"exclude_selectors": list(EXCLUDE)}})["index_id"]

    def add(self, url: str, page_html: str) -> None:
        """A written page, at its site URL ("/projekt/x/"); one without the mark is not indexed."""
        part = searched_part(page_html)
        if part is not None:
            self._send({"type": "AddFile", "index_id": self._index, "url": url, "file_path": None,
                        "file_contents": part})

    def write(self, site_dir: str | Path) -> Path:
        """Wait for every page to be indexed, write the index into the site, stop the indexer."""
        out = Path(site_dir) / OUTPUT
        try:
            # The files come back in the answer and are written here: the service answers
            # WriteFiles before its own writes are done, and ends them unfinished when it stops.
            files = self._ask({"type": "GetFiles", "index_id": self._index}).get("files") or []
            if self._errors:
                raise SearchIndexError("; ".join(self._errors[:5]))
        finally:
            self.close()
        for file in files:
            path = (out / file["path"]).resolve()
            if not path.is_relative_to(out.resolve()):
                raise SearchIndexError(f"pagefind named a file outside {OUTPUT}/: {file['path']}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(base64.b64decode(file["content"]))
        if not (out / "pagefind.js").is_file():
            raise SearchIndexError(f"no {OUTPUT}/pagefind.js was written")
        return out

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._outbox.put(None)
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a hung indexer
            self._proc.kill()
            self._proc.wait()

    def _send(self, payload: dict) -> int:
        self._sent += 1
        self._outbox.put((self._sent, payload))
        return self._sent

    def _ask(self, payload: dict) -> dict:
        number = self._send(payload)
        with self._answered:
            while number not in self._answers:
                if self._proc.poll() is not None and number not in self._answers:
                    raise SearchIndexError(f"pagefind stopped (exit {self._proc.returncode})")
                self._answered.wait(0.5)
        answer = self._answers.pop(number)
        if answer.get("type") == "Error":
            raise SearchIndexError(answer.get("message") or "pagefind failed")
        return answer

    def _write_loop(self) -> None:
        stdin = self._proc.stdin
        try:
            while (item := self._outbox.get()) is not None:
                number, payload = item
                stdin.write(base64.b64encode(json.dumps({"message_id": number, "payload": payload}, ensure_ascii=False).encode()) + b",")
                if payload["type"] != "AddFile":
                    stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # the reader sees the end and says so
        finally:
            try:
                stdin.close()
            except OSError:
                pass

    def _read_loop(self) -> None:
        pending = b""
        for chunk in iter(lambda: self._proc.stdout.read1(1 << 16), b""):
            pending += chunk
            *whole, pending = pending.split(b",")
            for message in whole:
                answer = json.loads(base64.b64decode(message))
                payload = answer.get("payload") or {}
                number = answer.get("message_id")
                if payload.get("type") == "Error":
                    self._errors.append(str(payload.get("message")))
                if payload.get("type") != "IndexedFile":  # what _ask waits for
                    with self._answered:
                        self._answers[number] = payload
                        self._answered.notify_all()
        with self._answered:
            self._answered.notify_all()

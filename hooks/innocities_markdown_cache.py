"""Markdown bodies converted in one `make serve` rebuild, used again in the next (MkDocs-facing).

`mkdocs serve` builds the whole site again after every edit, and converting every page's
Markdown is half of such a rebuild (0.9 s of 1.8 s at 500 projects), although an edit changes
one body. A page's conversion (MkDocs' Page.render) depends only on its Markdown, on where the
page and every other file sit in the site (links are checked and made relative) and on the
Markdown and link settings. When none of these changed since the rebuild before, what the
conversion gave then is given again.

A conversion that logged anything (a broken link, say) is not kept: the next rebuild converts
the page again and says it again, so `--strict` still fails until it is mended. Nothing is kept
while mkdocs.yml names a Markdown extension outside Python-Markdown's own: one may read other
files (pymdownx.snippets does), and an edit to those would not show.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


# Python-Markdown's extensions: what they give depends on the page's Markdown alone.
TEXT_ONLY_EXTENSIONS = {"abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code",
                        "footnotes", "legacy_attrs", "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists",
                        "smarty", "tables", "toc", "wikilinks"}


def _text_only(extension: object) -> bool:
    return isinstance(extension, str) and extension.removeprefix("markdown.extensions.") in TEXT_ONLY_EXTENSIONS


@dataclass(frozen=True)
class _Converted:
    """What Page.render sets on a page (MkDocs 1.6)."""

    content: str
    toc: object
    title: str | None
    anchor_ids: frozenset[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri; None: not set

    @classmethod
    def of(cls, page: Page) -> _Converted:
        links = page.__dict__.get("links_to_anchors")  # set only when anchors are validated
        return cls(page.content, page.toc, page._title_from_render,
                   None if page.present_anchor_ids is None else frozenset(page.present_anchor_ids),
                   None if links is None else {f.src_uri: dict(v) for f, v in links.items()})

    def give(self, page: Page, files: Files) -> None:
        page.content = self.content
        page.toc = self.toc
        page._title_from_render = self.title
        page.present_anchor_ids = None if self.anchor_ids is None else set(self.anchor_ids)
        if self.links_to_anchors is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): dict(v) for uri, v in self.links_to_anchors.items()}


class _Heard(logging.Handler):
    """Whether this thread logged anything; `mkdocs serve`'s server threads log beside it."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.anything = False
        self._thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self._thread:
            self.anything = True


class ConvertedMarkdown:
    """Conversions kept from the last build, by everything they depend on."""

    def __init__(self) -> None:
        self._last: dict[bytes, _Converted] = {}  # the build before
        self._now: dict[bytes, _Converted] = {}  # this build: only what it used is kept for the next
        self._site = b""
        self.reused = self.converted = 0
        self.active = False  # False while an extension may read more than the page

    def begin(self, config: MkDocsConfig, files: Files) -> None:
        """Call once the files are final (on_nav). The site's shape: Markdown and link settings,
        and where every file sits; a changed setting or an added, moved or removed file makes
        every page converted again."""
        self._last, self._now = self._now, {}
        self.reused = self.converted = 0
        self.active = all(_text_only(e) for e in config["markdown_extensions"])
        shape = [repr((config["markdown_extensions"], config["mdx_configs"], config.validation,
                       config.use_directory_urls, config.docs_dir))]
        shape += [f"{f.src_uri}\0{f.dest_uri}\0{f.url}\0{f.inclusion}" for f in files]
        self._site = hashlib.sha256("\n".join(shape).encode("utf-8")).digest()

    def take_over(self, page: Page) -> None:
        """Let this cache convert the page: call in on_page_markdown, just before MkDocs does."""
        if not self.active:
            return
        page.render = lambda config, files: self._render(page, config, files)

    def _render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        del page.render  # the page's own method again; also drops the reference back to the page
        key = hashlib.sha256(b"%s\0%s\0%s" % (self._site, page.file.src_uri.encode("utf-8"),
                                              page.markdown.encode("utf-8"))).digest()
        kept = self._last.get(key)
        if kept is not None:
            kept.give(page, files)
            self._now[key] = kept
            self.reused += 1
            return
        heard = _Heard()
        # MkDocs' loggers stop at "mkdocs"; Python-Markdown's and extensions' reach the root.
        loggers = (logging.getLogger("mkdocs"), logging.getLogger())
        for logger in loggers:
            logger.addHandler(heard)
        try:
            page.render(config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(heard)
        self.converted += 1
        if not heard.anything:
            self._now[key] = _Converted.of(page)


# Set by the hook's on_startup: a ConvertedMarkdown under `mkdocs serve`, else None.
SERVE_CACHE: ConvertedMarkdown | None = None

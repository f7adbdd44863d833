"""Work Material repeats for every page, done once (MkDocs-facing, like the hook).

At thousands of case pages Material's page template dominates a build. Pages outside the
navigation (cases, municipalities, goals, themes) are the same as their neighbours in a folder but
for the title, head metadata, table of contents, edit link and content. So Material's template is drawn once per folder, for a stand-in
page whose per-page values are slots, and each page fills the slots (PageShells). MkDocs writes
relative links, so the folder fixes all of them. (Search is Pagefind's, over each page's searched part:
innocities/search_index.py.)

INNOCITIES_SHORTCUTS=0 turns it off; a test builds both ways and compares every page.
"""

from __future__ import annotations

import posixpath
import re
from types import SimpleNamespace

import jinja2
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from innocities.compiled_templates import CompiledTemplates

# Material's templates, compiled once per process (a `make serve` session): see compiled_templates.
THEME_TEMPLATES = CompiledTemplates()

SHELL_TEMPLATE = "innocities-shell.html"  # overrides/: renders the page through PageShells

# Front-matter keys Material's page template reads; a page with any of them is drawn in full.
_MATERIAL_PAGE_KEYS = {"hide", "template", "tags", "revision_date", "git_revision_date_localized",
                       "git_creation_date_localized", "author", "status", "subtitle"}

# NUL never comes from front matter (text fields refuse control characters) or from Material.
_SLOTS = ("title", "description", "canonical", "edit", "skip", "toc", "content", "after")
_SLOT = {name: f"\x00ic-{name}\x00" for name in _SLOTS}
_SLOT_RE = re.compile("\x00ic-(" + "|".join(_SLOTS) + ")\x00")


def can_share(page: Page, content: str, in_nav: bool) -> bool:
    """Whether the page can be drawn from its folder's shell: outside the navigation, with a
    title and an h1 of its own, and none of the front matter Material treats per page."""
    toc = list(page.toc)
    return (not in_nav and not page.is_homepage and not page.meta.keys() & _MATERIAL_PAGE_KEYS
            and bool(page.meta.get("title")) and "<h1" in content
            and (not toc or toc[0].url.startswith("#")))


class _StandIn:
    """The page as the shell sees it: its per-page values are slots."""

    def __init__(self, page: Page, has_toc: bool) -> None:
        self._page = page
        self.title = _SLOT["title"]
        self.meta = {**page.meta, "title": _SLOT["title"], "innocities_after": _SLOT["after"]}
        if page.meta.get("description"):
            self.meta["description"] = _SLOT["description"]
        self.canonical_url = _SLOT["canonical"] if page.canonical_url else None
        self.edit_url = _SLOT["edit"] if page.edit_url else None
        # Material's skip link goes to the first heading; the table of contents itself is a slot.
        self.toc = [SimpleNamespace(url="#" + _SLOT["skip"], level=2, children=[])] if has_toc else []
        self.content = _SLOT["content"]
        self.innocities_slots = SimpleNamespace(toc=_SLOT["toc"])

    def __getattr__(self, name: str):
        return getattr(self._page, name)


class PageShells:
    """Material's page per folder, drawn once, with slots."""

    def __init__(self) -> None:
        self._shells: dict[tuple, list[str]] = {}
        self._lang = None

    def render(self, context: jinja2.runtime.Context) -> str:
        page: Page = context["page"]
        toc = list(page.toc)
        key = (posixpath.dirname(page.url.rstrip("/")), bool(page.meta.get("description")),
               page.canonical_url is None, page.edit_url is None, bool(toc),
               tuple(page.meta.get("innocities_trail") or ()))  # the breadcrumb, the same per folder
        parts = self._shells.get(key)
        if parts is None:
            values = {**context.get_all(), "page": _StandIn(page, bool(toc))}
            html = context.environment.get_template("main.html").render(values)
            parts = self._shells[key] = _SLOT_RE.split(html)  # static, slot name, static, …
        fill = {
            "title": page.meta["title"], "description": page.meta.get("description", ""),
            "canonical": page.canonical_url or "", "edit": page.edit_url or "",
            "skip": toc[0].url[1:] if toc else "", "toc": self._toc(context),
            "content": page.content, "after": page.meta.get("innocities_after", ""),
        }
        out = parts[:]
        out[1::2] = [fill[name] for name in parts[1::2]]
        return "".join(out)

    def _toc(self, context: jinja2.runtime.Context) -> str:
        # Material's partials/toc.html for this page, with the labels base.html would import.
        env = context.environment
        if self._lang is None:
            self._lang = env.get_template("partials/language.html").make_module(context.get_all())
        return env.get_template("partials/toc.html").render({**context.get_all(), "lang": self._lang})


# --- table of contents ---------------------------------------------------------------------------

_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_HEADERLINK = re.compile(r'<a class="headerlink".*?</a>|<[^>]+>', re.S)


def with_sections(toc: TableOfContents, html_page: str) -> TableOfContents:
    """The page's table of contents with the sections our templates add (Fakta, Delmål, Related
    projects), in page order, so a drawn page's side bar lists all its sections, not only the
    Markdown body's. A body heading keeps its own entry (with its subheadings); a body's h1 stays
    on top, as the theme expects."""
    own, stack = {}, list(toc)
    while stack:
        item = stack.pop()
        own[item.id] = item
        stack.extend(item.children)
    sections = [own.get(m.group(1)) or AnchorLink(_HEADERLINK.sub("", m.group(2)).strip(), m.group(1), 2)
                for m in _H2.finditer(html_page)]
    if not sections:
        return toc
    top = list(toc)
    if len(top) == 1 and top[0].level == 1:
        top[0].children = sections
        return toc
    return TableOfContents(sections)

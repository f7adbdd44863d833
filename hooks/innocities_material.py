"""Work Material repeats for every page, done once or a faster way (MkDocs-facing, like the hook).

At thousands of case pages two things Material does per page dominate a build:

- Its page template: pages outside the navigation (cases, municipalities, goals, themes) are
  the same as their neighbours in a folder but for the title, head metadata, table of
  contents, edit link and content. So Material's template is drawn once per folder, for a stand-in
  page whose per-page values are slots, and each page fills the slots (PageShells). MkDocs writes
  relative links, so the folder fixes all of them.
- Its search plugin parses each page's HTML with html.parser. The pages made from our own
  templates have a known shape, so their entries are cut with a few regexes instead, in
  Material's format (entries); a body with what the regexes do not follow is left to Material.

INNOCITIES_SHORTCUTS=0 turns both off; a test builds both ways and compares every page and the
search index.
"""

from __future__ import annotations

import html
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


# --- search entries -------------------------------------------------------------------------------

# The pages made from these templates (cases, municipalities, goals, themes: thousands) are indexed
# here: a section per heading with an id; p, li, code … kept as bare tags; after a </section> the
# text is the page's again, as Material does. Where a body holds what this shortcut does not
# reproduce, entries() says so and Material indexes the page itself.
FAST_INDEXED = {"case.html", "municipality.html", "goal.html", "theme.html"}
_DROP = re.compile(r"<(script|style|object)\b.*?</\1>|<a class=\"headerlink\".*?</a>", re.S)
_HEADING = re.compile(r"<h([1-6])\b[^>]*\bid=\"([^\"]+)\"[^>]*>(.*?)</h\1>|</section>", re.S)
_KEPT = "p|code|pre|li|ol|ul|sub|sup"
_KEPT_WITH_ATTRS = re.compile(rf"<(/?)({_KEPT})\b(?!>)[^>]*>")  # <p class="x"> → <p>
_OTHER_TAG = re.compile(rf"<(?!/?(?:{_KEPT})>)[^>]+>")
_EMPTY_KEPT = re.compile(rf"<({_KEPT})> ?</\1>")  # Material drops these, not always: left to it
_SPACE = " \t\n\r\f\v"  # what Material collapses; not \xa0 (money is written 850\xa0000)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# Material keeps line breaks in <pre>, skips data-search-exclude, ignores comments, and ends a
# section where the element holding its heading closes: bodies with these are left to it.
_LEFT_TO_MATERIAL = ("<pre", "data-search-", "<!--")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _as_material(entity: re.Match) -> str:
    # Material reads the text (entities decoded) and escapes only & < > again: Jinja's &#34; is ".
    return html.escape(html.unescape(entity.group(0)), quote=False)


def _text(html_part: str) -> str:
    # Plain str.replace instead of one regex with a callback: a third of the time, same text.
    text = _OTHER_TAG.sub("", _KEPT_WITH_ATTRS.sub(r"<\1\2>", html_part))
    if "&" in text:
        text = _ENTITY.sub(_as_material, text)
    for ch in _SPACE[1:]:
        if ch in text:
            text = text.replace(ch, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip(_SPACE)


def _headings_at_top(body_html: str) -> bool:
    """Every heading of the body outside any other element, and every element closed in order."""
    open_tags: list[str] = []
    for m in _TAG.finditer(body_html):
        closing, tag, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            if not open_tags or open_tags.pop() != tag:
                return False
        elif tag in _HEADINGS and open_tags:
            return False
        elif tag not in _VOID and not self_closing:
            open_tags.append(tag)
    return not open_tags


def entries(url: str, title: str, content: str, body_html: str) -> list[dict] | None:
    """Material's search entries for a page made from a FAST_INDEXED template, or None where
    Material must index it itself (see _LEFT_TO_MATERIAL)."""
    if any(mark in content for mark in _LEFT_TO_MATERIAL) or not _headings_at_top(body_html):
        return None
    content = _DROP.sub("", content)
    sections = [[url, title, []]]  # location, title, HTML parts
    current, start = sections[0], 0
    for m in _HEADING.finditer(content):
        current[2].append(content[start:m.start()])
        if m.group(2):
            current = [f"{url}#{m.group(2)}", _text(m.group(3)), []]
            sections.append(current)
        else:
            # As Material does: after the element holding a heading closes, text is the page's again.
            current = sections[0]
        start = m.end()
    current[2].append(content[start:])
    found = [{"location": loc, "title": head, "text": _text(" ".join(parts))} for loc, head, parts in sections]
    if any(_EMPTY_KEPT.search(e["text"]) or _EMPTY_KEPT.search(e["title"]) for e in found):
        return None
    return found

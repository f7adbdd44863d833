"""What the Markdown body of a page may hold: one rule, used twice.

`innocities check` renders each content body with the site's Markdown extensions and reports
what the rule would remove, at `file:line:col` (problems()); the build runs the same rule over
the HTML MkDocs made and removes it (sanitise(), with nh3, the binding of the Rust `ammonia`
sanitiser). Limits on a body's size and nesting are checked before any Markdown runs
(limit_problems()), since Python-Markdown is quadratic on some inputs and recursive on nesting.

The allowlist is what the extensions in mkdocs.yml (admonition, attr_list, tables, toc) and
Markdown itself produce, and no more: raw HTML beyond that, event handlers, `style`, scripts,
frames, forms and any URL scheme but http, https and mailto are removed. `attr_list` may set
only `id` and `class` (other attributes it could add are event handlers or styles), and not
the names Material and our templates use (`md-…`, `ic-…`, ids starting with `_`, such as
Material's `__config`). Images come from the repository: a relative `src`, never another host.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from .fields import first_refused
from .messages import msg
from .problems import ERROR, Problem

# The Markdown extensions and settings of mkdocs.yml (tests/test_body.py checks they agree).
# Tables mark alignment with `align`, as a `style` attribute would be removed.
MARKDOWN_EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]
MARKDOWN_CONFIGS = {"tables": {"use_align_attribute": True},
                    "toc": {"permalink": True, "permalink_title": "Länk till det här avsnittet"}}

# --- the allowlist -------------------------------------------------------------------------

TAGS = frozenset({
    # Markdown
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "img",
    # tables; admonition and toc use div, p and a with classes
    "table", "thead", "tbody", "tr", "th", "td", "div",
})
ATTRIBUTES = {
    "*": frozenset({"id", "class"}),  # toc's heading ids, admonition's classes, attr_list's ids and classes
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title"}),
    "ol": frozenset({"start"}),
    "th": frozenset({"align"}),
    "td": frozenset({"align"}),
}
# Removed with what they hold; any other tag outside TAGS is removed and its text kept.
DROPPED_WITH_CONTENT = frozenset({"script", "style"})
LINK_SCHEMES = frozenset({"http", "https", "mailto"})

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_ID = re.compile(r"[A-Za-z0-9][\w\-]*\Z")
_CLASS = re.compile(r"[A-Za-z][\w\-]*\Z")
_RESERVED_CLASS = ("md-", "ic-")  # Material's and our templates' classes: a body must not pose as the page


def _url(value: str) -> str:
    # As a browser reads a URL: C0 controls and spaces around it dropped, tabs and newlines anywhere.
    return re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                   "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")


def scheme(value: str) -> str | None:
    """The URL's scheme in lower case, or None for a relative URL or #fragment."""
    m = _SCHEME.match(_url(value))
    return m.group(1).lower() if m else None


def link_allowed(value: str) -> bool:
    s = scheme(value)
    return s is None or s in LINK_SCHEMES


def image_allowed(value: str) -> bool:
    """Only a file of the site: relative, no scheme, not '//host' or '/…' (nor '\\' that browsers read as '/')."""
    url = _url(value)
    return bool(url) and scheme(url) is None and not url.startswith(("/", "\\"))


def classes_allowed(value: str) -> list[str]:
    return [c for c in value.split() if _CLASS.match(c) and not c.startswith(_RESERVED_CLASS)]


def attribute_value(tag: str, name: str, value: str) -> str | None:
    """The value kept for an allowlisted attribute, or None to remove it."""
    if name == "href":
        return value if link_allowed(value) else None
    if name == "src":
        return value if image_allowed(value) else None
    if name == "id":
        return value if _ID.match(value) else None
    if name == "class":
        kept = classes_allowed(value)
        return " ".join(kept) if kept else None
    if name == "align":
        return value if value in ("left", "right", "center") else None
    if name == "start":
        return value if value.isdigit() and len(value) <= 9 else None
    return value


# Made once: building the cleaner per call doubled the time per page.
_CLEANER = nh3.Cleaner(tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT),
                       attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
                       attribute_filter=attribute_value, url_schemes=set(LINK_SCHEMES), link_rel=None,
                       strip_comments=True)


def sanitise(body_html: str) -> str:
    """The body's HTML with everything outside the allowlist removed. The result is a balanced
    fragment: a closing tag in the body cannot close the page's own elements."""
    return _CLEANER.clean(body_html)


# --- telling the contributor -----------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    needles: tuple[str, ...]  # text to look for in the Markdown, to say where it is
    message: str


class _Walker(HTMLParser):
    """Everything in the HTML that sanitise() would remove, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Finding] = []

    def _add(self, needles, message: str) -> None:
        self.found.append(Finding(tuple(n for n in needles if n), message))

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self._add((f"<{tag}",), msg("body_raw_html", tag=tag))
            return
        raw = self.get_starttag_text() or ""
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            value = value or ""
            raw_value = _raw_value(raw, name)
            if name not in allowed:
                what = msg("body_attr_event" if name.startswith("on") else
                           "body_attr_style" if name == "style" else "body_attr_other")
                self._add((f"{name}=", name), msg("body_attribute", name=name, tag=tag, what=what))
            elif attribute_value(tag, name, value) != value:
                self._add((raw_value, value, name), _why(tag, name, value))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag not in TAGS and tag not in DROPPED_WITH_CONTENT:
            self._add((f"</{tag}",), msg("body_closing_tag", tag=tag))

    def handle_decl(self, decl):
        self._add(("<!",), msg("body_declaration"))

    def handle_pi(self, data):
        self._add(("<?",), msg("body_processing_instruction"))

    def unknown_decl(self, data):
        self._add(("<![",), msg("body_declaration"))


def _raw_value(starttag: str, name: str) -> str:
    m = re.search(rf"\s{re.escape(name)}\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", starttag, re.IGNORECASE)
    return m.group(1).strip("\"'") if m else ""


def _why(tag: str, name: str, value: str) -> str:
    shown = value if len(value) <= 60 else value[:57] + "..."
    if name == "href":
        return msg("body_link_scheme", scheme=scheme(value), value=repr(shown))
    if name == "src":
        return msg("body_image", value=repr(shown))
    if name == "class":
        return msg("body_class", value=repr(shown))
    if name == "id":
        return msg("body_id", value=repr(shown))
    return msg("body_value", value=repr(shown), name=name, tag=tag)


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|<[!?]")
_ATTR = re.compile(r"([^\s=/>]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")


def _plainly_allowed(body_html: str) -> bool:
    """A quick look that says yes for the HTML Markdown makes of a plain body (nearly every
    page), so the build walks only the others with the HTML parser: 0.1 ms, not 3 ms, a page.
    Only what is reported depends on it; sanitise() runs on every page regardless."""
    for m in _TAG.finditer(body_html):
        tag = (m.group(2) or "").lower()
        if tag not in TAGS:
            return False
        if m.group(1):
            continue
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, frozenset())
        for a in _ATTR.finditer(m.group(3)):
            name, raw = a.group(1).lower(), a.group(2) or ""
            value = html.unescape(raw[1:-1] if raw[:1] in "\"'" else raw)
            if name not in allowed or attribute_value(tag, name, value) != value:
                return False
    return True


def findings(body_html: str) -> list[Finding]:
    """What sanitise() would remove from this HTML, each with text to find it by in the source."""
    if _plainly_allowed(body_html):
        return []
    walker = _Walker()
    walker.feed(body_html)
    walker.close()
    return walker.found


def render(markdown_text: str) -> str:
    """The body as HTML, the way the site's Markdown settings make it (for check; MkDocs renders for the build)."""
    import markdown  # here: only `check` renders; loading content for the build does not

    return markdown.markdown(markdown_text, extensions=MARKDOWN_EXTENSIONS, extension_configs=MARKDOWN_CONFIGS)


def locate(markdown_text: str, found: list[Finding], first_line: int) -> list[tuple[int, int, str]]:
    """(line, column, message) for each finding: the first place after the previous one where one
    of its needles occurs in the source, else the body's first line."""
    lower = markdown_text.lower()
    out = []
    cursor = 0
    for f in found:
        at = -1
        for needle in f.needles:
            at = lower.find(needle.lower(), cursor)
            if at < 0:
                at = lower.find(needle.lower())
            if at >= 0:
                break
        if at < 0:
            out.append((first_line, 1, f.message))
            continue
        cursor = at + 1
        line_start = markdown_text.rfind("\n", 0, at) + 1
        out.append((first_line + markdown_text.count("\n", 0, at), at - line_start + 1, f.message))
    return out


def html_problems(rel: str, markdown_text: str, body_html: str, first_line: int) -> list[Problem]:
    """Problems for what the rule would remove from a body's HTML, at lines of the file `rel`."""
    return [Problem(rel, line, column, ERROR, "body", message)
            for line, column, message in locate(markdown_text, findings(body_html), first_line)]


# --- limits ------------------------------------------------------------------------------------

# Python-Markdown takes time quadratic in some inputs (a run of '[' with text after it, thousands
# of headings or rules) and recurses once per level of nesting (about 300 levels end in a
# RecursionError). Within these limits the slowest body we know of renders in about 2 s
# (tests/test_body.py); the largest body in content/ today is 2 KB and 45 lines.
MAX_CHARS = 20_000
MAX_LINES = 500
MAX_BRACKETS = 100  # '[' : each link and image needs one
MAX_ANGLES = 200  # '<' : autolinks need one; raw HTML is not allowed anyway
MAX_DEPTH = 8  # levels of lists and quotes

_MARKER = re.compile(r"([ \t]*)(>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
_DEEP_CANDIDATE = re.compile(r"^[ \t>*+\-0-9.)]{%d}" % (MAX_DEPTH + 1), re.MULTILINE)


def depth(line: str) -> int:
    """Levels of nesting a line opens: quote and list markers at its start, and indentation before
    a marker or the text (four columns a level, as Python-Markdown counts; the one space after a
    marker does not count)."""
    levels = pos = 0
    while m := _MARKER.match(line, pos):
        levels += 1 + max(len(m.group(1).replace("\t", "    ")) - (1 if pos else 0), 0) // 4
        pos = m.end()
    rest = len(line) - pos - len(line[pos:].lstrip(" \t"))
    return levels + max(len(line[pos:pos + rest].replace("\t", "    ")) - (1 if pos else 0), 0) // 4


def limit_problems(rel: str, body: str, first_line: int) -> list[Problem]:
    """A body beyond the limits, as one problem (nothing else about it is checked then)."""
    def problem(offset: int, message: str) -> list[Problem]:
        line = first_line + body.count("\n", 0, offset)
        column = offset - (body.rfind("\n", 0, offset) + 1) + 1
        return [Problem(rel, line, column, ERROR, "body", message)]

    if len(body) > MAX_CHARS:
        return problem(0, msg("body_too_long", length=len(body), max=MAX_CHARS))
    lines = body.split("\n")
    if len(lines) > MAX_LINES:
        return problem(sum(len(x) + 1 for x in lines[:MAX_LINES]),
                       msg("body_too_many_lines", lines=len(lines), max=MAX_LINES))
    for char, limit, what in (("[", MAX_BRACKETS, msg("body_brackets")), ("<", MAX_ANGLES, "'<'")):
        if body.count(char) > limit:
            at = -1
            for _ in range(limit + 1):
                at = body.find(char, at + 1)
            return problem(at, msg("body_too_many_chars", count=body.count(char), what=what, max=limit))
    # Only a line that starts with more marker and blank characters than the limit can be deeper
    # than it (each level takes at least one), so only those are measured.
    for candidate in _DEEP_CANDIDATE.finditer(body):
        start = candidate.start()
        end = body.find("\n", start)
        line = body[start:end if end >= 0 else len(body)]
        if depth(line) > MAX_DEPTH:
            return problem(start, msg("body_too_deep", depth=depth(line), max=MAX_DEPTH))
    # The character rule of the fields: a bidi override would show a reader text reordered.
    refused = first_refused(body, body=True)
    return problem(*refused) if refused else []


def problems(rel: str, body: str, first_line: int) -> list[Problem]:
    """Everything check says about a body: its limits first, then what the rule would remove."""
    over = limit_problems(rel, body, first_line)
    if over or not body.strip():
        return over
    try:
        body_html = render(body)
    except Exception as exc:  # noqa: BLE001 - no traceback for any content: it becomes a problem
        return [Problem(rel, first_line, 1, ERROR, "body", msg("body_unrenderable", error=type(exc).__name__))]
    return html_problems(rel, body, body_html, first_line)

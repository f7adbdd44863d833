"""The Content-Security-Policy every page carries, in one place (GitHub Pages sets no headers, so
it goes in a `<meta http-equiv>`).

Scripts run only from the site's own files, and inline only where the page's frame (the theme's
HTML around the content) holds them: Material puts a few small inline scripts there, which differ
by page depth, so their hashes are taken from each page as it is built, never from the content
part of the page, and never copied by hand. A script that reaches a body some other way is
blocked. Styles: the site's own files, and `style` attributes, which our templates use for the
goal colours (data, not CSS files); `<style>` elements are blocked. Bodies can hold neither
(innocities/body.py).

To allow more, add it to POLICY. Search (Pagefind) compiles its WebAssembly module, which needs
'wasm-unsafe-eval' (WebAssembly only; no eval of scripts, no inline scripts).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable

POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'", "'wasm-unsafe-eval'"),  # + a hash per inline script of the page's frame
    "style-src": ("'self'",),
    "style-src-attr": ("'unsafe-inline'",),  # the goal colours; no <style> elements
    "img-src": ("'self'", "data:"),  # data: for Material's inline SVG icons in CSS
    "font-src": ("'self'",),
    "connect-src": ("'self'",),  # the search index
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}

# The template's <meta http-equiv="Content-Security-Policy"> has this as its content, replaced
# page by page (apply()). With its quote it cannot come from escaped text, such as a description.
SLOT = "innocities-csp"
_SLOT_ATTR = f'content="{SLOT}"'

_OPEN = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
# An attribute's name, not the end of another's (data-type, data-src).
_TYPE = re.compile(r"""(?<![\w-])type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*))""", re.IGNORECASE)
_SRC = re.compile(r"(?<![\w-])src\s*=", re.IGNORECASE)
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def inline_scripts(frame_html: str) -> list[str]:
    """The text of every inline script a browser would run: no `src`, and no data type such as
    application/json (Material's config, JSON-LD), which CSP does not govern.

    The frame comes from the templates, which write `<script>` in lower case; found with str.find,
    not one regular expression over the page, which took most of a second at 3 000 pages (its
    lazy match crept through every script's text). A script written otherwise is missed, so not
    hashed, so blocked: never one allowed that should not be."""
    found = []
    start = frame_html.find("<script")
    while start >= 0:
        tag = _OPEN.match(frame_html, start)
        if tag is None:  # `<scripts`, say: not a script
            start = frame_html.find("<script", start + 7)
            continue
        end = frame_html.find("</script", tag.end())
        if end < 0:
            break
        attrs = tag.group(1)
        if not _SRC.search(attrs) and not _is_data(attrs):
            found.append(frame_html[tag.end():end])
        start = frame_html.find("<script", end + 8)
    return found


def _is_data(attrs: str) -> bool:
    """A type a browser does not run as a script (application/json, application/ld+json)."""
    typed = _TYPE.search(attrs)
    return typed is not None and "".join(typed.groups("")).strip().lower() not in _SCRIPT_TYPES


def source_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(scripts: Iterable[str] = ()) -> str:
    """The policy for a page whose frame holds these inline scripts."""
    directives = dict(POLICY)
    hashes = sorted({source_hash(s) for s in scripts})
    directives["script-src"] = (*directives["script-src"], *hashes)
    return "; ".join(" ".join((name, *sources)) for name, sources in directives.items())


def apply(page_html: str, content_html: Iterable[str] = ()) -> str | None:
    """The page with its policy in its slot, hashing the inline scripts of everything but
    `content_html` (the parts made from content); None if the page has no slot."""
    if _SLOT_ATTR not in page_html:
        return None
    frame = page_html
    for part in content_html:
        if part:
            frame = frame.replace(part, "")
    return page_html.replace(_SLOT_ATTR, _slot_value(tuple(inline_scripts(frame))), 1)


@functools.lru_cache(maxsize=64)
def _slot_value(scripts: tuple[str, ...]) -> str:
    # Pages of the same depth share their frame's scripts: hashed once, not once a page.
    value = policy(scripts).replace("&", "&amp;").replace('"', "&quot;")
    return f'content="{value}"'

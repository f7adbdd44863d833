"""Every link on every page of the built site says where it leads (issue 19: SEO 100 in
Lighthouse): no link whose whole text is a word that says nothing on its own, such as "Start"
(the breadcrumb's first link was, on every page that has a breadcrumb)."""

from __future__ import annotations

from html.parser import HTMLParser

# Lighthouse 12.2.3's link-text audit (core/audits/seo/link-text.js, BLOCKLIST): its English and
# Swedish entries, compared with the link's trimmed, lower-cased text. Norwegian has none there.
GENERIC = {
    "click here", "click this", "go", "here", "information", "learn more", "more", "more info",
    "more information", "right here", "read more", "see more", "start", "this",
    "här", "klicka här", "läs mer", "mer", "mer info", "mer information",
}


class _Links(HTMLParser):
    """(href, text) of every <a href>, the text as a reader sees it (tags dropped, spaces joined)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href") is not None:
            self._open.append((a["href"], []))

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, parts = self._open.pop()
            self.found.append((href, " ".join("".join(parts).split())))

    def handle_data(self, data):
        for _, parts in self._open:
            parts.append(data)


def links(raw: str) -> list[tuple[str, str]]:
    parser = _Links()
    parser.feed(raw)
    return parser.found


def test_the_link_reader_finds_a_generic_link():
    # The check below can fail: a breadcrumb that says only "Start" is caught, its text as read.
    found = links('<nav><ol><li><a href="../"> <span>Start</span> </a></li></ol></nav>')
    assert found == [("../", "Start")]
    assert found[0][1].lower() in GENERIC


def test_no_link_on_any_page_has_text_that_says_nothing(built):
    bad = []
    pages = sorted(built.root.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        for href, text in links(path.read_text(encoding="utf-8")):
            # As Lighthouse does: anchors on the page itself, mail and script links are not judged.
            if href.startswith(("#", "mailto:", "javascript:")):
                continue
            if text.lower() in GENERIC:
                bad.append(f"{path.relative_to(built.root)}: <a href={href!r}>{text}</a>")
    assert not bad, "\n".join(bad[:20])

"""What a body may hold (hooks/innocities/body.py): check reports it at the file's line, the
sanitiser removes it, the limits stop hostile bodies fast, and names of other pages are taken."""

from __future__ import annotations

import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings, strategies as st

from innocities import body, cli, csp
from sitebuild import ROOT

HEAD = """\
---
title: Laddplatser vid hamnen
summary: Hamnen bygger laddplatser för arbetsfordon.
status: ongoing
municipalities: [halden]
sdgs: [7]
sources:
  - title: Hamnens nyhet om laddplatser
    url: https://example.org/laddplatser
---
"""
FIRST_BODY_LINE = HEAD.count("\n") + 1
REL = "content/projects/laddplatser.md"


def project(repo, body_text: str) -> str:
    repo.write(REL, HEAD + body_text)
    return REL


def check(repo, fmt: str = "text", capsys=None) -> tuple[int, str]:
    if not (repo.root / "mkdocs.yml").exists():  # how check finds the repository
        repo.write("mkdocs.yml", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    code = cli.main(["--root", str(repo.root), "check", "--format", fmt])
    return code, capsys.readouterr().out if capsys else ""


# --- the rule ------------------------------------------------------------------------------------

class _Tags(HTMLParser):
    """Every start tag with its attributes, entities decoded, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.raw_text_tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag


def parsed(html_text: str) -> list[tuple[str, dict]]:
    p = _Tags()
    p.feed(html_text)
    p.close()
    return p.tags


def unsafe(html_text: str) -> list[str]:
    """What the rule promises never to let through, as a reader's browser would see it."""
    bad = []
    for tag, attrs in parsed(html_text):
        if tag in ("script", "style", "iframe", "object", "embed", "form", "meta", "base", "link", "svg", "math"):
            bad.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                bad.append(f"{tag}[{name}]")
            if name in ("href", "src", "action", "formaction", "xlink:href", "srcset", "data"):
                url = re.sub(r"[\t\n\r]", "", value).strip("\x00- ")
                m = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", url)
                if m and m.group(1).lower() not in ("http", "https", "mailto"):
                    bad.append(f"{tag}[{name}]={value!r}")
                if name != "href" and (m or url.startswith(("/", "\\"))):
                    bad.append(f"external {tag}[{name}]={value!r}")
    return bad


def clean(markdown_text: str) -> str:
    return body.sanitise(body.render(markdown_text))


@pytest.mark.parametrize("markdown_text", [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<p onclick="alert(1)">text</p>',
    "<iframe src=https://evil.example></iframe>",
    "<style>body{display:none}</style>",
    '<form action="https://evil.example"><input name=p></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    "<object data=x.swf></object><embed src=x.swf>",
    "[klick](javascript:alert(1))",
    "[klick](JaVaScRiPt:alert(1))",
    "[klick](jav&#x61;script:alert(1))",
    "[klick](&#106;avascript:alert(1))",
    "[klick](data:text/html;base64,PHNjcmlwdD4=)",
    "[klick](vbscript:msgbox)",
    '<a href="java\nscript:alert(1)">x</a>',
    "![bild](https://tracker.example/pixel.gif)",
    "![bild](//tracker.example/pixel.gif)",
    "![bild](/\\tracker.example/pixel.gif)",
    '# Rubrik {: onclick="alert(1)" style="display:none" }',
    "Text\n{: onmouseover=alert(1) }",
    '<svg><script>alert(1)</script></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
])
def test_the_rule_removes_what_can_run_or_call_out(markdown_text):
    out = clean(markdown_text)
    assert unsafe(out) == [], out
    assert body.findings(body.render(markdown_text)), f"check would not report {markdown_text!r}"


def test_closing_tags_cannot_break_out_of_the_page():
    out = clean("Hej\n\n</div></article></main><div class='md-header'>falsk</div>\n\n<!-- öppen kommentar")
    stack = []

    class Balance(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag not in ("br", "hr", "img"):
                stack.append(tag)

        def handle_endtag(self, tag):
            assert stack and stack[-1] == tag, f"</{tag}> closes something the body did not open: {out}"
            stack.pop()

    Balance().feed(out)
    assert stack == [] and "md-header" not in out and "<!--" not in out


def test_what_our_markdown_extensions_make_is_kept():
    text = """\
## Rubrik

Text med **fet**, *kursiv*, `kod` och [en länk](https://example.org "titel"), [e-post](mailto:a@example.org),
[relativ](../annan/) och [ankare](#rubrik).

![Bild](bilder/lampa.jpg)

!!! note "Obs"
    En ruta.

| A | B |
|:--|--:|
| 1 | 2 |

1. ett
2. två

> citat

Stycke med id och klass
{: #mitt-id .markerad }
"""
    rendered = body.render(text)
    assert body.findings(rendered) == []
    out = body.sanitise(rendered)
    for kept in ('<h2 id="rubrik">', 'class="headerlink" href="#rubrik"', '<strong>fet</strong>', "<em>kursiv</em>",
                 "<code>kod</code>", 'href="https://example.org" title="titel"', 'href="mailto:a@example.org"',
                 'href="../annan/"', 'href="#rubrik"', 'src="bilder/lampa.jpg"', 'class="admonition note"',
                 'class="admonition-title"', '<th align="left">', '<td align="right">', "<ol>", "<blockquote>",
                 'id="mitt-id"', 'class="markerad"'):
        assert kept in out, f"{kept!r} was removed:\n{out}"


def test_ids_and_classes_of_the_site_itself_are_not_for_bodies():
    out = clean("## __config\n\nText\n{: #__search .md-dialog .ic-goal .egen }")
    assert 'id="__config"' not in out and 'id="__search"' not in out
    assert "md-dialog" not in out and "ic-goal" not in out and 'class="egen"' in out


def test_the_markdown_settings_are_those_of_mkdocs_yml():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        names.append(name)
        if isinstance(entry, dict) and entry[name]:
            configs[name] = entry[name]
    assert names == body.MARKDOWN_EXTENSIONS
    assert configs == body.MARKDOWN_CONFIGS


# --- the property ---------------------------------------------------------------------------------

SCHEMES = ["javascript:", "JAVASCRIPT:", "jav&#x61;script:", "&#106;avascript:", "java\tscript:", " javascript:",
           "vbscript:", "data:text/html,", "file:///etc/", "https://evil.example/", "//evil.example/", "/\\evil.example/",
           "http://ok.example/", "mailto:a@example.org", "../rel/", "#frag", ""]
TAGS = ["script", "img", "a", "iframe", "style", "svg", "math", "form", "input", "meta", "base", "object", "embed",
        "p", "div", "h2", "table", "td", "details", "video", "audio", "source", "link", "body", "main", "template"]
ATTRS = ["onerror", "onclick", "onload", "OnMouseOver", "style", "href", "src", "srcset", "action", "formaction",
         "xlink:href", "id", "class", "data", "poster", "background", "title"]
VALUES = st.one_of(st.sampled_from(SCHEMES).map(lambda s: s + "alert(1)"), st.sampled_from(["x", "__config", "md-header"]))


@st.composite
def hostile_html(draw):
    tag = draw(st.sampled_from(TAGS))
    attrs = draw(st.lists(st.tuples(st.sampled_from(ATTRS), VALUES), max_size=3))
    quote = draw(st.sampled_from(['"', "'", ""]))
    attr_text = "".join(f" {n}={quote}{v.replace(quote, '') if quote else v.replace(' ', '')}{quote}" for n, v in attrs)
    inner = draw(st.sampled_from(["", "text", "<script>alert(1)</script>", "</main>", "<!--"]))
    closing = draw(st.sampled_from([f"</{tag}>", "", "</div></article>"]))
    return f"<{tag}{attr_text}>{inner}{closing}"


@st.composite
def hostile_markdown(draw):
    url = draw(st.sampled_from(SCHEMES)) + draw(st.sampled_from(["alert(1)", "x.png", ""]))
    attr = draw(st.sampled_from(ATTRS))
    return draw(st.sampled_from([
        f"[länk]({url})", f"![bild]({url})", f"<{url}>", f"[länk][r]\n\n[r]: {url}",
        f"## Rubrik {{: {attr}=\"{url}\" }}", f"Stycke\n{{: {attr}='{url}' .md-x #__y }}",
    ]))


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # speed is the benchmark's, not a timed test
@given(st.lists(st.one_of(hostile_html(), hostile_markdown(), st.sampled_from(["Text.", "\n\n", "- punkt", "> citat"])),
                min_size=1, max_size=6))
def test_no_body_made_of_hostile_parts_gets_script_handlers_schemes_or_external_sources(parts):
    markdown_text = "\n".join(parts)
    out = clean(markdown_text)
    assert unsafe(out) == [], f"{markdown_text!r}\n→ {out}"
    # What check says agrees with what the build removes: a clean report means nothing is removed.
    if not body.findings(body.render(markdown_text)):
        assert unsafe(body.render(markdown_text)) == []


# --- check at file:line:col -----------------------------------------------------------------------

CASES = [
    ("Inledning.\n\n<script>alert(1)</script>\n", 3, 1, "raw HTML <script>"),
    ("Inledning.\n\nSe [här](javascript:alert(1)) nu.\n", 3, 10, "link scheme 'javascript:'"),
    ("Inledning.\n\nSe [här](jav&#x61;script:alert(1)).\n", 3, 10, "link scheme 'javascript:'"),
    ("Rad ett.\nRad två.\n\n![Logga](https://tracker.example/logo.png)\n", 4, 10, "not a file of the repository"),
    ("## Rubrik {: onclick=\"alert(1)\" }\n", 1, 14, "'onclick' on <h2> is an event handler"),
]


@pytest.mark.parametrize("text,line,column,words", CASES)
def test_check_reports_a_body_problem_at_the_line_of_the_file(repo, capsys, text, line, column, words):
    rel = project(repo, text)
    code, out = check(repo, "text", capsys)
    assert code == 1
    expected = f"{rel}:{FIRST_BODY_LINE + line - 1}:{column}: error: body: "
    hits = [x for x in out.splitlines() if x.startswith(expected)]
    assert hits and words in hits[0], f"wanted {expected}…{words}, got:\n{out}"


def test_check_reports_body_problems_in_every_format(repo, capsys):
    rel = project(repo, "Text.\n\n<iframe src=https://evil.example></iframe>\n")
    line = FIRST_BODY_LINE + 2
    code, gh = check(repo, "github", capsys)
    assert code == 1 and f"::error file={rel},line={line},col=1,title=body::raw HTML <iframe>" in gh
    code, out = check(repo, "json", capsys)
    found = [p for p in json.loads(out) if p["path"] == rel]
    assert code == 1 and found and found[0]["line"] == line and found[0]["field"] == "body"
    assert found[0]["severity"] == "error" and "<iframe>" in found[0]["message"]


def test_check_holds_hand_written_pages_to_the_body_rule(repo, capsys):
    # The build refuses them (test_safe_build.py) and says `check` shows them: it must.
    page = "---\ntitle: Om\n---\n# Om\n\nText.\n\n<script>alert(1)</script>\n"
    repo.write("docs/om.md", page)
    code, out = check(repo, "text", capsys)
    assert code == 1
    assert "docs/om.md:8:1: error: body: raw HTML <script>" in out, out


@pytest.mark.parametrize("char,kind", [("\u202e", "bidi"), ("\x1b", "control character"), ("\x00", "control character"),
                                       ("\ufffe", "non-character")])
def test_a_body_is_held_to_the_character_rule_of_the_fields(repo, capsys, char, kind):
    rel = project(repo, f"Betala till konto\n\nnummer {char}0987654321 nu.\n")
    code, out = check(repo, "text", capsys)
    assert code == 1
    hits = [x for x in out.splitlines() if x.startswith(f"{rel}:{FIRST_BODY_LINE + 2}:8: error: body: ")]
    assert hits and kind in hits[0], out


def test_invisible_marks_of_running_text_are_allowed_in_a_body(repo):
    # A soft hyphen in a long word, a zero-width joiner inside an emoji.
    project(repo, "Energieffektiviserings\u00adprogrammet \U0001F469\u200d\U0001F4BB.\n")
    assert repo.find(repo.load(), REL) == []


def test_the_shipped_content_breaks_no_body_rule():
    code = cli.main(["--root", str(ROOT), "check", "--format", "json"])
    assert code == 0


# --- limits ---------------------------------------------------------------------------------------

# Each beyond one limit only, so that each limit is seen to hold; "100 KB" is the case.
HOSTILE = {
    "100 KB": "[" * 100_000,
    "size": "Lång text. " * 2_000,
    "brackets": "[" * 5_000,
    "nested list": "- " * 300 + "a\n",
    "nested quote": ">" * 300 + " a\n",
    "lines": "---\n" * 600,
    "angles": "<a " * 300,
}
# 100 KB of '[' is beyond the size of a whole file too, and that is told first (source.MAX_FILE_BYTES).
WORDS = {"100 KB": "bytes long", "size": "characters long", "brackets": "of '['", "nested list": "nested 300",
         "nested quote": "nested 300", "lines": "601 lines", "angles": "of '<'"}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_body_is_refused_at_once_with_a_message(repo, capsys, name):
    rel = project(repo, HOSTILE[name])
    started = time.perf_counter()
    code, out = check(repo, "text", capsys)
    took = time.perf_counter() - started
    assert code == 1
    hits = [x for x in out.splitlines() if x.startswith(f"{rel}:") and ": error: " in x]
    assert len(hits) == 1 and "at most" in hits[0] and WORDS[name] in hits[0], out
    assert "Traceback" not in out
    assert took < 10, f"check took {took:.1f} s"


def test_the_slowest_body_within_the_limits_renders_in_seconds():
    # The worst we know of for Python-Markdown: '[' runs followed by text (quadratic).
    worst = "[" * body.MAX_BRACKETS + "a" * (body.MAX_CHARS - body.MAX_BRACKETS)
    assert body.limit_problems(REL, worst, 1) == []
    started = time.process_time()
    body.render(worst)
    assert time.process_time() - started < 20


@pytest.mark.parametrize("line,expected", [
    ("text", 0), ("    kod", 1), ("- a", 1), ("    - a", 2), ("> > > a", 3), ("> - > - a", 4),
    ("---", 0), ("- - - a", 3), ("\t\t- a", 3), (" " * 40 + "- a", 11),
])
def test_nesting_is_counted_as_markdown_nests(line, expected):
    assert body.depth(line) == expected


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from([">", "> ", "- ", "-", " ", "    ", "\t", "1. ", "2)", "* ", "+ ", "a"]),
                         max_size=14).map("".join), min_size=1, max_size=6))
@example(["a", ">" * (body.MAX_DEPTH + 1) + "a"])  # one character a level: the tightest case
@example(["\t" * body.MAX_DEPTH + "- a"])
def test_a_body_is_too_deep_exactly_when_one_of_its_lines_is(lines):
    # limit_problems measures only the lines that start with more marker and blank characters
    # than the limit: it must find every line that is too deep, and at that line.
    text = "\n".join(lines)
    deep = [i for i, line in enumerate(lines) if body.depth(line) > body.MAX_DEPTH]
    found = body.limit_problems(REL, text, 1)  # nothing else is over a limit in so short a body
    assert [p.line - 1 for p in found] == deep[:1]


def test_a_body_within_the_limits_is_not_refused(repo):
    normal = "\n".join(f"## Del {i}\n\nText med [länk](https://example.org/{i}).\n\n- punkt\n    - underpunkt"
                       for i in range(40))
    project(repo, normal)
    assert repo.find(repo.load(), REL) == []


# --- reserved names -------------------------------------------------------------------------------

def test_a_project_named_index_is_told_what_it_collides_with(repo, capsys):
    repo.write("content/projects/index.md", HEAD + "Text.\n")
    code, out = check(repo, "text", capsys)
    assert code == 1
    line = [x for x in out.splitlines() if x.startswith("content/projects/index.md:1:1: error: ")]
    assert line and "projekt/" in line[0] and "Projekt" in line[0] and "rename" in line[0], out


def test_an_organisation_named_index_is_told_what_it_collides_with(repo, capsys):
    repo.write("content/municipalities/index.md", repo.HALDEN)
    code, out = check(repo, "text", capsys)
    line = [x for x in out.splitlines() if x.startswith("content/municipalities/index.md:1:1: error: ")]
    assert code == 1 and line and "kommuner/" in line[0] and "rename" in line[0], out


def test_a_project_whose_page_a_hand_written_page_holds_is_told_which(repo, capsys):
    repo.write("docs/projekt/laddplatser.md", "# Handskriven\n")
    project(repo, "Text.\n")
    code, out = check(repo, "text", capsys)
    line = [x for x in out.splitlines() if x.startswith(f"{REL}:1:1: error: ")]
    assert code == 1 and line and "docs/projekt/laddplatser.md" in line[0], out


# --- the policy -----------------------------------------------------------------------------------

def test_the_policy_has_what_the_site_promises():
    policy = dict(d.split(" ", 1) for d in csp.policy(["a"]).split("; "))
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'" and policy["form-action"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["script-src"].startswith("'self' 'wasm-unsafe-eval' 'sha256-")  # Pagefind's WebAssembly, no eval of text
    assert "unsafe-inline" not in policy["script-src"] and "unsafe-inline" not in policy["style-src"]


def test_scripts_of_the_content_are_never_hashed():
    page = ('<meta http-equiv="Content-Security-Policy" content="innocities-csp"><script>frame()</script>'
            '<article><script>content()</script></article><script type="application/json">{}</script>')
    out = csp.apply(page, ["<article><script>content()</script></article>"])
    assert csp.source_hash("frame()") in out and csp.source_hash("content()") not in out
    assert csp.source_hash("{}") not in out

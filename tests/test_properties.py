"""Whatever a contributor writes, the loader and validator answer with a model or messages, never a traceback.

Examples per test: HYPOTHESIS_EXAMPLES (default 1000); with CI=true the seed is fixed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os

import yaml
from hypothesis import HealthCheck, example, given, settings, strategies as st

from innocities import content, source, yamlsafe
from innocities.fields import LARGEST, refused_character
from innocities.problems import Problem

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "1000"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=os.environ.get("CI") == "true",
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

KNOWN = {"municipalities": {"halden", "eskilstuna"}, "projects": set(), "methods": {"pilotplan"},
         "phases": {"behov", "ide", "pilot", "genomforande", "spridning"}, "files": set()}
FIELDS = ["title", "summary", "status", "municipalities", "sdgs", "phase", "themes", "methods", "partners",
          "funding", "start", "end", "reviewed", "budget", "contact", "links", "image", "example", "name",
          "type", "country", "code", "county", "population", "coordinates", "joined", "website", "order",
          "amount", "currency", "email", "url", "sector", "time", "roles", "outputs"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30), st.floats(allow_nan=True),
    st.text(max_size=300), st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from(["NO", "yes", "off", "0301", "0o17", "1:30", "2024-02-30", "SDG 7", "Mål 7", "7.a", "11.9",
                     "halden", "haldn", "ongoing", "x" * 500, "\x00", "\t", "javascript:alert(1)", "~"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5), st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=10)), inner, max_size=5)),
    max_leaves=20)
front_matters = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=12), values, max_size=12)


def assert_answer(result) -> None:
    item, problems = result
    assert item is not None or problems, "an invalid file must say why"
    for p in problems:
        assert isinstance(p, Problem) and p.path and p.line >= 1 and p.column >= 1 and p.message


def dump(data) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return "x: 1\n"


@SETTINGS
@given(front_matters, st.sampled_from(["projects", "municipalities", "methods"]))
def test_any_front_matter_gives_a_model_or_messages(data, collection):
    src = source.parse(f"content/{collection}/x.md", "---\n" + dump(data) + "---\nBody\n")
    if src.data is None:
        assert src.problems
        return
    assert_answer(content.check_source(collection, src, KNOWN))


@SETTINGS
@given(st.text(max_size=2000), st.sampled_from(["projects", "municipalities", "methods"]))
def test_any_text_gives_a_model_or_messages(text, collection):
    for candidate in (text, "---\n" + text, "---\n" + text + "\n---\n", "\ufeff---\r\n" + text + "\r\n---\r\n"):
        src = source.parse(f"content/{collection}/x.md", candidate)
        for p in src.problems:
            assert p.line >= 1 and p.message
        if src.data is not None:
            assert_answer(content.check_source(collection, src, KNOWN))


@SETTINGS
@given(st.binary(max_size=500))
def test_any_bytes_in_a_file_give_a_model_or_messages(tmp_path_factory, raw):
    folder = tmp_path_factory.mktemp("bytes")
    path = folder / "x.md"
    path.write_bytes(b"---\ntitle: " + raw + b"\n---\n")
    src = source.read(path, folder)
    if src.data is None:
        assert src.problems and all(p.line >= 1 for p in src.problems)
    else:
        assert_answer(content.check_source("projects", src, KNOWN))


@SETTINGS
@given(st.text(min_size=1, max_size=40).filter(lambda s: "/" not in s and "\x00" not in s and s not in (".", "..")))
def test_any_file_name_is_accepted_or_explained(tmp_path_factory, name):
    root = tmp_path_factory.mktemp("names")
    folder = root / "content/municipalities"
    folder.mkdir(parents=True)
    try:
        (folder / f"{name}.md").write_text("---\nname: X\ntype: other\ncountry: SE\n---\n", encoding="utf-8")
    except OSError:
        return  # the file system refuses the name; no contributor can commit it either
    portfolio = content.load(root)
    files = portfolio.files_in["municipalities"]
    assert len(portfolio.municipalities) + len({p.path for p in portfolio.errors}) >= len(files)
    for p in portfolio.problems:
        assert p.line >= 1 and p.message


# Documents yamlsafe builds its own way (text, lists, mappings) or hands to PyYAML (anything else).
TRICKY_YAML = [
    "base: &b {a: 1, b: x}\nmerged:\n  <<: *b\n  b: y\n",  # merge key
    "a: &x [1, 2]\nb: *x\nc: *x\n",  # aliases
    "2024: x\n7: y\nz: 1\n",  # number keys
    "true: x\n~: y\n2024-01-01: z\n1.5: w\n",  # keys PyYAML makes booleans, null, dates, floats
    "!!set {a, b}\n", "x: !!set {a, b}\n", "x: !!omap [a: 1, b: 2]\n", "x: !!binary aGVq\n",
    "a: 1\na: 2\n", "c:\n  n: 1\nc:\n  n: 2\n  n: 3\n",  # duplicate keys: the last one wins
    "? [a, b]\n: c\n",  # a key that cannot be a dict key
    "x: !!str 12\ny: !!int '12'\nz: !!float '1'\n", "x: 2024-02-30\ny: 2024-02-28\nz: 0301\nw: 1:30\n",
    "- a\n- {b: [c, {d: e}]}\n", "plain\n", "'quoted'\n", "", "x: .nan\ny: -.inf\nz: 1.0e+3\n",
]


def pyyaml_data(text: str):
    """What PyYAML's own constructors make of a document with the same loader, or an exception."""
    loader = yamlsafe.LOADER(text)
    try:
        node = loader.get_single_node()
        return None if node is None else loader.construct_document(node)
    except Exception as exc:  # noqa: BLE001 - any failure must also be a failure of yamlsafe.load
        return exc
    finally:
        loader.dispose()


@SETTINGS
@given(st.one_of(values.map(dump), front_matters.map(dump), st.sampled_from(TRICKY_YAML)))
def test_yaml_is_read_as_pyyaml_reads_it(text):
    expected = pyyaml_data(text)
    got = yamlsafe.load(text)
    if isinstance(expected, Exception):
        assert got.data is None and got.issues, f"PyYAML failed ({expected!r}) but yamlsafe read {got.data!r}"
    elif got.data is None and any("nested more than" in i.message for i in got.issues):
        assert _depth(expected) > yamlsafe.MAX_DEPTH  # refused on purpose; PyYAML would go on
    else:
        # repr: the same values of the same types in the same order (and NaN equal to itself)
        assert repr(got.data) == repr(expected) and type(got.data) is type(expected)


def _depth(value, seen=()) -> int:
    if isinstance(value, (list, dict)) and id(value) not in seen:
        items = value.values() if isinstance(value, dict) else value
        return 1 + max((_depth(v, seen + (id(value),)) for v in items), default=0)
    return 0


def split_by_lines(text: str):
    """The plain way to split a file: (front matter, body, line the body starts on), or None."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    return None


@SETTINGS
@given(st.lists(st.sampled_from(["---", "--- ", "---\t", "...", "-", "- ---", " ---", "a: b", "x", "", " ", "\x0c", "\r",
                                 "\ufeff---", "----"]), max_size=12).map("\n".join))
def test_front_matter_ends_at_the_first_closing_line_and_the_body_is_kept_whole(text):
    src = source.parse("content/projects/x.md", text)
    normal = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    expected = split_by_lines(normal) if normal.strip() else None
    if expected is None:
        assert src.data is None and src.problems and src.front_matter is None
    else:
        front_matter, body, body_line = expected
        assert (src.front_matter.text, src.body, src.body_line) == (front_matter, body, body_line)


# YAML as a contributor (or an attacker) might type it: escapes of characters no field may hold,
# numbers beyond any range, deep nesting, tags, anchors, broken quotes.
YAML_VALUES = [
    '"\\uFFFE"', '"\\uFDD0"', '"\\U0010FFFF"', '"\\0"', '"\\e[31m"', '"\\x85"', '"\\L"', '"\\u202E"', '"\\u2066"',
    '"\\u200B"', '"\\uFEFF"', '"\\uD800"', '"a\\nb"', ".inf", "-.inf", ".nan", "1.0e+400", "9" * 400, "-" + "9" * 40,
    "9" * 5000, "[" * 40 + "]" * 40, "[" * 1200 + "]" * 1200, "{a: " * 30 + "1" + "}" * 30, "!!python/object:os.system x",
    "!!binary aGVq", "!!set {a}", "&a [*a]", "*nowhere", "'unclosed", '"unclosed', "2999-01-01", "2024-02-30",
    "0x1F", "1_000", "~", "", "[halden, \"\\u200Bhalden\"]", "{name: \"\\0\", sector: academia}", "<script>", "?",
]
yaml_lines = st.tuples(st.sampled_from(FIELDS) | st.text(max_size=8),
                       st.sampled_from(YAML_VALUES) | st.text(max_size=40),
                       st.sampled_from(["", "  ", "- ", "  - "])).map(lambda t: f"{t[2]}{t[0]}: {t[1]}")


@SETTINGS
@given(st.lists(yaml_lines, max_size=10).map("\n".join), st.sampled_from(["projects", "municipalities", "methods"]))
def test_any_yaml_text_gives_problems_that_print_safely(text, collection):
    from innocities.problems import format_github, format_json, format_text  # noqa: PLC0415

    src = source.parse(f"content/{collection}/x.md", f"---\n{text}\n---\nBody\n")
    found = list(src.problems)
    if src.data is not None:
        item, problems = content.check_source(collection, src, KNOWN)
        assert_answer((item, problems))
        found += problems
        if item is not None:  # what reaches pages and exports holds no refused character or number
            for value in _leaves(dataclasses.asdict(item)):
                assert not isinstance(value, str) or refused_character(value) is None, repr(value)
                assert not isinstance(value, (int, float)) or abs(value) <= LARGEST, value
    for p in found:
        assert isinstance(p, Problem) and p.line >= 1 and p.column >= 1 and p.message
        for line in (format_text(p), format_github(p)):
            assert line.isprintable(), line
    assert all(ch.isprintable() or ch == "\n" for ch in format_json(found))


def _leaves(value):
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from(
    ["\U0001fffe", "\U0010ffff", "\U0001f600", "\u202e", "\x00", "\ufffe", "\u00ad", "å"]))))
@example("ett \U0001f600 och \U0010ffff")  # beyond U+FFFF: an emoji, allowed, then a non-character
def test_the_character_rule_finds_the_same_first_character_with_and_without_its_shortcut(text):
    # fields.first_refused searches without the characters beyond U+FFFF when the text has none.
    from innocities import fields

    for body in (False, True):
        whole = (fields._BODY_REFUSED_RE if body else fields._REFUSED_RE).search(text)
        found = fields.first_refused(text, body=body)
        assert (found[0] if found else None) == (whole.start() if whole else None)

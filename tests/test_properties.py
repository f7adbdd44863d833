"""Whatever a contributor writes, the loader and validator answer with a model or messages, never a traceback.

Examples per test: HYPOTHESIS_EXAMPLES (default 1000); with CI=true the seed is fixed.
"""

from __future__ import annotations

import datetime as dt
import os

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from innocities import content, source
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

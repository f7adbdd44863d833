"""Pages are drawn before the engine renders the bodies, with slots for the body's HTML; compiled templates are kept."""

from __future__ import annotations

import pytest

from innocities import pages
from innocities.index import Index
from sitebuild import ROOT


def _drawn(repo):
    ix = Index(repo.load(), dates={})
    specs = {s.template: s for s in pages.build_specs(ix, "sv")}
    renderer = pages.Renderer(ix, str(ROOT / "overrides" / "innocities"), "sv", "/")
    return {name: renderer.prerender(spec) for name, spec in specs.items()}


def test_the_body_goes_where_the_template_puts_it_and_is_never_searched_for_slots(repo):
    drawn = _drawn(repo)
    # Text that looks like the slots must come through as written (it cannot come from front
    # matter, but a body is the engine's HTML and is not checked for control characters).
    body = "<p>Brödtext \x00body-intro\x00 och \x00body\x00.</p>\n<h2 id=\"mer\">Mer</h2>\n<p>Resten.</p>"
    case = drawn["case.html"].fill(body)
    assert case.content.count(body) == 1
    facts, _, rest = case.content.partition(body)
    assert 'id="fakta"' in facts and "\x00" not in facts + rest + case.after
    home = drawn["home.html"].fill(body).content
    intro, sep, more = body.partition("<h2")
    # The start page's hand-written intro comes first, the rest after the key figures.
    assert home.index(intro) < home.index("ic-figures") < home.index(sep + more)


def test_a_page_without_a_body_has_no_slot_left(repo):
    for name, drawn in _drawn(repo).items():
        page = drawn.fill("")
        assert "\x00" not in page.content + page.after, name


def test_templates_kept_compiled_between_rebuilds_still_follow_edits(tmp_path, monkeypatch):
    # `make serve` rebuilds with new Jinja environments sharing one CompiledTemplates.
    import jinja2

    from innocities.compiled_templates import CompiledTemplates

    cache = CompiledTemplates()
    page = tmp_path / "sida.html"

    def build() -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), bytecode_cache=cache)
        return env.get_template("sida.html").render(namn="Halden")

    page.write_text("Hej {{ namn }}", encoding="utf-8")
    assert build() == "Hej Halden"
    with monkeypatch.context() as m:  # from the cache: not compiled again
        m.setattr(jinja2.Environment, "_parse", lambda *a, **k: pytest.fail("compiled again"))
        assert build() == "Hej Halden"
    page.write_text("Hallå {{ namn | upper }}", encoding="utf-8")
    assert build() == "Hallå HALDEN"


def test_templates_kept_on_disk_are_used_by_a_new_process_and_never_stale(tmp_path, monkeypatch):
    import jinja2

    from innocities.compiled_templates import CompiledTemplates

    templates, disk = tmp_path / "mallar", tmp_path / "cache"
    templates.mkdir()
    page = templates / "sida.html"
    page.write_text("{% if namn %}\nHej {{ namn }}\n{% endif %}\n", encoding="utf-8")

    def render(trim_blocks=True) -> str:
        cache = CompiledTemplates()  # a new process: nothing in memory
        cache.directory = disk
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), bytecode_cache=cache,
                                 trim_blocks=trim_blocks)
        return env.get_template("sida.html").render(namn="Halden")

    assert render() == "Hej Halden\n"
    assert any(disk.rglob("*"))
    with monkeypatch.context() as m:  # compiling is not needed any more
        m.setattr(jinja2.Environment, "_parse", lambda *a, **k: pytest.fail("compiled again"))
        assert render() == "Hej Halden\n"
    assert render(trim_blocks=False) == "\nHej Halden\n"  # other options: compiled for them
    page.write_text("Hallå {{ namn | upper }}", encoding="utf-8")
    assert render() == "Hallå HALDEN"
    for kept in disk.rglob("*"):
        if kept.is_file():
            kept.write_bytes(kept.read_bytes()[:20] + b"\x00damaged")
    assert render() == "Hallå HALDEN"


def test_a_template_cache_that_cannot_be_written_is_not_used(tmp_path):
    import jinja2

    from innocities.compiled_templates import CompiledTemplates

    (tmp_path / "sida.html").write_text("Hej {{ namn }}", encoding="utf-8")
    blocked = tmp_path / "en-fil"
    blocked.write_text("not a folder", encoding="utf-8")
    cache = CompiledTemplates()
    cache.directory = blocked / "cache"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), bytecode_cache=cache)
    assert env.get_template("sida.html").render(namn="Halden") == "Hej Halden"

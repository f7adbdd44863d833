"""Themes read as words: display names from data/themes.yml, a readable form for the rest."""

from __future__ import annotations

from innocities import themes
from innocities.index import Index
from innocities.pages import build_specs, theme_uri


def test_listed_theme_has_its_display_name():
    assert themes.display_name("cirkular-ekonomi", "cirkulär-ekonomi") == "Cirkulär ekonomi"
    assert themes.display_name("oppna-data", "öppna-data") == "Öppna data"


def test_unlisted_theme_reads_as_words():
    assert "smarta-hem" not in themes.names()
    assert themes.display_name("smarta-hem", "smarta-hem") == "Smarta hem"
    assert themes.display_name("smart-stad", "smart  stad") == "Smart stad"


def test_every_listed_name_is_words_not_a_slug():
    for slug, name in themes.names().items():
        assert "-" not in name and name[:1].isupper(), (slug, name)


def test_theme_pages_are_titled_by_the_name(repo):
    repo.set_field("content/projects/smart-belysning.md", "themes", "[cirkulär-ekonomi, smarta-hem]")
    ix = Index(repo.load())
    assert [t.label for t in ix.themes] == ["Cirkulär ekonomi", "Smarta hem"]
    titles = {s.src_uri: s.title for s in build_specs(ix)}
    assert titles[theme_uri("cirkular-ekonomi")] == "Cirkulär ekonomi"
    assert titles[theme_uri("smarta-hem")] == "Smarta hem"

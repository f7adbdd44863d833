"""The search index's adapter (innocities/search_index.py): what a page gives search, and Pagefind
run beside the build, which must leave nothing behind when a build stops."""

from __future__ import annotations

from pathlib import Path

import pytest

from innocities import search_index
import searchindex


def test_a_page_without_an_h1_is_found_by_its_title_and_one_with_an_h1_keeps_its_own():
    assert search_index.marked("<p>Text</p>", "Om oss &amp; dem") == \
        '<div data-pagefind-body><h1>Om oss &amp; dem</h1><p>Text</p></div>'
    assert search_index.marked("<h1 id='x'>Egen</h1><p>Text</p>", "Annan") == \
        "<div data-pagefind-body><h1 id='x'>Egen</h1><p>Text</p></div>"


def _indexer(tmp_path: Path) -> search_index.Indexer:
    indexer = search_index.Indexer("sv")
    indexer.add("index.html", search_index.marked("<p>Återbruk av byggmaterial</p>", "Start"))
    indexer.add("projekt/a/index.html", search_index.marked("<h1>Solceller</h1><p>Kommunala tak</p>", "x"))
    return indexer


def test_the_index_is_written_into_the_site_and_the_scratch_folder_goes(tmp_path):
    indexer = _indexer(tmp_path)
    scratch = indexer._dir
    indexer.start(tmp_path / "site")
    out = indexer.finish()
    assert out == tmp_path / "site/pagefind" and (out / "pagefind.js").is_file()
    found = searchindex.fragments(tmp_path / "site")
    assert {url: f["meta"]["title"] for url, f in found.items()} == {"": "Start", "projekt/a/": "Solceller"}
    assert searchindex.languages(tmp_path / "site") == {"sv"}
    assert not scratch.exists()


def test_a_build_that_stops_stops_pagefind_and_leaves_no_scratch_folder(tmp_path):
    indexer = _indexer(tmp_path)
    scratch = indexer._dir
    indexer.start(tmp_path / "site")
    running = indexer._running
    indexer.close()
    assert running.poll() is not None
    assert not scratch.exists()


def test_an_index_never_started_is_an_error_not_a_silent_site_without_search(tmp_path):
    indexer = _indexer(tmp_path)
    with pytest.raises(search_index.SearchIndexError):
        indexer.finish()
    assert not indexer._dir.exists()


def test_a_results_excerpt_keeps_a_terms_and_a_tables_words_apart(tmp_path):
    # Pagefind joins neighbouring elements' text as written: without the space marked() adds,
    # a case's facts read "TypEnergibolag" and a table's header "FältKrävs" in search results.
    indexer = search_index.Indexer("sv")
    indexer.add("kommuner/a/index.html", search_index.marked(
        "<h1>A</h1><dl><dt>Typ</dt><dd>Energibolag</dd><dt>Land</dt><dd>Sverige</dd></dl>"
        "<table><tr><th>Fält</th><th>Krävs</th></tr><tr><td>titel</td><td>ja</td></tr></table>", "A"))
    indexer.start(tmp_path / "site")
    indexer.finish()
    text = searchindex.fragments(tmp_path / "site")["kommuner/a/"]["content"]
    assert "Typ Energibolag Land Sverige" in text and "Fält Krävs titel" in text, text

"""`make serve` rebuilds after every edit and keeps converted Markdown bodies between rebuilds
(hooks/innocities_markdown_cache.py): what a contributor previews must be what a fresh build gives."""

from __future__ import annotations

from sitebuild import ROOT, copy_repo, rebuild_like_serve, site_files

SLUG = sorted((ROOT / "content/projects").glob("*.md"))[0].stem
PROJECT = f"content/projects/{SLUG}.md"
GUIDE = "docs/om.md"  # a hand-written page
NEW = "content/projects/ny-under-serve.md"


def _steps(root) -> list[dict[str, str | None]]:
    project = (root / PROJECT).read_text(encoding="utf-8")
    guide = (root / GUIDE).read_text(encoding="utf-8")
    return [
        {},
        # An edit to one body, as a contributor makes it.
        {PROJECT: project + "\nEn mening skriven medan sidan visas.\n"},
        # A new content file.
        {NEW: project},
        # A hand-written page gets a section (its table of contents and anchors change) linking to it.
        {GUIDE: guide + "\n## Ett nytt avsnitt\n\nSe [det nya projektet](projekt/ny-under-serve.md).\n"},
        # The new file goes again: the unchanged page's link now leads nowhere.
        {NEW: None},
        {GUIDE: guide},
    ]


def test_every_rebuild_under_serve_gives_what_a_fresh_build_gives(tmp_path):
    serving = copy_repo(tmp_path / "serving")
    kept = rebuild_like_serve(serving, tmp_path / "kept", _steps(serving))
    # `mkdocs serve --clean`: the same rebuilds, nothing kept between them.
    fresh_root = copy_repo(tmp_path / "fresh")
    fresh = rebuild_like_serve(fresh_root, tmp_path / "fresh-out", _steps(fresh_root), command="build")

    for results in (kept, fresh):
        assert [r["ok"] for r in results] == [True, True, True, True, False, True], results
        assert any("projekt/ny-under-serve.md" in w for w in results[4]["warnings"]), results[4]
    for k in range(len(kept)):
        assert site_files(tmp_path / "kept" / str(k)) == site_files(tmp_path / "fresh-out" / str(k)), f"step {k}"
    assert all(r["reused"] == 0 for r in fresh)

    # The edited body is converted again, and the rest is taken from the rebuild before.
    for r in (kept[1], kept[3]):
        assert 1 <= r["converted"] <= 3 and r["reused"] >= 10 * r["converted"], r

    page = (tmp_path / f"kept/1/projekt/{SLUG}/index.html").read_text(encoding="utf-8")
    assert "En mening skriven medan sidan visas." in page
    section = (tmp_path / "kept/3/om/index.html").read_text(encoding="utf-8")
    assert 'id="ett-nytt-avsnitt"' in section and 'href="#ett-nytt-avsnitt"' in section  # heading and its toc entry
    assert 'href="../projekt/ny-under-serve/"' in section


def test_a_broken_link_fails_every_rebuild_until_it_is_mended(tmp_path):
    root = copy_repo(tmp_path / "repo")
    guide = (root / GUIDE).read_text(encoding="utf-8")
    project = (root / PROJECT).read_text(encoding="utf-8")
    broken = guide + "\nSe [den saknade sidan](saknas.md).\n"
    results = rebuild_like_serve(root, tmp_path / "out", [
        {GUIDE: broken},
        {PROJECT: project + "\nNågot annat ändras.\n"},  # the guide is unchanged, and still broken
        {GUIDE: guide},
    ])
    assert [r["ok"] for r in results] == [False, False, True], results
    for r in results[:2]:
        assert any("saknas.md" in w for w in r["warnings"]), r["warnings"]


def test_a_file_an_extension_reads_shows_its_edit_under_serve(tmp_path):
    # pymdownx.snippets puts another file's text into a page: a page whose own Markdown is unchanged
    # must still show that file's edit.
    root = copy_repo(tmp_path / "repo")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("markdown_extensions:\n", "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs]\n", 1)
    guide = (root / GUIDE).read_text(encoding="utf-8")
    results = rebuild_like_serve(root, tmp_path / "out", [
        {"mkdocs.yml": config, "docs/inkluderad.txt": "Första lydelsen.\n",
         GUIDE: guide + '\n--8<-- "inkluderad.txt"\n'},
        {"docs/inkluderad.txt": "Andra lydelsen.\n"},
    ])
    assert [r["ok"] for r in results] == [True, True], results
    assert "Första lydelsen." in (tmp_path / "out/0/om/index.html").read_text(encoding="utf-8")
    assert "Andra lydelsen." in (tmp_path / "out/1/om/index.html").read_text(encoding="utf-8")

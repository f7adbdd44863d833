"""A full build of the shipped content: every page exists and every link goes both ways."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from innocities import background, content, themes
import searchindex
from sitebuild import ROOT, copy_repo, mkdocs, site_files

# Targets per goal, from the UN numbering (SDG-FACTS.md), not from the site's data file.
TARGETS_PER_GOAL = {1: 7, 2: 8, 3: 13, 4: 10, 5: 9, 6: 8, 7: 5, 8: 12, 9: 8, 10: 10,
                    11: 10, 12: 11, 13: 5, 14: 10, 15: 12, 16: 12, 17: 19}


@pytest.fixture(scope="module")
def portfolio():
    """What the contributors wrote (the input, read by the loader)."""
    p = content.load(ROOT)
    assert not p.errors
    return p


def goal_numbers(sdgs) -> set[int]:
    return {int(str(s).split(".")[0]) for s in sdgs}


def test_shipped_content_is_enough_to_show_every_page_type(portfolio):
    projects = portfolio.projects.values()
    # 19 since Smart City Halden is a programme only (content/programmes/), not also a project.
    assert len(portfolio.projects) >= 19
    assert len(portfolio.municipalities) >= 8
    assert {m.country for m in portfolio.municipalities.values()} >= {"SE", "NO"}
    assert len(set().union(*(goal_numbers(p.sdgs) for p in projects))) >= 10
    assert not portfolio.projects["innocities"].example, "the Innocities project itself is real content"
    assert sum(not p.example for p in projects) >= 5, "at least five real, sourced projects"
    examples = [p for p in projects if p.example]
    # The examples alone still show every status and every phase of the process.
    assert {p.status for p in examples} == {"idea", "planned", "ongoing", "completed", "discontinued"}
    assert {p.phase for p in examples} == {"behov", "ide", "pilot", "genomforande", "spridning"}


def test_each_project_has_one_case_page_linked_both_ways(built, portfolio):
    for p in portfolio.projects.values():
        case = f"projekt/{p.slug}/"
        assert built.exists(case), case
        links = built.links(case)
        for m in p.municipalities:
            assert f"kommuner/{m}/" in links, (case, m)
            assert case in built.links(f"kommuner/{m}/"), (m, case)
        for g in goal_numbers(p.sdgs):
            assert f"agenda-2030/mal-{g}/" in links, (case, g)
            assert case in built.links(f"agenda-2030/mal-{g}/"), (g, case)
        for method in p.methods:
            assert f"methods/{method}/" in links, (case, method)
            assert case in built.links(f"methods/{method}/"), (method, case)
        if p.phase:
            assert case in built.links("methods/"), "the method index lists projects per phase"
        for theme in p.themes:
            assert f"teman/{theme.slug}/" in links
            assert case in built.links(f"teman/{theme.slug}/")
        assert case in built.links("projekt/"), "the catalogue lists every project"


def test_case_page_shows_the_facts(built, portfolio):
    p = portfolio.projects["innocities"]
    text = built.text("projekt/innocities/")
    assert p.title in text
    assert p.start.isoformat() in text
    for partner in p.partners:
        assert partner.name in text
    # The sources disagree on the end and give a grant, not a total: the page shows each with its source.
    spaced = text.replace("\u00a0", " ")
    assert "1 940 289 kronor" in spaced and "15 mars 2023" in spaced and "juni 2023" in spaced
    assert "påhittat exempelprojekt" not in text


def test_example_projects_say_they_are_examples(built, portfolio):
    for p in portfolio.projects.values():
        if p.example:
            assert "påhittat exempelprojekt" in built.text(f"projekt/{p.slug}/"), p.slug


def test_municipality_pages_group_projects_and_list_goals(built, portfolio):
    for m in portfolio.municipalities.values():
        url = f"kommuner/{m.slug}/"
        assert m.name in built.page(url).title
        theirs = [p for p in portfolio.projects.values() if m.slug in p.municipalities]
        links = built.links(url)
        for g in set().union(set(), *(goal_numbers(p.sdgs) for p in theirs)):
            assert f"agenda-2030/mal-{g}/" in links, (url, g)
        assert url in built.links("kommuner/")


def test_goal_index_and_goal_pages(built, portfolio):
    index_links = built.links("agenda-2030/")
    for number, count in TARGETS_PER_GOAL.items():
        url = f"agenda-2030/mal-{number}/"
        assert url in index_links
        ids = {i for i in built.page(url).ids if i.startswith("delmal-")}
        assert len(ids) == count, (number, sorted(ids))
    text = built.text("agenda-2030/mal-7/")
    assert "Hållbar energi för alla" in text and "Affordable and Clean Energy" in text
    # Every municipality involved in a goal is listed on its page.
    for p in portfolio.projects.values():
        for g in goal_numbers(p.sdgs):
            for m in p.municipalities:
                section = built.raw(f"agenda-2030/mal-{g}/").split('id="kommuner"')[1].split("<h2")[0]
                assert f'href="../../kommuner/{m}/"' in section, (g, m)


def test_goal_page_lists_each_target_by_number_and_swedish_short_title(built):
    page = built.raw("agenda-2030/mal-11/")
    term = page.split('id="delmal-11-2"')[1].split("</dt>")[0]
    assert "11.2" in term and "Tillgängliggöra hållbara transportsystem för alla" in term
    text = page.split('id="delmal-11-2"')[1].split("<dt")[0]
    assert "Senast 2030 tillhandahålla tillgång till säkra, ekonomiskt överkomliga" in text
    # The wording's source is on the page, and a target without Swedish wording shows the UN's English, marked as English.
    assert 'href="https://scb.se/hitta-statistik/temaomraden/agenda-2030/mal-11/delmal-11.2/"' in page
    assert 'href="https://www.globalamalen.se/om-globala-malen/mal-11-hallbara-stader-och-samhallen/"' in page
    assert '<span lang="en">Strengthen efforts to protect and safeguard the world' in page


def test_a_target_badge_shows_the_targets_short_title_not_the_goals_name(built, portfolio):
    p = next(p for p in portfolio.projects.values() if "11.2" in p.sdgs)
    badge = built.raw(f"projekt/{p.slug}/").split('#delmal-11-2"')[1].split("</a>")[0]
    assert "Tillgängliggöra hållbara transportsystem för alla" in badge
    assert ">Hållbara städer och samhällen<" not in badge


def test_target_reference_links_to_its_target(built, portfolio):
    p = next(p for p in portfolio.projects.values() if any("." in s for s in p.sdgs))
    target = next(s for s in p.sdgs if "." in s)
    goal = target.split(".")[0]
    raw = built.raw(f"projekt/{p.slug}/")
    anchor = "delmal-" + target.replace(".", "-")
    assert f"mal-{goal}/#{anchor}" in raw
    assert anchor in built.page(f"agenda-2030/mal-{goal}/").ids
    target_section = built.raw(f"agenda-2030/mal-{goal}/").split(f'id="{anchor}"')[1].split("<dt")[0]
    assert f"projekt/{p.slug}/" in target_section


def test_method_guides_are_extended_with_their_projects(built, portfolio):
    for m in portfolio.methods.values():
        url = f"methods/{m.slug}/"
        text = built.text(url)
        assert "Projekt som använt metoden" in text
        assert url in built.links("methods/")


def test_side_navigation_does_not_list_projects(built, portfolio):
    nav = built.raw("").split('class="md-content"')[0]
    listed = [slug for slug in portfolio.projects if f"projekt/{slug}/" in nav]
    assert listed == []


def test_nothing_generated_is_written_into_docs(built):
    for folder in ("projekt", "kommuner", "agenda-2030", "teman"):
        assert not (ROOT / "docs" / folder).exists()


def test_content_is_swedish(built):
    assert '<html lang="sv"' in built.raw("projekt/")
    assert "Sök" in built.raw("")


HOSTILE = '</script><script>alert("x")</script> & "citat" <b>fet</b>'


def test_hostile_front_matter_is_escaped_everywhere(tmp_path):
    root = copy_repo(tmp_path / "repo")
    (root / "content/projects/fientlig.md").write_text(
        "---\n"
        f"title: '{HOSTILE}'\n"
        f"summary: '{HOSTILE}'\n"
        "status: idea\nmunicipalities: [exempelstad]\nsdgs: [7]\n"
        f"themes: ['<img src=x onerror=alert(1)>']\n"
        f"sources: [{{title: '{HOSTILE}', url: 'https://example.org/?b=\"><script>alert(3)</script>', publisher: '{HOSTILE}'}}]\n"
        f"partners: ['{HOSTILE}']\n"
        f"contact: {{name: '{HOSTILE}', email: a@example.org}}\n"
        f"links: [{{title: '{HOSTILE}', url: 'https://example.org/?a=\"><script>alert(2)</script>'}}]\n"
        "example: true\n---\nText.\n",
        encoding="utf-8",
    )
    result = mkdocs(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for html in (tmp_path / "site").rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "<script>alert" not in text, html
        assert "<img src=x" not in text, html
        assert "<b>fet</b>" not in text, html
    case = (tmp_path / "site/projekt/fientlig/index.html").read_text(encoding="utf-8")
    assert "&lt;/script&gt;&lt;script&gt;alert(" in case
    # The same text in the machine-readable copies, intact and parseable.
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', case, re.S).group(1))
    assert ld["name"] == f"{HOSTILE} (exempel)"  # an example says so wherever its title goes alone
    assert ld["subjectOf"]["citation"][0]["name"] == HOSTILE
    assert ld["subjectOf"]["citation"][0]["publisher"]["name"] == HOSTILE
    feed = ET.fromstring((tmp_path / "site/feed.xml").read_bytes())
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert f"{HOSTILE} (exempel)" in titles
    records = json.loads((tmp_path / "site/data/projects.json").read_text(encoding="utf-8"))["projects"]
    assert any(r["title"] == HOSTILE and r["sources"][0]["title"] == HOSTILE for r in records)
    assert re.search(r"<title>&lt;/script&gt;.*</title>", case)
    assert 'content="&lt;/script&gt;' in case  # meta description


def test_a_content_error_fails_the_build_naming_file_line_and_field(tmp_path):
    root = copy_repo(tmp_path / "repo")
    victim = sorted((root / "content/projects").glob("*.md"))[0]
    lines = victim.read_text(encoding="utf-8").split("\n")
    status_line = next(i for i, line in enumerate(lines) if line.startswith("status:"))
    lines[status_line] = "status: klar"
    victim.write_text("\n".join(lines), encoding="utf-8")
    result = mkdocs(root, tmp_path / "site")
    assert result.returncode != 0
    expected = f"content/projects/{victim.name}:{status_line + 1}:"
    assert expected in result.stderr and "status" in result.stderr and "ongoing" in result.stderr
    assert not (tmp_path / "site/projekt" / victim.stem).exists()


def test_a_misspelt_field_fails_strict_build_and_names_the_known_field(tmp_path):
    root = copy_repo(tmp_path / "repo")
    victim = root / "content/projects/innocities.md"
    victim.write_text(victim.read_text(encoding="utf-8").replace("---\n", "---\nsumary: extra\n", 1), encoding="utf-8")
    result = mkdocs(root, tmp_path / "site")
    assert result.returncode != 0
    assert "content/projects/innocities.md:2:" in result.stderr and "did you mean 'summary'" in result.stderr


def test_a_missing_required_field_fails_the_build_naming_the_file(tmp_path):
    root = copy_repo(tmp_path / "repo")
    victim = sorted((root / "content/projects").glob("*.md"))[-1]
    text = victim.read_text(encoding="utf-8")
    victim.write_text(re.sub(r"(?m)^title:.*\n", "", text, count=1), encoding="utf-8")
    result = mkdocs(root, tmp_path / "site")
    assert result.returncode != 0
    assert f"content/projects/{victim.name}:" in result.stderr and "'title' is missing" in result.stderr


def test_two_builds_in_different_folders_are_byte_identical(tmp_path):
    trees = []
    for name, seed in (("a", "1"), ("b", "2")):
        root = copy_repo(tmp_path / name / "repo")
        # Files listed in a different order on disk must not change the output either.
        for path in sorted((root / "content/projects").glob("*.md"), reverse=name == "b"):
            path.rename(path.with_suffix(".tmp"))
            path.with_suffix(".tmp").rename(path)
        assert mkdocs(root, tmp_path / name / "site", env={"PYTHONHASHSEED": seed}).returncode == 0
        site = tmp_path / name / "site"
        trees.append(site_files(site))
    assert trees[0].keys() == trees[1].keys()
    differ = [k for k in trees[0] if trees[0][k] != trees[1][k]]
    assert differ == []


def test_search_finds_front_matter_fields(built, portfolio):
    pages = searchindex.fragments(built.root)
    assert searchindex.languages(built.root) == {"sv"}  # Swedish stemming, from <html lang="sv">
    for p in portfolio.projects.values():
        found = pages[f"projekt/{p.slug}/"]["content"]
        for m in p.municipalities:
            assert portfolio.municipalities[m].name in found, (p.slug, m)
        for partner in p.partners:
            assert partner.name in found, (p.slug, partner.name)
        for theme in p.themes:  # by the name readers see (data/themes.yml)
            name = themes.display_name(theme.slug, theme.label)
            assert name in found, (p.slug, name)


def test_related_projects_share_something(built, portfolio):
    for p in portfolio.projects.values():
        raw = built.raw(f"projekt/{p.slug}/")
        if 'id="relaterade-projekt"' not in raw:
            continue
        section = raw.split('id="relaterade-projekt"')[1].split("</section>")[0]
        slugs = re.findall(r'href="(?:\.\./)+projekt/([a-z0-9-]+)/"', section)
        assert slugs and p.slug not in slugs
        for slug in slugs:
            other = portfolio.projects[slug]
            shared = (set(p.sdgs) & set(other.sdgs) or set(p.goals) & set(other.goals)
                      or {t.slug for t in p.themes} & {t.slug for t in other.themes}
                      or set(p.municipalities) & set(other.municipalities))
            assert shared, (p.slug, slug)


def test_field_reference_lists_every_field_and_the_data(built, portfolio):
    from innocities.schema import COLLECTIONS
    text = built.text("bidra/faltreferens/")
    for coll in COLLECTIONS.values():
        for f in coll.schema.fields:
            assert f.name in text, f.name
    for m in portfolio.municipalities.values():
        assert m.slug in text and m.name in text
    ids = {i for goal, count in TARGETS_PER_GOAL.items() for i in re.findall(rf'"({goal}\.[0-9a-z]+)"', text)}
    assert len(ids) == sum(TARGETS_PER_GOAL.values())
    for status in ("idea", "planned", "ongoing", "completed", "discontinued"):
        assert status in text


def test_a_project_image_is_published_and_shown(tmp_path):
    root = copy_repo(tmp_path / "repo")
    (root / "content/projects/bilder").mkdir()
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")  # a PNG header is enough
    (root / "content/projects/bilder/sol.png").write_bytes(png)
    (root / "content/projects/med-bild.md").write_text(
        "---\ntitle: Med bild\nsummary: S\nstatus: idea\nmunicipalities: [exempelstad]\nsdgs: [7]\n"
        "image: bilder/sol.png\nexample: true\n---\n", encoding="utf-8")
    result = mkdocs(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/projekt/med-bild/index.html").read_text(encoding="utf-8")
    src = re.search(r'<img class="ic-image" src="([^"]+)"', page).group(1)
    published = (tmp_path / "site/projekt/med-bild" / src).resolve()
    assert published.read_bytes() == png


def test_search_indexes_the_main_content_with_type_and_title(built, portfolio):
    """Pagefind indexes what data-pagefind-body marks: a page's content, not the menus, footer or
    related projects; each generated page names its type; the catalogue is not indexed."""
    pages = searchindex.fragments(built.root)
    kinds = {f"projekt/{p.slug}/": ("Projekt", p.title) for p in portfolio.projects.values()}
    kinds |= {f"kommuner/{m.slug}/": (None, m.name) for m in portfolio.municipalities.values()}
    kinds |= {f"agenda-2030/mal-{n}/": ("Mål", f"{n} ") for n in range(1, 18)}  # the h1: number, name
    for url, (kind, title) in kinds.items():
        page = pages[url]
        # The title as the page's h1 has it, without the "Exempel" tag (a result marks it apart).
        assert page["meta"]["title"] == title or title.endswith(" ") and page["meta"]["title"].startswith(title), (url, page["meta"])
        assert page["meta"]["type"] == (kind or page["meta"]["type"]) and page["meta"]["type"], url
        # The footer, the navigation and the related projects are not the page's text.
        assert "CC BY 4.0" not in page["content"] and "Relaterade projekt" not in page["content"], url
        assert "¶" not in page["content"], url
    assert pages["kommuner/halden/"]["meta"]["type"] == "Kommun"
    # A portfolio's counts name every goal and phase: left out of search, or a goal's name would
    # find every organisation and programme. Their projects are still found there.
    portfolio_pages = [url for url in pages if url.startswith(("kommuner/", "program/")) and url.count("/") == 2]
    assert portfolio_pages and all("Projekt per fas" not in pages[url]["content"] for url in portfolio_pages)
    halden = [p.title for p in portfolio.projects.values() if "halden" in p.municipalities]
    assert halden and all(title in pages["kommuner/halden/"]["content"] for title in halden)
    assert pages["methods/pilotplan/"]["meta"]["type"] == "Metod"
    assert "projekt/" not in pages, "the catalogue only repeats the cases; it is not indexed"
    assert "" in pages and "om/" in pages  # hand-written pages are found too



def test_search_index_given_page_by_page_is_what_pagefind_reads_in_the_built_site(built, tmp_path):
    """The build hands Pagefind each page as it is written, cut to the marked content
    (innocities/search_index.py); Pagefind reading the whole built site must find the same text,
    titles, types and anchors on the same pages."""
    copy = tmp_path / "site"
    shutil.copytree(built.root, copy, ignore=shutil.ignore_patterns("pagefind"))
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(copy), "--quiet",
                           "--exclude-selectors", ".headerlink"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    from_site = searchindex.fragments(copy)
    given = searchindex.fragments(built.root)
    assert len(given) > 50
    assert given == from_site


def _markup(text: str) -> str:
    """HTML with insignificant whitespace (between tags, runs, before '>') taken out."""
    return re.sub(r"\s+>", ">", re.sub(r"\s+", " ", re.sub(r">\s+<", "><", text))).strip()


DEPLOYED = {"SITE_URL": "https://example.org/innocities/", "REPO_URL": "https://github.com/example/innocities",
            "EDIT_URI": "edit/main/docs/"}
BARE = {"SITE_URL": "", "REPO_URL": "", "EDIT_URI": ""}  # no canonical links, no edit buttons


@pytest.mark.parametrize("setting", [DEPLOYED, BARE], ids=["deployed", "bare"])
def test_the_speed_shortcuts_change_nothing_a_reader_or_search_sees(tmp_path, setting):
    # Material's page drawn once per folder and filled per page (hooks/innocities_material.py)
    # must give what Material gives when it does all the work, and so the same search index.
    root = copy_repo(tmp_path / "repo")
    # A case whose body has no heading (no table of contents, no skip link), with quotes, an
    # ampersand and markup-like text, which Jinja and Markdown escape differently.
    plain_case = sorted((root / "content/projects").glob("*.md"))[0]
    text = plain_case.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    title = "title: 'Belysning \"smart\" & grön <i>nu</i> – kommunens ''bästa'''"
    head = re.sub(r"(?m)^title:.*$", lambda _: title, head)
    # (Raw HTML and attributes other than id and class are refused in bodies: innocities/body.py.)
    body = (re.sub(r"(?m)^#+ ", "", body) + "\nCitat: \"så\" & `<b>fet</b>` &amp; 5 > 3 – 'ok'.\n"
            "\n    kod   med\n      indrag\n\nDold text.\n{ .dold }\n\n| A | B |\n|---|---|\n| 1 | 2 |\n")
    # Bodies Material splits into sections its own way: headings inside other elements, an
    # image alone in a paragraph, a comment, a tab, nested lists.
    others = sorted((root / "content/projects").glob("*.md"))[1:7]
    extras = ["\n> ## Citerad rubrik\n>\n> Citat.\n\nEfter citatet.\n",
              "\n!!! note \"Obs\"\n    ## Rubrik i ruta\n\n    Text i rutan.\n\nEfter rutan.\n",
              "\n- ## Rubrik i lista\n\n    Text i listan.\n\nEfter.\n",
              "\n![](../assets/bild.png)\n\nText\tmed tabb. <!-- en kommentar -->\n",
              "\n## Bild\n\n![](../assets/bild.png)\n\nEfter bilden.\n",
              "\n- ett\n    - två\n        - tre\n\n1. a\n2. b\n"]
    (root / "docs/assets/bild.png").write_bytes(b"\x89PNG\r\n\x1a\n not really a png")  # images come from the repository
    for path, extra in zip(others, extras):
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    (root / "content/projects/utan-rubriker.md").write_text(head + "\n---\n" + body, encoding="utf-8")
    # A hand-written page without an h1: the theme titles it, and search must find it by that title.
    about = root / "docs/om.md"
    about.write_text("---\ntitle: Om oss & dem\n---\n" + about.read_text(encoding="utf-8").replace("# Om kunskapsbanken\n", "", 1),
                     encoding="utf-8")
    fast, plain = tmp_path / "fast", tmp_path / "plain"
    for site, shortcuts in ((fast, "1"), (plain, "0")):
        result = mkdocs(root, site, env={**setting, "INNOCITIES_SHORTCUTS": shortcuts})
        assert result.returncode == 0, result.stderr
    # The search index as its pages (its file names hash their bytes, which HTML whitespace moves).
    assert searchindex.fragments(fast) == searchindex.fragments(plain)
    assert searchindex.fragments(fast)["om/"]["meta"]["title"] == "Om oss & dem"
    assert (fast / "om/index.html").read_text(encoding="utf-8").count("<h1") == 1
    files = sorted(p.relative_to(fast).as_posix() for p in fast.rglob("*") if p.is_file() and "pagefind" not in p.parts)
    assert files == sorted(p.relative_to(plain).as_posix() for p in plain.rglob("*") if p.is_file() and "pagefind" not in p.parts)
    differ, reshaped = [], set()
    for rel in files:
        a, b = (fast / rel).read_bytes(), (plain / rel).read_bytes()
        if a == b:
            continue
        if rel.endswith(".html"):
            reshaped.add(rel)
            if _markup(a.decode()) != _markup(b.decode()):
                differ.append(rel)
        else:
            differ.append(rel)
    assert differ == []
    # The shortcuts were in use on every case page (their whitespace differs).
    cases = {rel for rel in files if re.fullmatch(r"projekt/[a-z0-9-]+/index\.html", rel)}
    assert "projekt/utan-rubriker/index.html" in cases and cases <= reshaped
    edit_links = ['/edit/main/content/projects/' in (fast / rel).read_text(encoding="utf-8") for rel in cases]
    assert all(edit_links) if setting is DEPLOYED else not any(edit_links)
    # A skip link on every page, also one whose body has no heading, and it leads somewhere.
    page = (fast / "projekt/utan-rubriker/index.html").read_text(encoding="utf-8")
    skip = re.search(r'<a href="#([^"]+)" class="md-skip"', page)
    assert skip and f'id="{skip.group(1)}"' in page


def test_templates_compiled_on_disk_give_the_same_site_and_follow_edits(tmp_path):
    root = copy_repo(tmp_path / "repo")
    cache = root / ".cache" / "templates"

    def build(name: str) -> dict[str, bytes]:
        result = mkdocs(root, tmp_path / name)
        assert result.returncode == 0, result.stderr
        return site_files(tmp_path / name)

    cold = build("cold")
    kept = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    assert len(kept) > 40  # ours and Material's
    assert build("warm") == cold
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()} == kept  # none compiled again

    case = root / "overrides/innocities/case.html"
    case.write_text(case.read_text(encoding="utf-8").replace('<section class="ic-facts"', '<section data-edited="ja" class="ic-facts"', 1),
                    encoding="utf-8")
    edited = build("edited")
    slug = sorted((root / "content/projects").glob("*.md"))[0].stem
    assert 'data-edited="ja"' in edited[f"projekt/{slug}/index.html"].decode("utf-8")
    assert 'data-edited="ja"' not in cold[f"projekt/{slug}/index.html"].decode("utf-8")


def test_pages_drawn_in_a_second_process_give_the_same_site(tmp_path):
    # innocities/background.py: with two cores the pages are drawn beside MkDocs; INNOCITIES_PARALLEL=0 draws
    # them in the build's own process.
    root = copy_repo(tmp_path / "repo")
    beside = mkdocs(root, tmp_path / "beside", "--verbose")
    here = mkdocs(root, tmp_path / "here", "--verbose", env={"INNOCITIES_PARALLEL": "0"})
    assert beside.returncode == 0 and here.returncode == 0, beside.stderr + here.stderr
    if background.cores() >= 2:
        assert re.search(r"drawing \d+ pages in a second process", beside.stderr)
    assert re.search(r"drawing \d+ pages in this process", here.stderr)
    assert site_files(tmp_path / "beside") == site_files(tmp_path / "here")


@pytest.mark.parametrize("parallel", ["1", "0"], ids=["second-process", "this-process"])
def test_an_error_while_drawing_fails_the_build_and_says_what_it_was(tmp_path, parallel):
    root = copy_repo(tmp_path / "repo")
    case = root / "overrides/innocities/case.html"
    case.write_text(case.read_text(encoding="utf-8").replace("<p class=\"ic-lead\">", "<p class=\"ic-lead\">{{ p.no_such_field }}", 1),
                    encoding="utf-8")
    result = mkdocs(root, tmp_path / "site", env={"INNOCITIES_PARALLEL": parallel})
    assert result.returncode != 0
    assert "has no attribute 'no_such_field'" in result.stderr
    line = case.read_text(encoding="utf-8").splitlines().index(
        next(x for x in case.read_text(encoding="utf-8").splitlines() if "no_such_field" in x)) + 1
    assert f'overrides/innocities/case.html", line {line}' in result.stderr  # where to look, in either process
    assert not (tmp_path / "site" / "projekt").exists()  # no page was written

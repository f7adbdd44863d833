"""What readers take away and what machines read: exports, feed, JSON-LD, figures, colours, languages."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

from htmlsite import Site
from innocities import source
from sitebuild import ROOT, copy_repo, mkdocs

ATOM = "{http://www.w3.org/2005/Atom}"


def front_matters(folder: str) -> dict[str, dict]:
    """The contributors' files, read straight from disk."""
    out = {}
    for path in sorted((ROOT / "content" / folder).glob("*.md")):
        parsed = source.parse(path.name, path.read_text(encoding="utf-8"))
        out[path.stem] = parsed.data
    return out


def sdg_ids(values) -> list[str]:
    return [str(v) for v in values]


def test_projects_json_matches_the_content(built):
    doc = json.loads(built.path("data/projects.json").read_text(encoding="utf-8"))
    files = front_matters("projects")
    records = {r["slug"]: r for r in doc["projects"]}
    assert doc["count"] == len(files) == len(records)
    for slug, fm in files.items():
        r = records[slug]
        assert r["title"] == fm["title"].strip()
        assert r["summary"] == " ".join(fm["summary"].split())
        assert r["status"] == fm["status"]
        assert r["municipalities"] == fm["municipalities"]
        assert r["sdgs"] == sdg_ids(fm["sdgs"])
        assert r["example"] == bool(fm.get("example", False))
        assert r["start"] == (str(fm["start"]) if "start" in fm else None)
        assert r["url"].endswith(f"/projekt/{slug}/") and built.exists(f"projekt/{slug}/")


def test_projects_csv_opens_in_excel_and_matches_the_json(built):
    raw = built.path("data/projects.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel shows å ä ö right"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    doc = json.loads(built.path("data/projects.json").read_text(encoding="utf-8"))
    assert [r["slug"] for r in rows] == [p["slug"] for p in doc["projects"]]
    for row, rec in zip(rows, doc["projects"]):
        assert row["title"] == rec["title"]
        assert row["municipalities"].split(";") == rec["municipalities"]
        assert row["sdgs"].split(";") == rec["sdgs"]
    assert any("å" in r["title"] or "ä" in r["title"] or "ö" in r["title"] for r in rows)


def test_geojson_has_every_municipality_with_lon_lat(built):
    doc = json.loads(built.path("data/municipalities.geojson").read_text(encoding="utf-8"))
    files = front_matters("municipalities")
    assert doc["type"] == "FeatureCollection"
    features = {f["id"]: f for f in doc["features"]}
    assert set(features) == set(files)
    for slug, fm in files.items():
        f = features[slug]
        assert f["properties"]["name"] == fm["name"]
        if "coordinates" in fm:
            lat, lon = fm["coordinates"]
            assert f["geometry"] == {"type": "Point", "coordinates": [lon, lat]}
        else:
            assert f["geometry"] is None


def test_atom_feed_is_valid_and_linked_from_every_page(built):
    root = ET.fromstring(built.path("feed.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert len(root.findall(f"{ATOM}{tag}")) == 1, tag
    rfc3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
    assert rfc3339.match(root.find(f"{ATOM}updated").text)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == min(50, len(front_matters("projects")))
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("tag:") for i in ids)
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert all(rfc3339.match(u) for u in updated)
    for e in entries:
        href = e.find(f"{ATOM}link[@rel='alternate']").get("href")
        slug = href.rstrip("/").rsplit("/", 1)[1]
        assert built.exists(f"projekt/{slug}/")
        assert e.find(f"{ATOM}title").text
    for page in ("", "projekt/", "projekt/innocities/", "agenda-2030/mal-7/", "methods/pilotplan/"):
        # Feed readers look for the "alternate" token in rel (Atom autodiscovery).
        assert re.search(r'<link rel="(?:[a-z]+ )*alternate(?: [a-z]+)*" type="application/atom\+xml"[^>]*href="[./]*feed.xml"',
                         built.raw(page)), page


def test_each_case_page_carries_schema_org_json_ld(built):
    files = front_matters("projects")
    for slug, fm in files.items():
        raw = built.raw(f"projekt/{slug}/")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S)
        assert len(blocks) == 1, slug
        ld = json.loads(blocks[0])
        shown = fm["title"].strip() + (" (exempel)" if fm.get("example") else "")
        assert ld["@type"] == "Project" and ld["name"] == shown
        assert [a["termCode"] for a in ld["about"]] == sdg_ids(fm["sdgs"])
        assert len(ld["areaServed"]) == len(fm["municipalities"])


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_goal_tile_meets_wcag_aa_contrast(built):
    styles = re.findall(r'class="ic-goal-tile" href="[^"]*" style="background-color:(#[0-9A-Fa-f]{6});color:(#[0-9A-Fa-f]{6})"',
                        built.raw("agenda-2030/"))
    assert len(styles) == 17
    for bg, fg in styles:
        hi, lo = sorted((luminance(bg), luminance(fg)), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, (bg, fg)
    official = ["#E5243B", "#DDA63A", "#4C9F38", "#C5192D", "#FF3A21", "#26BDE2", "#FCC30B", "#A21942", "#FD6925",
                "#DD1367", "#FD9D24", "#BF8B2E", "#3F7E44", "#0A97D9", "#56C02B", "#00689D", "#19486A"]
    assert [bg.upper() for bg, _ in styles] == official, "goals 1–17 in order, in the UN's colours"


def test_start_page_shows_figures_computed_from_the_content(built):
    text = built.text("")
    # The figures are about real content; examples are counted apart (test_examples_site.py).
    projects = {k: fm for k, fm in front_matters("projects").items() if not fm.get("example")}
    municipalities = {k: fm for k, fm in front_matters("municipalities").items() if not fm.get("example")}
    assert f"{len(projects)} projekt" in text
    assert f"{len(municipalities)} kommuner och organisationer" in text
    goals = {int(str(s).split(".")[0]) for fm in projects.values() for s in fm["sdgs"]}
    assert f"{len(goals)} av 17 globala mål" in text
    countries = {municipalities[m]["country"] for fm in projects.values() for m in fm["municipalities"]}
    assert f"{len(countries)} länder" in text


def test_404_page_is_in_swedish(built):
    text = built.text("404.html")
    assert "Sidan finns inte" in text and "Not found" not in text


def test_stale_cases_say_so(tmp_path):
    root = copy_repo(tmp_path / "repo")
    # Set the dates here: the shipped content need not carry `reviewed`. The build's today is
    # SOURCE_DATE_EPOCH 1700000000 (2023-11-14), so 2023-11-01 is fresh and 2020-01-01 stale.
    for slug, day in (("innocities", "2020-01-01"), ("smart-narvik", "2023-11-01")):
        project = root / f"content/projects/{slug}.md"
        text = re.sub(r"(?m)^reviewed:.*\n", "", project.read_text(encoding="utf-8"))
        project.write_text(text.replace("---\n", f"---\nreviewed: {day}\n", 1), encoding="utf-8")
    assert mkdocs(root, tmp_path / "site").returncode == 0
    site = Site(tmp_path / "site")
    assert "Kan vara inaktuellt" in site.text("projekt/innocities/")
    assert "Kan vara inaktuellt" not in site.text("projekt/smart-narvik/")


def test_csv_cells_cannot_become_formulas(tmp_path):
    root = copy_repo(tmp_path / "repo")
    (root / "content/projects/formel.md").write_text(
        "---\ntitle: '=HYPERLINK(\"http://evil.example\",\"klicka\")'\nsummary: '+1+1'\nstatus: idea\n"
        "municipalities: [halden]\nsdgs: [7]\nfunding: ['@SUM(A1)', '-2']\n"
        "sources: [{title: '=1+1', url: 'https://example.org/formel'}]\n---\n", encoding="utf-8")
    assert mkdocs(root, tmp_path / "site").returncode == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "site/data/projects.csv").read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if r["slug"] == "formel")
    for column in ("title", "summary", "funding"):
        assert row[column][0] not in "=+-@", (column, row[column])
    assert row["title"] == "'=HYPERLINK(\"http://evil.example\",\"klicka\")"  # the text kept, behind a quote


def test_site_language_is_one_setting(tmp_path):
    root = copy_repo(tmp_path / "repo")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  language: sv", "  language: en"), encoding="utf-8")
    assert mkdocs(root, tmp_path / "site").returncode == 0
    site = Site(tmp_path / "site")
    assert '<html lang="en"' in site.raw("projekt/")
    assert "Facts" in site.text("projekt/innocities/")
    assert "Fakta" not in site.text("projekt/innocities/")
    goals = site.text("agenda-2030/")
    assert "Affordable and Clean Energy" in goals and "Hållbar energi för alla" not in goals


def test_catalogue_without_javascript_lists_every_project_and_hides_the_filters(built):
    raw = built.raw("projekt/")
    assert re.search(r'<form class="ic-filters" id="ic-filters" hidden', raw)
    # Every project is a card on some catalogue page, and every page is linked from the first.
    pages = ["projekt/"] + sorted({f"projekt/sida/{n}/" for n in re.findall(r'href="sida/(\d+)/"', raw)})
    cards = [slug for page in pages for slug in re.findall(r'<h2 class="ic-card__title"><a href="[^"]*?([^"/]+)/">', built.raw(page))]
    assert sorted(cards) == sorted(front_matters("projects"))
    assert 'src="../assets/catalogue.js"' in raw
    assert not re.search(r'<script[^>]+src="(https?:)?//', raw), "no script from another host"


def test_start_page_has_one_title_an_identity_and_ways_in(built):
    raw = built.raw("")
    assert re.findall(r"<title>([^<]*)</title>", raw) == ["Innocities kunskapsbank"], "not 'name - name'"
    assert "Källkod på GitHub" in raw, "the repository link does not read like the site's name"
    text = built.text("")
    assert "Innocities är ett innovationsprogram" in text
    for way_in in ("Efter globalt mål", "Efter plats", "Efter fas i innovationsprocessen"):
        assert way_in in text
    # Ways in lead to the catalogue filtered by place and phase.
    assert re.search(r'href="projekt/\?land=SE"', raw) and re.search(r'href="projekt/\?fas=\w+"', raw)

"""The statistics page (statistik/) and the map page (karta/), as a reader sees them.

Expected numbers are counted here, straight from the content files' front matter (read with
yaml, not with the site's loader), and compared with what the built pages show: the numbers in
the tables and charts, the bars' lengths and links, the points on the map and the list beside it.
The projection and the outline data get unit tests of their own.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import posixpath
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from innocities import nordic, source
from sitebuild import ROOT, mkdocs

STATS, MAP = "statistik/", "karta/"

# Swedish labels a reader sees, written out here rather than read from labels.yml.
STATUS_SV = {"Idé": "idea", "Planerat": "planned", "Pågående": "ongoing", "Avslutat": "completed",
             "Avbrutet": "discontinued"}
COUNTRY_SV = {"Sverige": "SE", "Norge": "NO", "Danmark": "DK", "Finland": "FI", "Island": "IS"}
UNKNOWN_YEAR = "Okänt startår"

# The official SDG colours (UN communications guidelines), not from the site's data file.
SDG_COLOURS = {1: "#E5243B", 2: "#DDA63A", 3: "#4C9F38", 4: "#C5192D", 5: "#FF3A21", 6: "#26BDE2",
               7: "#FCC30B", 8: "#A21942", 9: "#FD6925", 10: "#DD1367", 11: "#FD9D24", 12: "#BF8B2E",
               13: "#3F7E44", 14: "#0A97D9", 15: "#56C02B", 16: "#00689D", 17: "#19486A"}

# København and Reykjavík a few km inland (Frederiksberg, Árbær): the simplified 1:10m coast runs
# through their harbours.
CITIES = {  # latitude, longitude
    "Stockholm": (59.33, 18.07), "Oslo": (59.91, 10.75), "Helsinki": (60.17, 24.94),
    "København": (55.68, 12.53), "Reykjavík": (64.13, -21.85), "Kiruna": (67.85, 20.23),
    "Trondheim": (63.43, 10.39), "Nordkapp": (71.17, 25.78),
}


# --- reading the content files ourselves ----------------------------------------------------

def front_matter(path: Path) -> dict:
    """What the contributor wrote, read with the contributor YAML rules (`country: NO` is Norway)."""
    return source.parse(path.name, path.read_text(encoding="utf-8")).data or {}


# Statistics and the map are about real content only: examples are counted apart and kept off
# the map (test_examples_site.py checks that side).
@pytest.fixture(scope="module")
def projects() -> dict[str, dict]:
    out = {p.stem: fm for p in sorted((ROOT / "content" / "projects").glob("*.md"))
           if not (fm := front_matter(p)).get("example")}
    assert len(out) >= 5
    return out


@pytest.fixture(scope="module")
def organisations() -> dict[str, dict]:
    out = {p.stem: fm for p in sorted((ROOT / "content" / "municipalities").glob("*.md"))
           if not (fm := front_matter(p)).get("example")}
    return out


def goal_of(sdg) -> int:
    return int(str(sdg).split(".")[0])


def start_year(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    return int(str(value)[:4])


# --- reading the built pages ------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict, parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def iter(self, tag: str | None = None, cls: str | None = None):
        for child in self.children:
            if isinstance(child, Node):
                if (tag is None or child.tag == tag) and (cls is None or cls in child.classes):
                    yield child
                yield from child.iter(tag, cls)

    def first(self, tag: str | None = None, cls: str | None = None) -> Node:
        found = next(self.iter(tag, cls), None)
        assert found is not None, f"no <{tag} class={cls!r}> in <{self.tag}>"
        return found

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join(" ".join(parts).split())

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class Tree(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.cur = self.root
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, dict(attrs), self.cur))

    def handle_endtag(self, tag):
        node = self.cur
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.cur = node.parent

    def handle_data(self, data):
        self.cur.children.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = mkdocs(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


def page(site: Path, url: str) -> Node:
    return Tree((site / url / "index.html").read_text(encoding="utf-8")).root


def article(site: Path, url: str) -> Node:
    return page(site, url).first("article", "md-content__inner")


def resolve(url: str, href: str) -> str:
    """A relative link on page `url`, as a site path ('agenda-2030/mal-7/')."""
    path = posixpath.normpath(posixpath.join(url, urlsplit(href).path))
    return path + "/" if href.split("#")[0].endswith("/") else path


def table(site: Path, table_id: str) -> list[tuple[str, int]]:
    """(row header, number) for each body row of a statistics table."""
    t = next((n for n in article(site, STATS).iter("table") if n.attrs.get("id") == table_id), None)
    assert t is not None, f"no table #{table_id} on the statistics page"
    rows = []
    for tr in t.first("tbody").iter("tr"):
        rows.append((tr.first("th").text(), int(tr.first("td").text())))
    return rows


def chart_for(site: Path, table_id: str) -> Node:
    """The chart SVG of the section that holds the table."""
    doc = article(site, STATS)
    for section in doc.iter("section"):
        if any(t.attrs.get("id") == table_id for t in section.iter("table")):
            return section.first("svg")
    raise AssertionError(f"no chart beside #{table_id}")


# --- the statistics page: numbers --------------------------------------------------------------

def expected_goals(projects) -> dict[int, int]:
    counts = Counter(g for fm in projects.values() for g in {goal_of(s) for s in fm["sdgs"]})
    return {n: counts.get(n, 0) for n in range(1, 18)}


def expected_years(projects) -> dict[int | None, int]:
    counts = Counter(start_year(fm.get("start")) for fm in projects.values())
    years = [y for y in counts if y is not None]
    out: dict[int | None, int] = {y: counts.get(y, 0) for y in range(min(years), max(years) + 1)}
    if counts.get(None):
        out[None] = counts[None]
    return out


def expected_countries(projects, organisations) -> dict[str, int]:
    counts = Counter(c for fm in projects.values()
                     for c in {organisations[m]["country"] for m in fm["municipalities"]})
    # Only countries with content: no row of zeros for a Nordic country without projects.
    return {c: counts[c] for c in COUNTRY_SV.values() if counts.get(c)}


def test_goal_table_counts_projects_per_goal(site, projects):
    rows = table(site, "tabell-mal")
    shown = {int(re.match(r"(\d+)\.", head).group(1)): n for head, n in rows}
    assert [int(re.match(r"(\d+)", h).group(1)) for h, _ in rows] == list(range(1, 18)), "goals 1–17 in order"
    assert shown == expected_goals(projects)


def test_status_table_counts_projects_per_status(site, projects):
    shown = {STATUS_SV[head]: n for head, n in table(site, "tabell-status")}
    expected = Counter(fm["status"] for fm in projects.values())
    assert shown == {s: expected.get(s, 0) for s in STATUS_SV.values()}
    assert sum(shown.values()) == len(projects)


def test_year_table_counts_projects_per_start_year(site, projects):
    shown = {(None if head == UNKNOWN_YEAR else int(head)): n for head, n in table(site, "tabell-startar")}
    assert shown == expected_years(projects)
    assert sum(shown.values()) == len(projects)
    assert shown.get(None), "the shipped content has projects without a start date"


def test_country_table_counts_projects_by_their_organisations_countries(site, projects, organisations):
    shown = {COUNTRY_SV[head]: n for head, n in table(site, "tabell-land")}
    assert shown == expected_countries(projects, organisations)
    assert 0 not in shown.values() and "Danmark" not in article(site, STATS).text()
    both = [s for s, fm in projects.items() if len({organisations[m]["country"] for m in fm["municipalities"]}) > 1]
    assert both, "the shipped content has a project in two countries, counted in both"
    assert sum(shown.values()) == len(projects) + len(both)


def test_every_chart_has_the_same_layout(site):
    charts = [svg for svg in article(site, STATS).iter("svg")]
    assert len(charts) == 4
    # One layout (charts.bar_chart, _charts.html): each label above its bar, drawn at its own size.
    assert {tuple(sorted(svg.classes)) for svg in charts} == {("ic-chart__svg",)}
    assert {svg.attrs["width"] for svg in charts} == {"300.0"}


@pytest.mark.parametrize("table_id", ["tabell-mal", "tabell-status", "tabell-startar", "tabell-land"])
def test_bars_show_the_table_numbers_and_are_as_long_as_their_share(site, table_id):
    rows = table(site, table_id)
    svg = chart_for(site, table_id)
    values = [int(t.text()) for t in svg.iter("text", "ic-chart__value")]
    assert values == [n for _, n in rows]
    bars = list(svg.iter("rect", "ic-chart__bar"))
    assert len(bars) == sum(1 for _, n in rows if n), "one bar per non-zero count, none for zero"
    widths = [float(b.attrs["width"]) for b in bars]
    top = max(n for _, n in rows)
    longest = max(widths)
    for (_, n), w in zip([r for r in rows if r[1]], widths):
        assert w == pytest.approx(n / top * longest, abs=0.6), (table_id, n, w)


def test_key_figures(site, projects, organisations):
    figures = {dt_.text(): int(dd.text()) for div in article(site, STATS).first("dl", "ic-keyfigures").iter("div")
               for dt_, dd in [(div.first("dt"), div.first("dd"))]}
    assert figures["Projekt"] == len(projects)
    assert figures["Kommuner och organisationer"] == len(organisations)
    assert figures["Globala mål som något projekt bidrar till"] == sum(1 for n in expected_goals(projects).values() if n)


# --- the statistics page: links, names, colours ---------------------------------------------

def test_each_goal_bar_links_to_its_goal_page_in_the_official_colour(site, projects):
    svg = chart_for(site, "tabell-mal")
    links = list(svg.iter("a"))
    assert len(links) == 17
    counts = expected_goals(projects)
    for n, a in enumerate(links, start=1):
        target = resolve(STATS, a.attrs["href"])
        assert target == f"agenda-2030/mal-{n}/", (n, a.attrs["href"])
        assert (site / target / "index.html").is_file()
        # The name starts with the label as drawn (WCAG 2.5.3: a speech user says what they see).
        drawn = " ".join(t.text() for t in a.first("text", "ic-chart__label").iter("tspan"))
        assert drawn.startswith(f"{n}. ")
        assert a.attrs["aria-label"] == f"{drawn}: {counts[n]} projekt"
        bars = list(a.iter("rect", "ic-chart__bar"))
        if counts[n]:
            assert len(bars) == 1
            assert bars[0].attrs["style"].lower() == f"fill:{SDG_COLOURS[n]}".lower()
        else:
            assert not bars
    table_links = [resolve(STATS, a.attrs["href"]) for th in
                   next(t for t in article(site, STATS).iter("table") if t.attrs.get("id") == "tabell-mal").iter("th")
                   for a in th.iter("a")]
    assert table_links == [f"agenda-2030/mal-{n}/" for n in range(1, 18)]


def svg_name(svg: Node) -> str:
    ids = svg.attrs.get("aria-labelledby", "").split()
    assert ids, "the SVG is named by aria-labelledby"
    by_id = {n.attrs["id"]: n for n in svg.iter() if "id" in n.attrs}
    for i in ids:
        assert i in by_id, f"aria-labelledby points to a missing id {i!r}"
    return " ".join(by_id[i].text() for i in ids)


@pytest.mark.parametrize("url", [STATS, MAP])
def test_every_svg_has_an_accessible_name_and_images_hold_no_links(site, url):
    svgs = list(article(site, url).iter("svg"))
    assert len(svgs) >= (4 if url == STATS else 1)
    for svg in svgs:
        assert svg.attrs.get("role") in {"img", "group"}
        name = svg_name(svg)
        assert len(name) > 5, name
        assert svg.first("title").text() == name
        links = list(svg.iter("a"))
        if svg.attrs["role"] == "img":
            # An image's children are presentational: a link inside would be unreachable.
            assert not links
            desc = svg.first("desc")
            assert svg.attrs.get("aria-describedby") == desc.attrs["id"] and re.search(r"\d", desc.text())
        else:
            assert links, "a group holds links"
            assert all(a.attrs.get("aria-label") for a in links)


def test_image_charts_describe_every_number(site):
    for table_id in ("tabell-status", "tabell-startar", "tabell-land"):
        desc = chart_for(site, table_id).first("desc").text()
        for head, n in table(site, table_id):
            assert f"{head}: {n}" in desc, (table_id, head, desc)


# --- the map page ------------------------------------------------------------------------------

def map_links(site) -> list[Node]:
    return [a for svg in article(site, MAP).iter("svg") for a in svg.iter("a")]


def slug_of(url: str, href: str) -> str:
    return resolve(url, href).split("/")[1]


def list_entries(site) -> dict[str, dict]:
    """slug → what the list under the map says: country, name, number (or None), li id, text."""
    lists = article(site, MAP).first("div", "ic-map__lists")
    seen = {}
    for section in lists.iter("section"):
        country = COUNTRY_SV[re.sub(r"\s*\(\d+\)$", "", section.first("h3").text())]
        for li in section.iter("li"):
            a = li.first("a")
            keys = list(li.iter("span", "ic-map__key"))
            number = int(re.search(r"\d+", keys[0].text()).group(0)) if keys else None
            seen[slug_of(MAP, a.attrs["href"])] = {"country": country, "name": a.text(), "number": number,
                                                  "id": li.attrs.get("id"), "text": li.text()}
    return seen


def markers(site) -> list[dict]:
    """Each marker on the map: its number as drawn, position, radius, link and accessible name."""
    out = []
    for a in map_links(site):
        circle = a.first("circle", "ic-map__marker")
        out.append({"number": int(a.first("text", "ic-map__num").text()), "x": float(circle.attrs["cx"]),
                    "y": float(circle.attrs["cy"]), "r": float(circle.attrs["r"]), "href": a.attrs["href"],
                    "label": a.attrs["aria-label"]})
    return out


def test_every_organisation_with_coordinates_is_under_one_numbered_marker(site, organisations):
    located = {slug: fm for slug, fm in organisations.items() if fm.get("coordinates")}
    assert len(located) >= 10 and len(located) < len(organisations), "the content has both kinds"
    entries = list_entries(site)
    found = markers(site)
    numbers = [mk["number"] for mk in found]
    assert sorted(numbers) == list(range(1, len(found) + 1)), "markers are numbered 1..n, each once"
    by_number: dict[int, set[str]] = {}
    for slug, e in entries.items():
        if e["number"] is not None:
            by_number.setdefault(e["number"], set()).add(slug)
    assert set(by_number) == set(numbers), "every marker's number is in the list, and no other"
    assert {s for members in by_number.values() for s in members} == set(located)
    for mk in found:
        members = by_number[mk["number"]]
        # The accessible name says the number and every organisation at that place.
        assert mk["label"].startswith(f"Plats {mk['number']}: ")
        assert sorted(mk["label"].split(": ", 1)[1].split(", ")) == sorted(organisations[s]["name"] for s in members)
        if len(members) == 1:
            assert resolve(MAP, mk["href"]) == f"kommuner/{next(iter(members))}/", "one organisation: its page"
        else:
            # Several: the link goes to the marker's place in the list, where the names are.
            assert mk["href"] == f"#plats-{mk['number']}"
            targets = [s for s, e in entries.items() if e["id"] == f"plats-{mk['number']}"]
            assert len(targets) == 1 and targets[0] in members


def test_marker_numbers_are_shown_without_hover(site):
    """The number is text in the marker itself; no style hides it until hover or focus."""
    css = (ROOT / "docs" / "assets" / "charts.css").read_text(encoding="utf-8")
    for rule in re.findall(r"([^{}]*\.ic-map__num[^{}]*)\{([^}]*)\}", css):
        assert not re.search(r"visibility:\s*hidden|display:\s*none|opacity:\s*0", rule[1]), rule
        assert ":hover" not in rule[0] and ":focus" not in rule[0], rule
    for mk in markers(site):
        assert str(mk["number"]).isdigit()
    text = article(site, MAP).text().lower()
    assert "muspekaren" not in text and "hovra" not in text, "nothing asks for a mouse"
    assert "koordinat" not in text, "no internal note about coordinates"


def test_markers_do_not_overlap_and_keep_their_places_relative_to_each_other(site, organisations):
    entries = list_entries(site)
    found = {mk["number"]: mk for mk in markers(site)}
    for a, b in itertools.combinations(found.values(), 2):
        assert math.hypot(a["x"] - b["x"], a["y"] - b["y"]) >= a["r"] + b["r"], (a["number"], b["number"])
    where = {slug: found[e["number"]] for slug, e in entries.items() if e["number"] is not None}
    for s1, s2 in itertools.combinations(where, 2):
        m1, m2 = where[s1], where[s2]
        if m1 is m2:
            continue
        (lat1, lon1), (lat2, lon2) = organisations[s1]["coordinates"], organisations[s2]["coordinates"]
        if lon1 - lon2 > 1.0 and abs(lat1 - lat2) < 1.0:
            assert m1["x"] > m2["x"], f"{s1} lies east of {s2} but is drawn west of it"
        if lat1 - lat2 > 0.5 and abs(lon1 - lon2) < 1.0:
            assert m1["y"] < m2["y"], f"{s1} lies north of {s2} but is drawn south of it"


def test_list_has_every_organisation_by_country_with_project_counts(site, organisations, projects):
    entries = list_entries(site)
    assert set(entries) == set(organisations)
    per_org = Counter(m for fm in projects.values() for m in fm["municipalities"])
    for slug, fm in organisations.items():
        e = entries[slug]
        assert e["country"] == fm["country"] and e["name"] == fm["name"]
        assert f"{per_org.get(slug, 0)} projekt" in e["text"], (slug, e["text"])
        assert (e["number"] is None) == (not fm.get("coordinates")), slug
    note = article(site, MAP).first("div", "ic-map__lists").parent
    assert "Organisationer utan nummer har ingen plats på kartan" in note.text()


def test_map_shows_the_five_countries_the_lakes_and_credits_the_source(site):
    doc = article(site, MAP)
    overview = next(doc.iter("svg"))
    names = {t.text() for t in overview.first("g", "ic-map__names").iter("text")}
    assert names == set(COUNTRY_SV)
    assert len(list(overview.iter("path", "ic-map__country"))) == 5
    assert overview.first("path", "ic-map__lakes").attrs["d"].count("M") >= 4
    assert "Natural Earth" in doc.text() and "1:10 miljoner" in doc.text()


def test_map_scrolls_inside_its_own_box_on_a_phone():
    """A marker map keeps a legible minimum width; its box scrolls, not the page."""
    css = (ROOT / "docs" / "assets" / "charts.css").read_text(encoding="utf-8")
    assert re.search(r"\.ic-map__scroll\s*\{[^}]*overflow-x:\s*auto", css)
    assert re.search(r"\.ic-map__svg--markers\s*\{[^}]*min-width", css)


# --- every organisation on the right side of the border -------------------------------------

def country_of(lat: float, lon: float) -> list[str]:
    return [c for c, rings in nordic.outlines().items() if inside(lat, lon, rings)]


def test_every_organisation_in_the_content_lies_in_its_own_country(organisations):
    located = {slug: fm for slug, fm in organisations.items() if fm.get("coordinates")}
    assert located
    for slug, fm in located.items():
        lat, lon = fm["coordinates"]
        assert country_of(lat, lon) == [fm["country"]], f"{slug} ({lat}, {lon}) is drawn in {country_of(lat, lon)}"


def test_halden_lies_in_norway_by_the_border():
    """Fixed points near the border (not from the content): the 1:110m outlines put Halden in Sweden."""
    assert country_of(59.12, 11.39) == ["NO"], "Halden"
    assert country_of(59.03, 11.03) == ["NO"], "Hvaler, an island"
    assert country_of(58.94, 11.17) == ["SE"], "Strömstad"
    assert country_of(59.38, 13.50) == ["SE"], "Karlstad, on the shore of Vänern"


def test_the_large_lakes_are_drawn():
    lakes = nordic.lakes()
    for name, (lat, lon) in {"Vänern": (58.9, 13.2), "Vättern": (58.3, 14.5), "Mälaren": (59.45, 17.3),
                             "Hjälmaren": (59.23, 15.9)}.items():
        assert any(inside(lat, lon, [ring]) for ring in lakes), name
    assert not any(inside(59.33, 18.07, [ring]) for ring in lakes), "Stockholm is not in a lake"
    land = [ring for rings in nordic.outlines().values() for ring in rings]
    for ring in lakes:  # no lake of another country (Lough Neagh, Peipus) drawn in the sea
        assert sum(inside(lat, lon, land) for lat, lon in ring) * 2 >= len(ring), ring[0]


# --- the locator map on organisation pages ------------------------------------------------------

def test_every_organisation_page_with_coordinates_has_a_locator_map(site, organisations):
    shared = site / nordic.LOCATOR_PATH
    svg = Tree(shared.read_text(encoding="utf-8")).root.first("svg")
    ids = {n.attrs.get("id") for n in svg.iter()}
    assert {"land", "sjoar"} <= ids
    width, height = (float(v) for v in svg.attrs["viewbox"].split()[2:])
    assert shared.stat().st_size < 40_000, "one small shared file"
    for slug, fm in organisations.items():
        url = f"kommuner/{slug}/"
        figures = list(article(site, url).iter("figure", "ic-locator"))
        if not fm.get("coordinates"):
            assert not figures, slug
            continue
        assert len(figures) == 1, slug
        loc = figures[0].first("svg")
        assert loc.attrs["role"] == "img" and fm["name"] in loc.attrs["aria-label"]
        uses = [u.attrs["href"] for u in loc.iter("use")]
        assert uses and all(resolve(url, h.split("#")[0]) == nordic.LOCATOR_PATH for h in uses), uses
        assert {h.split("#")[1] for h in uses} == {"land", "sjoar"}
        assert [float(v) for v in loc.attrs["viewbox"].split()] == [0, 0, width, height]
        dot = loc.first("circle", "ic-locator__dot")
        x, y = float(dot.attrs["cx"]), float(dot.attrs["cy"])
        assert 0 < x < width and 0 < y < height
        # The dot is where the organisation is: projected with the same frame as the outlines.
        px, py = nordic.locator().frame.xy(nordic.project(*fm["coordinates"]))
        assert (x, y) == pytest.approx((px, py), abs=0.1)
        links = [resolve(url, a.attrs["href"]) for a in figures[0].iter("a")]
        assert links == [MAP]
        html = (site / url / "index.html").read_text(encoding="utf-8")
        figure = html[html.index('<figure class="ic-locator"'):]
        assert len(figure[:figure.index("</figure>")]) < 1500, "a page adds only a dot to the shared outlines"


URL = re.compile(r"https?://[^\s\"'<>)]+")


@pytest.mark.parametrize("url", [STATS, MAP])
def test_no_third_party_url_in_the_page(site, url):
    """Nothing these pages add names another host, and nothing on the page loads from one."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    body = html[html.index('<article class="md-content__inner'):html.index("</article>")]
    assert not URL.findall(body), URL.findall(body)[:5]
    own = urlsplit(yaml.safe_load(re.sub(r"!ENV \[\w+, (\"[^\"]*\")\]", r"\1",
                                         (ROOT / "mkdocs.yml").read_text(encoding="utf-8")))["site_url"]).netloc
    doc = Tree(html).root
    for node in doc.iter():
        for attr in ("src", "srcset", "data", "poster"):
            if node.attrs.get(attr):
                host = urlsplit(node.attrs[attr]).netloc
                assert host in ("", own), (node.tag, attr, node.attrs[attr])
        if node.tag == "link" and node.attrs.get("rel") not in ("canonical", "alternate"):
            host = urlsplit(node.attrs.get("href", "")).netloc
            assert host in ("", own), (node.attrs)


def test_charts_css_is_linked_from_both_pages(site):
    for url in (STATS, MAP):
        hrefs = [resolve(url, n.attrs["href"]) for n in page(site, url).iter("link")
                 if n.attrs.get("rel") == "stylesheet" and not urlsplit(n.attrs["href"]).netloc]
        assert "assets/charts.css" in hrefs, f"{url}: add assets/charts.css to extra_css in mkdocs.yml"


# --- colours: WCAG 2.1 AA in Material's light and dark palettes --------------------------------

def rgb(colour: str) -> tuple[float, float, float, float]:
    colour = colour.strip()
    if colour.startswith("#"):
        h = colour[1:]
        return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), 1.0)
    m = re.fullmatch(r"hsla?\((\d+),\s*(\d+)%,\s*(\d+)%(?:,\s*([\d.]+))?\)", colour)
    hue, s, light = int(m.group(1)) / 360, int(m.group(2)) / 100, int(m.group(3)) / 100
    import colorsys
    r, g, b = colorsys.hls_to_rgb(hue, light, s)
    return (r * 255, g * 255, b * 255, float(m.group(4) or 1))


def over(fg, bg):
    """fg (maybe translucent) painted on an opaque bg."""
    a = fg[3]
    return tuple(fg[i] * a + bg[i] * (1 - a) for i in range(3)) + (1.0,)


def contrast(a, b) -> float:
    def lum(c):
        lin = [(v / 255) / 12.92 if v / 255 <= 0.04045 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c[:3]]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# Material for MkDocs 9: --md-default-fg-color and --md-default-bg-color (hue 225).
MATERIAL = {"light": {"fg": "hsla(0, 0%, 0%, 0.87)", "bg": "#ffffff"},
            "dark": {"fg": "hsla(225, 15%, 90%, 0.82)", "bg": "hsla(225, 15%, 14%, 1)"}}


def css_palettes() -> dict[str, dict[str, str]]:
    css = (ROOT / "docs" / "assets" / "charts.css").read_text(encoding="utf-8")
    blocks = {"light": r":root\s*\{([^}]*)\}", "dark": r"\[data-md-color-scheme=\"slate\"\]\s*\{([^}]*)\}"}
    out = {}
    for scheme, pattern in blocks.items():
        body = re.search(pattern, css).group(1)
        out[scheme] = dict(re.findall(r"(--ic-[\w-]+)\s*:\s*([^;]+);", body))
    return out


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_and_map_colours_meet_wcag_aa(scheme):
    p = {k: rgb(v) for k, v in css_palettes()[scheme].items()}
    bg = rgb(MATERIAL[scheme]["bg"])
    fg = rgb(MATERIAL[scheme]["fg"])
    assert contrast(p["--ic-chart-bar"], bg) >= 3, "bars against the page"
    for surface in ("--ic-map-land", "--ic-map-sea"):
        assert contrast(p["--ic-map-point"], p[surface]) >= 3, f"points against {surface}"
        assert contrast(p["--ic-map-border"], p[surface]) >= 3, f"outlines against {surface}"
        assert contrast(over(fg, p[surface]), p[surface]) >= 4.5, f"country names on {surface}"
        assert contrast(over(fg, p[surface]), p[surface]) >= 3, f"focus ring on {surface}"
    assert contrast(p["--ic-map-border"], bg) >= 3, "the map's frame against the page"
    assert contrast(over(fg, bg), bg) >= 4.5, "chart labels and numbers"
    # Goal bars keep their official colours; their outline (the text colour) carries the contrast.
    assert contrast(over(fg, bg), bg) >= 3


def test_focus_is_visible_on_map_points_and_goal_bars():
    css = (ROOT / "docs" / "assets" / "charts.css").read_text(encoding="utf-8")
    for selector, part in ((".ic-map__link:focus", ".ic-map__ring"), (".ic-chart__link:focus", ".ic-chart__hit")):
        rule = re.search(re.escape(selector) + r"\s+" + re.escape(part) + r"[^{]*\{([^}]*)\}", css)
        assert rule and "stroke:" in rule.group(1) and "none" not in rule.group(1), selector


# --- projection and outline data ---------------------------------------------------------------

def test_projection_puts_cities_in_their_compass_directions():
    x = {c: nordic.project(*ll)[0] for c, ll in CITIES.items()}
    y = {c: nordic.project(*ll)[1] for c, ll in CITIES.items()}  # grows southwards
    assert x["Stockholm"] > x["Oslo"] and y["Stockholm"] > y["Oslo"], "Stockholm is east and south of Oslo"
    assert x["Helsinki"] > x["Stockholm"]
    assert y["København"] > max(y["Oslo"], y["Stockholm"]), "København is the southernmost"
    assert x["Reykjavík"] == min(x.values()), "Reykjavík is the westernmost"
    assert y["Nordkapp"] == min(y.values()), "Nordkapp is the northernmost"
    assert y["Kiruna"] < y["Trondheim"] < y["Oslo"]


def haversine(a, b) -> float:
    (la1, lo1), (la2, lo2) = [(math.radians(p), math.radians(q)) for p, q in (a, b)]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def test_projection_keeps_distances_across_the_nordic_countries():
    """East–west is not stretched: a plain longitude/latitude grid would make Oslo–Stockholm
    almost twice as long as it is."""
    for a, b in itertools.combinations(CITIES, 2):
        projected = math.dist(nordic.project(*CITIES[a]), nordic.project(*CITIES[b]))
        assert projected == pytest.approx(haversine(CITIES[a], CITIES[b]), rel=0.02), (a, b)


def inside(lat: float, lon: float, rings) -> bool:
    hit = False
    for ring in rings:
        for (la1, lo1), (la2, lo2) in zip(ring, ring[1:] + ring[:1]):
            if (la1 > lat) != (la2 > lat) and lon < lo1 + (lat - la1) / (la2 - la1) * (lo2 - lo1):
                hit = not hit
    return hit


def test_outlines_are_the_five_countries_where_they_are():
    raw = json.loads((ROOT / "hooks" / "innocities" / "data" / "nordic.json").read_text(encoding="utf-8"))
    assert "Natural Earth" in raw["source"] and "public domain" in raw["source"].lower()
    shapes = nordic.outlines()
    assert set(shapes) == set(COUNTRY_SV.values())
    where = {"Stockholm": "SE", "Kiruna": "SE", "Oslo": "NO", "Trondheim": "NO", "Helsinki": "FI",
             "København": "DK", "Reykjavík": "IS"}
    for city, code in where.items():
        found = [c for c, rings in shapes.items() if inside(*CITIES[city], rings)]
        assert found == [code], (city, found)
    for code, rings in shapes.items():
        for ring in rings:
            assert all(53 < lat < 72 and -25 < lon < 32 for lat, lon in ring), f"{code}: Svalbard is left out"
            assert all(round(v, 3) == v for pt in ring for v in pt)


def test_group_points_keeps_markers_apart_and_is_repeatable():
    pts = [(100.0, 100.0)] * 3 + [(104.0, 100.0), (300.0, 50.0), (330.0, 50.0)]
    out = nordic.group_points(pts, 22.0, (0, 0, 400, 200))
    assert out == nordic.group_points(pts, 22.0, (0, 0, 400, 200))
    assert [g[2] for g in out.groups] == [(0, 1, 2, 3), (4,), (5,)], "the close ones share a marker"
    assert out.groups[1][:2] == (300.0, 50.0), "a point with room stays where it is"
    assert out.groups[0][:2] == (101.0, 100.0), "a shared marker sits at the mean"
    for a, b in itertools.combinations(out.groups, 2):
        assert math.dist(a[:2], b[:2]) >= 22.0 - 0.15


@pytest.mark.parametrize("layout", ["random", "same spot", "line", "grid"])
def test_group_points_is_linear_in_the_number_of_points(layout):
    """Each point is compared with at most the 36 markers of the nine cells around it, at most
    once per merge: the count of comparisons grows with n, not n² (pairwise took 25 s at 761)."""
    import random
    rng = random.Random(7)
    for n in (200, 2000):
        pts = {"random": [(rng.uniform(0, 640), rng.uniform(0, 900)) for _ in range(n)],
               "same spot": [(320.0, 450.0)] * n,
               "line": [(i * 0.3, 450.0) for i in range(n)],
               "grid": [(i % 45 * 14.0, i // 45 * 14.0) for i in range(n)]}[layout]
        out = nordic.group_points(pts, 22.0, (11, 11, 629, 889))
        merges = n - len(out.groups)
        assert out.comparisons <= 36 * (n + merges), (layout, n, out.comparisons)
        assert sorted(i for g in out.groups for i in g[2]) == list(range(n)), "every point in one marker"
        for a, b in itertools.combinations(out.groups, 2) if n == 200 else ():
            assert math.dist(a[:2], b[:2]) >= 22.0 - 0.15

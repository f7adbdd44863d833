"""The project catalogue: pre-drawn pages of cards, and the compact index its script filters.

At N = 2000 one page with every project was 17,768 DOM elements and 4.6 s of blocking time on a
phone. Now each catalogue page holds PAGE_SIZE cards in A–Ö order and links to every other page,
so without JavaScript every project is still reached; the script filters and sorts over
INDEX_PATH (fetched on the reader's first use of the filters) and draws only the cards it shows.
"""

from __future__ import annotations

import json
from typing import Callable

from .index import STATUS_ORDER, Index
from .model import Project

PAGE_SIZE = 50
INDEX_PATH = "projekt/katalog.json"
SORTS = ("az", "nyast", "status")  # the first is the pre-drawn pages' order


def chunks(projects: list[Project], size: int = PAGE_SIZE) -> list[list[Project]]:
    """The projects in pages of `size`; one empty page for an empty catalogue."""
    return [projects[i: i + size] for i in range(0, len(projects), size)] or [[]]


def index_json(ix: Index, t, lang: str, project_url: Callable[[str], str], place_url: Callable[[str], str],
               goal_text_colour: Callable[[str], str]) -> str:
    """One line of JSON: the labels and lookups a card needs, then one short record per project
    in A–Ö order. URLs are relative to the site root; the script puts the page's way up in front."""
    newest = {p.slug: i for i, p in enumerate(ix.newest_by_content)}
    places = sorted({m for p in ix.projects for m in p.municipalities})
    data = {
        "labels": {"example": t["example_title"], "phase": t["phase"], "more": t["filter_more"],
                   "goals": t["goals"], "places": t["municipalities"]},
        "statuses": {s: t["status"][s] for s in STATUS_ORDER},
        "status_order": list(STATUS_ORDER),
        "phases": {ph.slug: ph.name for ph in ix.phases},
        "places": {m: [ix.municipality(m).name, place_url(m)] for m in places},
        "goals": {str(g.number): [g.name[lang], g.colour, goal_text_colour(g.colour)] for g in ix.agenda.goals},
        "projects": [_record(ix, p, project_url, newest[p.slug]) for p in ix.projects],
        # The filter options, drawn by the script when the index arrives: the municipality facet
        # alone was 600 of the page's 1,900 elements at N = 2000.
        "facets": [[key, [[value, facet_label(ix, t, lang, key, value), n] for value, n in values]]
                   for key, values in ix.facets],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def facet_label(ix: Index, t, lang: str, key: str, value: str) -> str:
    """What a reader sees for a facet value; the value itself for a facet without its own words."""
    if key == "mal":
        return f"{value}. {ix.agenda.goal(int(value)).name[lang]}"
    if key == "tema":
        return ix.theme_by_slug[value].label
    if key == "kommun":
        return ix.municipality(value).name
    if key == "program":
        return ix.programme(value).name
    if key == "fas":
        return ix.phase_by_slug[value].name
    words = {"land": "country", "status": "status", "typ": "kind"}.get(key)
    return t[words].get(value, value) if words else value


def _record(ix: Index, p: Project, project_url: Callable[[str], str], newest_rank: int) -> dict:
    record = {"u": project_url(p.slug), "t": p.title, "s": p.summary, "st": p.status, "m": list(p.municipalities),
              "g": list(p.goals), "n": newest_rank,
              # Facets are generic: whatever Index.facet_values files a project under.
              "f": {key: values for key, values in ix.facet_values(p).items() if values}}
    if p.phase:
        record["ph"] = p.phase
    if p.example:
        record["x"] = 1
    return record

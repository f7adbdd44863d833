"""Open data: the portfolio as JSON, CSV and GeoJSON, built from the same model as the pages.

Every export lists the same projects with the same values; keys and rows are in a fixed order
so the files are byte-identical for the same content.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .index import Index
from .model import Municipality, Programme, Project
from .portfolio_view import PortfolioView
from .schema import MUNICIPALITY, PROGRAMME, PROJECT

DATA_DIR = "data"
PROJECTS_JSON = f"{DATA_DIR}/projects.json"
PROJECTS_CSV = f"{DATA_DIR}/projects.csv"
MUNICIPALITIES_GEOJSON = f"{DATA_DIR}/municipalities.geojson"
PROGRAMMES_JSON = f"{DATA_DIR}/programmes.json"
LICENCE = "CC BY 4.0"

CSV_COLUMNS = ("slug", "title", "summary", "status", "phase", "municipalities", "sdgs", "goals", "themes", "methods",
               "partners", "funding", "start", "end", "reviewed", "budget_amount", "budget_currency",
               "contact_name", "contact_email", "links", "sources", "example", "programme", "results", "url")


# Columns that are not front-matter fields; the others are described by the schema.
DERIVED_DOCS = {
    "slug": "Projektets filnamn och adress (projekt/<slug>/).",
    "goals": "Globala mål (1–17) som projektet bidrar till, direkt eller genom ett delmål.",
    "budget_amount": "Budgetens belopp.",
    "budget_currency": "Budgetens valuta.",
    "contact_name": "Kontaktpersonens namn.",
    "contact_email": "Kontaktpersonens e-postadress.",
    "url": "Projektsidans adress.",
}



def column_docs() -> list[tuple[str, str]]:
    """(column, meaning) for every CSV column and JSON key, from the schema where it is a field."""
    fields = PROJECT.by_name
    return [(c, fields[c].doc if c in fields else DERIVED_DOCS[c]) for c in CSV_COLUMNS]


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _sources(items) -> list[dict]:
    return [{"title": s.title, "url": s.url, "publisher": s.publisher, "accessed": _date(s.accessed)} for s in items]


def _partner(p) -> dict:
    return {"name": p.name, "sector": p.sector}


def project_record(p: Project, ix: Index, base_url: str) -> dict[str, Any]:
    return {
        "slug": p.slug,
        "title": p.title,
        "summary": p.summary,
        "status": p.status,
        "phase": p.phase,
        "municipalities": list(p.municipalities),
        "sdgs": list(p.sdgs),
        "goals": p.goals,
        "themes": [ix.theme_by_slug[t.slug].label for t in p.themes],
        "methods": list(p.methods),
        "partners": [_partner(x) for x in p.partners],
        "funding": list(p.funding),
        "start": _date(p.start),
        "end": _date(p.end),
        "reviewed": _date(p.reviewed),
        "budget": {"amount": p.budget.amount, "currency": p.budget.currency} if p.budget else None,
        "contact": {"name": p.contact.name, "email": p.contact.email} if p.contact else None,
        "links": [{"title": link.title, "url": link.url} for link in p.links],
        "sources": _sources(p.sources),
        "example": p.example,
        "programme": p.programme,
        "results": [{"indicator": r.indicator, "value": r.value, "unit": r.unit, "year": r.year, "target": r.target,
                     "baseline": r.baseline, "source": r.source} for r in p.results],
        "url": f"{base_url}projekt/{p.slug}/",
    }


def projects_json(ix: Index, base_url: str) -> str:
    doc = {"licence": LICENCE, "count": len(ix.projects),
           "projects": [project_record(p, ix, base_url) for p in ix.projects]}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def _cell(value: Any) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r", "|"):
        text = "'" + text
    return text


def projects_csv(ix: Index, base_url: str) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for p in ix.projects:
        r = project_record(p, ix, base_url)
        row = {
            **r,
            "municipalities": ";".join(r["municipalities"]),
            "sdgs": ";".join(r["sdgs"]),
            "goals": ";".join(str(g) for g in r["goals"]),
            "themes": ";".join(r["themes"]),
            "methods": ";".join(r["methods"]),
            "partners": ";".join(x["name"] + (f" ({x['sector']})" if x["sector"] else "") for x in r["partners"]),
            "funding": ";".join(r["funding"]),
            "budget_amount": p.budget.amount if p.budget else None,
            "budget_currency": p.budget.currency if p.budget else None,
            "contact_name": p.contact.name if p.contact else None,
            "contact_email": p.contact.email if p.contact else None,
            "links": ";".join(link["url"] for link in r["links"]),
            "sources": ";".join(s["url"] for s in r["sources"]),
            # indicator=value unit (year); values are never summed here
            "results": ";".join(f"{x['indicator']}={x['value']:g} {x['unit']}" + (f" ({x['year']})" if x["year"] else "")
                                for x in r["results"]),
        }
        writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
    # The byte-order mark makes Excel read UTF-8, so å, ä and ö show right.
    return "\ufeff" + buf.getvalue()


def municipality_docs() -> list[tuple[str, str]]:
    return [("slug", "Filnamn och adress (kommuner/<slug>/).")] + [(f.name, f.doc) for f in MUNICIPALITY.fields] + [
        ("projects", "Projekt (slug) som organisationen deltar i."), ("url", "Sidans adress.")]


def municipality_feature(m: Municipality, ix: Index, base_url: str) -> dict:
    geometry = {"type": "Point", "coordinates": [m.coordinates[1], m.coordinates[0]]} if m.coordinates else None
    return {
        "type": "Feature",
        "id": m.slug,
        "geometry": geometry,
        "properties": {
            "slug": m.slug, "name": m.name, "type": m.type, "country": m.country, "code": m.code,
            "county": m.county, "population": m.population, "joined": m.joined, "website": m.website,
            "sources": _sources(m.sources), "example": m.example, "programme": m.programme,
            "projects": [p.slug for p in ix.by_municipality.get(m.slug, [])],
            "url": f"{base_url}kommuner/{m.slug}/",
        },
    }


def municipalities_geojson(ix: Index, base_url: str) -> str:
    doc = {"type": "FeatureCollection", "features": [municipality_feature(m, ix, base_url) for m in ix.municipalities]}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def programme_record(g: Programme, ix: Index, base_url: str) -> dict[str, Any]:
    view = PortfolioView(ix, ix.by_programme.get(g.slug, []))
    return {
        "slug": g.slug, "name": g.name, "hosts": list(g.hosts), "country": g.country, "status": g.status,
        "start": _date(g.start), "end": _date(g.end), "coordinator": g.coordinator, "goals": list(g.goals),
        "contact": {"name": g.contact.name, "email": g.contact.email} if g.contact else None,
        "website": g.website, "sources": _sources(g.sources), "example": g.example,
        "projects": [p.slug for p in view.projects],
        "goals_covered": [b.key for b in view.goals.bars if b.count],
        "budgets": [{"currency": c, "amount": total, "projects": n} for c, total, n in view.budgets],
        "url": f"{base_url}program/{g.slug}/",
    }


def programme_docs() -> list[tuple[str, str]]:
    return [("slug", "Filnamn och adress (program/<slug>/).")] + [(f.name, f.doc) for f in PROGRAMME.fields] + [
        ("projects", "Projekt (slug) som anger programmet."), ("goals_covered", "Globala mål som projekten täcker."),
        ("budgets", "Projektens budgetar summerade per valuta, aldrig över valutor."), ("url", "Sidans adress.")]


def programmes_json(ix: Index, base_url: str) -> str:
    doc = {"licence": LICENCE, "count": len(ix.programmes),
           "programmes": [programme_record(g, ix, base_url) for g in ix.programmes]}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


# Site path → what writes it. The paths are known before anything is written (the engine is
# told of the files first, their text comes later), so both come from this one table.
EXPORTS = {PROJECTS_JSON: projects_json, PROJECTS_CSV: projects_csv, MUNICIPALITIES_GEOJSON: municipalities_geojson,
           PROGRAMMES_JSON: programmes_json}
PATHS = tuple(EXPORTS)


def all_exports(ix: Index, base_url: str) -> dict[str, str]:
    """Site path → file text, for each of PATHS."""
    return {path: write(ix, base_url) for path, write in EXPORTS.items()}

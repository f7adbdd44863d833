"""schema.org JSON-LD for a case page: the project, its organisations, dates and goals."""

from __future__ import annotations

from .index import Index
from .model import Project, Source

SECTOR_TYPES = {"academia": "EducationalOrganization", "business": "Corporation",
                "public": "GovernmentOrganization", "civil-society": "NGO"}


def project(p: Project, ix: Index, base_url: str, t: dict) -> dict:
    doc: dict = {
        "@context": "https://schema.org",
        "@type": "Project",
        "@id": f"{base_url}projekt/{p.slug}/#project",
        "name": f"{p.title} {t['example_suffix']}" if p.example else p.title,
        "description": p.summary,
        "url": f"{base_url}projekt/{p.slug}/",
        "areaServed": [
            {"@type": "GovernmentOrganization" if ix.municipality(m).type in ("municipality", "region") else "Organization",
             "name": ix.municipality(m).name, "url": f"{base_url}kommuner/{m}/"}
            for m in p.municipalities
        ],
        "about": [
            {"@type": "DefinedTerm", "termCode": s, "name": _sdg_name(s, ix),
             "inDefinedTermSet": "https://sdgs.un.org/goals"}
            for s in p.sdgs
        ],
    }
    if p.start:
        doc["foundingDate"] = p.start.isoformat()
    if p.end:
        doc["dissolutionDate"] = p.end.isoformat()
    if p.partners:
        doc["member"] = [
            {"@type": SECTOR_TYPES.get(x.sector, "Organization"), "name": x.name}
            for x in p.partners
        ]
    if p.programme:  # a schema.org Project is an Organization; the programme is the larger one it belongs to
        g = ix.programme(p.programme)
        doc["parentOrganization"] = {"@type": "Project", "name": g.name, "url": f"{base_url}program/{g.slug}/"}
    if p.funding:
        doc["funder"] = [{"@type": "Organization", "name": f} for f in p.funding]
    if p.themes:
        doc["keywords"] = [ix.theme_by_slug[t.slug].label for t in p.themes]
    if p.example:
        # A reader of the data alone must not take an example for a real project.
        doc["disambiguatingDescription"] = t["example_text"]
    if p.sources:
        # The page about the project cites its sources (a Project, an Organization, has no citation).
        doc["subjectOf"] = {
            "@type": "WebPage", "url": f"{base_url}projekt/{p.slug}/",
            "citation": [source(s) for s in p.sources],
        }
    if p.contact:
        doc["contactPoint"] = {"@type": "ContactPoint", "name": p.contact.name,
                               **({"email": p.contact.email} if p.contact.email else {})}
    return doc


def source(s: Source) -> dict:
    doc: dict = {"@type": "CreativeWork", "name": s.title, "url": s.url}
    if s.publisher:
        doc["publisher"] = {"@type": "Organization", "name": s.publisher}
    return doc


def _sdg_name(sdg: str, ix: Index) -> str:
    goal = ix.agenda.goal(int(sdg.split(".")[0]))
    return f"Mål {goal.number}: {goal.name['sv']}" if "." not in sdg else f"Delmål {sdg} ({goal.name['sv']})"

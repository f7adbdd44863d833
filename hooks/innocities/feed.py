"""The Atom feed of projects: newest first, ids that never change when the site moves."""

from __future__ import annotations

from dataclasses import dataclass

from .index import Index
from .model import Project

FEED_PATH = "feed.xml"
FEED_LIMIT = 50
ID_AUTHORITY = "tag:innocities.se,2021"  # a tag URI (RFC 4151): stable whatever the host


@dataclass(frozen=True)
class Entry:
    id: str
    project: Project
    updated: str  # YYYY-MM-DD


def entries(ix: Index) -> list[Entry]:
    out = []
    for p in ix.newest[:FEED_LIMIT]:
        day = ix.confirmed(p) or ix.added(p) or ix.today
        out.append(Entry(f"{ID_AUTHORITY}:projekt/{p.slug}", p, day.isoformat()))
    return out


def context(ix: Index, base_url: str, site_name: str, language: str) -> dict:
    items = entries(ix)
    updated = max((e.updated for e in items), default=ix.today.isoformat())
    return {"entries": items, "updated": updated, "base_url": base_url, "site_name": site_name,
            "language": language, "feed_id": f"{ID_AUTHORITY}:feed", "feed_path": FEED_PATH, "licence": "CC BY 4.0"}

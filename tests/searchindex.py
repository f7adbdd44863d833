"""Reads a built site's Pagefind index as the browser would get it: one fragment per indexed page
(gzip'd JSON after a signature), keyed by the page's URL relative to the site root."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

_SIGNATURE = b"pagefind_dcd"


def fragments(site: Path) -> dict[str, dict]:
    found = {}
    for path in sorted((Path(site) / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(_SIGNATURE), path
        fragment = json.loads(data[len(_SIGNATURE):])
        found[fragment["url"].lstrip("/")] = fragment
    return found


def languages(site: Path) -> set[str]:
    entry = json.loads((Path(site) / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return set(entry["languages"])

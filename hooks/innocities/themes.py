"""Display names of themes (data/themes.yml): what readers see instead of a tag's slug."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .slugs import slugify
from .yamlsafe import read_data

DATA = Path(__file__).parent / "data" / "themes.yml"


@cache
def names() -> dict[str, str]:
    """Theme slug → display name. The file is keyed by the tag as projects write it
    ("cirkulär-ekonomi"); its slug ("cirkular-ekonomi") is what a project's tag is matched on."""
    return {slugify(str(tag)): str(name) for tag, name in (read_data(DATA).get("themes") or {}).items()}


def readable(label: str) -> str:
    """A tag not in the data file, as words: 'smarta-hem' → 'Smarta hem'."""
    words = " ".join(label.replace("-", " ").replace("_", " ").split())
    return words[:1].upper() + words[1:]


def display_name(slug: str, label: str) -> str:
    """The name readers see for a theme: from the data file, else the tag made readable."""
    return names().get(slug) or readable(label)

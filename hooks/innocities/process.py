"""The phases of the innovation process (data/phases.yml), in order."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .yamlsafe import read_data

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Phase:
    slug: str
    name: str
    description: str
    order: int


@cache
def phases() -> tuple[Phase, ...]:
    raw = read_data(DATA / "phases.yml")
    return tuple(Phase(p["slug"], p["name"], p["description"], i + 1) for i, p in enumerate(raw["phases"]))

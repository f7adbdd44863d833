"""Labels for generated pages, from one table (data/labels.yml)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .yamlsafe import read_data

DEFAULT_LANGUAGE = "sv"


class Labels(dict):
    """A label table; `t.facts` in a template finds the key without Jinja's failed-attribute
    detour (an exception per label, thousands per page set)."""

    def __getattr__(self, key: str):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None


@cache
def labels(language: str = DEFAULT_LANGUAGE) -> Labels:
    table = read_data(Path(__file__).parent / "data" / "labels.yml")
    base = table[DEFAULT_LANGUAGE]
    chosen = table.get(language, {})
    # A language may be incomplete; what it lacks falls back to Swedish, which is complete.
    return _merge(base, chosen)


def _merge(base: dict, over: dict) -> Labels:
    out = Labels({key: Labels(value) if isinstance(value, dict) else value for key, value in base.items()})
    for key, value in over.items():
        out[key] = _merge(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return out

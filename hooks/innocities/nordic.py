"""The map of participating organisations, drawn at build time (filled in by the map work)."""

from __future__ import annotations

from .index import Index


class NordicMap:
    def __init__(self, ix: Index) -> None:
        self.ix = ix

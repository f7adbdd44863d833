"""Portfolio statistics for the statistics page (filled in by the statistics work)."""

from __future__ import annotations

from .index import Index


class Statistics:
    def __init__(self, ix: Index) -> None:
        self.ix = ix

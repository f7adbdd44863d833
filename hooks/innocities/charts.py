"""Counting and bar-chart geometry, shared by the statistics page and every portfolio
(programme and organisation pages). Only numbers and label lines here: _charts.html draws the
SVG and the table beside it.

A chart is drawn at its own size: the SVG's width attribute is WIDTH CSS px and charts.css only
lets it shrink when the column is narrower. So its 14 px text is 14 px on a desktop and at 390 px,
and about 13.4 px at 320 px, where the column is 288 px (smaller than that only in a column under
260 px). Every label sits on its own lines above its bar (one layout for every chart), wrapped
here so it never runs past the chart's right edge.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .agenda import Goal

WIDTH = 300.0  # CSS px at full size, and SVG user units
FONT = 14.0  # label and value text, in user units (charts.css)
LINE = 17.0  # one label line
# Characters on a label line: 14 px text averages 7-8.4 px a character (Arial to DejaVu Sans),
# so 36 characters stay inside WIDTH in the widest common font.
LINE_CHARS = 36
BAR = 14.0  # bar height
GAP = 10.0  # between a bar and the next label
VALUE_ROOM = 44.0  # right of the longest bar, for its number
MIN_BAR = 2.0  # a count above zero is never drawn as nothing


def tally(items: Iterable, keys: Callable[[Any], Iterable], order: Iterable) -> list[tuple[Any, int]]:
    """How many items have each key, one row per key of `order` (zeros too: a gap should show).
    `keys(item)` gives the item's keys (a project counts once under each of its goals)."""
    counts = Counter(k for item in items for k in keys(item))
    return [(k, counts[k]) for k in order]


def label_lines(text: str, width: int = LINE_CHARS, most: int = 3) -> tuple[str, ...]:
    """A label wrapped at word boundaries into at most `most` lines, the last cut with '…'."""
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return tuple(lines)


@dataclass(frozen=True)
class Bar:
    """One row of a chart: what is counted, its label, how many, and where it is drawn."""

    key: Any  # goal number, status, sector, start year (None: unknown), country code
    label: str
    lines: tuple[str, ...]  # the label wrapped for the chart
    count: int
    line_ys: tuple[float, ...]  # baseline of each label line
    bar_x: float
    bar_y: float
    bar_width: float
    bar_height: float
    value_x: float
    value_y: float
    row_y: float  # top of the row, and its height: the area a link covers
    row_height: float
    goal: Goal | None = None


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart, each label above its bar; `centred`: the bars centred under
    their labels (a funnel)."""

    id: str
    bars: tuple[Bar, ...]
    width: float
    height: float
    centred: bool = False

    @property
    def total(self) -> int:
        return sum(b.count for b in self.bars)


def bar_chart(id: str, rows: list[tuple[Any, str, int]], goals: dict[int, Goal] | None = None,
              centred: bool = False) -> Chart:
    """Lay out one bar per (key, label, count), in the order given; the longest bar fills the width
    (less room for its number, which a centred chart shows in the label)."""
    longest = WIDTH if centred else WIDTH - VALUE_ROOM
    top = max((c for _, _, c in rows), default=0)
    bars = []
    y = 0.0
    for key, label, count in rows:
        lines = label_lines(label)
        bar_y = y + len(lines) * LINE + 4
        width = 0.0 if not count else max(MIN_BAR, round(count / top * longest, 1))
        height = bar_y + BAR + GAP - y
        bars.append(Bar(
            key=key, label=label, lines=lines, count=count,
            line_ys=tuple(y + FONT + i * LINE for i in range(len(lines))),
            bar_x=round((WIDTH - width) / 2, 1) if centred else 0.0, bar_y=bar_y, bar_width=width, bar_height=BAR,
            value_x=round(width + 6, 1), value_y=bar_y + BAR - 2,
            row_y=y, row_height=height,
            goal=goals.get(key) if goals else None,
        ))
        y += height
    return Chart(id, tuple(bars), WIDTH, y, centred)

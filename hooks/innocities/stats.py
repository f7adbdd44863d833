"""Portfolio statistics for the statistics page: counts, and where each bar of a chart goes.

Only numbers here. statistics.html draws the SVG bar charts and the tables from them, so the
markup stays in the template and the labels in labels.yml. Chart geometry is in SVG user units;
charts.css draws a chart at most 26rem (about 520 px) wide, so 14 units of text is about 15 px on
a desktop screen and still about 10 px on a phone, where the table below each chart helps.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .agenda import Goal
from .index import STATUS_ORDER, Index
from .model import Project
from .schema import COUNTRIES

WIDTH = 480  # chart width in user units
VALUE_ROOM = 40  # room right of the longest bar for its number
MIN_BAR = 2.0  # a count above zero is never drawn as nothing


@dataclass(frozen=True)
class Bar:
    """One row of a chart: what is counted, how many, and where it is drawn."""

    key: Any  # goal number, status, start year (None: unknown) or country code
    count: int
    label_x: float
    label_y: float  # text baseline
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
    """A horizontal bar chart. `stacked`: each label sits above its bar (for long labels)."""

    id: str
    bars: tuple[Bar, ...]
    stacked: bool
    width: float
    height: float
    axis_x: float

    @property
    def total(self) -> int:
        return sum(b.count for b in self.bars)


def chart(id: str, counts: list[tuple[Any, int]], stacked: bool = False,
          goals: dict[int, Goal] | None = None) -> Chart:
    """Lay out one bar per (key, count), in the order given; the longest bar fills the width."""
    if stacked:  # label line, then the bar under it
        row, label_w, bar_h, bar_dy, label_dy = 40.0, 0.0, 14.0, 19.0, 14.0
    else:  # label to the left of the bar
        row, label_w, bar_h, bar_dy, label_dy = 30.0, 130.0, 18.0, 6.0, 19.5
    bar_x = label_w + 1  # just right of the axis line
    longest = WIDTH - bar_x - VALUE_ROOM
    top = max((c for _, c in counts), default=0)
    bars = []
    for i, (key, count) in enumerate(counts):
        y = i * row
        width = 0.0 if not count else max(MIN_BAR, round(count / top * longest, 1))
        bars.append(Bar(
            key=key, count=count,
            label_x=0.0 if stacked else label_w - 8, label_y=y + label_dy,
            bar_x=bar_x, bar_y=y + bar_dy, bar_width=width, bar_height=bar_h,
            value_x=round(bar_x + width + 6, 1), value_y=y + bar_dy + bar_h / 2 + 5,
            row_y=y, row_height=row,
            goal=goals.get(key) if goals else None,
        ))
    return Chart(id, tuple(bars), stacked, WIDTH, len(counts) * row + 2, label_w)


def country_counts(ix: Index, projects: list[Project]) -> Counter:
    """Projects per country; a project with organisations in two countries counts in both."""
    return Counter(c for p in projects for c in ix.project_countries[p.slug])


def year_counts(projects: list[Project]) -> list[tuple[int | None, int]]:
    """Projects per start year, every year from the first to the last (gaps show as 0),
    then the projects without a start date (key None) if there are any."""
    counts = Counter(p.start.year if p.start else None for p in projects)
    years = [y for y in counts if y is not None]
    rows: list[tuple[int | None, int]] = [(y, counts[y]) for y in range(min(years), max(years) + 1)] if years else []
    if counts[None]:
        rows.append((None, counts[None]))
    return rows


class Statistics:
    """Real projects and organisations only: an example is never a figure about the programme.
    The examples are counted apart (`examples`, `example_organisations`)."""

    def __init__(self, ix: Index) -> None:
        self.ix = ix
        projects = ix.real_projects
        self.total = len(projects)
        self.organisations = sum(1 for m in ix.municipalities if not m.example)
        self.examples = len(ix.example_projects)
        self.example_organisations = len(ix.municipalities) - self.organisations
        goals = {g.number: g for g in ix.agenda.goals}
        per_goal = Counter(g for p in projects for g in p.goals)
        self.goals = chart("mal", [(n, per_goal[n]) for n in goals], stacked=True, goals=goals)
        status = Counter(p.status for p in projects)
        # One layout for every chart: the label above its bar, so long labels never squeeze the bars.
        self.statuses = chart("status", [(s, status[s]) for s in STATUS_ORDER], stacked=True)
        self.years = chart("startar", year_counts(projects), stacked=True)
        countries = country_counts(ix, projects)
        # Only countries with content: a row of zeros for every Nordic country says nothing.
        self.countries = chart("land", [(c, countries[c]) for c in COUNTRIES if countries[c]], stacked=True)
        self.goals_in_use = sum(1 for b in self.goals.bars if b.count)
        self.countries_in_use = sum(1 for b in self.countries.bars if b.count)
        self.unknown_start = sum(b.count for b in self.years.bars if b.key is None)

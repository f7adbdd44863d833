"""A programme's (or an organisation's) portfolio at a glance: counts and chart geometry.

Only numbers and labels here, like stats.py: _portfolio.html and _charts.html draw the SVG charts
and a table beside each. The bar charts are charts.py's, as on the statistics page; the funnel and
the timeline are drawn at the same size (charts.WIDTH CSS px, 14 px text).
Everything is computed from the projects given, in one pass per figure, so a portfolio page
costs time in proportion to its own projects.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

from .charts import WIDTH, Chart, bar_chart, label_lines, tally
from .index import STATUS_ORDER, Index
from .labels import Labels, labels
from .model import Project
from .schema import CURRENCIES, SECTORS

TIMELINE_ROW = 36.0  # a label line and a bar under it, in SVG user units


@dataclass(frozen=True)
class Span:
    """One project on the timeline: from start to end, or to the build date while ongoing."""
    project: Project
    label: str  # the title, cut to one line of the chart
    start: dt.date
    end: dt.date
    open_ended: bool  # no end date: drawn to the build date
    x: float
    width: float
    label_y: float
    bar_y: float


@dataclass(frozen=True)
class Timeline:
    id: str
    spans: tuple[Span, ...]
    undated: tuple[Project, ...]  # no start date: listed, not drawn
    first_year: int
    last_year: int
    ticks: tuple[tuple[int, float], ...]  # (year, x) at each 1 January shown
    width: float
    height: float
    axis_y: float


@dataclass(frozen=True)
class ResultSum:
    """Reported values of one indicator in one unit: summed only within that pair."""
    indicator: str
    unit: str
    total: float
    count: int  # how many reported values
    projects: tuple[Project, ...]


class PortfolioView:
    """The figures for one set of projects. `id` prefixes every chart's element ids, so two
    portfolios could share a page."""

    def __init__(self, ix: Index, projects: list[Project], id: str = "portfolj", t: Labels | None = None,
                 lang: str = "sv") -> None:
        self.ix = ix
        self.projects = projects  # in catalogue order (from the index)
        self.id = id
        self.t = t or labels()  # names of the bars
        self.lang = lang

    @cached_property
    def statuses(self) -> Chart:
        return bar_chart(f"{self.id}-status", [(s, self.t.status[s], c) for s, c in
                                               tally(self.projects, lambda p: (p.status,), STATUS_ORDER)])

    @cached_property
    def funnel(self) -> Chart:
        """Projects per phase, every phase shown (an empty one as a gap), in process order, each bar
        centred so the phases read as a funnel."""
        counts = tally(self.projects, lambda p: (p.phase,) if p.phase else (), [ph.slug for ph in self.ix.phases])
        return bar_chart(f"{self.id}-fas", [(slug, ph.name, n) for ph, (slug, n) in zip(self.ix.phases, counts)], centred=True)

    @cached_property
    def without_phase(self) -> int:
        return sum(1 for p in self.projects if not p.phase)

    @cached_property
    def goals(self) -> Chart:
        """All 17 goals, uncovered ones with 0, so a gap in the portfolio shows."""
        goals = {g.number: g for g in self.ix.agenda.goals}
        return bar_chart(f"{self.id}-mal", [(n, f"{n}. {goals[n].name[self.lang]}", c)
                                            for n, c in tally(self.projects, lambda p: p.goals, goals)], goals=goals)

    @cached_property
    def uncovered(self) -> list[int]:
        return [b.key for b in self.goals.bars if not b.count]

    @cached_property
    def helix(self) -> Chart:
        """Partners by quadruple-helix sector, each partner (by name) counted once across the
        portfolio; partners without a sector are counted apart as None."""
        sector_of: dict[str, str | None] = {}
        for p in self.projects:
            for partner in p.partners:
                key = partner.name.casefold()
                if sector_of.get(key) is None:
                    sector_of[key] = partner.sector
        rows = tally(sector_of.values(), lambda s: (s,), [*SECTORS, None])
        names = {**self.t.sector, None: self.t.portfolio_sector_unknown}
        return bar_chart(f"{self.id}-helix", [(s, names[s], c) for s, c in rows if s is not None or c])

    @cached_property
    def helix_shares(self) -> dict[str, int]:
        """Per sector, its share of the partners with a known sector, in whole percent."""
        known = sum(b.count for b in self.helix.bars if b.key is not None)
        return {b.key: round(100 * b.count / known) if known else 0 for b in self.helix.bars if b.key is not None}

    @cached_property
    def timeline(self) -> Timeline:
        today = self.ix.today  # from SOURCE_DATE_EPOCH: the same content draws the same page
        dated = [p for p in self.projects if p.start]
        dated.sort(key=lambda p: (p.start, p.slug))
        undated = tuple(p for p in self.projects if not p.start)
        if not dated:
            return Timeline(f"{self.id}-tid", (), undated, 0, 0, (), WIDTH, 0, 0)
        ends = [p.end or max(today, p.start) for p in dated]
        first = dt.date(min(p.start for p in dated).year, 1, 1)
        last = dt.date(max(ends).year + 1, 1, 1)
        days = (last - first).days

        def x(day: dt.date) -> float:
            return round((day - first).days / days * WIDTH, 1)

        spans = []
        for i, (p, end) in enumerate(zip(dated, ends)):
            y = i * TIMELINE_ROW
            x0 = x(p.start)
            spans.append(Span(p, label_lines(p.title, most=1)[0], p.start, end, p.end is None, x0, max(3.0, round(x(end) - x0, 1)), y + 14, y + 21))
        step = max(1, -(-(last.year - first.year) // 6))  # at most about 6 year marks fit at 320 px
        ticks = tuple((year, x(dt.date(year, 1, 1))) for year in range(first.year, last.year + 1, step))
        axis_y = len(spans) * TIMELINE_ROW + 4
        return Timeline(f"{self.id}-tid", tuple(spans), undated, first.year, last.year - 1, ticks, WIDTH,
                        axis_y + 20, axis_y)

    @cached_property
    def budgets(self) -> list[tuple[str, float, int]]:
        """(currency, total, projects) per currency: amounts are never added across currencies."""
        totals: dict[str, float] = defaultdict(float)
        counts: Counter = Counter()
        for p in self.projects:
            if p.budget:
                totals[p.budget.currency] += p.budget.amount
                counts[p.budget.currency] += 1
        return [(c, totals[c], counts[c]) for c in CURRENCIES if counts[c]]

    @cached_property
    def without_budget(self) -> int:
        return sum(1 for p in self.projects if not p.budget)

    @cached_property
    def results(self) -> list[ResultSum]:
        """Reported results summed per (indicator, unit): the same indicator in two units is two rows."""
        groups: dict[tuple[str, str], list] = defaultdict(list)
        for p in self.projects:
            for r in p.results:
                groups[(r.indicator, r.unit)].append((p, r))
        out = []
        for (indicator, unit), rows in sorted(groups.items(), key=lambda kv: (kv[0][0].casefold(), kv[0][1].casefold(), kv[0])):
            projects = tuple(dict.fromkeys(p.slug for p, _ in rows))
            out.append(ResultSum(indicator, unit, sum(r.value for _, r in rows), len(rows),
                                 tuple(self.ix.portfolio.projects[s] for s in projects)))
        return out

    @cached_property
    def completed(self) -> list[Project]:
        """Finished projects, whose pages hold the lessons learned."""
        return [p for p in self.projects if p.status == "completed"]

    @cached_property
    def goals_covered(self) -> int:
        return 17 - len(self.uncovered)

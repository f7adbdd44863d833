"""Portfolio statistics for the statistics page: the counts, laid out as charts (charts.py).

statistics.html draws the SVG bar charts and the tables from them with _charts.html, so the
markup stays in the templates and the labels in labels.yml.
"""

from __future__ import annotations

from collections import Counter

from .charts import bar_chart, tally
from .index import STATUS_ORDER, Index
from .labels import Labels
from .model import Project
from .schema import COUNTRIES


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

    def __init__(self, ix: Index, t: Labels, lang: str = "sv") -> None:
        self.ix = ix
        projects = ix.real_projects
        self.total = len(projects)
        self.organisations = sum(1 for m in ix.municipalities if not m.example)
        self.examples = len(ix.example_projects)
        self.example_organisations = len(ix.municipalities) - self.organisations
        goals = {g.number: g for g in ix.agenda.goals}
        self.goals = bar_chart("mal", [(n, f"{n}. {goals[n].name[lang]}", c)
                                       for n, c in tally(projects, lambda p: p.goals, goals)], goals=goals)
        self.statuses = bar_chart("status", [(s, t.status[s], c) for s, c in tally(projects, lambda p: (p.status,), STATUS_ORDER)])
        self.years = bar_chart("startar", [(y, t.stats_unknown_year if y is None else str(y), c) for y, c in year_counts(projects)])
        countries = tally(projects, lambda p: ix.project_countries[p.slug], COUNTRIES)
        # Only countries with content: a row of zeros for every Nordic country says nothing.
        self.countries = bar_chart("land", [(k, t.country[k], c) for k, c in countries if c])
        self.goals_in_use = sum(1 for b in self.goals.bars if b.count)
        self.countries_in_use = sum(1 for b in self.countries.bars if b.count)
        self.unknown_start = sum(b.count for b in self.years.bars if b.key is None)

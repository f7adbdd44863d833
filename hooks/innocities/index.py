"""The cross-link graph: who links to whom, computed once per build from a valid Portfolio.

Every list is in a stable order (Swedish alphabetical by title, then slug), so the same
content always gives the same pages whatever order the file system lists files in.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter

import datetime as dt

from . import agenda, history, process, themes
from .content import Portfolio
from .model import Method, Municipality, Programme, Project, Theme

RELATED_LIMIT = 5
RELATED_WINDOW = 25  # per shared link, the projects nearest in catalogue order that are scored
STATUS_ORDER = ("ongoing", "planned", "idea", "completed", "discontinued")

# Swedish alphabet order: å, ä, ö come after z (æ sorts with ä, ø with ö).
_SV = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})


def sv_key(text: str) -> str:
    text = text.casefold().translate(_SV)
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def project_key(p: Project) -> tuple:
    return (sv_key(p.title), p.slug)


@dataclass
class Index:
    portfolio: Portfolio
    agenda: agenda.Agenda = field(default_factory=agenda.load)
    phases: tuple[process.Phase, ...] = field(default_factory=process.phases)
    dates: dict[str, history.FileDates] = field(default_factory=dict)  # source path → git dates
    today: dt.date = field(default_factory=history.today)

    def __post_init__(self) -> None:
        p = self.portfolio
        self.projects: list[Project] = sorted(p.projects.values(), key=project_key)
        self.municipalities: list[Municipality] = sorted(p.municipalities.values(), key=lambda m: (sv_key(m.name), m.slug))
        self.methods: list[Method] = sorted(p.methods.values(), key=lambda m: (m.order, m.slug))
        self.programmes: list[Programme] = sorted(p.programmes.values(), key=lambda g: (sv_key(g.name), g.slug))
        by_programme, members = defaultdict(list), defaultdict(list)
        for m in self.municipalities:
            if m.programme:
                members[m.programme].append(m)
        self.members_of_programme = dict(members)  # organisations that name the programme
        by_mun, by_goal, by_target = defaultdict(list), defaultdict(list), defaultdict(list)
        by_method, by_phase, by_theme = defaultdict(list), defaultdict(list), defaultdict(list)
        labels: dict[str, Counter] = defaultdict(Counter)
        for proj in self.projects:  # already sorted, so every list below is too
            for m in proj.municipalities:
                by_mun[m].append(proj)
            for g in proj.goals:
                by_goal[g].append(proj)
            for t in proj.targets:
                by_target[t].append(proj)
            for m in proj.methods:
                by_method[m].append(proj)
            if proj.phase:
                by_phase[proj.phase].append(proj)
            for t in proj.themes:
                by_theme[t.slug].append(proj)
                labels[t.slug][t.label] += 1
            if proj.programme:
                by_programme[proj.programme].append(proj)
        self.by_municipality = dict(by_mun)
        self.by_goal = dict(by_goal)
        self.by_target = dict(by_target)
        self.by_method = dict(by_method)
        self.by_phase = dict(by_phase)
        self.by_theme = dict(by_theme)
        self.by_programme = dict(by_programme)
        # A theme's name comes from data/themes.yml; a theme not listed there is named by the
        # label most projects use (ties broken alphabetically), made readable.
        self.themes: list[Theme] = sorted(
            (Theme(slug, themes.display_name(slug, min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]))
             for slug, c in labels.items()),
            key=lambda t: (sv_key(t.label), t.slug),
        )
        self.theme_by_slug = {t.slug: t for t in self.themes}

    # --- lookups used by the pages ---------------------------------------------------------

    @cached_property
    def real_projects(self) -> list[Project]:
        return [p for p in self.projects if not p.example]

    @cached_property
    def example_projects(self) -> list[Project]:
        return [p for p in self.projects if p.example]

    def figures(self, example: bool) -> dict[str, int]:
        """Counts for the start page, real and example content apart: projects, organisations,
        countries with a project, goals served."""
        projects = self.example_projects if example else self.real_projects
        return {
            "projects": len(projects),
            "organisations": sum(1 for m in self.municipalities if m.example == example),
            "countries": len({c for p in projects for c in self.project_countries[p.slug]}),
            "goals": len({g for p in projects for g in p.goals}),
        }

    @cached_property
    def countries(self) -> list[str]:
        """Countries with at least one project, in a fixed order."""
        return sorted({c for countries in self.project_countries.values() for c in countries})

    def municipality(self, slug: str) -> Municipality:
        return self.portfolio.municipalities[slug]

    def programme(self, slug: str) -> Programme:
        return self.portfolio.programmes[slug]

    def organisations_of_programme(self, g: Programme) -> list[Municipality]:
        """Hosts, coordinator and members, each once, in name order."""
        slugs = {*g.hosts, *([g.coordinator] if g.coordinator else []), *(m.slug for m in self.members_of_programme.get(g.slug, []))}
        return [m for m in self.municipalities if m.slug in slugs]

    def method(self, slug: str) -> Method:
        return self.portfolio.methods[slug]

    @cached_property
    def phase_by_slug(self) -> dict[str, process.Phase]:
        return {ph.slug: ph for ph in self.phases}

    @cached_property
    def results_by_goal(self) -> dict[int, list[tuple[Project, object]]]:
        """Per goal, each (project, result) reported against the goal or one of its targets, in
        catalogue order, then target order within a project."""
        out: dict[int, list] = defaultdict(list)
        for p in self.projects:
            for r in p.results:
                if r.target:
                    out[int(r.target.split(".")[0])].append((p, r))
        return dict(out)

    def goals_of_municipality(self, slug: str) -> list[agenda.Goal]:
        numbers = sorted({g for p in self.by_municipality.get(slug, []) for g in p.goals})
        return [self.agenda.goal(n) for n in numbers]

    def municipalities_of_goal(self, number: int) -> list[Municipality]:
        slugs = {m for p in self.by_goal.get(number, []) for m in p.municipalities}
        return [m for m in self.municipalities if m.slug in slugs]

    def projects_by_status(self, projects: list[Project]) -> list[tuple[str, list[Project]]]:
        groups = defaultdict(list)
        for p in projects:
            groups[p.status].append(p)
        return [(s, groups[s]) for s in STATUS_ORDER if groups.get(s)]

    def confirmed(self, p: Project) -> dt.date | None:
        """When the case was last confirmed: `reviewed`, else the file's last commit. Never for an
        example: there is nothing real to confirm."""
        if p.example:
            return None
        if p.reviewed:
            return p.reviewed
        dates = self.dates.get(p.source)
        return dates.changed if dates else None

    def is_stale(self, p: Project) -> bool:
        day = self.confirmed(p)
        return day is not None and day < history.months_before(self.today, history.STALE_AFTER_MONTHS)

    def added(self, p: Project) -> dt.date | None:
        """When the case came into the knowledge base: its first commit, else its dates."""
        dates = self.dates.get(p.source)
        return dates.added if dates else (p.reviewed or p.start)

    @cached_property
    def newest(self) -> list[Project]:
        """Newest first; undated last; ties in title order, so the order is stable."""
        return sorted(self.projects, key=lambda p: (-(self.added(p) or dt.date.min).toordinal(), project_key(p)))

    def content_date(self, p: Project) -> dt.date | None:
        """How new a case is to a reader, from its own dates, never git (every file may share one
        commit): the latest of start, end and reviewed that has come, else a planned start."""
        past = [d for d in (p.start, p.end, p.reviewed) if d and d <= self.today]
        return max(past) if past else p.start

    @cached_property
    def newest_by_content(self) -> list[Project]:
        """Newest first by content_date; undated last; ties in title order."""
        return sorted(self.projects, key=lambda p: (-(self.content_date(p) or dt.date.min).toordinal(), project_key(p)))

    @cached_property
    def by_country(self) -> dict[str, list[Project]]:
        """Projects per country of their organisations, in catalogue order."""
        out: dict[str, list[Project]] = defaultdict(list)
        for p in self.projects:
            for c in self.project_countries[p.slug]:
                out[c].append(p)
        return dict(out)

    @cached_property
    def project_countries(self) -> dict[str, list[str]]:
        """Each project's countries (from its municipalities), sorted."""
        return {p.slug: sorted({self.portfolio.municipalities[m].country for m in p.municipalities}) for p in self.projects}

    def facet_values(self, p: Project) -> dict[str, list[str]]:
        """What a project is filed under, per catalogue facet (values as they go in the URL)."""
        return {
            "typ": ["exempel" if p.example else "verkligt"],
            "mal": [str(g) for g in p.goals],
            "tema": [t.slug for t in p.themes],
            "kommun": list(p.municipalities),
            "program": [p.programme] if p.programme else [],
            "land": self.project_countries[p.slug],
            "status": [p.status],
            "fas": [p.phase] if p.phase else [],
            "ar": [str(p.start.year)] if p.start else [],
        }

    @cached_property
    def facets(self) -> list[tuple[str, list[tuple[str, int]]]]:
        """Each facet with its values in display order and how many projects have each."""
        counts: dict[str, Counter] = defaultdict(Counter)
        for p in self.projects:
            for key, values in self.facet_values(p).items():
                counts[key].update(values)
        order = {
            "typ": lambda v: v == "exempel",  # real first
            "mal": lambda v: int(v),
            "tema": lambda v: sv_key(self.theme_by_slug[v].label),
            "kommun": lambda v: sv_key(self.portfolio.municipalities[v].name),
            "program": lambda v: sv_key(self.portfolio.programmes[v].name),
            "land": lambda v: v,
            "status": lambda v: STATUS_ORDER.index(v),
            "fas": lambda v: self.phase_by_slug[v].order,
            "ar": lambda v: -int(v),
        }
        return [(key, sorted(((v, n) for v, n in counts[key].items()), key=lambda vn: order[key](vn[0])))
                for key in order if counts[key]]

    @cached_property
    def related(self) -> dict[str, list[Project]]:
        """Projects sharing targets, themes, municipalities or goals, best first, in a stable order.

        Candidates come from the narrow links (targets, themes, municipalities), and from each
        link only the RELATED_WINDOW projects nearest in the catalogue order: a theme can hold
        most of the portfolio, and scoring all of it for every project would be quadratic.
        Goals only add weight among the candidates.
        """
        rank = {p.slug: i for i, p in enumerate(self.projects)}
        goal_members = {g: {p.slug for p in members} for g, members in self.by_goal.items()}
        slugs_of: dict[int, list[str]] = {}  # id(posting list) → its slugs
        position = {}  # (posting, slug) → index in that posting list
        out = {}
        for proj in self.projects:
            score: Counter = Counter()
            for postings, keys, weight in ((self.by_target, proj.targets, 3),
                                           (self.by_theme, [t.slug for t in proj.themes], 2),
                                           (self.by_municipality, proj.municipalities, 2)):
                for key in keys:
                    members = postings.get(key)
                    if not members:
                        continue
                    slugs = slugs_of.get(id(members))
                    if slugs is None:
                        slugs = slugs_of[id(members)] = [p.slug for p in members]
                    if len(slugs) > 2 * RELATED_WINDOW:
                        where = position.get((id(members), proj.slug))
                        if where is None:
                            position.update(((id(members), slug), i) for i, slug in enumerate(slugs))
                            where = position[(id(members), proj.slug)]
                        slugs = slugs[max(0, where - RELATED_WINDOW): where + RELATED_WINDOW + 1]
                    for _ in range(weight):
                        score.update(slugs)  # Counter counts a list in C; a loop here was most of the time
            score.pop(proj.slug, None)
            for g in set(proj.goals):  # one more for each shared goal
                score.update(goal_members[g] & score.keys())
            # Best first, ties in catalogue order: sorting by count alone runs in C, and only the
            # candidates tied with the last place are ordered by rank.
            ranked = sorted(score.items(), key=itemgetter(1), reverse=True)
            if len(ranked) > RELATED_LIMIT:
                cut, last = RELATED_LIMIT, ranked[RELATED_LIMIT - 1][1]
                while cut < len(ranked) and ranked[cut][1] == last:
                    cut += 1
                ranked = ranked[:cut]
            best = sorted(ranked, key=lambda kv: (-kv[1], rank[kv[0]]))[:RELATED_LIMIT]
            out[proj.slug] = [self.portfolio.projects[s] for s, _ in best]
        return out

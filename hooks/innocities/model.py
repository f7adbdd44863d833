"""The content model: what a valid content file becomes. Plain values, no MkDocs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Partner:
    name: str
    sector: str | None = None  # academia | business | public | civil-society


@dataclass(frozen=True)
class Budget:
    amount: float
    currency: str


@dataclass(frozen=True)
class Contact:
    name: str
    email: str | None = None


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Source:
    """A public source a fact on the page can be found in."""
    title: str
    url: str
    publisher: str | None = None
    accessed: dt.date | None = None


@dataclass(frozen=True)
class Result:
    """One measured result of a project, against an indicator in a unit."""
    indicator: str
    value: float
    unit: str
    year: int | None = None
    target: str | None = None  # canonical SDG id: "7.2" (or a goal "7")
    baseline: float | None = None
    source: str | None = None  # URL


@dataclass(frozen=True)
class Theme:
    slug: str
    label: str


@dataclass
class Project:
    slug: str
    source: str  # content/projects/<slug>.md
    title: str
    summary: str
    status: str
    municipalities: list[str]
    sdgs: list[str]  # canonical ids: "7", "11.2"
    body: str = ""
    phase: str | None = None
    themes: list[Theme] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    funding: list[str] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    reviewed: dt.date | None = None
    budget: Budget | None = None
    contact: Contact | None = None
    links: list[Link] = field(default_factory=list)
    image: str | None = None  # path relative to the content root, checked to exist
    sources: list[Source] = field(default_factory=list)
    example: bool = False
    programme: str | None = None  # slug in content/programmes/
    results: list[Result] = field(default_factory=list)

    @property
    def goals(self) -> list[int]:
        """Goal numbers this project serves, directly or through a target, in order."""
        return sorted({int(s.split(".")[0]) for s in self.sdgs})

    @property
    def targets(self) -> list[str]:
        return [s for s in self.sdgs if "." in s]


@dataclass
class Municipality:
    slug: str
    source: str
    name: str
    type: str
    country: str
    body: str = ""
    code: str | None = None
    county: str | None = None
    population: int | None = None
    coordinates: tuple[float, float] | None = None
    joined: int | None = None
    website: str | None = None
    sources: list[Source] = field(default_factory=list)
    example: bool = False
    programme: str | None = None  # slug in content/programmes/


@dataclass
class Programme:
    """A local collaboration programme: host organisations and the projects that name it."""
    slug: str
    source: str  # content/programmes/<slug>.md
    name: str
    hosts: list[str]  # slugs in content/municipalities/
    country: str
    status: str
    body: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    coordinator: str | None = None  # slug in content/municipalities/
    goals: list[str] = field(default_factory=list)  # focus goals: canonical ids
    contact: Contact | None = None
    website: str | None = None
    sources: list[Source] = field(default_factory=list)
    example: bool = False

    @property
    def focus_goals(self) -> list[int]:
        return sorted({int(s.split(".")[0]) for s in self.goals})


@dataclass
class Method:
    slug: str
    source: str  # docs/methods/<slug>.md
    title: str
    phase: str
    order: int
    time: str | None = None
    roles: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)

"""Agenda 2030: the 17 goals and 169 targets, read from data/sdgs.yml, and how a contributor may name them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from .yamlsafe import read_data

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Target:
    id: str  # "11.2", "7.a"
    goal: int
    text: dict  # official wording per language: {"sv": ..., "en": ...}
    title: dict  # short title per language, {"sv": ...}; the UN publishes none in English
    source: str | None = None  # the page the Swedish wording was read from

    @property
    def text_en(self) -> str:
        return self.text.get("en", "")

    def text_in(self, lang: str) -> tuple[str, str]:
        """The wording in `lang`, else the English one, and the language it is in."""
        if self.text.get(lang):
            return self.text[lang], lang
        return self.text.get("en", ""), "en"

    def title_in(self, lang: str) -> str | None:
        """The short title in `lang`, or None: no title is made up where none is published."""
        return self.title.get(lang) or None

    @property
    def sort_key(self) -> tuple:
        rest = self.id.split(".", 1)[1]
        return (self.goal, 0, int(rest), "") if rest.isdigit() else (self.goal, 1, 0, rest)


@dataclass(frozen=True)
class Goal:
    number: int
    colour: str  # official, "#RRGGBB"
    name: dict  # {"sv": ..., "en": ..., "nb": ...}
    targets: tuple[Target, ...]

    @property
    def id(self) -> str:
        return str(self.number)


@dataclass(frozen=True)
class Agenda:
    goals: tuple[Goal, ...]

    @cached_property
    def targets(self) -> dict[str, Target]:
        return {t.id: t for g in self.goals for t in g.targets}

    def goal(self, number: int) -> Goal:
        return self.goals[number - 1]

    def parse(self, value) -> tuple[str | None, str]:
        """A goal or target id in canonical form ("7", "11.2"), or None and what to write instead."""
        if isinstance(value, bool):
            return None, ""
        if isinstance(value, int):
            return (str(value), "") if 1 <= value <= 17 else (None, "")
        if isinstance(value, float):
            # `7.1` unquoted is read as a number; it still names target 7.1 (and `17.10` target 17.10).
            value = getattr(value, "text", repr(value))
        if not isinstance(value, str):
            return None, ""
        text = value.strip()
        if re.fullmatch(r"[0-9]{1,2}", text):
            return (str(int(text)), "") if 1 <= int(text) <= 17 else (None, "")
        if re.fullmatch(r"[0-9]{1,2}\.([0-9]{1,2}|[a-z])", text):
            return (text, "") if text in self.targets else (None, "")
        # "SDG 7", "Mål 7", "goal 11.2", "#7": the number is there, the words are not allowed.
        m = re.fullmatch(r"(?i)(?:sdg|mål|mal|goal|delmål|target|fn-mål|#)\s*-?\s*([0-9]{1,2}(?:\.[0-9a-z]{1,2})?)", text)
        if m:
            inner, _ = self.parse(m.group(1))
            if inner:
                return None, inner
        return None, ""


@cache
def load() -> Agenda:
    raw = read_data(DATA / "sdgs.yml")
    goals = []
    for g in raw["goals"]:
        targets = tuple(Target(str(t["id"]), g["number"], dict(t["text"]), dict(t.get("title") or {}), t.get("source"))
                        for t in g["targets"])
        goals.append(Goal(g["number"], g["colour"], dict(g["name"]), targets))
    return Agenda(tuple(goals))

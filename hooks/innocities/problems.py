"""A problem in the content is a value; reporters turn a list of them into text for people or tools."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # as the contributor knows it: relative to the project root, '/' separated
    line: int  # 1-based
    column: int  # 1-based
    severity: str  # ERROR | WARNING
    field: str  # "title", "partners[1].sector", or "" for the file as a whole
    message: str  # what is wrong and what is allowed

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def format_text(p: Problem) -> str:
    field = f"{p.field}: " if p.field else ""
    return f"{p.path}:{p.line}:{p.column}: {p.severity}: {field}{p.message}"


def _gh_escape(value: str, *, prop: bool = False) -> str:
    # GitHub workflow-command escaping (toolkit/core command.ts).
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(p: Problem) -> str:
    title = f"{p.field}" if p.field else "content"
    props = f"file={_gh_escape(p.path, prop=True)},line={p.line},col={p.column},title={_gh_escape(title, prop=True)}"
    return f"::{p.severity} {props}::{_gh_escape(p.message)}"


def format_json(problems: list[Problem]) -> str:
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)


def summary(problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error(s), {warnings} warning(s)"

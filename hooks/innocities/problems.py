"""A problem in the content is a value; reporters turn a list of them into text for people or tools."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

from .messages import Message, msg

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # as the contributor knows it: relative to the project root, '/' separated
    line: int  # 1-based
    column: int  # 1-based
    severity: str  # ERROR | WARNING
    field: str  # "title", "partners[1].sector", or "" for the file as a whole
    message: Message  # what is wrong and what is allowed: msg(key, ...) from data/messages.yml

    def __post_init__(self) -> None:
        # Every message comes from the one table in both languages; a bare string is a mistake.
        if not isinstance(self.message, Message):
            raise TypeError(f"a Problem's message comes from msg(key), not {self.message!r}")

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def visible(text: str) -> str:
    """`text` with every character a terminal or log would act on or hide (controls, line breaks,
    bidi and invisible marks, non-characters, lone surrogates) written as a Python escape: \\x1b."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def format_text(p: Problem) -> str:
    field = f"{p.field}: " if p.field else ""
    # The level in words people read (fel/varning); github and json keep the values tools read.
    level = msg("level_error" if p.is_error else "level_warning")
    return visible(f"{p.path}:{p.line}:{p.column}: {level}: {field}{p.message}")


def _gh_escape(value: str, *, prop: bool = False) -> str:
    # GitHub workflow-command escaping (toolkit/core command.ts). A value is made visible first, so
    # no line break of any kind is left to start a line the runner reads as a command.
    value = visible(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(p: Problem) -> str:
    title = f"{p.field}" if p.field else "content"
    props = f"file={_gh_escape(p.path, prop=True)},line={p.line},col={p.column},title={_gh_escape(title, prop=True)}"
    return f"::{_gh_escape(p.severity, prop=True)} {props}::{_gh_escape(p.message)}"


def format_json(problems: list[Problem]) -> str:
    # JSON escapes keep each value exact for a program and show nothing raw on a terminal.
    text = json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)
    return re.sub(r"[^\x20-\x7e\n]", _json_escape, text)


def _json_escape(found: re.Match) -> str:
    ch = found.group()
    if ch.isprintable():
        return ch
    code = ord(ch)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON writes characters beyond U+FFFF
    return f"\\u{0xD800 | code >> 10:04x}\\u{0xDC00 | code & 0x3FF:04x}"


def summary(problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return msg("summary", errors=errors, warnings=warnings)

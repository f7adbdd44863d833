"""Every message the tools write, in Swedish and English, from one table (data/messages.yml).

`msg(key, **values)` renders a message in the current language: Swedish unless `set_language("en")`
was called (the CLI does so for `--lang en`, or when LANG/LC_ALL starts with "en").
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import string
from pathlib import Path

import yaml

TABLE = Path(__file__).parent / "data" / "messages.yml"
LANGUAGES = ("sv", "en")
_current = ["sv"]


@functools.cache
def table() -> dict[str, dict[str, str]]:
    with TABLE.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def language_from_env(environ=os.environ) -> str:
    """English when the locale asks for it (LC_ALL first, as the C library reads it), else Swedish."""
    for name in ("LC_ALL", "LANG"):
        value = environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "sv"
    return "sv"


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current[0] = lang


def current() -> str:
    return _current[0]


@contextlib.contextmanager
def language(lang: str):
    """Render in `lang` for a while (the field reference is always Swedish)."""
    before = _current[0]
    set_language(lang)
    try:
        yield
    finally:
        _current[0] = before


class Message(str):
    """Words from the table in the current language, with the key they came from: the only text a
    Problem may carry (problems.Problem refuses a bare string), so no message exists in one
    language only."""

    key: str

    def __add__(self, other: str) -> Message:
        # A message goes on only with another message (a hint, "did you mean"), or with nothing.
        if other and not isinstance(other, Message):
            raise TypeError(f"a message continues only with another msg(), not {other!r}: add it to data/messages.yml")
        return _message(self.key, str.__add__(self, other))


def _message(key: str, text: str) -> Message:
    out = Message(text)
    out.key = key
    return out


def msg(key: str, /, **values) -> Message:
    return _message(key, table()[key][_current[0]].format(**values))


def placeholders(text: str) -> set[str]:
    """The values a text names: {name}, and argparse's %(name)s and %s (cli.ARGPARSE_KEYS)."""
    named = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return named | {f"%{n}" for n in re.findall(r"%(\(\w+\)[sr]|[sr])", text)}

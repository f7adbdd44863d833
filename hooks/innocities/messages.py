"""Every message the tools write, in Swedish and English, from one table (data/messages.yml).

`msg(key, **values)` renders a message in the current language: Swedish unless `set_language("en")`
was called (the CLI does so for `--lang en`, or when LANG/LC_ALL starts with "en").
"""

from __future__ import annotations

import contextlib
import functools
import os
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


def msg(key: str, /, **values) -> str:
    return table()[key][_current[0]].format(**values)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}

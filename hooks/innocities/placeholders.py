"""Placeholder text that `innocities new` writes, and finding it again in a content file.

The templates in `templates/` are the one source of truth: a placeholder is marked there as
`[[text]]`; `new` writes the text without the brackets, and `check` looks for the same text.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .messages import msg
from .problems import WARNING, Problem

TEMPLATES = Path(__file__).parent / "templates"
MARK = re.compile(r"\[\[(.+?)\]\]")
FIELD_LINE = re.compile(r"([A-Za-z_][\w-]*)\s*:")

def fill(template: str) -> str:
    """A template as `new` writes it: the placeholder marks removed, their text kept."""
    return MARK.sub(r"\1", template)


@functools.cache
def texts() -> tuple[str, ...]:
    """Every placeholder text in every template, longest first."""
    found = {m.group(1) for t in sorted(TEMPLATES.glob("*.md")) for m in MARK.finditer(t.read_text(encoding="utf-8"))}
    return tuple(sorted(found, key=lambda s: (-len(s), s)))


def find(rel: str, text: str) -> list[Problem]:
    """A warning for each placeholder still in a file, at its line and column; in the front matter
    the field is the key on that line, in the body it is empty."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    closing = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), 0) \
        if lines and lines[0].rstrip() == "---" else 0
    out = []
    for number, line in enumerate(lines, 1):
        for placeholder in texts():
            col = line.find(placeholder)
            if col < 0:
                continue
            key = FIELD_LINE.match(line) if number - 1 < closing else None
            out.append(Problem(rel, number, col + 1, WARNING, key.group(1) if key else "",
                               msg("placeholder", text=placeholder)))
    return out

"""Slugs: file names and URL parts made of a–z, 0–9 and '-'."""

from __future__ import annotations

import re
import unicodedata

from .fields import SLUG_PATTERN

_SPECIAL = {"æ": "ae", "ø": "o", "œ": "oe", "ß": "ss", "ð": "d", "þ": "th", "ł": "l"}


def slugify(text: str) -> str:
    """'Smart belysning i Ørsta' → 'smart-belysning-i-orsta' (å→a, ä→a, ö→o, ø→o, æ→ae)."""
    text = unicodedata.normalize("NFKC", str(text)).lower()
    text = "".join(_SPECIAL.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")


def is_slug(text: str) -> bool:
    return re.fullmatch(SLUG_PATTERN, text) is not None

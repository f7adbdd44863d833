"""Field types of the content schema.

Each type does three jobs from one definition: it checks and normalises a value (reporting
problems at the field's line), it describes itself as JSON Schema, and it says in words what
it allows (for messages and the contributor field reference).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from . import history
from .messages import language, msg
from .problems import ERROR, WARNING, Problem, visible
from .source import SourceFile

INVALID = object()  # a value that failed its check; the field is then left out of the model

# The one rule for characters no field may hold, whatever its type: each would reach pages, exports
# and logs while no reviewer can see it, or breaks a format outright (NUL, U+FFFE in XML).
# Tab, line feed and carriage return are allowed: YAML block text holds them, and Text turns
# them into spaces where a field is one line.
_REFUSED = {
    "refused_control": "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029",
    # Reorder how text around them is shown (a title read backwards, a look-alike address).
    "refused_bidi": "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069",
    # Make two values that look the same differ (a second 'energi' theme page).
    "refused_invisible": "\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff",
    # Not characters at all: XML may not hold them, and a lone surrogate cannot be written as UTF-8.
    "refused_noncharacter": "\ufdd0-\ufdef\ufffe\uffff" + "".join(
        f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)),
    "refused_surrogate": "\ud800-\udfff",
}
_REFUSED_RE = re.compile("[" + "".join(_REFUSED.values()) + "]")
_REFUSED_KIND = [(re.compile(f"[{chars}]"), kind) for kind, chars in _REFUSED.items()]


# A body (running text) holds to the same rule but for the invisible marks: there they join emoji
# and hyphenate long words, and make no second page or value that looks the same.
_BODY_REFUSED_RE = re.compile("[" + "".join(v for k, v in _REFUSED.items() if k != "refused_invisible") + "]")
# The same classes without their characters beyond U+FFFF (single ones, no range ends there): a
# class holding those is searched about 14 times slower, and nearly no text has any such character.
_BMP_ONLY = functools.partial(re.sub, "[\U00010000-\U0010ffff]", "")
_REFUSED_BMP_RE = re.compile(_BMP_ONLY(_REFUSED_RE.pattern))
_BODY_REFUSED_BMP_RE = re.compile(_BMP_ONLY(_BODY_REFUSED_RE.pattern))
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


def first_refused(text: str, *, body: bool = False) -> tuple[int, str] | None:
    """(offset, why) of the first character of `text` the one rule refuses, or None."""
    if _ASTRAL_RE.search(text) is None:
        found = (_BODY_REFUSED_BMP_RE if body else _REFUSED_BMP_RE).search(text)
    else:
        found = (_BODY_REFUSED_RE if body else _REFUSED_RE).search(text)
    if found is None:
        return None
    ch = found.group()
    kind = next(kind for pattern, kind in _REFUSED_KIND if pattern.match(ch))
    return found.start(), msg("refused_character", kind=msg(kind), code=f"U+{ord(ch):04X}", position=found.start() + 1)


def refused_character(text: str) -> str | None:
    """Why `text` may not be a field value, or None: the first character the one rule refuses."""
    found = first_refused(text)
    return found[1] if found else None


def closest(word: Any, options: list[str] | tuple[str, ...] | set[str]) -> str | None:
    """The option a contributor most likely meant, or None."""
    word = str(word)
    options = sorted(options)
    lowered = {o.lower(): o for o in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def did_you_mean(word: Any, options) -> str:
    best = closest(word, options)
    return msg("did_you_mean", best=best) if best else ""


def show(value: Any) -> str:
    """A contributor's value quoted for a message: short, and every unprintable character escaped."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        try:
            return msg("show_long_number", digits=len(str(abs(value))))
        except ValueError:  # beyond the digits Python turns into text
            return msg("show_about_digits", digits=value.bit_length() * 30103 // 100000 + 1)
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return visible(text if len(text) <= 60 else text[:57] + "…'")


def field_name(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass
class Checker:
    """Collects problems for one file; knows where each field is."""

    source: SourceFile
    known: dict[str, set[str]] = field(default_factory=dict)  # collection → slugs that exist
    problems: list[Problem] = field(default_factory=list)
    today: dt.date = field(default_factory=history.latest_today)  # no review date may be later
    root: Path | None = None  # the repository, where file paths in fields are looked up

    def report(self, severity: str, path: tuple, message: str) -> None:
        line, col = self.source.where(path)
        self.problems.append(Problem(self.source.rel, line, col, severity, field_name(path), message))

    def error(self, path: tuple, message: str) -> Any:
        self.report(ERROR, path, message)
        return INVALID

    def warning(self, path: tuple, message: str) -> None:
        self.report(WARNING, path, message)


def check_value(type_: "Type", value: Any, path: tuple, c: Checker) -> Any:
    """Every field value passes here on its way to its type: the character rule holds for all."""
    if isinstance(value, str):
        refused = refused_character(value)
        if refused:
            return c.error(path, refused)
    return type_.check(value, path, c)


class Type:
    description = ""

    def check(self, value: Any, path: tuple, c: Checker) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError

    def allowed(self) -> str:
        """What is allowed, in words, for messages, in the current language (messages.yml)."""
        raise NotImplementedError

    def allowed_sv(self) -> str:
        """The same in Swedish, for the contributor field reference: one table serves both."""
        with language("sv"):
            return self.allowed()


@dataclass
class Text(Type):
    min_len: int = 1
    max_len: int = 200
    multiline: bool = False

    def check(self, value, path, c):
        if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
            kind = msg("kind_" + ("empty" if value is None else type(value).__name__))
            return c.error(path, msg("text_wrong_kind", allowed=self.allowed(), kind=kind))
        if isinstance(value, (int, float, dt.date)):
            value = value.isoformat() if isinstance(value, dt.date) else getattr(value, "text", str(value))
        text = unicodedata.normalize("NFC", value).strip()
        if not self.multiline:
            text = " ".join(text.split())  # runs of whitespace as one space, like re.sub(r"\s+", " ", ...)
        if len(text) < self.min_len:
            return c.error(path, msg("text_empty", allowed=self.allowed()))
        if len(text) > self.max_len:
            return c.error(path, msg("text_too_long", length=len(text), allowed=self.allowed()))
        return text

    def json_schema(self):
        s = {"type": "string", "minLength": self.min_len, "maxLength": self.max_len}
        s["pattern"] = r"\S"
        return s

    def allowed(self):
        return msg("allowed_text", min=self.min_len, max=self.max_len)



@dataclass
class Enum(Type):
    values: tuple[str, ...]
    labels: dict[str, str] = field(default_factory=dict)  # value → Swedish label for docs

    def check(self, value, path, c):
        if isinstance(value, str) and value.strip() in self.values:
            return value.strip()
        return c.error(path, msg("enum_not_allowed", value=show(value), allowed=', '.join(self.values)) + did_you_mean(value, self.values))

    def json_schema(self):
        return {"type": "string", "enum": list(self.values)}

    def allowed(self):
        return msg("allowed_enum", values=", ".join(self.values))



# The largest whole number a JavaScript reader of projects.json holds exactly (2**53 - 1); a float
# beyond it is not a whole number any more, and one beyond 1.8e308 is no float at all.
LARGEST = 9007199254740991


@dataclass
class Integer(Type):
    minimum: int | None = None
    maximum: int | None = None

    def check(self, value, path, c):
        if isinstance(value, bool) or not isinstance(value, int):
            hint = ""
            if isinstance(value, str) and re.fullmatch(r"[0-9][0-9 _]*", value.strip()):
                hint = msg("integer_digits_hint")
            return c.error(path, msg("integer_not_whole", value=show(value), allowed=self.allowed()) + hint)
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            return c.error(path, msg("number_out_of_range", value=show(value), allowed=self.allowed()))
        if abs(value) > LARGEST:
            return c.error(path, msg("number_too_large", value=show(value), largest=LARGEST))
        return value

    def json_schema(self):
        s: dict = {"type": "integer"}
        if self.minimum is not None:
            s["minimum"] = self.minimum
        s["maximum"] = self.maximum if self.maximum is not None else LARGEST
        return s

    def allowed(self):
        if self.minimum is not None and self.maximum is not None:
            return msg("allowed_integer_range", min=self.minimum, max=self.maximum)
        if self.minimum is not None:
            return msg("allowed_integer_min", min=self.minimum)
        return msg("allowed_integer")





@dataclass
class Number(Type):
    minimum: float | None = None

    def check(self, value, path, c):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            return c.error(path, msg("number_not_number", value=show(getattr(value, 'text', value)), allowed=self.allowed()))
        if isinstance(value, float) and not math.isfinite(value):
            return c.error(path, msg("number_not_finite", value=show(getattr(value, 'text', value)), allowed=self.allowed()))
        if self.minimum is not None and value < self.minimum:
            return c.error(path, msg("number_out_of_range", value=show(value), allowed=self.allowed()))
        if abs(value) > LARGEST:
            return c.error(path, msg("number_too_large", value=show(value), largest=LARGEST))
        return value

    def json_schema(self):
        s: dict = {"type": "number"}
        if self.minimum is not None:
            s["minimum"] = self.minimum
        s["maximum"] = LARGEST
        return s

    def allowed(self):
        return msg("allowed_number_min", min=f"{self.minimum:g}") if self.minimum is not None else msg("allowed_number")



@dataclass
class Date(Type):
    PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    past: bool = False  # a day that has been (a review), so not after the build's today

    def check(self, value, path, c):
        day = self._day(value, path, c)
        if self.past and day is not INVALID and day > c.today:
            return c.error(path, msg("date_future", day=day.isoformat(), today=c.today.isoformat()))
        return day

    def _day(self, value, path, c):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and re.fullmatch(self.PATTERN, value.strip()):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                return c.error(path, msg("date_not_real", value=show(value), allowed=self.allowed()))
        return c.error(path, msg("date_not_date", value=show(value), allowed=self.allowed()))

    def json_schema(self):
        return {"type": "string", "format": "date", "pattern": self.PATTERN}

    def allowed(self):
        return msg("allowed_date_past" if self.past else "allowed_date")



class Boolean(Type):
    def check(self, value, path, c):
        if isinstance(value, bool):
            return value
        return c.error(path, msg("boolean_not_allowed", value=show(value)))

    def json_schema(self):
        return {"type": "boolean"}

    def allowed(self):
        return msg("allowed_boolean")



@dataclass
class Url(Type):
    schemes: tuple[str, ...] = ("http", "https")

    def check(self, value, path, c):
        if not isinstance(value, str) or not value.strip() or re.search(r"\s", value.strip()):
            return c.error(path, msg("url_not_address", value=show(value), allowed=self.allowed()))
        value = value.strip()
        try:
            parts = urlsplit(value)
        except ValueError:
            return c.error(path, msg("url_not_address", value=show(value), allowed=self.allowed()))
        if parts.scheme.lower() not in self.schemes or (parts.scheme.lower() != "mailto" and not parts.netloc):
            return c.error(path, msg("value_not_allowed", value=show(value), allowed=self.allowed()))
        return value

    def json_schema(self):
        return {"type": "string", "format": "uri", "pattern": "^(" + "|".join(self.schemes) + "):"}

    def allowed(self):
        return msg("allowed_url", schemes=msg("or").join(f"{s}://" if s != "mailto" else "mailto:" for s in self.schemes))



class Email(Type):
    PATTERN = r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$"

    def check(self, value, path, c):
        if isinstance(value, str) and re.fullmatch(self.PATTERN, value.strip()):
            return value.strip()
        return c.error(path, msg("email_not_address", value=show(value), allowed=self.allowed()))

    def json_schema(self):
        return {"type": "string", "format": "email", "pattern": self.PATTERN}

    def allowed(self):
        return msg("allowed_email")



@dataclass
class Ref(Type):
    """A slug of another content file; existence is checked against Checker.known."""

    collection: str  # key in Checker.known
    what: str  # the message key that names what it refers to: "ref_municipality"

    def check(self, value, path, c):
        if not isinstance(value, str) or not value.strip():
            return c.error(path, msg("value_not_allowed", value=show(value), allowed=self.allowed()))
        slug = value.strip()
        known = c.known.get(self.collection, set())
        if slug not in known:
            hint = did_you_mean(slug, known)
            if not hint and len(known) <= 20:
                hint = msg("slug_use_one_of", known=', '.join(sorted(known))) if known else msg("slug_none_yet")
            return c.error(path, msg("slug_unknown", slug=slug, what=self._what()) + hint)
        return slug

    def json_schema(self):
        return {"type": "string", "pattern": SLUG_PATTERN}

    def allowed(self):
        return msg("allowed_slug", what=self._what())

    def _what(self):
        return msg(self.what)


SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


@dataclass
class ListOf(Type):
    item: Type
    min_items: int = 0
    unique: bool = True
    key: Callable[[Any], Any] = lambda v: v

    def check(self, value, path, c):
        if not isinstance(value, list):
            return c.error(path, msg("list_not_list", value=show(value)))
        if len(value) < self.min_items:
            return c.error(path, msg("list_too_few", min=self.min_items))
        out, seen = [], set()
        for i, item in enumerate(value):
            checked = check_value(self.item, item, path + (i,), c)
            if checked is INVALID:
                continue
            k = self.key(checked)
            if self.unique and k in seen:
                c.warning(path + (i,), msg("list_twice", value=show(item)))
                continue
            seen.add(k)
            out.append(checked)
        return out

    def json_schema(self):
        s = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            s["minItems"] = self.min_items
        return s

    def allowed(self):
        least = msg("allowed_list_least", min=self.min_items) if self.min_items else ""
        return msg("allowed_list", least=least, item=self.item.allowed())



@dataclass
class Field:
    name: str
    type: Type
    required: bool = False
    doc: str = ""  # Swedish, for the field reference and JSON Schema description
    example: Any = None
    # Required unless this boolean field of the same object is true (sources: unless example).
    required_unless: str | None = None

    def is_required(self, value: dict) -> bool:
        return self.required or (self.required_unless is not None and value.get(self.required_unless) is not True)


@dataclass
class Object(Type):
    fields: list[Field]
    build: Callable[..., Any] | None = None  # turns the checked dict into a model object
    name: str = "a mapping"

    @functools.cached_property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    def check(self, value, path, c):
        if not isinstance(value, dict):
            return c.error(path, msg("object_wrong_kind", allowed=self.allowed(), value=show(value)))
        fields = self.by_name
        out: dict[str, Any] = {}
        for key in value:
            if key not in fields:
                hint = did_you_mean(key, fields) or msg("known_fields", fields=', '.join(fields))
                c.warning(path + (key,) if isinstance(key, str) else path, msg("unknown_field", key=show(key)) + hint)
        failed = False
        for f in self.fields:
            if f.name not in value or value[f.name] is None:
                if f.is_required(value):
                    how = msg("required_empty" if f.name in value else "required_missing")
                    unless = msg("required_unless", unless=f.required_unless) if f.required_unless else ""
                    c.error(path + (f.name,), msg("required_field", field=field_name(path + (f.name,)), how=how,
                                                  unless=unless, allowed=f.type.allowed()))
                    failed = True
                continue
            checked = check_value(f.type, value[f.name], path + (f.name,), c)
            if checked is INVALID:
                failed = failed or f.is_required(value)
                continue
            out[f.name] = checked
        if failed:
            return INVALID
        return self.build(**out) if self.build else out

    def json_schema(self):
        s = {
            "type": "object",
            "properties": {f.name: {**f.type.json_schema(), **({"description": f.doc} if f.doc else {})} for f in self.fields},
            "required": [f.name for f in self.fields if f.required],
            "additionalProperties": False,
        }
        conditional = [{"if": {"properties": {f.required_unless: {"const": True}}, "required": [f.required_unless]},
                        "else": {"required": [f.name]}}
                       for f in self.fields if f.required_unless]
        if conditional:
            s["allOf"] = conditional
        return s

    def allowed(self):
        names = ", ".join(f.name + (msg("required_mark") if f.required else "") for f in self.fields)
        return msg("allowed_object", fields=names)



@dataclass
class Either(Type):
    """Text or an object, chosen by what the contributor wrote (partners)."""

    text: Text
    obj: Object
    build_text: Callable[[str], Any] = lambda s: s

    def check(self, value, path, c):
        if isinstance(value, dict):
            return self.obj.check(value, path, c)
        checked = self.text.check(value, path, c)
        return checked if checked is INVALID else self.build_text(checked)

    def json_schema(self):
        return {"anyOf": [self.text.json_schema(), self.obj.json_schema()]}

    def allowed(self):
        return msg("allowed_name_or", obj=self.obj.allowed())


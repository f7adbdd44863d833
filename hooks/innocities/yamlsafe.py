"""YAML for contributors: the YAML 1.1 traps closed, positions and duplicate keys kept.

PyYAML follows YAML 1.1, where `NO` is false, `0301` is the octal number 193 and `1:30` is 90.
Contributors mean the text they typed, so this loader only turns `true`/`false` into booleans
and only plain decimal digits without a leading zero into integers; everything else that
YAML 1.1 would coerce stays a string, and the validator decides what it may be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .messages import msg

Path = tuple  # ("partners", 0, "sector")


class ContributorLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like scalars (see module docstring)."""


# Start from SafeLoader's resolvers minus bool/int/float, then add strict ones.
ContributorLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
ContributorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
ContributorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
ContributorLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)


def _timestamp_or_text(loader: ContributorLoader, node: ScalarNode):
    # `2024-02-30` looks like a date but is none: keep the text so the validator can say so.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


ContributorLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


class WrittenFloat(float):
    """A float that remembers how it was written: `17.10` names target 17.10, not 17.1."""

    text: str

    def __new__(cls, value: float, text: str):
        obj = super().__new__(cls, value)
        obj.text = text
        return obj

    def __reduce__(self):
        return (WrittenFloat, (float(self), self.text))


def _float_with_text(loader: ContributorLoader, node: ScalarNode):
    return WrittenFloat(yaml.SafeLoader.construct_yaml_float(loader, node), node.value)


ContributorLoader.add_constructor("tag:yaml.org,2002:float", _float_with_text)

# Python turns at most 4300 digits into an int; far fewer than that is beyond any field's range.
MAX_DIGITS = 4000


def _int_within_reason(loader: ContributorLoader, node: ScalarNode):
    digits = len(node.value.lstrip("+-"))
    if digits > MAX_DIGITS:
        raise yaml.constructor.ConstructorError(None, None, msg("yaml_huge_number", digits=digits), node.start_mark)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


ContributorLoader.add_constructor("tag:yaml.org,2002:int", _int_within_reason)


# libyaml parses several times faster than pure Python; the same resolvers and constructors
# apply, so the result is the same. Without libyaml the pure-Python loader is used.
if getattr(yaml, "__with_libyaml__", False):

    from yaml._yaml import CParser

    class _FastLoader(CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    _FastLoader.yaml_implicit_resolvers = ContributorLoader.yaml_implicit_resolvers
    _FastLoader.yaml_constructors = ContributorLoader.yaml_constructors
    LOADER = _FastLoader
else:  # pragma: no cover - depends on how PyYAML was built
    LOADER = ContributorLoader


def read_data(path) -> Any:
    """One of the project's own data files (plain YAML, written by developers)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)


@dataclass
class YamlIssue:
    line: int  # 1-based, relative to the YAML text
    column: int  # 1-based
    message: str
    key: str | None = None


@dataclass
class LoadedYaml:
    data: Any
    issues: list[YamlIssue] = field(default_factory=list)
    text: str = ""  # the document, parsed again if a message needs positions

    def positions(self, offset: int = 0) -> dict[Path, tuple[int, int]]:
        """Field path → (line, column), 1-based, lines counted after `offset` lines.

        Found only when asked: most files have no problem and never need them. The text is parsed
        again rather than its nodes kept, as thousands of kept node trees slow Python's garbage
        collector for the rest of the build."""
        found: dict[Path, tuple[int, int]] = {}
        if self.data is None:
            return found
        loader = LOADER(self.text)
        try:
            _walk(loader.get_single_node(), (), found, offset)
        finally:
            loader.dispose()
        return found


def _dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _walk(node: Node, path: Path, positions: dict, offset: int, walked: set[int] | None = None) -> None:
    positions.setdefault(path, (node.start_mark.line + 1 + offset, node.start_mark.column + 1))
    if walked is None:
        walked = set()
    if isinstance(node, (MappingNode, SequenceNode)):
        # An alias (*name) repeats a node: its fields are placed where the anchor is, once, so
        # that aliases of aliases cannot multiply the walk.
        if id(node) in walked:
            return
        walked.add(id(node))
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                continue
            key = key_node.value
            at = path + (key,)
            if at in positions:  # a duplicate key: the first one is where the field is
                continue
            # The key's own line is where a contributor looks for the field.
            positions[at] = (key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1)
            _walk(value_node, at, positions, offset, walked)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), positions, offset, walked)


def _twice(key_node: ScalarNode, path: Path, first_line: int) -> YamlIssue:
    return YamlIssue(key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                     msg("yaml_key_twice", key=key_node.value, first=first_line),
                     key=_dotted(path))


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _Unusual(Exception):
    """A document _construct leaves to PyYAML: merge keys, non-text keys, !!set and the like."""


# No field needs more than three levels (links[0].url); a document nested deeper than this is not
# read, so nothing that walks it later (field positions, PyYAML's constructor) can run out of stack.
MAX_DEPTH = 20


class _TooDeep(Exception):
    def __init__(self, node: Node):
        super().__init__()
        self.node = node


class _Unmade(Exception):
    """A scalar with an explicit tag (`!!timestamp x`) whose constructor fails on its text."""

    def __init__(self, node: Node):
        super().__init__()
        self.node = node


def _depth(node: Node, path: Path) -> None:
    if len(path) > MAX_DEPTH:
        raise _TooDeep(node)


_BUSY = object()  # a collection whose value is being made


def _construct(loader, node: Node, path: Path, issues: list[YamlIssue], offset: int, made: dict[int, Any]) -> Any:
    """The value PyYAML's constructors give a node, in one pass that also finds duplicate keys.

    Front matter is text, lists and mappings; those are made here directly, which takes half the
    time of PyYAML's general constructor. Other scalars (numbers, dates, booleans) go to PyYAML's.
    A node repeated by aliases is made once and shared, as PyYAML does, so that aliases of
    aliases ("billion laughs") cost no more than the document is long."""
    if isinstance(node, ScalarNode):
        if node.tag == _STR:
            return node.value
        try:
            return loader.construct_object(node)
        except yaml.YAMLError:
            raise
        except Exception:  # noqa: BLE001 - a tag PyYAML cannot make of the text: `!!bool maybe` is a KeyError
            raise _Unmade(node) from None
    _depth(node, path)
    value = made.get(id(node))
    if value is _BUSY:
        raise _Unusual  # a collection inside itself: PyYAML's constructor makes those
    if value is not None:
        return value
    made[id(node)] = _BUSY
    if isinstance(node, SequenceNode) and node.tag == _SEQ:
        value = [_construct(loader, item, path + (i,), issues, offset, made) for i, item in enumerate(node.value)]
    elif isinstance(node, MappingNode) and node.tag == _MAP:
        value = _construct_mapping(loader, node, path, issues, offset, made)
    else:
        raise _Unusual
    made[id(node)] = value
    return value


def _construct_mapping(loader, node: MappingNode, path: Path, issues: list[YamlIssue], offset: int,
                       made: dict[int, Any]) -> dict:
    out: dict[Any, Any] = {}
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag not in (_STR, "tag:yaml.org,2002:int"):
            raise _Unusual
        name = key_node.value
        first = name not in seen
        if first:
            seen[name] = key_node.start_mark.line + 1
        else:  # reported once; what is inside the second one is not looked at further
            issues.append(_twice(key_node, path + (name,), seen[name] + offset))
        key = name if key_node.tag == _STR else loader.construct_object(key_node)
        # The last one wins, as in PyYAML.
        out[key] = _construct(loader, value_node, path + (name,), issues if first else [], offset, made)
    return out


def _duplicates(node: Node, path: Path, issues: list[YamlIssue], offset: int, walked: set[int] | None = None) -> None:
    """Duplicate keys anywhere in a document (for documents _construct leaves to PyYAML)."""
    walked = set() if walked is None else walked
    if isinstance(node, (MappingNode, SequenceNode)):
        _depth(node, path)
        if id(node) in walked:  # an alias: looked at where its anchor is
            return
        walked.add(id(node))
    if isinstance(node, MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                continue
            key, line = key_node.value, key_node.start_mark.line + 1
            if key in seen:
                issues.append(_twice(key_node, path + (key,), seen[key] + offset))
                continue
            seen[key] = line
            _duplicates(value_node, path + (key,), issues, offset, walked)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _duplicates(item, path + (i,), issues, offset, walked)


def _first_unmade(loader, node: Node) -> Node | None:
    """The first scalar, in document order, whose explicit tag cannot make its text (for documents
    PyYAML's constructor makes, whose exceptions do not say where)."""
    loader.constructed_objects, loader.recursive_objects = {}, {}  # left mid-way by the failure
    stack, walked = [node], set()
    while stack:
        item = stack.pop()
        if id(item) in walked:
            continue
        walked.add(id(item))
        if isinstance(item, ScalarNode):
            if item.tag != _STR:
                try:
                    loader.construct_object(item)
                except yaml.YAMLError:
                    pass
                except Exception:  # noqa: BLE001 - this is the one
                    return item
        elif isinstance(item, SequenceNode):
            stack.extend(reversed(item.value))
        elif isinstance(item, MappingNode):
            for key, value in reversed(item.value):
                stack.extend((value, key))
    return None


def load(text: str, offset: int = 0) -> LoadedYaml:
    """Parse one YAML document. Syntax errors come back as issues, never as exceptions.

    `offset` is the number of file lines before the YAML, for line numbers inside messages.
    """
    loaded = _parse(text, offset)
    loaded.text = text
    return loaded


def _parse(text: str, offset: int) -> LoadedYaml:
    try:
        loader = LOADER(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return LoadedYaml(None)
            issues: list[YamlIssue] = []
            try:
                data = _construct(loader, node, (), issues, offset, {})
            except _Unusual:
                issues = []
                _duplicates(node, (), issues, offset)
                try:
                    data = loader.construct_document(node)
                except yaml.YAMLError:
                    raise
                except Exception:  # noqa: BLE001 - `!!bool maybe` beside a !!set: say which value
                    unmade = _first_unmade(loader, node)
                    if unmade is None:
                        raise
                    raise _Unmade(unmade) from None
        finally:
            loader.dispose()
    except _TooDeep as exc:
        mark = exc.node.start_mark
        return LoadedYaml(None, issues=[YamlIssue(mark.line + 1, mark.column + 1,
                                                  msg("yaml_too_deep", depth=MAX_DEPTH))])
    except _Unmade as exc:
        node = exc.node
        tag = node.tag.rsplit(":", 1)[-1]
        value = node.value if len(node.value) <= 40 else node.value[:37] + "..."
        return LoadedYaml(None, issues=[YamlIssue(node.start_mark.line + 1, node.start_mark.column + 1,
                                                  msg("yaml_tag_value", value=value, tag=tag))])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # PyYAML notices a missing closing quote lines below, or never; the contributor opened it here.
        opened = _unclosed_quote(text, mark.line + 1 if mark else len(text.split("\n")))
        if opened:
            return LoadedYaml(None, issues=[YamlIssue(opened, 1, msg("yaml_unclosed_quote"))])
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else 1
        return LoadedYaml(None, issues=[YamlIssue(line, col, _explain(exc, text, line, col))])
    except yaml.YAMLError as exc:  # e.g. reader errors on control characters
        return LoadedYaml(None, issues=[YamlIssue(1, 1, msg("yaml_unreadable", reason=exc))])
    except Exception as exc:  # noqa: BLE001 - no traceback for any content
        # Constructors can fail on valid syntax with any exception: `!!bool maybe` in a document
        # PyYAML's constructor makes (above, _Unusual), a KeyError; `!!int 12abc`, a ValueError.
        return LoadedYaml(None, issues=[YamlIssue(1, 1, msg("yaml_unreadable", reason=exc))])
    return LoadedYaml(data, issues)


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s"'#][^:#]*:\s+)?(["'])(.*)$""")


def _unclosed_quote(text: str, upto: int) -> int | None:
    """The first line up to `upto` whose value opens a quote that the line does not close."""
    for number, line in enumerate(text.split("\n")[:upto], start=1):
        m = _QUOTED_VALUE.match(line)
        if not m:
            continue
        quote, rest = m.groups()
        rest = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote not in rest:
            return number
    return None


# PyYAML's descriptions are English and written for programmers: the common ones get a message of
# their own (in the table, both languages) that says what to write; anything else keeps its words.
_UNKNOWN_TAG = re.compile(r"could not determine a constructor for the tag '([^']*)'")
_PROBLEMS = (
    ("mapping values are not allowed", "yaml_colon_here"),
    ("could not find expected ':'", "yaml_missing_colon"),
    ("expected <block end>", "yaml_indent"),
    ("did not find expected key", "yaml_indent"),
    ("did not find expected '-'", "yaml_indent"),
    ("expected ',' or ']'", "yaml_flow_list"),
    ("expected ',' or '}'", "yaml_flow_map"),
    ("found undefined alias", "yaml_alias"),
)


def _explain(exc: yaml.MarkedYAMLError, text: str, line: int, col: int) -> str:
    problem = (exc.problem or str(exc)).strip()
    lines = text.split("\n")
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in source or "found character '\\t'" in problem:
        return msg("yaml_tab")
    if "alias" in (exc.context or "") or "anchor" in (exc.context or ""):
        return msg("yaml_alias")
    if "cannot start any token" in problem and 0 < col <= len(source):
        return msg("yaml_bad_start", char=source[col - 1])
    tag = _UNKNOWN_TAG.search(problem)
    if tag:  # `!!python/object…`, `!x`: PyYAML's English names its own constructor
        return msg("yaml_unknown_tag", tag=tag.group(1).replace("tag:yaml.org,2002:", "!!"))
    for words, key in _PROBLEMS:
        if words in problem:
            return msg(key)
    return msg("yaml_syntax", problem=problem)

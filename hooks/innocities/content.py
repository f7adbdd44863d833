"""Load and validate all content: files in, a Portfolio of models and a list of problems out.

Everything is read once; cross-references are checked against the whole set, so every
problem in every file is reported in one run.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import process
from .fields import INVALID, Checker, field_name
from .model import Method, Municipality, Programme, Project
from .problems import ERROR, WARNING, Problem
from .schema import COLLECTIONS, IMAGE_SUFFIXES
from .slugs import is_slug, slugify
from .source import ParsedFiles, SourceFile, read

# Hand-written pages beside the method guides that are not guides themselves.
METHOD_FOLDER_PAGES = {"index.md"}


@dataclass
class Portfolio:
    root: Path
    municipalities: dict[str, Municipality] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    projects: dict[str, Project] = field(default_factory=dict)
    methods: dict[str, Method] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files_in: dict[str, list[str]] = field(default_factory=dict)  # collection → source paths read

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def without_examples(self) -> "Portfolio":
        """The same portfolio with every example project and organisation left out, for a
        publisher who shows only real content. Validation has already run over all of it, and an
        example can never be linked from real content (see _example_checks), so nothing dangles."""
        dropped = {x.source for x in (*self.projects.values(), *self.municipalities.values(), *self.programmes.values())
                   if x.example}
        return Portfolio(
            self.root,
            municipalities={k: m for k, m in self.municipalities.items() if not m.example},
            programmes={k: g for k, g in self.programmes.items() if not g.example},
            projects={k: p for k, p in self.projects.items() if not p.example},
            methods=dict(self.methods),
            problems=list(self.problems),
            files_in={name: [rel for rel in rels if rel not in dropped] for name, rels in self.files_in.items()},
        )


def _content_files(root: Path, folder: str, problems: list[Problem]) -> list[tuple[Path, str]]:
    """The content files in a folder, each with its path relative to the repository."""
    base = root / folder
    if not base.is_dir():
        return []
    found = []
    prefix = root.as_posix().rstrip("/") + "/"
    for path in sorted(base.rglob("*"), key=lambda p: p.as_posix()):
        if not path.is_file():
            continue
        rel = path.as_posix().removeprefix(prefix)  # as path.relative_to(root), at a tenth of the cost
        name = path.name
        if name.startswith("."):
            continue
        suffix = path.suffix
        if path.parent != base:
            if suffix.lower() in (".md", ".markdown"):
                problems.append(Problem(rel, 1, 1, WARNING, "", f"is ignored: content files must lie directly in {folder}/"))
            continue
        if folder == "docs/methods" and name in METHOD_FOLDER_PAGES:
            continue
        if suffix == ".md":
            found.append((path, rel))
        elif suffix.lower() in (".md", ".markdown", ".txt", ".yml", ".yaml"):
            problems.append(Problem(rel, 1, 1, ERROR, "", f"is not read: content files must end in '.md'; rename it to '{slugify(path.stem) or 'namn'}.md'"))
    return found


def _check_slug(src: SourceFile, folder: str, seen: dict[str, str]) -> bool:
    stem = unicodedata.normalize("NFC", src.stem)
    if not is_slug(stem):
        suggestion = slugify(stem) or "namn"
        src.problems.append(Problem(src.rel, 1, 1, ERROR, "",
                                    f"the file name '{stem}.md' is not allowed: use lowercase a–z, 0–9 and '-', "
                                    f"e.g. '{suggestion}.md'"))
        return False
    if stem in seen:
        src.problems.append(Problem(src.rel, 1, 1, ERROR, "", f"has the same name as {seen[stem]}; rename one of them"))
        return False
    seen[stem] = src.rel
    return True


def load(root: Path, parsed: ParsedFiles | None = None) -> Portfolio:
    """Read every content file under `root` (the repository) and validate it; `parsed` keeps the
    parsed files for the next load in the same process."""
    root = Path(root)
    portfolio = Portfolio(root)
    sources: dict[str, list[SourceFile]] = {}
    slugs: dict[str, set[str]] = {}
    for name, coll in COLLECTIONS.items():
        seen: dict[str, str] = {}
        files = _content_files(root, coll.folder, portfolio.problems)
        read_now = [read(path, root, rel, parsed) for path, rel in files]
        portfolio.files_in[name] = [s.rel for s in read_now]
        sources[name] = [s for s in read_now if _check_slug(s, coll.folder, seen)]
        slugs[name] = set(seen)
        for s in read_now:
            portfolio.problems.extend(s.problems)
    if parsed is not None:
        parsed.keep_only({rel for rels in portfolio.files_in.values() for rel in rels})

    known = {
        **slugs,
        "phases": {p.slug for p in process.phases()},
        "files": {p.relative_to(root).as_posix() for p in (root / "content").rglob("*")
                  if p.suffix.lower() in IMAGE_SUFFIXES} if (root / "content").is_dir() else set(),
    }
    for name in COLLECTIONS:
        target = getattr(portfolio, name)
        for src in sources[name]:
            item, found = check_source(name, src, known)
            if item is not None and not any(p.is_error for p in src.problems):
                target[src.stem] = item
            portfolio.problems.extend(found)

    read_files = {src.rel: src for name in COLLECTIONS for src in sources[name]}
    portfolio.problems.extend(_portfolio_checks(portfolio, read_files))
    portfolio.problems.sort(key=lambda p: (p.path, p.line, p.column, p.field, p.message))
    return portfolio


BUILDERS = {"municipalities": Municipality, "programmes": Programme, "projects": Project, "methods": Method}


def check_source(collection: str, src: SourceFile, known: dict[str, set[str]]):
    """Validate one parsed file: its model (None if it has errors) and its schema problems."""
    if src.data is None:
        return None, []
    checker = Checker(src, known)
    values = COLLECTIONS[collection].schema.check(src.data, (), checker)
    if values is INVALID:
        return None, checker.problems
    extra = {"body": src.body} if collection != "methods" else {}
    item = BUILDERS[collection](slug=src.stem, source=src.rel, **values, **extra)
    _cross_checks(item, checker)
    return (None if any(p.is_error for p in checker.problems) else item), checker.problems


def _cross_checks(item, c: Checker) -> None:
    """Rules between fields of one file."""
    if isinstance(item, (Project, Programme)) and item.start and item.end and item.end < item.start:
        c.error(("end",), f"{item.end.isoformat()} is before start {item.start.isoformat()}; end must be on or after start")


def _example_checks(p: Portfolio, read_files: dict[str, SourceFile]) -> list[Problem]:
    """Examples never speak for real organisations, and real projects never happen in example places."""
    out = []
    real_names = {m.name.casefold(): m for m in p.municipalities.values() if not m.example}
    for proj in sorted(p.projects.values(), key=lambda x: x.source):
        src = read_files[proj.source]

        def problem(path: tuple, message: str) -> None:
            line, column = src.where(path)
            out.append(Problem(proj.source, line, column, ERROR, field_name(path), message))

        for i, slug in enumerate(proj.municipalities):
            org = p.municipalities.get(slug)
            if org is None:
                continue
            if proj.example and not org.example:
                problem(("municipalities", i), f"'{slug}' is a real organisation ({org.name}); an example "
                        "(example: true) may only name example organisations")
            elif not proj.example and org.example:
                problem(("municipalities", i), f"'{slug}' is an example organisation; a real project may only "
                        "name real organisations")
        _programme_check(p, proj, problem)
        if not proj.example:
            continue
        named = [(("partners", i), partner.name) for i, partner in enumerate(proj.partners)]
        named += [(("funding", i), name) for i, name in enumerate(proj.funding)]
        for path, name in named:
            org = real_names.get(name.casefold())
            if org is not None:
                problem(path, f"'{name}' is the name of a real organisation ({org.source}); an example "
                        "(example: true) may only name fictional organisations")
    return out


def _programme_check(p: Portfolio, item, problem) -> None:
    """A real project or organisation names only a real programme, an example only an example."""
    prog = p.programmes.get(item.programme) if item.programme else None
    if prog is not None and prog.example != item.example:
        kind = "an example programme" if prog.example else f"a real programme ({prog.name})"
        problem(("programme",), f"'{prog.slug}' is {kind}; " + (
            "an example (example: true) may only name an example programme" if item.example
            else "real content may only name a real programme"))


def _programme_examples(p: Portfolio, read_files: dict[str, SourceFile]) -> list[Problem]:
    """Programmes follow the same rule as projects: real hosts for a real one, examples for an example."""
    out = []
    for org in sorted(p.municipalities.values(), key=lambda x: x.source):
        src = read_files[org.source]
        _programme_check(p, org, lambda path, msg, org=org, src=src: out.append(
            Problem(org.source, *src.where(path), ERROR, field_name(path), msg)))
    for prog in sorted(p.programmes.values(), key=lambda x: x.source):
        src = read_files[prog.source]
        refs = [(("hosts", i), s) for i, s in enumerate(prog.hosts)]
        refs += [(("coordinator",), prog.coordinator)] if prog.coordinator else []
        for path, slug in refs:
            org = p.municipalities.get(slug)
            if org is not None and org.example != prog.example:
                line, column = src.where(path)
                out.append(Problem(prog.source, line, column, ERROR, field_name(path),
                                   f"'{slug}' is an example organisation; a real programme may only name real organisations"
                                   if org.example else
                                   f"'{slug}' is a real organisation ({org.name}); an example programme "
                                   "(example: true) may only name example organisations"))
    return out


def _portfolio_checks(p: Portfolio, read_files: dict[str, SourceFile]) -> list[Problem]:
    """Rules over the whole set of files."""
    out = []
    guided = {m.phase for m in p.methods.values()}
    for phase in process.phases():
        if phase.slug not in guided and p.methods:
            out.append(Problem("docs/methods", 1, 1, WARNING, "phase",
                               f"no method guide describes the phase '{phase.slug}' ({phase.name}); add one"))
    out.extend(_example_checks(p, read_files))
    out.extend(_programme_examples(p, read_files))
    orders: dict[int, str] = {}
    for m in sorted(p.methods.values(), key=lambda m: m.source):
        if m.order in orders:
            line, column = read_files[m.source].where(("order",))
            out.append(Problem(m.source, line, column, WARNING, "order",
                               f"order {m.order} is also used by {orders[m.order]}; use a unique number"))
        orders.setdefault(m.order, m.source)
    return out

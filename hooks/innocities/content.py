"""Load and validate all content: files in, a Portfolio of models and a list of problems out.

Everything is read once; cross-references are checked against the whole set, so every
problem in every file is reported in one run.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import background, body, history, process
from .fields import INVALID, Checker, field_name
from .messages import msg
from .model import Method, Municipality, Programme, Project
from .problems import ERROR, WARNING, Problem
from .schema import COLLECTIONS, IMAGE_SUFFIXES
from .slugs import is_slug, slugify
from .source import BOM, ParsedFiles, SourceFile, decode, read

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
    body_lines: dict[str, int] = field(default_factory=dict)  # source path → line of the file where the body starts

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


CONTENT = "content"
DOCS = "docs"  # hand-written pages (mkdocs.yml docs_dir)
THEME = "overrides"  # the theme's folder (mkdocs.yml custom_dir): MkDocs publishes its files too
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)  # as MkDocs reads it

# What looks like a content file a contributor meant to be read.
_CONTENT_SUFFIXES = (".md", ".markdown", ".mdown", ".txt", ".yml", ".yaml")

# MkDocs publishes every file in docs/ as it is. A page there is Markdown, held to the body rule;
# any other file reaches readers unchecked: an HTML page or an SVG runs its own scripts on the
# site's address, with no CSP. So docs/ publishes Markdown, pictures and documents a browser only
# shows or downloads; the site's own styles and scripts lie in docs/assets/ (changed as code, like
# hooks/). pagefind/ is where the build writes the search index, whose script every page loads.
_DOCS_ASSETS = "docs/assets/"
_DOCUMENT_SUFFIXES = (".pdf", ".txt", ".csv")
_ASSET_SUFFIXES = (".css", ".js") + IMAGE_SUFFIXES
_PAGE_SUFFIXES = (".md",) + IMAGE_SUFFIXES + _DOCUMENT_SUFFIXES
_RESERVED_DOCS = ("docs/pagefind/",)


def skipped(name: str) -> bool:
    """Files editors and operating systems leave beside the ones they save (`.x.md.swp`, `x.md~`,
    `#x.md#`, `.DS_Store`), and `.gitkeep`: passed over without a word, as docs/bidra/index.md says."""
    return name.startswith(".") or name.endswith("~") or (name.startswith("#") and name.endswith("#"))


@dataclass
class Tree:
    """The regular files under a folder, with the symbolic links found there set apart."""

    files: list[tuple[Path, str]] = field(default_factory=list)  # (path, repository-relative), sorted
    links: set[str] = field(default_factory=set)


def _walk(root: Path, folder: str, problems: list[Problem]) -> Tree:
    """Every file under root/folder. A symbolic link is refused wherever it lies, whatever its
    name: it would let a contribution publish a file from outside the repository (or fail the
    build when it leads nowhere). Linked folders are not entered."""
    tree = Tree()
    prefix = root.as_posix().rstrip("/") + "/"

    def refuse(rel: str) -> None:
        tree.links.add(rel)
        problems.append(Problem(rel, 1, 1, ERROR, "", msg("file_symlink")))

    base = root / folder
    if base.is_symlink():
        refuse(folder)
        return tree
    folders = [base.as_posix()] if base.is_dir() else []
    while folders:
        with os.scandir(folders.pop()) as found:
            entries = sorted(found, key=lambda e: e.name)
        for entry in entries:
            rel = entry.path.removeprefix(prefix)
            if entry.is_symlink():
                refuse(rel)
            elif entry.is_dir(follow_symlinks=False):
                if not skipped(entry.name):
                    folders.append(entry.path)
            elif entry.is_file(follow_symlinks=False) and not skipped(entry.name):
                tree.files.append((Path(entry.path), rel))
    tree.files.sort(key=lambda f: f[1])
    return tree


def _content_files(root: Path, folder: str, tree: Tree, problems: list[Problem], named: set[str]) -> list[tuple[Path, str]]:
    """The content files in a folder, each with its path relative to the repository; every other
    file there that looks like content is named in a problem. `named` gets every file looked at."""
    found = []
    inside = folder + "/"
    for path, rel in tree.files:
        if not rel.startswith(inside):
            continue
        name = path.name
        suffix = path.suffix
        if "/" in rel.removeprefix(inside):
            if suffix.lower() in _CONTENT_SUFFIXES:
                named.add(rel)
                problems.append(Problem(rel, 1, 1, WARNING, "", msg("file_nested", folder=folder)))
            continue
        if folder == "docs/methods" and name in METHOD_FOLDER_PAGES:
            continue
        if suffix == ".md":
            named.add(rel)
            found.append((path, rel))
        elif suffix.lower() in _CONTENT_SUFFIXES:
            named.add(rel)
            problems.append(Problem(rel, 1, 1, ERROR, "", msg("file_not_md", name=slugify(path.stem) or 'namn')))
    return found


def _unused_files(tree: Tree, named: set[str], problems: list[Problem]) -> None:
    """Files in content/ that are neither content nor a picture: named, so nothing lies there unseen."""
    for path, rel in tree.files:
        if rel not in named and path.suffix.lower() not in IMAGE_SUFFIXES:
            problems.append(Problem(rel, 1, 1, WARNING, "", msg("file_unused", suffixes=', '.join(IMAGE_SUFFIXES))))


def _published_docs(docs: Tree) -> list[Problem]:
    """A file in docs/ that would be published without being checked."""
    out = []
    for path, rel in docs.files:
        suffix = path.suffix.lower()
        if rel.startswith(_RESERVED_DOCS):
            out.append(Problem(rel, 1, 1, ERROR, "", msg("file_reserved_folder", folder=rel.split("/")[1])))
        elif rel.startswith(_DOCS_ASSETS):
            if suffix not in _ASSET_SUFFIXES:
                out.append(Problem(rel, 1, 1, ERROR, "", msg("file_not_published_asset", suffixes=", ".join(_ASSET_SUFFIXES))))
        elif suffix not in _PAGE_SUFFIXES or (suffix == ".md" and path.suffix != ".md"):
            out.append(Problem(rel, 1, 1, ERROR, "", msg("file_not_published", images=", ".join(IMAGE_SUFFIXES),
                                                         documents=", ".join(_DOCUMENT_SUFFIXES))))
    return out


def _hand_written(docs: Tree, named: set[str], check) -> list[Problem]:
    """The bodies of the hand-written pages in docs/ held to the same rule as content bodies, so
    that `check` tells of them before the build does (the method guides are read as content)."""
    out = []
    for path, rel in docs.files:
        if path.suffix != ".md" or rel in named:
            continue
        text, bad_line = decode(path.read_bytes())
        if text is None:
            out.append(Problem(rel, bad_line, 1, ERROR, "", msg("file_not_utf8")))
            continue
        text = text.removeprefix(BOM).replace("\r\n", "\n").replace("\r", "\n")
        head = _FRONT_MATTER.match(text)
        start = head.end() if head else 0
        out.extend(check(rel, text[start:], text.count("\n", 0, start) + 1))
    return out


def _check_slug(src: SourceFile, folder: str, seen: dict[str, str]) -> bool:
    stem = unicodedata.normalize("NFC", src.stem)
    if not is_slug(stem):
        suggestion = slugify(stem) or "namn"
        src.problems.append(Problem(src.rel, 1, 1, ERROR, "",
                                    msg("file_name", stem=stem, suggestion=suggestion)))
        return False
    if stem in seen:
        src.problems.append(Problem(src.rel, 1, 1, ERROR, "", msg("file_same_name", other=seen[stem])))
        return False
    seen[stem] = src.rel
    return True


# Below this many files a second process costs more than it saves (forking, sending the files back).
_PARALLEL_FROM = 400


def _read_files(files: list[tuple[Path, str]], root: Path, parsed: ParsedFiles | None) -> list[SourceFile]:
    """Every file read and parsed, in order. Parsing the YAML is most of loading, and nothing else
    runs yet: on two cores the second half is parsed in another process meanwhile (innocities/
    background.py; elsewhere here, after the first). Not under `make serve`, whose rebuilds parse
    only what changed (`parsed`)."""
    if parsed is not None or len(files) < _PARALLEL_FROM:
        return [read(path, root, rel, parsed) for path, rel in files]
    half = len(files) // 2
    there = background.start(lambda: [read(path, root, rel) for path, rel in files[half:]])
    here = [read(path, root, rel) for path, rel in files[:half]]
    return here + there.result()


def load(root: Path, parsed: ParsedFiles | None = None, bodies: bool = False) -> Portfolio:
    """Read every content file under `root` (the repository) and validate it; `parsed` keeps the
    parsed files for the next load in the same process. Bodies are always held to their limits;
    with `bodies`, they are also rendered and checked against the HTML rule (innocities/body.py),
    which the build does on the HTML MkDocs makes instead of rendering twice."""
    root = Path(root)
    portfolio = Portfolio(root)
    sources: dict[str, list[SourceFile]] = {}
    slugs: dict[str, set[str]] = {}
    tree = _walk(root, CONTENT, portfolio.problems)
    # docs/ and the theme's folder are published too: a link there is refused like one in content/.
    docs = _walk(root, DOCS, portfolio.problems)
    _walk(root, THEME, portfolio.problems)
    named: set[str] = set()
    listed = {name: _content_files(root, coll.folder, tree if coll.folder.startswith(CONTENT + "/") else docs,
                                   portfolio.problems, named)
              for name, coll in COLLECTIONS.items()}
    read_all = iter(_read_files([f for files in listed.values() for f in files], root, parsed))
    for name, coll in COLLECTIONS.items():
        seen: dict[str, str] = {}
        read_now = [next(read_all) for _ in listed[name]]
        portfolio.files_in[name] = [s.rel for s in read_now]
        sources[name] = [s for s in read_now if _check_slug(s, coll.folder, seen)]
        slugs[name] = set(seen)
        for s in read_now:
            portfolio.problems.extend(s.problems)
            portfolio.body_lines[s.rel] = s.body_line
            if s.data is not None and s.body:
                check = body.problems if bodies else body.limit_problems
                portfolio.problems.extend(check(s.rel, s.body, s.body_line))
    portfolio.problems.extend(_hand_written(docs, named, body.problems if bodies else body.limit_problems))
    portfolio.problems.extend(_published_docs(docs))
    if parsed is not None:
        parsed.keep_only({rel for rels in portfolio.files_in.values() for rel in rels})

    known = {
        **slugs,
        "phases": {p.slug for p in process.phases()},
        "files": {rel for path, rel in tree.files if path.suffix.lower() in IMAGE_SUFFIXES},
        "links": tree.links,
    }
    _unused_files(tree, named, portfolio.problems)
    today = history.latest_today()
    for name in COLLECTIONS:
        target = getattr(portfolio, name)
        for src in sources[name]:
            item, found = check_source(name, src, known, today, root)
            if item is not None and not any(p.is_error for p in src.problems):
                target[src.stem] = item
            portfolio.problems.extend(found)

    read_files = {src.rel: src for name in COLLECTIONS for src in sources[name]}
    portfolio.problems.extend(_portfolio_checks(portfolio, read_files))
    portfolio.problems.sort(key=lambda p: (p.path, p.line, p.column, p.field, p.message))
    return portfolio


BUILDERS = {"municipalities": Municipality, "programmes": Programme, "projects": Project, "methods": Method}


def check_source(collection: str, src: SourceFile, known: dict[str, set[str]], today: dt.date | None = None,
                 root: Path | None = None):
    """Validate one parsed file: its model (None if it has errors) and its schema problems."""
    if src.data is None:
        return None, []
    checker = Checker(src, known, today=today or history.latest_today(), root=root)
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
        c.error(("end",), msg("end_before_start", end=item.end.isoformat(), start=item.start.isoformat()))


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
                problem(("municipalities", i), msg("example_names_real", slug=slug, org=org.name))
            elif not proj.example and org.example:
                problem(("municipalities", i), msg("real_names_example", slug=slug))
        _programme_check(p, proj, problem)
        if not proj.example:
            continue
        named = [(("partners", i), partner.name) for i, partner in enumerate(proj.partners)]
        named += [(("funding", i), name) for i, name in enumerate(proj.funding)]
        for path, name in named:
            org = real_names.get(name.casefold())
            if org is not None:
                problem(path, msg("example_names_real_partner", name=name, source=org.source))
    return out


def _programme_check(p: Portfolio, item, problem) -> None:
    """A real project or organisation names only a real programme, an example only an example."""
    prog = p.programmes.get(item.programme) if item.programme else None
    if prog is not None and prog.example != item.example:
        problem(("programme",), msg("example_names_real_programme", slug=prog.slug, name=prog.name) if item.example
                else msg("real_names_example_programme", slug=prog.slug))


def _programme_examples(p: Portfolio, read_files: dict[str, SourceFile]) -> list[Problem]:
    """Programmes follow the same rule as projects: real hosts for a real one, examples for an example."""
    out = []
    for org in sorted(p.municipalities.values(), key=lambda x: x.source):
        src = read_files[org.source]
        _programme_check(p, org, lambda path, message, org=org, src=src: out.append(
            Problem(org.source, *src.where(path), ERROR, field_name(path), message)))
    for prog in sorted(p.programmes.values(), key=lambda x: x.source):
        src = read_files[prog.source]
        refs = [(("hosts", i), s) for i, s in enumerate(prog.hosts)]
        refs += [(("coordinator",), prog.coordinator)] if prog.coordinator else []
        for path, slug in refs:
            org = p.municipalities.get(slug)
            if org is not None and org.example != prog.example:
                line, column = src.where(path)
                out.append(Problem(prog.source, line, column, ERROR, field_name(path),
                                   msg("real_programme_names_example", slug=slug) if org.example else
                                   msg("example_programme_names_real", slug=slug, org=org.name)))
    return out


def _projects_that_are_programmes(p: Portfolio, read_files: dict[str, SourceFile]) -> list[Problem]:
    """A project file that repeats a programme (same slug and title) would count the programme as
    one of its own projects and keep two copies of its facts."""
    out = []
    for proj in sorted(p.projects.values(), key=lambda x: x.source):
        prog = p.programmes.get(proj.slug)
        if prog is not None and prog.name.casefold() == proj.title.casefold():
            line, column = read_files[proj.source].where(("title",))
            out.append(Problem(proj.source, line, column, WARNING, "title",
                               msg("project_is_programme", source=prog.source)))
    return out


def _portfolio_checks(p: Portfolio, read_files: dict[str, SourceFile]) -> list[Problem]:
    """Rules over the whole set of files."""
    out = []
    guided = {m.phase for m in p.methods.values()}
    for phase in process.phases():
        if phase.slug not in guided and p.methods:
            out.append(Problem("docs/methods", 1, 1, WARNING, "phase",
                               msg("phase_no_guide", phase=phase.slug, name=phase.name)))
    out.extend(_example_checks(p, read_files))
    out.extend(_programme_examples(p, read_files))
    out.extend(_projects_that_are_programmes(p, read_files))
    orders: dict[int, str] = {}
    for m in sorted(p.methods.values(), key=lambda m: m.source):
        if m.order in orders:
            line, column = read_files[m.source].where(("order",))
            out.append(Problem(m.source, line, column, WARNING, "order",
                               msg("order_taken", order=m.order, other=orders[m.order])))
        orders.setdefault(m.order, m.source)
    return out

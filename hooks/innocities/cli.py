"""`innocities`: check content, scaffold new files, write the JSON Schemas.

    innocities check [PATHS...] [--format text|github|json] [--strict]
    innocities new project "Titel" --municipality halden [--sdg 7 ...]
    innocities new municipality "Namn" --country SE [--type municipality]
    innocities new programme "Namn" --host halden --country NO
    innocities schema
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import content, history, problems as reporting, schema
from .index import Index
from .fields import did_you_mean
from .slugs import slugify

TEMPLATES = Path(__file__).parent / "templates"


def find_root(start: Path) -> Path:
    """The repository: the nearest folder upwards that holds mkdocs.yml."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise SystemExit(f"error: no mkdocs.yml found in {start} or above; run this inside the knowledge base repository")


def cmd_check(args) -> int:
    root = find_root(Path(args.root or Path.cwd()).resolve())
    portfolio = content.load(root)
    found = sorted(portfolio.problems + freshness(portfolio, root))
    if args.paths:
        wanted = set()
        for p in args.paths:
            path = Path(p).resolve()
            if not path.exists() and (root / p).exists():
                path = (root / p).resolve()
            try:
                wanted.add(path.relative_to(root).as_posix())
            except ValueError:
                print(f"error: {p} is outside {root}", file=sys.stderr)
                return 2
            if not path.exists():
                print(f"error: {p} does not exist", file=sys.stderr)
                return 2
        found = [x for x in found if any(x.path == w or x.path.startswith(w.rstrip("/") + "/") for w in wanted)]
    if args.format == "json":
        print(reporting.format_json(found))
    else:
        fmt = reporting.format_github if args.format == "github" else reporting.format_text
        for problem in found:
            print(fmt(problem))
        if args.format == "text":
            counts = f"{len(portfolio.projects)} projects, {len(portfolio.municipalities)} municipalities, {len(portfolio.methods)} method guides"
            print(f"{reporting.summary(found)} ({counts} checked)", file=sys.stderr)
    failed = any(p.is_error for p in found) or (args.strict and found)
    return 1 if failed else 0


def freshness(portfolio: content.Portfolio, root: Path) -> list[reporting.Problem]:
    """Cases not confirmed for 24 months: warnings, so someone asks the project."""
    ix = Index(portfolio, dates=history.file_dates(root))
    out = []
    for p in ix.projects:
        if ix.is_stale(p):
            day = ix.confirmed(p).isoformat()
            out.append(reporting.Problem(p.source, 1, 1, reporting.WARNING, "reviewed",
                                         f"last confirmed {day}, more than {history.STALE_AFTER_MONTHS} months ago; "
                                         f"check the content with the project and set 'reviewed: {ix.today.isoformat()}'"))
    return out


def _yaml_str(value: str) -> str:
    # A JSON string is a valid double-quoted YAML scalar: safe for any title.
    return json.dumps(value, ensure_ascii=False)


def cmd_new(args) -> int:
    root = find_root(Path(args.root or Path.cwd()).resolve())
    slug = args.slug or slugify(args.title)
    if not slug:
        print("error: the title must contain letters or digits", file=sys.stderr)
        return 2
    folder = schema.COLLECTIONS[{"project": "projects", "programme": "programmes"}.get(args.kind, "municipalities")].folder
    path = root / folder / f"{slug}.md"
    if path.exists():
        print(f"error: {path.relative_to(root)} already exists; choose another title or --slug", file=sys.stderr)
        return 1
    if args.kind in ("project", "programme"):
        portfolio_slugs = {p.stem for p in (root / schema.COLLECTIONS["municipalities"].folder).glob("*.md")}
        unknown = [m for m in (args.municipality if args.kind == "project" else args.host) if m not in portfolio_slugs]
        if unknown:
            print(f"error: '{unknown[0]}' is not a file in content/municipalities/{did_you_mean(unknown[0], portfolio_slugs)}",
                  file=sys.stderr)
            return 1
    if args.kind == "programme":
        text = (TEMPLATES / "programme.md").read_text(encoding="utf-8").format(
            name=_yaml_str(args.title), hosts=", ".join(args.host), country=_yaml_str(args.country))
    elif args.kind == "project":
        sdgs = args.sdg or ["11"]
        text = (TEMPLATES / "project.md").read_text(encoding="utf-8").format(
            title=_yaml_str(args.title),
            municipalities=", ".join(args.municipality),
            sdgs=", ".join(_yaml_str(s) if "." in s else s for s in sdgs),
        )
    else:
        text = (TEMPLATES / "municipality.md").read_text(encoding="utf-8").format(
            name=_yaml_str(args.title), type=args.type, country=_yaml_str(args.country),
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print(path.relative_to(root).as_posix())
    return 0


def cmd_schema(args) -> int:
    root = find_root(Path(args.root or Path.cwd()).resolve())
    out = root / "schemas"
    out.mkdir(exist_ok=True)
    for name, text in schema.json_schemas().items():
        (out / name).write_text(text, encoding="utf-8")
        print(f"schemas/{name}")
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="innocities", description="Innocities kunskapsbank: content tools")
    ap.add_argument("--root", help="repository folder (default: found from the current folder)")
    sub = ap.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate content without building the site")
    check.add_argument("paths", nargs="*", help="files or folders to report on (default: all)")
    check.add_argument("--format", choices=("text", "github", "json"), default="text")
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    check.set_defaults(func=cmd_check)

    new = sub.add_parser("new", help="write a new content file")
    kinds = new.add_subparsers(dest="kind", required=True)
    proj = kinds.add_parser("project", help="a new project")
    proj.add_argument("title")
    proj.add_argument("--municipality", action="append", required=True, help="slug of a municipality (repeatable)")
    proj.add_argument("--sdg", action="append", help="goal or target (repeatable), default 11")
    proj.add_argument("--slug", help="file name without .md (default: made from the title)")
    proj.set_defaults(func=cmd_new)
    mun = kinds.add_parser("municipality", help="a new municipality or organisation")
    mun.add_argument("title")
    mun.add_argument("--country", required=True, choices=schema.COUNTRIES)
    mun.add_argument("--type", default="municipality", choices=schema.ORG_TYPES)
    mun.add_argument("--slug", help="file name without .md (default: made from the name)")
    mun.set_defaults(func=cmd_new)

    prog = kinds.add_parser("programme", help="a new collaboration programme")
    prog.add_argument("title")
    prog.add_argument("--host", action="append", required=True, help="slug of a host organisation (repeatable)")
    prog.add_argument("--country", required=True, choices=schema.COUNTRIES)
    prog.add_argument("--slug", help="file name without .md (default: made from the name)")
    prog.set_defaults(func=cmd_new)

    sch = sub.add_parser("schema", help="write schemas/*.schema.json from the content schema")
    sch.set_defaults(func=cmd_schema)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())

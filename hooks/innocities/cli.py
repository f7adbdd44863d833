"""`innocities`: check content, scaffold new files, write the JSON Schemas.

    innocities check [PATHS...] [--format text|github|json] [--strict]
    innocities new project "Titel" --municipality halden [--sdg 7 ...]
    innocities new municipality "Namn" --country SE [--type municipality]
    innocities new programme "Namn" --host halden --country NO
    innocities schema
    innocities from-issue [BODY_FILE | --event EVENT.json] [--comment FILE] [--github-output FILE]
    innocities site-diff OLD_SITE NEW_SITE [--summary] [--check-json FILE] [--artifact-url URL]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from . import content, history, pages, placeholders, problems as reporting, proposal, schema, sitediff
from .index import Index
from . import messages
from .fields import did_you_mean
from .messages import msg
from .slugs import slugify

TEMPLATES = Path(__file__).parent / "templates"


def find_root(start: Path) -> Path:
    """The repository: the nearest folder upwards that holds mkdocs.yml."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise SystemExit(msg("no_root", start=start))


def cmd_check(args) -> int:
    root = find_root(Path(args.root or Path.cwd()).resolve())
    portfolio = content.load(root, bodies=True)
    found = all_problems(portfolio, root)
    if args.paths:
        wanted = set()
        for p in args.paths:
            path = Path(p).resolve()
            if not path.exists() and (root / p).exists():
                path = (root / p).resolve()
            try:
                wanted.add(path.relative_to(root).as_posix())
            except ValueError:
                print(reporting.visible(msg("path_outside", path=p, root=root)), file=sys.stderr)
                return 2
            if not path.exists():
                print(reporting.visible(msg("path_missing", path=p)), file=sys.stderr)
                return 2
        found = [x for x in found if any(x.path == w or x.path.startswith(w.rstrip("/") + "/") for w in wanted)]
    if args.strict:
        found = [strict(p) for p in found]
    if args.format == "json":
        print(reporting.format_json(found))
    else:
        fmt = reporting.format_github if args.format == "github" else reporting.format_text
        for problem in found:
            print(fmt(problem))
        if args.format == "text":
            print(msg("checked", summary=reporting.summary(found), projects=len(portfolio.projects),
                      municipalities=len(portfolio.municipalities), programmes=len(portfolio.programmes),
                      methods=len(portfolio.methods)), file=sys.stderr)
    return 1 if any(p.is_error for p in found) else 0


# The warnings `check --strict` (as pull requests are checked) turns into errors: those a contributor
# can fix in the files they edit. A case not confirmed for 24 months appears by itself as time passes
# and would fail unrelated pull requests one day, and a phase without a method guide is no one
# file's fault: both stay warnings.
STRICT_WARNINGS = frozenset({"placeholder", "unknown_field", "list_twice", "file_nested", "file_unused",
                             "order_taken", "project_is_programme"})


def strict(p: reporting.Problem) -> reporting.Problem:
    if p.severity == reporting.WARNING and p.message.key in STRICT_WARNINGS:
        return dataclasses.replace(p, severity=reporting.ERROR)
    return p


def all_problems(portfolio: content.Portfolio, root: Path) -> list[reporting.Problem]:
    """What `check` reports: the content's own problems, stale cases and leftover placeholders."""
    return sorted(portfolio.problems + freshness(portfolio, root) + leftover_placeholders(portfolio, root)
                  + names_taken(portfolio, root))


def freshness(portfolio: content.Portfolio, root: Path) -> list[reporting.Problem]:
    """Cases not confirmed for 24 months: warnings, so someone asks the project."""
    ix = Index(portfolio, dates=history.file_dates(root))
    out = []
    for p in ix.projects:
        if ix.is_stale(p):
            day = ix.confirmed(p).isoformat()
            out.append(reporting.Problem(p.source, 1, 1, reporting.WARNING, "reviewed",
                                         msg("stale", day=day, months=history.STALE_AFTER_MONTHS,
                                             today=ix.today.isoformat())))
    return out


def leftover_placeholders(portfolio: content.Portfolio, root: Path) -> list[reporting.Problem]:
    """Text that `new` wrote for the contributor to replace: warnings, so it is not published."""
    out = []
    for name in ("projects", "municipalities", "programmes"):
        for rel in portfolio.files_in.get(name, []):
            raw = (root / rel).read_bytes()
            out += placeholders.find(rel, raw.decode("utf-8", errors="replace"))
    return out


def names_taken(portfolio: content.Portfolio, root: Path) -> list[reporting.Problem]:
    """Content files whose pages would replace other pages (the build refuses them too). Only for
    content without errors: the pages are drawn from the whole graph, and a file with errors is left
    out of it while others still name it. The contributor sees those errors first."""
    if portfolio.errors:
        return []
    docs = root / "docs"
    hand_written = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} if docs.is_dir() else set()
    return pages.name_collisions(pages.build_specs(Index(portfolio, dates={}), "sv"), hand_written)


def _yaml_str(value: str) -> str:
    # A JSON string is a valid double-quoted YAML scalar: safe for any title.
    return json.dumps(value, ensure_ascii=False)


def cmd_new(args) -> int:
    root = find_root(Path(args.root or Path.cwd()).resolve())
    slug = args.slug or slugify(args.title)
    if not slug:
        print(msg("new_no_slug"), file=sys.stderr)
        return 2
    folder = schema.COLLECTIONS[{"project": "projects", "programme": "programmes"}.get(args.kind, "municipalities")].folder
    path = root / folder / f"{slug}.md"
    if path.exists():
        print(msg("new_exists", path=path.relative_to(root)), file=sys.stderr)
        return 1
    if args.kind in ("project", "programme"):
        portfolio_slugs = {p.stem for p in (root / schema.COLLECTIONS["municipalities"].folder).glob("*.md")}
        unknown = [m for m in (args.municipality if args.kind == "project" else args.host) if m not in portfolio_slugs]
        if unknown:
            print(msg("new_unknown_municipality", slug=unknown[0]) + did_you_mean(unknown[0], portfolio_slugs),
                  file=sys.stderr)
            return 1
    if args.kind == "programme":
        text = placeholders.fill((TEMPLATES / "programme.md").read_text(encoding="utf-8")).format(
            name=_yaml_str(args.title), hosts=", ".join(args.host), country=_yaml_str(args.country))
    elif args.kind == "project":
        sdgs = args.sdg or ["11"]
        text = placeholders.fill((TEMPLATES / "project.md").read_text(encoding="utf-8")).format(
            title=_yaml_str(args.title),
            municipalities=", ".join(args.municipality),
            sdgs=", ".join(_yaml_str(s) if "." in s else s for s in sdgs),
        )
    else:
        text = placeholders.fill((TEMPLATES / "municipality.md").read_text(encoding="utf-8")).format(
            name=_yaml_str(args.title), type=args.type, country=_yaml_str(args.country),
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print(path.relative_to(root).as_posix())
    return 0


def cmd_from_issue(args) -> int:
    """Write the proposal in an issue body as a project file and check it; the comment for the
    issue goes to --comment (or stdout). With --github-output the result is written there as
    path/branch/title/errors and the exit status is 0 once the comment is written (the workflow
    decides on the outputs); without it, 1 means no file or a file with errors."""
    root = find_root(Path(args.root or Path.cwd()).resolve())
    if args.event:
        issue = json.loads(Path(args.event).read_text(encoding="utf-8"))["issue"]
        body, number = issue.get("body") or "", issue["number"]
    elif args.body_file:
        body, number = Path(args.body_file).read_text(encoding="utf-8"), args.issue
    else:
        print(msg("from_issue_no_body"), file=sys.stderr)
        return 2
    before = content.load(root)
    names = {m.name.casefold(): slug for slug, m in before.municipalities.items()}
    result = proposal.draft(body, root, names)
    lines, errors, warnings = [], 0, 0
    if result.path:
        path = root / result.path
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(result.text)
        found = [p for p in all_problems(content.load(root, bodies=True), root) if p.path == result.path]
        lines = [reporting.format_text(p) for p in found]
        errors = sum(p.is_error for p in found)
        warnings = len(found) - errors
    text = proposal.comment(result, lines, errors, warnings)
    if args.comment:
        Path(args.comment).write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    if result.path:
        print(result.path, file=sys.stderr)
    if args.github_output:
        outputs = {"path": result.path, "branch": f"forslag/{number}-{result.slug}" if result.path and number else "",
                   "title": result.title, "errors": str(errors), "warnings": str(warnings)}
        with open(args.github_output, "a", encoding="utf-8") as fh:
            for key, value in outputs.items():
                fh.write(f"{key}={' '.join(value.split())}\n")
        return 0
    return 0 if result.path and not errors else 1


def _check_report(path: Path) -> list[dict] | None:
    """A saved `check --format json`, or None when the check did not get that far."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, list) else None


def cmd_site_diff(args) -> int:
    # No old site (the target branch did not build): the summary says so instead of failing.
    diff = sitediff.compare(Path(args.old), Path(args.new)) if Path(args.old).is_dir() else None
    if diff is None and not args.summary:
        print(msg("not_a_folder", path=args.old), file=sys.stderr)
        return 2
    if args.summary:
        check = _check_report(Path(args.check_json)) if args.check_json else None
        print(sitediff.summary(diff, check=check, artifact_url=args.artifact_url, artifact_name=args.artifact_name), end="")
    else:
        print(sitediff.as_text(diff), end="")
    # --same: two engines' builds must not differ (apart from the generator's name)
    return 1 if args.same and diff and (diff.pages or diff.other) else 0


def cmd_schema(args) -> int:
    root = find_root(Path(args.root or Path.cwd()).resolve())
    out = root / "schemas"
    out.mkdir(exist_ok=True)
    for name, text in schema.json_schemas().items():
        (out / name).write_text(text, encoding="utf-8")
        print(f"schemas/{name}")
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="innocities", description=msg("cli_description"))
    ap.add_argument("--lang", choices=messages.LANGUAGES, help=msg("cli_lang"))
    ap.add_argument("--root", help=msg("cli_root"))
    sub = ap.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help=msg("cli_check"))
    check.add_argument("paths", nargs="*", help=msg("cli_check_paths"))
    check.add_argument("--format", choices=("text", "github", "json"), default="text", help=msg("cli_check_format"))
    check.add_argument("--strict", action="store_true", help=msg("cli_check_strict"))
    check.set_defaults(func=cmd_check)

    new = sub.add_parser("new", help=msg("cli_new"))
    kinds = new.add_subparsers(dest="kind", required=True)
    proj = kinds.add_parser("project", help=msg("cli_new_project"))
    proj.add_argument("title", help=msg("cli_new_title"))
    proj.add_argument("--municipality", action="append", required=True, help=msg("cli_new_municipality"))
    proj.add_argument("--sdg", action="append", help=msg("cli_new_sdg"))
    proj.add_argument("--slug", help=msg("cli_new_slug"))
    proj.set_defaults(func=cmd_new)
    mun = kinds.add_parser("municipality", help=msg("cli_new_org"))
    mun.add_argument("title", help=msg("cli_new_name"))
    mun.add_argument("--country", required=True, choices=schema.COUNTRIES, help=msg("cli_new_country"))
    mun.add_argument("--type", default="municipality", choices=schema.ORG_TYPES, help=msg("cli_new_type"))
    mun.add_argument("--slug", help=msg("cli_new_slug"))
    mun.set_defaults(func=cmd_new)

    prog = kinds.add_parser("programme", help=msg("cli_new_programme"))
    prog.add_argument("title", help=msg("cli_new_name"))
    prog.add_argument("--host", action="append", required=True, help=msg("cli_new_host"))
    prog.add_argument("--country", required=True, choices=schema.COUNTRIES, help=msg("cli_new_country"))
    prog.add_argument("--slug", help=msg("cli_new_slug"))
    prog.set_defaults(func=cmd_new)

    issue = sub.add_parser("from-issue", help=msg("cli_from_issue"))
    issue.add_argument("body_file", nargs="?", help=msg("cli_from_issue_body"))
    issue.add_argument("--event", help=msg("cli_from_issue_event"))
    issue.add_argument("--issue", type=int, help=msg("cli_from_issue_number"))
    issue.add_argument("--comment", help=msg("cli_from_issue_comment"))
    issue.add_argument("--github-output", help=msg("cli_from_issue_output"))
    issue.set_defaults(func=cmd_from_issue)

    diff = sub.add_parser("site-diff", help=msg("cli_site_diff"))
    diff.add_argument("old", help=msg("cli_site_diff_old"))
    diff.add_argument("new", help=msg("cli_site_diff_new"))
    diff.add_argument("--summary", action="store_true", help=msg("cli_site_diff_summary"))
    diff.add_argument("--check-json", help=msg("cli_site_diff_check"))
    diff.add_argument("--artifact-url", help=msg("cli_site_diff_url"))
    diff.add_argument("--same", action="store_true", help=msg("cli_site_diff_same"))
    diff.add_argument("--artifact-name", default="webbplats", help=msg("cli_site_diff_name"))
    diff.set_defaults(func=cmd_site_diff)

    sch = sub.add_parser("schema", help=msg("cli_schema"))
    sch.set_defaults(func=cmd_schema)
    return ap


# argparse writes its own words (usage, headings, its errors) through gettext, looked up when they
# are shown; these keys are the ones a contributor meets, and each one's `en` is argparse's own text
# (a test checks it against argparse). Anything else argparse says stays as argparse says it.
ARGPARSE_KEYS = ("cli_usage", "cli_positionals", "cli_options", "cli_help", "cli_error", "cli_argument",
                 "cli_required", "cli_invalid_choice", "cli_unrecognized", "cli_expected_one", "cli_invalid_value")


def _argparse_text(text: str) -> str:
    table = messages.table()
    key = next((k for k in ARGPARSE_KEYS if table[k]["en"] == text), None)
    return table[key][messages.current()] if key else text


def _lang_in(argv: list[str]) -> str | None:
    """--lang before the command, read ahead: the help texts are made in that language."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in messages.LANGUAGES else None
        if arg.startswith("--lang="):
            return arg.partition("=")[2] if arg.partition("=")[2] in messages.LANGUAGES else None
        if not arg.startswith("-"):
            return None
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    messages.set_language(_lang_in(argv) or messages.language_from_env())
    words, argparse._ = argparse._, _argparse_text
    try:
        args = parser().parse_args(argv)
    finally:
        argparse._ = words
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())

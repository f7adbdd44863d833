"""Two built sites compared: which pages were added, changed or removed, and a Markdown summary
of it (with what `check` said) for a pull request's job summary.

Only the standard library: the comparison needs no build, and the engine test uses the same
`compare` to hold a MkDocs and a ProperDocs build side by side.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from .messages import msg

# The one line an engine may write differently: its own name and version.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
MAX_ROWS = 300  # a job summary holds at most 1 MiB; a change touching every page lists the first ones

@dataclass
class SiteDiff:
    added: list[str] = field(default_factory=list)  # paths in the new site
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # paths in the old site
    other: list[str] = field(default_factory=list)  # files that are not pages, added, changed or removed
    titles: dict[str, str] = field(default_factory=dict)  # page path → its <title>

    @property
    def pages(self) -> list[tuple[str, str]]:
        """(kind, path) for every page that differs."""
        # new and removed pages first: they are the rarer news
        return [("added", p) for p in self.added] + [("removed", p) for p in self.removed] + \
               [("changed", p) for p in self.changed]


def normalised(data: bytes) -> bytes:
    """A file's bytes without the generator's name, which is all two engines may differ in."""
    return GENERATOR.sub(b'<meta name="generator">', data)


def files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def _title(path: Path) -> str:
    found = TITLE.search(path.read_text(encoding="utf-8", errors="replace"))
    return html.unescape(" ".join(found.group(1).split())) if found else ""


def compare(old: Path, new: Path) -> SiteDiff:
    before, after = files(old), files(new)
    diff = SiteDiff()
    for rel in sorted(before.keys() | after.keys()):
        if rel not in before:
            kind = "added"
        elif rel not in after:
            kind = "removed"
        elif normalised(before[rel].read_bytes()) != normalised(after[rel].read_bytes()):
            kind = "changed"
        else:
            continue
        if rel.endswith(".html"):
            getattr(diff, kind).append(rel)
            diff.titles[rel] = _title(after.get(rel) or before[rel])
        else:
            diff.other.append(rel)
    return diff


def short_titles(titles: dict[str, str]) -> dict[str, str]:
    """Titles without the site's name, when most of them end in the same " - Name"."""
    ends = [t.rsplit(" - ", 1)[1] for t in titles.values() if " - " in t]
    common = max(set(ends), key=ends.count, default=None)
    if common is None or ends.count(common) * 2 <= len(titles):
        return titles
    return {rel: t.removesuffix(" - " + common) for rel, t in titles.items()}


def page_url(rel: str) -> str:
    """The address of a page relative to the site root: `projekt/x/` for `projekt/x/index.html`."""
    return rel.removesuffix("index.html") or "./"


def md(text: str) -> str:
    """Text from a page or a contributor, shown as text in GitHub Markdown (also inside a table)."""
    text = html.escape(" ".join(text.split()), quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+!|~@-])", r"\\\1", text)


def as_text(diff: SiteDiff) -> str:
    return "".join(f"{kind}\t{rel}\n" for kind, rel in diff.pages) + "".join(f"other\t{rel}\n" for rel in diff.other)


def _check_section(check: list[dict] | None) -> list[str]:
    out = [msg("sitediff_check"), ""]
    if check is None:
        return out + [msg("sitediff_check_missing"), ""]
    if not check:
        return out + [msg("sitediff_check_clean"), ""]
    errors = sum(p["severity"] == "error" for p in check)
    out += [msg("sitediff_check_counts", errors=errors, warnings=len(check) - errors), "",
            msg("sitediff_check_head"), "|---|---|---|---|---|"]
    for p in check[:MAX_ROWS]:
        out.append(f"| `{md(p['path'])}` | {p['line']} | {msg('sitediff_' + p['severity']) if p['severity'] in ('error', 'warning') else md(p['severity'])} "
                   f"| {md(p['field'])} | {md(p['message'])} |")
    return out + [""]


def summary(diff: SiteDiff | None, *, check: list[dict] | None = None, artifact_url: str | None = None,
            artifact_name: str = "webbplats") -> str:
    """The job summary: what `check` said, then each page that differs, linked to the artifact."""
    out = [msg("sitediff_title"), ""] + _check_section(check) + [msg("sitediff_pages"), ""]
    if diff is None:
        return "\n".join(out + [msg("sitediff_no_base")]) + "\n"
    if not diff.pages:
        out.append(msg("sitediff_no_change"))
    else:
        out += [msg("sitediff_counts", added=len(diff.added), changed=len(diff.changed), removed=len(diff.removed)), ""]
        out.append(msg("sitediff_artifact", name=md(artifact_name), url=artifact_url) if artifact_url
                   else msg("sitediff_artifact_unknown", name=md(artifact_name)))
        out += ["", msg("sitediff_head"), "|---|---|---|"]
        titles = short_titles(diff.titles)
        for kind, rel in diff.pages[:MAX_ROWS]:
            name = md(titles.get(rel) or page_url(rel))
            page = f"[{name}]({artifact_url})" if artifact_url and kind != "removed" else name
            where = f"`{rel}`" if kind != "removed" else "–"
            out.append(f"| {page}<br>`{page_url(rel)}` | {msg('sitediff_' + kind)} | {where} |")
        if len(diff.pages) > MAX_ROWS:
            out += ["", msg("sitediff_truncated", more=len(diff.pages) - MAX_ROWS)]
    if diff.other:
        out += ["", f"<details><summary>{msg('sitediff_other_files', count=len(diff.other))}</summary>", ""]
        out += [f"- `{rel}`" for rel in diff.other[:MAX_ROWS]] + ["", "</details>"]
    return "\n".join(out) + "\n"

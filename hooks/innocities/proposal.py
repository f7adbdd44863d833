"""A project proposal made with the issue form, turned into a content file.

GitHub renders the answers of `.github/ISSUE_TEMPLATE/projektforslag.yml` as Markdown: one
`### Label` heading per question, the answer below it, and `_No response_` for an optional
question left empty. The form is the one source of truth for the labels: they are read from it,
so renaming a question in the form cannot silently break this.

The issue body is untrusted: every value goes into the file as a JSON string (a valid
double-quoted YAML scalar), so no answer can add a field, end the front matter or change a type.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .messages import msg
from .slugs import slugify

FORM = ".github/ISSUE_TEMPLATE/projektforslag.yml"
NO_RESPONSE = "_No response_"
DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
EMAIL = re.compile(r"[^@\s<>\"(),;]+@[^@\s<>\"(),;]+\.[^@\s<>\"(),;]+")
CODE_IN_PARENS = re.compile(r"\(([a-z-]+)\)\s*$")
CHECKED = re.compile(r"^\s*[-*]\s*\[[xX]\]\s*", re.M)

@dataclass
class Draft:
    """What a proposal became: the file (if one could be written) and what stood in the way."""
    slug: str = ""
    text: str = ""
    title: str = ""
    notes: list[str] = field(default_factory=list)  # answers that could not be used as given
    refused: list[str] = field(default_factory=list)  # reasons no file was written

    @property
    def path(self) -> str:
        return f"content/projects/{self.slug}.md" if self.slug and not self.refused else ""


def form_questions(root: Path) -> list[tuple[str, str, bool]]:
    """(id, label, required) for each question of the form, in the form's order."""
    form = yaml.safe_load((root / FORM).read_text(encoding="utf-8"))
    def required(item: dict) -> bool:
        # a checkbox question is required through its options
        options = item["attributes"].get("options", [])
        return bool(item.get("validations", {}).get("required")) or any(
            isinstance(o, dict) and o.get("required") for o in options)
    return [(item["id"], item["attributes"]["label"], required(item))
            for item in form["body"] if item.get("type") != "markdown"]


def sections(body: str, labels: list[str]) -> dict[str, str | None]:
    """The answer under each label's heading (None when the heading is missing).

    Headings are matched from the last question backwards, each the last one before the next
    question's: a free-text answer that itself holds a `### Label` line of another question
    cannot move the answers that follow it."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: dict[str, str | None] = {}
    end = len(lines)
    for label in reversed(labels):
        heading = f"### {label}"
        start = next((i for i in range(end - 1, -1, -1) if lines[i].rstrip() == heading), None)
        if start is None:
            found[label] = None
            continue
        answer = "\n".join(lines[start + 1:end]).strip("\n")
        found[label] = "" if answer.strip() == NO_RESPONSE else answer.strip()
        end = start
    return found


def _yaml_str(value: str) -> str:
    # A JSON string is a valid double-quoted YAML scalar (as cli._yaml_str).
    return json.dumps(value, ensure_ascii=False)


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _status(answer: str) -> str:
    found = CODE_IN_PARENS.search(answer)
    return found.group(1) if found else _one_line(answer)


def _municipalities(answer: str, names: dict[str, str]) -> list[str]:
    """Slugs for the answer's comma-separated names: a file name, or the name a file gives."""
    out = []
    for part in re.split(r"[,;\n]", answer):
        part = _one_line(part)
        if not part:
            continue
        out.append(names.get(part.casefold()) or slugify(part) or part)
    return out


def _sdg(part: str) -> str:
    part = part.strip()
    return part if part.isdigit() and part.isascii() else _yaml_str(part)


def _contact(answer: str) -> tuple[str, str]:
    email = EMAIL.search(answer)
    name = answer.replace(email.group(0), " ") if email else answer
    name = _one_line(re.sub(r"[<>()\[\],;:]", " ", name))
    return name, email.group(0) if email else ""


def draft(body: str, root: Path, municipality_names: dict[str, str] | None = None) -> Draft:
    """The content file for a proposal (not written): `municipality_names` maps a lowercased
    name to its file's slug, so "Halden kommune" becomes halden."""
    questions = form_questions(root)
    answers = sections(body, [label for _, label, _ in questions])
    out = Draft()
    by_id: dict[str, str] = {}
    for qid, label, required in questions:
        answer = answers[label]
        if answer is None:
            out.refused.append(msg("proposal_not_form", label=label))
            continue
        if qid == "consent":
            if required and not CHECKED.search(answer):
                out.refused.append(msg("proposal_no_consent", label=label))
            continue
        if required and not answer:
            out.refused.append(msg("proposal_required", label=label))
        by_id[qid] = answer
    title = _one_line(by_id.get("title", ""))
    out.title = title
    out.slug = slugify(title)
    if title and not out.slug:
        out.refused.append(msg("proposal_no_slug"))
    if out.refused:
        return out
    if (root / out.path).exists():
        out.refused.append(msg("proposal_exists", path=out.path))
        return out

    lines = ["---", f"title: {_yaml_str(title)}", f"summary: {_yaml_str(_one_line(by_id['summary']))}",
             f"status: {_yaml_str(_status(by_id['status']))}"]
    slugs = _municipalities(by_id["municipalities"], municipality_names or {})
    lines.append(f"municipalities: [{', '.join(_yaml_str(s) for s in slugs)}]")
    sdgs = [p for p in re.split(r"[,;\s]+", by_id["sdgs"]) if p.strip()]
    lines.append(f"sdgs: [{', '.join(_sdg(p) for p in sdgs)}]")
    period = by_id.get("period", "")
    if period:
        dates = DATE.findall(period)
        if dates and len(dates) <= 2:
            lines.append(f"start: {_yaml_str(dates[0])}")
            if len(dates) == 2:
                lines.append(f"end: {_yaml_str(dates[1])}")
        else:
            out.notes.append(msg("proposal_period", value=_md_escape(period)))
    contact = by_id.get("contact", "")
    if contact:
        name, email = _contact(contact)
        if name:
            lines.append(f"contact: {{name: {_yaml_str(name)}" + (f", email: {_yaml_str(email)}}}" if email else "}"))
        else:
            out.notes.append(msg("proposal_contact", value=_md_escape(contact)))
    found = _sources(by_id.get("sources", ""))
    if found:
        lines.append("sources:")
        for source_title, url in found:
            lines += [f"  - title: {_yaml_str(source_title)}", f"    url: {_yaml_str(url)}"]
    elif by_id.get("sources", "").strip():
        out.notes.append(msg("proposal_sources", value=_md_escape(by_id["sources"])))
    lines.append("---")
    description = by_id.get("body", "").strip()
    out.text = "\n".join(lines) + "\n" + (description + "\n" if description else "")
    return out


def _sources(answer: str) -> list[tuple[str, str]]:
    """One source a line: its web address and, around it, its title (the address's host if none)."""
    out = []
    for line in answer.splitlines():
        m = re.search(r"https?://[^\s<>\"]+", line)
        if not m:
            continue
        url = m.group(0).rstrip(").,;")
        title = (line[: m.start()] + line[m.end():]).strip(" \t-–—:()[]<>\"")
        out.append((_one_line(title) or url.split("/")[2], url))
    return out


def _md_escape(text: str) -> str:
    # An answer quoted in the comment stays text: no markup, link, mention or HTML of its own.
    return re.sub(r"([\\`*_{}\[\]()<>#+!|~@&-])", r"\\\1", _one_line(text))


def _fence(text: str) -> str:
    # Longer than any run of backticks in the text, so no answer can end the code block.
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def comment(result: Draft, check_lines: list[str], errors: int, warnings: int) -> str:
    """The Markdown comment for the issue: the file, or why none was written, and what check says."""
    parts = [msg("proposal_comment_title"), ""]
    if not result.path:
        parts += [msg("proposal_comment_no_file"), ""] + [f"- {_one_line(r)}" for r in result.refused]
        return "\n".join(parts) + "\n"
    parts += [msg("proposal_comment_file", path=result.path), ""]
    if result.notes:
        parts += [msg("proposal_comment_notes"), ""] + [f"- {n}" for n in result.notes] + [""]
    parts += [msg("proposal_comment_check"), ""]
    if not check_lines:
        parts.append(msg("proposal_comment_clean"))
    else:
        report = "\n".join(check_lines)
        fence = _fence(report)
        parts += [msg("proposal_comment_counts", errors=errors, warnings=warnings), "", fence + "text", report, fence]
    return "\n".join(parts) + "\n"

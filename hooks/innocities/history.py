"""When content files were added and last changed, from git, in one call for the whole tree.

Outside a git checkout (a downloaded archive, a test copy) nothing is known and pages fall back
to the dates in the front matter.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileDates:
    added: dt.date
    changed: dt.date


def file_dates(root: Path, folder: str = "content") -> dict[str, FileDates]:
    """Path (relative to root) → first and last commit dates (committer date, UTC)."""
    try:
        out = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--format=%x00%cd", "--date=format-local:%Y-%m-%d",
             "--name-only", "--no-renames", "--", folder],
            cwd=root, capture_output=True, text=True, timeout=120, env={**os.environ, "TZ": "UTC"},
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if out.returncode != 0:
        return {}
    dates: dict[str, FileDates] = {}
    for block in out.stdout.split("\x00")[1:]:  # newest commit first
        lines = [x for x in block.split("\n") if x]
        if not lines:
            continue
        day = dt.date.fromisoformat(lines[0])
        for name in lines[1:]:
            seen = dates.get(name)
            dates[name] = FileDates(added=day, changed=seen.changed if seen else day)
    return dates



STALE_AFTER_MONTHS = 24


def today() -> dt.date:
    """The build's today: SOURCE_DATE_EPOCH when set, so a rebuild gives the same pages."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


def latest_today() -> dt.date:
    """The last day a review date may name: the build's today, or the clock's when that is later.
    An epoch pinned in the past (to build an old commit again, or in a test) must not turn every
    review made since into an error."""
    return max(today(), dt.datetime.now(dt.timezone.utc).date())


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")

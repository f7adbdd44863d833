"""Building a copy of the site the way a contributor does, for tests that look at the output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE_PARTS = ("mkdocs.yml", "docs", "content", "hooks", "overrides")


def copy_repo(dest: Path) -> Path:
    """A copy of what the build reads, so a test can change content without touching the repo."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def mkdocs(root: Path, site: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict`, as `make build` runs it."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site), *extra],
        capture_output=True, text=True, env=full_env, cwd=root,
    )


def rebuild_like_serve(root: Path, out: Path, steps: list[dict[str, str | None]], command: str = "serve") -> list[dict]:
    """Build after each step of edits in one process, as `mkdocs serve` rebuilds (serve_like.py);
    step k's site is copied to out/k. Returns, per step: ok, warnings, and how many Markdown
    bodies were used again from the step before / converted."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    result = subprocess.run([sys.executable, str(Path(__file__).with_name("serve_like.py")), str(root), str(out),
                             command, json.dumps(steps)], capture_output=True, text=True, env=env, cwd=root)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]

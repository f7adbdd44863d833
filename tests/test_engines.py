"""MkDocs and ProperDocs (its maintained drop-in fork) build the same site, byte for byte apart
from the generator's name: `make build ENGINE=properdocs` is a safe switch."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from innocities import sitediff
from sitebuild import ROOT

BIN = Path(sys.executable).parent


def test_properdocs_builds_the_same_site_as_mkdocs(built, tmp_path):
    site = tmp_path / "properdocs-site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1700000000"}
    result = subprocess.run([str(BIN / "properdocs"), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                            capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    # each engine really built its own site
    assert 'content="mkdocs-1.6' in built.raw("")
    assert 'content="mkdocs-ProperDocs 1.6' in (site / "index.html").read_text(encoding="utf-8")
    diff = sitediff.compare(built.root, site)
    assert (diff.added, diff.changed, diff.removed, diff.other) == ([], [], [], [])
    assert len(list(site.rglob("*.html"))) > 50

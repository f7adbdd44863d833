"""The tools around the build fail with one line that says what to do, not a stack trace."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from sitebuild import ROOT

MAKE = shutil.which("make")


@pytest.fixture
def checkout(tmp_path):
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, tmp_path / name)
    return tmp_path


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_too_old_python_gets_a_one_line_message(checkout, tmp_path):
    fake = tmp_path / "python3.9"
    fake.write_text('#!/bin/sh\nif [ "$1" = "-V" ]; then echo "Python 3.9.18"; exit 0; fi\nexit 1\n')
    fake.chmod(0o755)
    result = subprocess.run([MAKE, "-s", "build", f"PYTHON={fake}"], cwd=checkout, capture_output=True, text=True)
    assert result.returncode != 0
    out = (result.stdout + result.stderr).strip()
    assert "Python 3.11 or newer is needed, found Python 3.9.18" in out
    assert "Traceback" not in out and not (checkout / ".venv").exists()


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
def test_missing_python_gets_a_one_line_message(checkout):
    result = subprocess.run([MAKE, "-s", "test", "PYTHON=/nowhere/python3"], cwd=checkout, capture_output=True, text=True)
    assert result.returncode != 0
    assert "/nowhere/python3 not found; install Python 3.11 or newer" in result.stdout + result.stderr


def test_mkdocs_2_gets_a_one_line_message(tmp_path):
    fake = tmp_path / "mkdocs"
    fake.mkdir()
    (fake / "__init__.py").write_text('__version__ = "2.0.0"\n')
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", f"import runpy; runpy.run_path({str(ROOT / 'hooks/innocities_hook.py')!r})"],
                            capture_output=True, text=True, env=env)
    assert result.returncode != 0
    assert "MkDocs 2.0.0 is installed but this site needs MkDocs 1.6" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_cycle_collector_is_paused_only_while_the_hook_loads_content():
    import gc

    import innocities_hook

    assert gc.isenabled()
    with innocities_hook._collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), innocities_hook._collector_paused():
        raise RuntimeError("a content error stops the build")
    assert gc.isenabled()
    gc.disable()  # left as it was found
    try:
        with innocities_hook._collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_parsed_content_and_markdown_are_kept_between_builds_only_under_mkdocs_serve():
    # `mkdocs serve --clean` starts the plugins with command="build": nothing is kept.
    import innocities_hook
    import innocities_markdown_cache
    from innocities import source

    try:
        innocities_hook.on_startup(command="serve", dirty=False)
        assert isinstance(source.SERVE_CACHE, source.ParsedFiles)
        assert isinstance(innocities_markdown_cache.SERVE_CACHE, innocities_markdown_cache.ConvertedMarkdown)
        innocities_hook.on_startup(command="build", dirty=False)
        assert source.SERVE_CACHE is None
        assert innocities_markdown_cache.SERVE_CACHE is None
    finally:
        source.SERVE_CACHE = None
        innocities_markdown_cache.SERVE_CACHE = None


# Material's features that work without Material's script, which the site does not load
# (overrides/main.html): drawn by the templates alone, or, for navigation.top, by our
# docs/assets/navigation.js. Another one (navigation.instant, content.code.copy, search.suggest,
# ...) would be switched on in mkdocs.yml and silently do nothing.
WITHOUT_MATERIALS_SCRIPT = {
    "navigation.tabs", "navigation.tabs.sticky", "navigation.sections", "navigation.expand",
    "navigation.indexes", "navigation.path", "navigation.prune", "navigation.top", "toc.integrate",
    "content.action.edit", "content.action.view",
}


def test_the_themes_features_all_work_without_materials_script():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^  features:\n((?:(?:    - .*|\s*#.*)\n)+)", text, re.M)
    assert block, "no theme features in mkdocs.yml"
    features = set(re.findall(r"^    - (\S+)", block.group(1), re.M))
    assert "navigation.top" in features
    assert features <= WITHOUT_MATERIALS_SCRIPT, (
        f"{sorted(features - WITHOUT_MATERIALS_SCRIPT)} need Material's script, which the site does not load "
        "(overrides/main.html): do its part in docs/assets/navigation.js, then list it here")

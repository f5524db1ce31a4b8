"""The project's own files: licence, pinned and hashed requirements, update proposals, lint."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tokenize
import tomllib

import pytest
import yaml
from conftest import ROOT

from tinhoi.cms import vendor

# a file of the repository named in a test's comment or docstring: a top-level document
# (README.md) or a path under one of the project's folders
CITED = re.compile(
    r"(?<![\w/.-])([A-Z][A-Z_-]*\.md|(?:plugins|tests|theme|bench|content|\.ci|\.github)/"
    r"[\w./-]*\w\.[a-z]{1,5})(?![\w/])"
)
REQUIREMENT = re.compile(r"^([A-Za-z0-9_.-]+)(\[[a-z,]+\])?==([^\s;\\]+)", re.MULTILINE)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def dry_run(target: str) -> str:
    """The commands ``make`` would run for ``target``, none of them run."""
    if shutil.which("make") is None:
        pytest.skip("needs make")
    venv = ROOT / ".venv"
    done = subprocess.run(
        ["make", "-n", "-W", "requirements.txt", "-W", "requirements-dev.txt", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "VENV": str(venv)},
    )
    return done.stdout


def test_the_licence_is_the_agpl_and_is_named_where_people_look():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("GNU AFFERO GENERAL PUBLIC LICENSE")
    assert "Version 3, 19 November 2007" in text
    assert "END OF TERMS AND CONDITIONS" in text and len(text.splitlines()) > 600
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "AGPL-3.0-or-later"
    assert project["license-files"] == ["LICENSE"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "AGPL-3.0-or-later" in readme and "(LICENSE)" in readme


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_every_requirement_is_pinned_with_hashes(name):
    text = (ROOT / name).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z])", text)
    pins = [entry for entry in entries if REQUIREMENT.match(entry)]
    assert len(pins) > 20
    for entry in pins:
        assert "--hash=sha256:" in entry, entry.splitlines()[0]
    # the hand-written inputs and the hashed files name the same versions
    source = (ROOT / name.replace(".txt", ".in")).read_text(encoding="utf-8")
    wanted = {canonical(m[0]): m[2] for m in REQUIREMENT.findall(source)}
    hashed = {canonical(m[0]): m[2] for m in REQUIREMENT.findall(text)}
    assert wanted.items() <= hashed.items()


def test_make_installs_with_require_hashes_and_tests_the_format():
    commands = dry_run("test")
    lines = re.sub(r"\\\n\s*", " ", commands).splitlines()  # one line per command
    installs = [line for line in lines if "pip install" in line]
    hashed = [line for line in installs if " -r requirements" in line]
    assert len(hashed) == 2
    assert all("--require-hashes" in line for line in hashed)
    # then the project itself: editable, and nothing fetched for it (no dependencies of its
    # own, built by the pinned setuptools)
    (own,) = [line for line in installs if line not in hashed]
    assert own.split()[-2:] == ["--editable", "."]
    assert "--no-deps" in own and "--no-build-isolation" in own
    check = re.search(r"ruff check (.+)", commands)
    assert check, commands
    assert f"ruff format --check {check[1]}" in commands


def test_update_proposals_cover_pip_npm_and_actions():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {entry["package-ecosystem"]: entry["directory"] for entry in config["updates"]}
    assert set(updates) == {"pip", "npm", "github-actions"}
    assert (ROOT / updates["pip"].lstrip("/") / "requirements.txt").is_file()
    assert any((ROOT / ".github" / "workflows").glob("*.yml"))
    manifest = json.loads(
        (ROOT / updates["npm"].lstrip("/") / "package.json").read_text(encoding="utf-8")
    )
    # the manifest mirrors pins kept elsewhere: a proposal must change both
    pins = manifest["devDependencies"]
    assert pins[vendor.PACKAGE] == vendor.VERSION
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"vnu_version={pins['vnu-jar']}\n" in ci


def cited_files(path) -> list[tuple[int, str]]:
    """Repository files named in ``path``'s comments and docstrings, with their lines."""
    found = []
    with path.open("rb") as handle:
        for token in tokenize.tokenize(handle.readline):
            prose = token.type == tokenize.COMMENT or (
                token.type == tokenize.STRING and token.string.lstrip("rbuf").startswith('"""')
            )
            if prose:
                found += [(token.start[0], name) for name in CITED.findall(token.string)]
    return found


def test_files_cited_by_the_tests_exist():
    missing = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for line, name in cited_files(path)
        if not (ROOT / name).exists()
    ]
    assert missing == []

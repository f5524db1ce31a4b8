"""The engine as a package: pyproject.toml, the wheel and sdist, the installed ``tinhoi``.

The wheel is built from a copy of the sources (the checkout stays as git has it) with the
pinned setuptools, and installed into a fresh virtualenv without network: the package
itself with ``--no-deps``, its dependencies seen through this virtualenv's site-packages.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path

import pytest
from conftest import GOOD_ARTICLE, GOOD_URL, ROOT, write_source
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tinhoi.sitebuild.package import theme_folder, version

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
PIN = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[a-z,]+\])?==([^\s;\\]+)", re.MULTILINE)
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "plugins", "theme")


def pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    return {canonicalize_name(m[0]): m[1] for m in PIN.findall(text)}


def plugin_packages() -> set[str]:
    return {
        ".".join(("tinhoi", *init.parent.relative_to(ROOT / "plugins").parts))
        for init in (ROOT / "plugins").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }


def source_files() -> list[str]:
    """What the wheel must hold, as paths under tinhoi/: every file of plugins/ and theme/
    (a script in a folder that is not a package, plugins/media/fonts/subset.py, stays out)."""
    found = []
    for folder, prefix in (("plugins", ""), ("theme", "theme/")):
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            if path.suffix == ".py" and not (path.parent / "__init__.py").is_file():
                continue
            found.append(prefix + path.relative_to(ROOT / folder).as_posix())
    return found


def test_every_folder_of_plugins_is_a_package_of_the_project():
    packages = set(PYPROJECT["tool"]["setuptools"]["packages"])
    assert packages == plugin_packages() | {"tinhoi.theme"}
    assert PYPROJECT["tool"]["setuptools"]["package-dir"] == {
        "tinhoi": "plugins",
        "tinhoi.theme": "theme",
    }
    assert PROJECT["scripts"] == {"tinhoi": "tinhoi.cli:main"}


def test_the_dependencies_allow_the_exact_pins_and_cover_the_runtime_ones():
    runtime = pins("requirements.txt")
    requirements = [Requirement(text) for text in PROJECT["dependencies"]]
    for requirement in requirements:
        pinned = runtime[canonicalize_name(requirement.name)]
        assert requirement.specifier.contains(pinned), (str(requirement), pinned)
    # the direct pins of requirements.in (its first block) are all dependencies
    direct = (ROOT / "requirements.in").read_text(encoding="utf-8").split("# required by")[0]
    wanted = {canonicalize_name(m[0]) for m in PIN.findall(direct)} - {"setuptools"}
    assert wanted <= {canonicalize_name(r.name) for r in requirements}


def third_party_imports() -> set[str]:
    """The top-level modules the package's code imports that are not its own or Python's."""
    own = {path.name for path in (ROOT / "plugins").iterdir()} | {"tinhoi"}
    names = set()
    for path in (ROOT / "plugins").rglob("*.py"):
        if not (path.parent / "__init__.py").is_file():
            continue  # plugins/media/fonts/subset.py: a maintainer's script, not the package
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {
        name
        for name in names - own
        if name not in sys.stdlib_module_names and Path(name).stem not in own
    }


def test_every_module_the_package_imports_comes_from_a_dependency():
    declared = set()
    for text in PROJECT["dependencies"]:
        requirement = Requirement(text)
        declared.add(canonicalize_name(requirement.name))
        for extra in requirement.extras:  # pagefind[bin] brings pagefind-bin
            for needed in map(Requirement, metadata.requires(requirement.name) or []):
                if needed.marker and needed.marker.evaluate({"extra": extra}):
                    declared.add(canonicalize_name(needed.name))
    providers = metadata.packages_distributions()
    missing = {
        name: providers.get(name)
        for name in third_party_imports()
        if not {canonicalize_name(d) for d in providers.get(name, [])} & declared
    }
    assert missing == {}


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The wheel and sdist, built from a copy of the sources with the pinned setuptools."""
    work = tmp_path_factory.mktemp("package")
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(ROOT / name, source / name)
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(work / "dist")],
        cwd=source,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return work / "dist"


def test_make_release_builds_a_wheel_and_an_sdist_that_twine_accepts(dist):
    names = sorted(path.name for path in dist.iterdir())
    assert names == [
        f"tin_hoi-{version()}-py3-none-any.whl",
        f"tin_hoi-{version()}.tar.gz",
    ]
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *sorted(map(str, dist.iterdir()))],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2


def test_the_wheel_holds_every_file_of_plugins_and_theme(dist):
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = source_files()
    assert len(expected) > 200
    assert [name for name in expected if f"tinhoi/{name}" not in names] == []
    meta = zipfile.ZipFile(wheel).read(f"tin_hoi-{version()}.dist-info/METADATA").decode()
    assert "License-Expression: AGPL-3.0-or-later" in meta
    assert "Requires-Dist: pelican<4.13,>=4.12.0" in meta


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory) -> Path:
    """A fresh virtualenv with the wheel installed (offline); returns its bin folder."""
    venv = tmp_path_factory.mktemp("installed") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    bin_dir = venv / "bin"
    python = bin_dir / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # the dependencies: this interpreter's site folders (after the new one's own packages)
    folders = [entry for entry in sys.path if entry.endswith("site-packages")]
    Path(site, "dependencies.pth").write_text("".join(f"{entry}\n" for entry in folders))
    (wheel,) = dist.glob("*.whl")
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
    install += ["--no-deps", "--no-index", "--disable-pip-version-check", str(wheel)]
    done = subprocess.run(install, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return bin_dir


def run_installed(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return subprocess.run(
        [bin_dir / "tinhoi", *args], cwd=cwd, env=environment, capture_output=True, text=True
    )


def test_the_installed_command_tells_its_version(installed, tmp_path):
    done = run_installed(installed, "--version", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"tinhoi {PROJECT['version']}"
    # a sub-command runs the plugin's own command line from the installed package
    done = run_installed(installed, "settings", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "  CMS_REPO (một chuỗi; mặc định: '')" in done.stdout


class _Generators(HTMLParser):
    def __init__(self, path: Path):
        super().__init__()
        self.found: list[str] = []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("name") == "generator":
            self.found.append(attrs.get("content", ""))


def test_the_installed_package_builds_a_site_with_its_own_theme(installed, tmp_path):
    # a new site from the installed package's starter: its settings name no theme or plugin
    site = tmp_path / "site"
    done = run_installed(installed, "new-site", str(site), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    write_source(site / "content" / "articles", "hoi-nghi.md", GOOD_ARTICLE)
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write("SEARCH_INDEX = False\n")

    done = run_installed(installed, "build", "html", "--root", str(site), cwd=site)
    assert done.returncode == 0, done.stdout + done.stderr
    output = site / "output"
    for page in ("index.html", "en/index.html", GOOD_URL):
        assert _Generators(output / page).found == [f"Tin Hội {PROJECT['version']}"], page
    # the stylesheet and the Vietnamese labels came from the installed theme
    assert (output / "theme" / "css" / "main.css").is_file()
    assert "Trang chủ" in (output / "index.html").read_text(encoding="utf-8")


def test_every_page_names_the_generator_with_the_version(sample_site):
    assert version() == PROJECT["version"]
    pages = [
        path
        for path in sorted(sample_site.output.rglob("*.html"))
        if path.relative_to(sample_site.output).parts[0] != "admin"  # the editor's own page
    ]
    assert len(pages) > 50
    wrong = {
        path.relative_to(sample_site.output).as_posix(): found
        for path in pages
        if (found := _Generators(path).found) != [f"Tin Hội {version()}"]
    }
    assert wrong == {}


def test_the_code_under_test_is_this_checkout_s():
    # one virtualenv holds one editable install: a make run in another checkout sharing it
    # would silently test that checkout's plugins
    spec = importlib.util.find_spec("tinhoi")
    assert spec is not None, "tinhoi is not installed: run make (it installs the project)"
    assert Path(spec.origin).resolve() == ROOT / "plugins" / "__init__.py"


def test_a_checkout_uses_its_theme_folder():
    assert theme_folder() == ROOT / "theme"

"""The generated editor configuration: valid, complete, fed from the data files."""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import replace

import jsonschema
import pytest
import yaml
from conftest import ROOT, SAMPLE_CONTENT

from tests.cms.editor import editor_folder
from tinhoi.cms.config import KEPT_YAML_FILE, build_config, config_yaml, kept_config_yaml
from tinhoi.cms.settings import check_settings
from tinhoi.cms.vendor import SCHEMA
from tinhoi.crosspost.records import zalo_groups
from tinhoi.sitebuild.cli import load_settings
from tinhoi.unitdata.loading import load_unit_data

# every metadata key an article may carry (README, "Viết bài mới"); Slug is written by the
# editor itself (canonical_slug)
ARTICLE_KEYS = {
    "Title",
    "Date",
    "Modified",
    "Lang",
    "Status",
    "Summary",
    "Category",
    "Tags",
    "Branches",
    "Campaigns",
    "Models",
    "Author",
    "Source",
    "Source_url",
    "Cover",
    "Cover_alt",
    "Cover_caption",
    "Cover_credit",
    "Consent",
    "Featured",
    "Social_text",
    "Crosspost",
    "Zalo",
    "Unit",
    "Aliases",
}
DOCUMENT_KEYS = {"Doc_number", "Doc_date", "Doc_issuer", "Doc_type", "Attachment"}


def _settings(**overrides):
    settings = load_settings(ROOT / "pelicanconf.py", {"PATH": str(SAMPLE_CONTENT), **overrides})
    check_settings(settings)
    return settings


@pytest.fixture(scope="module")
def data():
    found, problems = load_unit_data(SAMPLE_CONTENT / "data")
    assert problems == []
    return found


@pytest.fixture(scope="module")
def config(data):
    """The configuration as the editor reads it: parsed back from the YAML text."""
    return yaml.safe_load(config_yaml(build_config(_settings(), data)))


def _collections(config):
    return {c["name"]: c for c in config["collections"]}


def _fields(collection):
    return {f["name"]: f for f in collection["fields"]}


def test_one_collection_per_category_filtered_by_its_key(config, data):
    collections = _collections(config)
    for category in data.categories:
        collection = collections[category.id]
        assert collection["label"] == category.name_vi
        assert collection["filter"] == {"field": "Category", "value": category.id}
        assert collection["folder"] == "content/articles"
        assert collection["format"] == "yaml-frontmatter"
        assert _fields(collection)["Category"]["default"] == category.id


def test_every_metadata_key_is_a_field_documents_only_for_documents(config):
    collections = _collections(config)
    for name, collection in collections.items():
        if "folder" not in collection or name == "trang":
            continue
        keys = set(_fields(collection)) - {"body"}
        expected = ARTICLE_KEYS | (DOCUMENT_KEYS if name == "van-ban" else set())
        assert keys == expected, name
    assert config["i18n"]["canonical_slug"] == {"key": "Slug"}
    assert set(_fields(collections["trang"])) == {"Title", "Lang", "Status", "Summary", "body"}


def test_pickers_offer_the_ids_of_the_data_files(config, data):
    fields = _fields(_collections(config)["hoat-dong-chi-hoi"])
    for key, ids in (
        ("Branches", [item.id for item in data.branches]),
        ("Campaigns", [item.id for item in data.campaigns]),
        ("Models", [item.id for item in data.models]),
        ("Zalo", [*zalo_groups(data), "no"]),  # the groups cross-posting knows, or none
    ):
        options = fields[key]["options"]
        assert [o["value"] for o in options] == ids, key
        assert fields[key]["multiple"] is True
    assert {o["value"] for o in fields["Branches"]["options"]} >= {"chi-hoi-1", "chi-hoi-9"}
    assert {o["label"] for o in fields["Campaigns"]["options"]} >= {
        "Tháng hành động vì bình đẳng giới"
    }


def test_dates_images_and_translations(config):
    fields = _fields(_collections(config)["van-ban"])
    assert fields["Date"]["format"] == "YYYY-MM-DD HH:mm Z"
    assert fields["Cover"]["media_folder"] == "/content/images"
    assert fields["Attachment"]["media_folder"] == "/content/files"
    assert config["media_folder"] == "content/images"
    assert config["i18n"]["locales"] == ["vi", "en"]
    assert fields["Title"]["i18n"] is True and fields["Date"]["i18n"] == "duplicate"


def test_data_files_are_editable(config):
    files = {f["name"]: f for f in _collections(config)["du-lieu"]["files"]}
    assert {name: f["file"] for name, f in files.items()} == {
        "unit": "content/data/unit.yml",
        "branches": "content/data/branches.yml",
        "campaigns": "content/data/campaigns.yml",
        "models": "content/data/models.yml",
        "categories": "content/data/categories.yml",
    }
    for name in ("branches", "campaigns", "models", "categories"):
        [root] = files[name]["fields"]
        assert root["root"] is True and root["widget"] == "list"


@pytest.mark.parametrize(
    ("overrides", "environment", "expected"),
    [
        ({}, {}, {"name": "github", "repo": "tai-khoan/ten-kho", "auth_methods": ["token"]}),
        ({}, {"GITHUB_REPOSITORY": "hoi-lam-chu/trang-tin"}, {"repo": "hoi-lam-chu/trang-tin"}),
        (
            {"CMS_REPO": "a/b", "CMS_OAUTH_BASE_URL": "https://auth.example.vn"},
            {"GITHUB_REPOSITORY": "x/y"},
            {
                "repo": "a/b",
                "base_url": "https://auth.example.vn",
                "auth_methods": ["oauth", "token"],
            },
        ),
        ({"CMS_BACKEND": "test-repo"}, {}, {"name": "test-repo"}),
    ],
)
def test_backend(monkeypatch, tmp_path, data, overrides, environment, expected):
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "not-a-checkout"))  # no remote to read
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    backend = build_config(_settings(**overrides), data)["backend"]
    assert backend.items() >= expected.items()


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("https://github.com/hoi-lam-chu/trang-tin.git", "hoi-lam-chu/trang-tin"),
        ("git@github.com:hoi-lam-chu/trang-tin.git", "hoi-lam-chu/trang-tin"),
        ("https://github.com/hoi-lam-chu/trang.tin", "hoi-lam-chu/trang.tin"),
        ("https://gitlab.com/hoi-lam-chu/trang-tin.git", "tai-khoan/ten-kho"),
    ],
)
def test_a_fresh_clone_names_its_repository_from_the_git_remote(
    monkeypatch, tmp_path, data, remote, expected
):
    import subprocess

    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    clone = tmp_path / "clone"
    shutil.copytree(SAMPLE_CONTENT / "data", clone / "content" / "data")
    subprocess.run(["git", "init", "-q", str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "remote", "add", "origin", remote], check=True)
    backend = build_config(_settings(PATH=str(clone / "content")), data)["backend"]
    assert backend["repo"] == expected


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("CMS_REPO", "not a repo"),
        ("CMS_BACKEND", "gitlab"),
        ("CMS_API_ROOT", "ftp://x"),
        ("CMS_ENABLED", "yes"),
        ("CMS_DOCUMENT_CATEGORIES", "van-ban"),
    ],
)
def test_a_wrong_setting_is_reported_and_replaced(caplog, key, value):
    with caplog.at_level(logging.ERROR):
        settings = _settings(**{key: value})
    assert settings[key] != value
    assert any(key in record.getMessage() for record in caplog.records)


def test_config_matches_the_editors_own_schema(config):
    """The schema ships with the pinned editor (make cms-install)."""
    schema = json.loads((editor_folder() / SCHEMA).read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(config))
    assert errors == []


def test_article_lists_show_the_cover_as_thumbnail(data):
    config = build_config(_settings(), data)
    articles = [c for c in config["collections"] if c.get("filter", {}).get("field") == "Category"]
    assert len(articles) == len(data.categories)
    for collection in articles:
        assert collection["thumbnail"] == "Cover"
        [cover] = [f for f in collection["fields"] if f["name"] == "Cover"]
        assert cover["widget"] == "image" and cover["public_folder"] == "images"
    # the sample's covers are written the way the field writes and resolves them
    # (/images/… for content/images/…; test_editor_sample.py sees them load in the editor)
    for path in (SAMPLE_CONTENT / "articles").rglob("*.md"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("Cover: "):
                cover = line.removeprefix("Cover: ")
                assert cover.startswith("/images/"), path
                assert (SAMPLE_CONTENT / cover.lstrip("/")).is_file(), path


def test_the_yaml_kept_for_the_next_build_is_the_yaml_made_afresh(tmp_path, data):
    """The config's YAML is kept in the cache folder while the config is the same
    (``kept_config_yaml``): taken back, it is the text made afresh; a branch added to the
    data files gives a new text, never the kept one; a cut file is made again."""
    config = build_config(_settings(), data)
    made = kept_config_yaml(config, tmp_path)
    assert made == config_yaml(config)
    kept_file = tmp_path / KEPT_YAML_FILE
    assert kept_file.is_file()
    stamp = kept_file.stat().st_mtime_ns
    assert kept_config_yaml(build_config(_settings(), data), tmp_path) == made
    assert kept_file.stat().st_mtime_ns == stamp, "the same config made its text again"

    branches = [*data.branches, replace(data.branches[0], id="chi-hoi-moi", name_vi="Chi hội Mới")]
    changed = build_config(_settings(), replace(data, branches=branches))
    assert "chi-hoi-moi" in kept_config_yaml(changed, tmp_path)
    assert kept_config_yaml(changed, tmp_path) == config_yaml(changed) != made

    kept_file.write_bytes(kept_file.read_bytes()[:10])
    assert kept_config_yaml(config, tmp_path) == made

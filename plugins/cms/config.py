"""The editor's configuration (``/admin/config.yml``), generated from the union's data.

Generated at every build, so the category collections and the branch, campaign, model
and Zalo pickers always list what ``content/data/*.yml`` holds (a branch added in the
editor appears in the pickers once the site has been rebuilt).

One collection per category: the officer thinks "I am writing a Mô hình hay", the list of
each category stays short on a phone, and documents get their own fields (number, issuer,
file) without cluttering every other form. A file without fences (the ``Key: value``
style of ``make newpost``) has no Category for the editor, so it is not listed until
``make cms-migrate`` rewrites its header as front matter.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import yaml

from tinhoi.sitebuild.atomic import read_pickle, write_pickle_atomic
from tinhoi.sitebuild.sites import main_lang
from tinhoi.unitdata.model import UnitData

from .datafiles import data_collection
from .fields import article_fields, page_fields
from .settings import repository

SLUG_PATTERN = [
    "^[a-z0-9]+(-[a-z0-9]+)*$",
    "Chỉ chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ: chi-hoi-6-sinh-hoat",
]
SLUG_HINT = "Đường dẫn của bài, tự tạo từ tiêu đề. Không đổi sau khi bài đã đăng."
COMMIT_MESSAGES = {
    "create": "Thêm “{{slug}}” ({{collection}})",
    "update": "Sửa “{{slug}}” ({{collection}})",
    "delete": "Xoá “{{slug}}” ({{collection}})",
    "uploadMedia": "Tải lên {{path}}",
    "deleteMedia": "Xoá tệp {{path}}",
}


def backend(settings: dict) -> dict:
    """Where the editor reads and commits: GitHub (token, or OAuth through a helper)."""
    if settings["CMS_BACKEND"] == "test-repo":
        return {"name": "test-repo"}
    found = {
        "name": "github",
        "repo": repository(settings) or "tai-khoan/ten-kho",
        "branch": settings["CMS_BRANCH"],
        "commit_messages": COMMIT_MESSAGES,
    }
    if settings["CMS_API_ROOT"]:
        found["api_root"] = settings["CMS_API_ROOT"]
    if settings["CMS_OAUTH_BASE_URL"]:
        found["base_url"] = settings["CMS_OAUTH_BASE_URL"]
        found["auth_methods"] = ["oauth", "token"]
    else:
        found["auth_methods"] = ["token"]  # GitHub's OAuth needs a helper server
    return found


def _entry_collection(name: str, label: str, folder: str, path: str, fields: list) -> dict:
    return {
        "name": name,
        "label": label,
        "label_singular": "bài",
        "folder": folder,
        "path": path,
        "extension": "md",
        "format": "yaml-frontmatter",
        "identifier_field": "Title",
        "slug": {
            "template": "{{Title}}",
            "editable": True,
            "i18n": True,
            "hint": SLUG_HINT,
            "pattern": SLUG_PATTERN,
        },
        "summary": "{{Title}}",
        "sortable_fields": {
            "fields": ["Date", "Title"],
            "default": {"field": "Date", "direction": "descending"},
        },
        "view_filters": [{"label": "Bản nháp", "field": "Status", "pattern": "draft"}],
        "i18n": True,
        "fields": fields,
    }


def article_collections(settings: dict, data: UnitData) -> list[dict]:
    """One collection per category of ``categories.yml``, in menu order."""
    main = main_lang(settings)
    documents = set(settings["CMS_DOCUMENT_CATEGORIES"])
    collections = []
    for category in data.categories:
        fields = article_fields(data, category.id, category.id in documents, main)
        collection = _entry_collection(
            category.id, category.name_vi, "content/articles", "{{year}}/{{slug}}", fields
        )
        collection["filter"] = {"field": "Category", "value": category.id}
        collection["thumbnail"] = "Cover"  # the list shows each article's cover
        if category.description_vi:
            collection["description"] = category.description_vi
        collections.append(collection)
    return collections


def page_collection(settings: dict) -> dict:
    main = main_lang(settings)
    collection = _entry_collection(
        "trang", "Trang (Giới thiệu, Liên hệ…)", "content/pages", "{{slug}}", page_fields(main)
    )
    collection["label_singular"] = "trang"
    collection["sortable_fields"] = {"fields": ["Title"]}
    return collection


def languages(settings: dict) -> list[str]:
    main = main_lang(settings)
    return [main] + [lang for lang in settings.get("I18N_SUBSITES", {}) if lang != main]


def build_config(settings: dict, data: UnitData) -> dict:
    """The whole configuration as a dict (pure: settings and data in, config out)."""
    locales = languages(settings)
    siteurl = settings.get("SITEURL") or ""
    config = {
        "backend": backend(settings),
        "app_title": f"Viết bài: {data.unit.name_vi}" if data.unit.name_vi else "Viết bài",
        "media_folder": "content/images",
        "public_folder": "{static}/images",  # Pelican links images of the body this way
        "slug": {"encoding": "ascii", "clean_accents": True, "maxlength": 80},
        "output": {"omit_empty_optional_fields": True},
        "i18n": {
            "structure": "multiple_files",  # x.md and x.en.md side by side
            "locales": locales,
            "default_locale": locales[0],
            "omit_default_locale_from_file_path": True,
            "initial_locales": "default",  # English is optional: switched on per article
            "canonical_slug": {"key": "Slug"},  # both files carry the same Slug:
        },
        "collections": [
            *article_collections(settings, data),
            page_collection(settings),
            data_collection(data),
        ],
    }
    if siteurl.startswith(("http://", "https://")):
        config["site_url"] = siteurl
        config["display_url"] = siteurl
    return config


YAML_HEADER = "# Tạo tự động mỗi lần dựng trang (plugins/cms). Đừng sửa tay.\n"
# libyaml's emitter when installed: the pure-Python one takes 0.2 s on a large config
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
YAML_OPTIONS = {"allow_unicode": True, "sort_keys": False, "width": 100}
KEPT_YAML_FILE = "cms-config-yaml.pickle"  # in CACHE_PATH


def config_yaml(config: dict) -> str:
    """``config`` as YAML text, Vietnamese letters kept as they are."""
    return YAML_HEADER + yaml.dump(config, Dumper=YAML_DUMPER, **YAML_OPTIONS)


def kept_config_yaml(config: dict, cache_dir: Path) -> str:
    """``config_yaml``, kept in ``cache_dir`` for the next build while ``config`` is the
    same: libyaml takes 25-40 ms on the 85 KB of a 1,000-article site, every build, for
    text that changes when the data files or the categories do; the key, from the config
    pickled, takes 2 ms. What makes the text is in the key too (header, dumper, options,
    PyYAML's version); a config that does not pickle the same way twice is a miss."""
    made_by = (YAML_HEADER, YAML_DUMPER.__name__, YAML_OPTIONS, yaml.__version__)
    key = hashlib.sha1(pickle.dumps((made_by, config), pickle.HIGHEST_PROTOCOL)).hexdigest()
    path = Path(cache_dir) / KEPT_YAML_FILE
    kept = read_pickle(path)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key:
        return kept[1]
    text = config_yaml(config)
    write_pickle_atomic(path, (key, text))
    return text

"""Check each source's metadata and resolve its references to the union's data.

Runs in ``article_generator_context``/``page_generator_context``, before Pelican builds
the content object: a fatal problem sets ``status: skip`` so the rest of the site builds.
"""

from __future__ import annotations

import logging

from tinhoi.sitebuild.sites import ERROR, main_lang, report, site_langs
from tinhoi.vietnamese.frontmatter import split_list
from tinhoi.vietnamese.text import fold, language_code, source_language

from .links import Category, link

logger = logging.getLogger(__name__)
WARNING = "warning"

YES = {"yes", "co", "true", "1", "x", "da", "roi", "dong y"}
NO = {"no", "khong", "false", "0", ""}


def _problem(generator, metadata, key, severity, message):
    line = metadata.get("meta_lines", {}).get(key, 0)
    report(logger, generator.settings, metadata.get("source_file"), line, severity, message)


def parse_flag(value) -> bool | None:
    """``yes``/``có``/``true`` → True, ``no``/``không`` → False, anything else → None."""
    word = fold(str(value))
    return True if word in YES else False if word in NO else None


def _resolve_lang(generator, metadata) -> bool:
    settings = generator.settings
    path = metadata.get("source_file") or ""
    written = metadata.get("lang")
    if not written:
        metadata["lang"] = source_language(path, None, main_lang(settings))
        return True
    lang = language_code(written)
    if lang is None or lang not in site_langs(settings):
        _problem(
            generator,
            metadata,
            "lang",
            ERROR,
            f"ngôn ngữ “{written}” không dùng được; chỉ nhận vi hoặc en. Bài bị bỏ qua.",
        )
        return False
    if lang != written:
        _problem(
            generator,
            metadata,
            "lang",
            WARNING,
            f"ngôn ngữ “{written}” được hiểu là “{lang}”; nên viết đúng “Lang: {lang}”.",
        )
    metadata["lang"] = lang
    return True


def _resolve_flags(generator, metadata) -> None:
    for key in ("consent", "featured", "crosspost"):
        if key not in metadata:
            continue
        flag = parse_flag(metadata[key])
        if flag is None:
            _problem(
                generator,
                metadata,
                key,
                WARNING,
                f"“{key.capitalize()}: {metadata[key]}” không rõ nghĩa; hãy ghi yes hoặc no.",
            )
        metadata[key] = bool(flag)


REF_KEYS = (("branches", "branch"), ("campaigns", "campaign"), ("models", "model"))


def unknown_ref(data, key: str, ref: str) -> str:
    """The message for an id of ``key`` (``branches``…) missing from its data file."""
    known = ", ".join(item.id for item in getattr(data, key)) or "(chưa có)"
    return f"không có mã “{ref}” trong content/data/{key}.yml (các mã có: {known})."


def find_ref(data, key: str, ref: str):
    """The data entry ``ref`` of ``key`` (``branches``, ``campaigns``, ``models``) or None."""
    return {"branches": data.branch, "campaigns": data.campaign, "models": data.model}[key](ref)


def _resolve_refs(generator, metadata, data) -> None:
    lang = metadata["lang"]
    for key, kind in REF_KEYS:
        links = []
        for ref in split_list(metadata.get(key)):
            info = find_ref(data, key, ref)
            if info is None:
                _problem(generator, metadata, key, ERROR, unknown_ref(data, key, ref))
                continue
            links.append(link(generator.settings, lang, kind, info))
        metadata[key] = links


def unknown_unit(data, code: str) -> str:
    """The message for a ``Unit:`` code missing from unit.yml's ``predecessors``."""
    known = ", ".join(u.id for u in data.unit.predecessors) or "(chưa có)"
    return (
        f"không có đơn vị cũ mã “{code}” trong mục “predecessors” của content/data/unit.yml "
        f"(các mã có: {known}); bài vẫn được đăng, không ghi đơn vị cũ."
    )


def _resolve_unit(generator, metadata, data) -> None:
    """``Unit: <code>``: the former unit whose news this was (merged units' archives)."""
    if "unit" not in metadata:
        return
    code = str(metadata.pop("unit") or "").strip()
    if not code:
        return
    info = data.former_unit(code)
    if info is None:
        _problem(generator, metadata, "unit", ERROR, unknown_unit(data, code))
        return
    metadata["unit"] = link(generator.settings, metadata["lang"], "former_unit", info)


def _resolve_category(generator, metadata, data) -> None:
    settings = generator.settings
    written = metadata.get("category")
    info = data.find_category(str(written)) if written else None
    if info is None:
        fallback = data.find_category(settings["UNITDATA_DEFAULT_CATEGORY"]) or (
            data.categories[0] if data.categories else None
        )
        message = category_problem(data, written)
        if fallback is None:
            _problem(generator, metadata, "category", ERROR, message + ". Bài bị bỏ qua.")
            metadata["status"] = "skip"
            return
        _problem(
            generator, metadata, "category", ERROR, f"{message}; tạm xếp vào “{fallback.name_vi}”."
        )
        info = fallback
    lang = metadata["lang"]
    metadata["category"] = Category(info.id, info.name(lang), info.slug(lang), settings)


def category_problem(data, written) -> str:
    """What is wrong with ``Category: written`` (unknown, or missing), without the fix."""
    names = ", ".join(c.id for c in data.categories)
    if written:
        return f"chuyên mục “{written}” không có trong content/data/categories.yml ({names})"
    return f"thiếu “Category:” ({names})"


def _normalize_cover(metadata) -> None:
    cover = metadata.get("cover")
    if not cover:
        return
    path = str(cover).strip()
    for prefix in ("{static}", "{attach}"):
        path = path.removeprefix(prefix)
    metadata["cover"] = path.lstrip("/")


def check_article(generator, metadata) -> None:
    """Validate and resolve an article's metadata (``article_generator_context``)."""
    _check_common(generator, metadata, is_article=True)


def check_page(generator, metadata) -> None:
    """Validate a page's metadata (``page_generator_context``)."""
    _check_common(generator, metadata, is_article=False)


def _check_common(generator, metadata, is_article: bool) -> None:
    if metadata.get("status") == "skip":
        return
    if not _resolve_lang(generator, metadata):
        metadata["status"] = "skip"
        return
    if not metadata.get("title"):
        _problem(
            generator, metadata, "title", ERROR, "bài chưa có tiêu đề (“Title: …”). Bài bị bỏ qua."
        )
        metadata["status"] = "skip"
        return
    if is_article and not metadata.get("date"):
        _problem(
            generator,
            metadata,
            "date",
            ERROR,
            "bài chưa có ngày đăng (“Date: 2026-11-28 08:30 +07:00”). Bài bị bỏ qua.",
        )
        metadata["status"] = "skip"
        return
    _resolve_flags(generator, metadata)
    _normalize_cover(metadata)
    data = generator.context.get("UNIT_DATA")
    if data is None or not is_article:
        return
    _resolve_category(generator, metadata, data)
    _resolve_refs(generator, metadata, data)
    _resolve_unit(generator, metadata, data)

"""Ready-to-fill Markdown sources: a new article, a translation, a draft from upstream news.

Pure functions: text in, text out. What the officer must still write is marked
``[[…]]``; the content doctor reports every marker left, and every file starts as a
draft (``Status: draft``), so nothing unfinished reaches readers.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from tinhoi.cms.migrate import migrate_text
from tinhoi.vietnamese.frontmatter import Header
from tinhoi.vietnamese.text import nfc

OPEN, CLOSE = "[[", "]]"
# keys whose text is in the article's language: a translation gets a placeholder instead
TRANSLATED_KEYS = ("title", "summary", "cover_alt", "cover_caption", "social_text", "doc_type")
CASE = {  # how keys are written in new files (Pelican reads them case-insensitively)
    "cover_alt": "Cover_alt",
    "cover_caption": "Cover_caption",
    "cover_credit": "Cover_credit",
    "social_text": "Social_text",
    "source_url": "Source_url",
    "doc_number": "Doc_number",
    "doc_date": "Doc_date",
    "doc_issuer": "Doc_issuer",
    "doc_type": "Doc_type",
    "original_version": "Original_version",
}


def placeholder(text: str) -> str:
    """Mark ``text`` as something the officer must replace."""
    return f"{OPEN}{text}{CLOSE}"


def key_name(key: str) -> str:
    """``cover_alt`` → ``Cover_alt``: the spelling used in the project's sources."""
    return CASE.get(key, key.capitalize())


def format_date(moment: dt.datetime) -> str:
    """``2026-11-28 08:30 +07:00``: the way dates are written in sources."""
    offset = moment.strftime("%z")
    return f"{moment:%Y-%m-%d %H:%M} {offset[:3]}:{offset[3:]}"


def render(fields: list[tuple[str, str]], body: str) -> str:
    """A source file: YAML front matter, a blank line, the body.

    YAML is the one header both Pelican and the browser editor read. The header is made
    as ``Key: value`` lines and converted the way ``make cms-migrate`` converts; should a
    value not convert safely, the lines stay as they are (the build reads them too).
    """
    # one line per key: a value read from YAML front matter may hold line breaks
    lines = [f"{key_name(key)}: {' '.join(value.split())}".rstrip() for key, value in fields]
    flat = nfc("\n".join(lines) + "\n\n" + body.strip("\n") + "\n")
    return migrate_text(flat) or flat


def content_version(header: Header) -> str:
    """A short fingerprint of what a translation follows: title, summary and body."""
    text = "\n".join(
        (header.values.get("title", ""), header.values.get("summary", ""), header.body.strip())
    )
    return hashlib.sha256(nfc(text).encode("utf-8")).hexdigest()[:12]


_NEW = {
    "vi": {
        "summary": "Sa-pô: một hai câu tóm tắt, dưới 200 ký tự",
        "cover_alt": "Mô tả ảnh cho người không nhìn thấy (ai, đang làm gì, ở đâu)",
        "cover_caption": "Chú thích ảnh",
        "cover_credit": "Tên người chụp",
        "body": [
            "Đoạn mở đầu: việc gì, ở đâu, khi nào, ai tham gia.",
            "## " + placeholder("Tiêu đề nhỏ"),
            placeholder("Nội dung chính."),
        ],
    },
    "en": {
        "summary": "Lead: one or two sentences, under 200 characters",
        "cover_alt": "Describe the photo for people who cannot see it",
        "cover_caption": "Photo caption",
        "cover_credit": "Photographer's name",
        "body": [
            "Opening paragraph: what happened, where, when, who took part.",
            "## " + placeholder("Subheading"),
            placeholder("Main text."),
        ],
    },
}


def new_article(
    title: str,
    date: dt.datetime,
    slug: str,
    lang: str,
    category: str,
    branches: str = "",
    campaigns: str = "",
) -> str:
    """The text of a new draft article with every metadata line ready."""
    words = _NEW["en" if lang == "en" else "vi"]
    fields = [
        ("title", nfc(title.strip())),
        ("date", format_date(date)),
        ("slug", slug),
        ("lang", lang),
        ("status", "draft"),
        ("category", category),
        ("tags", ""),
        ("branches", branches),
        ("campaigns", campaigns),
        ("author", ""),
        ("summary", placeholder(words["summary"])),
        ("cover", ""),
        ("cover_alt", placeholder(words["cover_alt"])),
        ("cover_caption", placeholder(words["cover_caption"])),
        ("cover_credit", placeholder(words["cover_credit"])),
        ("consent", "no"),
    ]
    first, *rest = words["body"]
    return render(fields, "\n\n".join([placeholder(first), *rest]))


def translation(original: Header, version: str) -> str:
    """The English draft of ``original``: same Slug and Date, texts to translate marked."""
    fields = []
    for key, value in original.values.items():
        # an old address leads to one page: the Vietnamese original keeps its aliases
        if key in ("lang", "status", "original_version", "translation", "aliases"):
            continue
        if key in TRANSLATED_KEYS and value and OPEN not in value:
            value = placeholder(f"Translate: {value}")
        elif key == "tags" and value:
            value = placeholder("English tags, separated by commas")
        fields.append((key, value))
        if key == "slug":
            fields += [("lang", "en"), ("status", "draft")]
    if not any(key == "lang" for key, _ in fields):
        fields += [("lang", "en"), ("status", "draft")]
    fields.append(("original_version", version))
    tags = original.values.get("tags", "")
    notes = [
        placeholder(
            "Translate the Vietnamese text below into English, then delete it and this note."
            + (f" Vietnamese tags: {tags}." if tags else "")
        ),
    ]
    return render(fields, "\n\n".join(notes) + "\n\n" + original.body.strip())


def upstream_draft(
    title: str,
    link: str,
    source: str,
    published: dt.datetime,
    summary: str,
    date: dt.datetime,
    slug: str,
    category: str,
) -> str:
    """A Vietnamese draft about an upstream item, crediting its source; never a copy."""
    fields = [
        ("title", title),
        ("date", format_date(date)),
        ("slug", slug),
        ("lang", "vi"),
        ("status", "draft"),
        ("category", category),
        ("tags", ""),
        ("author", ""),
        ("source", source),
        ("source_url", link),
        (
            "summary",
            placeholder(f"Sa-pô viết lại bằng lời của Hội mình. Tin gốc: {summary}")
            if summary
            else placeholder("Sa-pô: một hai câu, dưới 200 ký tự"),
        ),
    ]
    body = [
        placeholder(
            "Viết lại tin bằng lời của Hội mình và nói điều gì liên quan tới hội viên ở đây. "
            "Không chép nguyên văn bài gốc; nếu trích, để trong ngoặc kép và ghi nguồn."
        ),
        f"Theo tin của {source} ngày {published:%d/%m/%Y}.",
        f"Nguồn: [{source}]({link})",
    ]
    return render(fields, "\n\n".join(body))

"""``make takedown``: record one request in takedowns.yml, after checking it makes sense.

The command changes nothing else: the next build takes the article or photo out, and
``make crosspost`` deletes the Facebook post. What it prints tells the officer which Zalo
groups got the news, so she can recall the message there by hand (Zalo has no API for it).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.utils import get_date

from tinhoi.authoring.files import is_translation, read_header
from tinhoi.crosspost.records import article_key, zalo_groups
from tinhoi.crosspost.settings import merged
from tinhoi.crosspost.state import StateCorrupt, read_state
from tinhoi.unitdata.loading import data_dir, load_unit_data

from . import records
from .withhold import article_photos

REASON_MAX = 200
_PHONE = re.compile(r"\d[\d .\-]{7,}\d")
RECALL_STATUSES = ("sent", "done")


class TakedownError(Exception):
    """A request that cannot be recorded as it is (message in Vietnamese)."""


@dataclass
class Found:
    path: Path
    address: str  # 2026/11/slug
    header: object


def _articles(settings: dict, content: Path) -> list[Found]:
    """Every main-language article with its address (``2026/11/slug``)."""
    found = []
    for path in sorted((content / "articles").rglob("*.md")):
        if is_translation(path):
            continue
        header = read_header(path)
        values = header.values
        slug = values.get("slug") or path.stem
        try:
            date = get_date(values.get("date", ""))
            lang = settings["DEFAULT_LANG"]
            address = settings["ARTICLE_URL"].format(slug=slug, date=date, lang=lang)
        except (ValueError, KeyError, AttributeError):
            continue  # no date: never published, so nothing to take down
        found.append(Found(path, address.strip("/"), header))
    return found


def find_article(settings: dict, content: Path, wanted: str) -> Found:
    """The article ``wanted`` names: its slug, or year/month/slug when the slug recurs."""
    wanted = wanted.strip().strip("/")
    articles = _articles(settings, content)
    matches = [a for a in articles if wanted in (a.address, a.address.rsplit("/", 1)[-1])]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = " hoặc ".join(f"SLUG={a.address}" for a in matches)
        raise TakedownError(f"có {len(matches)} bài cùng tên “{wanted}”: hãy ghi rõ {names}.")
    raise TakedownError(
        f"không tìm thấy bài nào có “Slug: {wanted}” trong content/articles. Hãy chép đúng "
        "dòng Slug của bài tiếng Việt (hoặc năm/tháng/slug trong địa chỉ của bài)."
    )


@dataclass
class Recorded:
    entry: records.Takedown
    source: Path
    cover: bool = False  # the photo is the cover: the posts' link preview shows it
    facebook: bool = False  # a Facebook post exists and will be deleted
    zalo: list[str] = field(default_factory=list)  # groups where the message was posted


def _checked_reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise TakedownError(
            'thiếu lý do: make takedown SLUG=… REASON="Người trong ảnh đề nghị gỡ".'
        )
    if len(reason) > REASON_MAX:
        raise TakedownError(f"lý do dài {len(reason)} ký tự; hãy ghi ngắn (dưới {REASON_MAX}).")
    if _PHONE.search(reason):
        raise TakedownError(
            "lý do có vẻ chứa số điện thoại hoặc số giấy tờ; không ghi dữ liệu cá nhân vào "
            "hồ sơ gỡ bài, chỉ ghi lý do ngắn."
        )
    return reason


def _already(entries: list[records.Takedown], address: str, photo: str):
    for entry in entries:
        if entry.article == address and (entry.whole_article or entry.photo == photo):
            return entry
    return None


def _ledger_targets(settings: dict, address: str, folder: Path | None) -> dict:
    """The cross-post ledger's entries for this article (empty when never shared)."""
    if folder is None:
        root = Path(settings["PATH"]).resolve().parent
        folder = root / str(merged(settings.get("CROSSPOST"))["dir"])
    try:
        state = read_state(Path(folder))
    except (StateCorrupt, OSError):
        return {}
    return state["articles"].get(article_key(address), {}).get("targets", {})


def take_down(
    settings: dict,
    slug: str,
    reason: str,
    photo: str = "",
    today: dt.date | None = None,
    crosspost_dir: Path | None = None,
) -> Recorded:
    """Record the removal of ``slug`` (or of one ``photo`` in it); TakedownError if wrong."""
    content = Path(settings["PATH"])
    slug = slug.strip()
    if not slug:
        raise TakedownError('thiếu bài: make takedown SLUG=<slug của bài> REASON="…".')
    reason = _checked_reason(reason)
    article = find_article(settings, content, slug)
    source, header = article.path, article.header
    photo = records.photo_path(photo)
    folder = os.path.relpath(source.parent, content).replace(os.sep, "/")
    cover = article_photos(header.values.get("cover", ""), "", folder)
    if photo:
        shown = article_photos(header.values.get("cover", ""), header.body, folder)
        if photo not in shown:
            listed = ", ".join(sorted(shown)) or "(bài không có ảnh)"
            raise TakedownError(f"bài “{slug}” không có ảnh {photo}. Ảnh trong bài: {listed}.")
    path = data_dir(settings, content) / records.FILE_NAME
    entries, problems = records.load(path)
    if problems:
        first = problems[0]
        raise TakedownError(f"{path}:{first.line}: {first.message} Hãy sửa tệp trước.")
    known = _already(entries, article.address, photo)
    if known is not None:
        what = "bài này" if known.whole_article else f"ảnh {known.photo}"
        raise TakedownError(
            f"{what} đã được ghi gỡ từ ngày {known.date} ({path.name}, dòng {known.line}); "
            "không ghi thêm. Chạy make publish để trang cập nhật."
        )
    zone = ZoneInfo(settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh")
    day = today or dt.datetime.now(zone).date()
    entry = records.Takedown(day.isoformat(), article.address, photo, reason)
    records.append(path, entry)
    recorded = Recorded(entry, source, cover=bool(photo) and photo in cover)
    targets = _ledger_targets(settings, article.address, crosspost_dir)
    if photo and not recorded.cover:
        return recorded  # a photo in the text only: the posts show the cover, they stay
    facebook = targets.get("facebook", {})
    recorded.facebook = facebook.get("status") == "sent" and bool(facebook.get("id"))
    data, _problems = load_unit_data(data_dir(settings, content))
    names = zalo_groups(data)
    for target, value in sorted(targets.items()):
        if target.startswith("zalo:") and value.get("status") in RECALL_STATUSES:
            group = target.split(":", 1)[1]
            recorded.zalo.append(names.get(group, {}).get("name", group))
    return recorded

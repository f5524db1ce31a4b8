"""A Markdown reader that reads Vietnamese sources safely and quickly.

Compared with Pelican's reader it: decodes bytes itself (UTF-8, or says which legacy
encoding it found), normalizes to NFC, records the line of every metadata key, keeps
problems as data (logged later, once, by the main-language site), parses metadata without
a second Markdown pass, and converts each file once per process: the language sites
(vi, en) all read every source, and the second read is a cache hit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from markdown import Markdown
from pelican.readers import _DISCARD, BaseReader, MarkdownReader
from pelican.urlwrappers import URLWrapper
from pelican.utils import SafeDatetime

from tinhoi.sitebuild.fingerprints import note_source_read
from tinhoi.sitebuild.sites import is_main_site, main_lang
from tinhoi.sitebuild.state import current_build

from .encoding import ERROR, WARNING, Problem, decode_source
from .frontmatter import split_header, split_list
from .text import nfc, slugify

_ISO_DATE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}(?::\d{2})?))?\s*(Z|[+-]\d{2}:?\d{2})?$"
)
# Vietnamese order, day first: "05/11/2026 08:30" is 5 November, never 11 May
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ ,]+(\d{1,2})[:h](\d{2}))?$")
_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")
SUMMARY_FALLBACK_CHARS = 200
STORE_PART = "vietnamese"  # the build's part: the SourceStore shared by the language sites


def plain_summary(content_html: str, limit: int = SUMMARY_FALLBACK_CHARS) -> str:
    """First paragraph of ``content_html`` as plain text, cut at a word boundary."""
    match = _FIRST_PARAGRAPH.search(content_html)
    text = html.unescape(_TAG.sub("", match.group(1) if match else content_html))
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:–- ") + "…"


@dataclass(frozen=True)
class ConvertedSource:
    """A source file decoded, split and converted; independent of any site's settings."""

    content: str
    values: dict[str, str]
    # the line of each header key, and of the body ("body"): the contents' ``meta_lines``
    # share it (read only), so it is not copied for each content
    lines: dict[str, int]
    problems: tuple[Problem, ...]
    digest: str = ""  # SHA-1 of the file's bytes: tells a same-stamp rewrite apart

    def __getstate__(self) -> dict:
        # the body as UTF-8 bytes: pickling the text itself would keep its UTF-8 form
        # inside it for good, and a build that saves its store would hold every body twice
        return {**vars(self), "content": self.content.encode("utf-8")}

    def __setstate__(self, state: dict) -> None:
        vars(self).update(state, content=state["content"].decode("utf-8"))


def gone_problem(error: OSError) -> Problem:
    """The file was listed but could not be read: renamed, deleted or still being written."""
    return Problem(
        WARNING,
        0,
        f"không đọc được tệp ({error.strerror or error}): có lẽ tệp vừa bị đổi tên, xoá hoặc "
        "chưa ghi xong. Bài này chưa được dựng lần này; lưu lại tệp (hoặc dựng lại) khi "
        "tệp đã ở đúng chỗ.",
    )


@lru_cache(maxsize=8)
def _markdown(config_json: str) -> Markdown:
    return Markdown(**json.loads(config_json))


def markdown_config_json(settings: dict) -> str:
    """The ``MARKDOWN`` setting as JSON (a cache key), without Pelican's ``meta`` extension."""
    config = dict(settings["MARKDOWN"])
    config["extensions"] = [
        ext for ext in config.get("extensions", []) if ext != "markdown.extensions.meta"
    ]
    return json.dumps(config, sort_keys=True, default=str)


def convert_file(path: str, config_json: str) -> ConvertedSource:
    """Read, decode, split and convert the source at ``path`` (pure: file in, data out)."""
    with open(path, "rb") as handle:
        raw = handle.read()
    decoded = decode_source(raw)
    problems = list(decoded.problems)
    header = split_header(decoded.text)
    problems.extend(header.problems)
    for key, line in header.repeated:
        problems.append(
            Problem("warning", line, f"khai báo “{key}” hai lần; dùng giá trị đầu tiên.")
        )
    content = ""
    if decoded.usable:
        markdown = _markdown(config_json)
        markdown.reset()
        content = markdown.convert(header.body)
    values = {key: nfc(value) for key, value in header.values.items()}
    return ConvertedSource(
        content,
        values,
        dict(header.lines, body=header.body_line),
        tuple(problems),
        hashlib.sha1(raw).hexdigest(),
    )


def parse_officer_date(text: str) -> SafeDatetime | None:
    """Parse ``2026-11-20 08:30 +07:00`` or ``20/11/2026 08:30``; None for anything else."""
    match = _DAY_FIRST.match(text.strip())
    if match:
        day, month, year, hour, minute = match.groups()
        try:
            return SafeDatetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
        except ValueError:
            return None
    match = _ISO_DATE.match(text.strip())
    if not match:
        return None
    day, time, offset = match.groups()
    time = time or "00:00"
    if len(time.split(":")[0]) == 1:
        time = "0" + time
    offset = "+00:00" if offset == "Z" else offset or ""
    if offset and ":" not in offset:
        offset = offset[:3] + ":" + offset[3:]
    try:
        moment = dt.datetime.fromisoformat(f"{day}T{time}{offset}")
    except ValueError:
        return None
    return SafeDatetime(*moment.timetuple()[:6], tzinfo=moment.tzinfo)


# headers whose values are names (Pelican's ``URLWrapper``): one object per name and site
SHARED_NAMES = frozenset({"tags", "author", "authors"})


class VietnameseMarkdownReader(MarkdownReader):
    """Pelican Markdown reader with encoding checks, NFC and metadata line numbers."""

    def __init__(self, settings):
        BaseReader.__init__(self, settings)
        self._config_json = markdown_config_json(settings)
        self._source_path = None
        # the site's tags and authors, one object each (``_shared``)
        self._names: dict[tuple[type, str], URLWrapper] = {}

    def process_metadata(self, name, value):
        # dateutil (Pelican's parser) is slow; the officer's dates are nearly always ISO
        if name in ("date", "modified"):
            moment = parse_officer_date(value)
            if moment is not None:
                return moment
        if name == "tags":  # split like every list header, not by Pelican's own rule
            value = split_list(value)
        processed = super().process_metadata(name, value)
        if name in SHARED_NAMES:
            return self._shared(processed)
        return processed

    def _shared(self, processed):
        """A tag or author as the site's one object of that name: Pelican makes one per
        article (three tags: 600 of an article's 12,500 bytes, 1,000 articles), though
        each is a value (a name, its slug, the site's settings) and listings group the
        articles by them anyway."""
        if isinstance(processed, list):
            return [self._shared(item) for item in processed]
        if not isinstance(processed, URLWrapper):
            return processed
        return self._names.setdefault((type(processed), processed.name), processed)

    def read(self, source_path):
        self._source_path = source_path
        store = current_store()
        if store is not None and store.config_json != self._config_json:
            store = None  # converted with other Markdown settings: of no use here
        if store is not None:
            settings = self.settings
            if not is_main_site(settings):
                needed = store.needed_by(
                    settings["DEFAULT_LANG"],
                    main_lang(settings),
                    settings["PATH"],
                    settings.get("TIMEZONE") or "UTC",
                )
                if source_path not in needed:  # another language's, of no use here
                    return "", {"status": "skip", "source_file": source_path}
        try:
            if store is not None:
                source = store.get(source_path)
            else:
                source = convert_file(source_path, self._config_json)
        except OSError as error:  # listed, then renamed or deleted before it was read
            return "", {
                "status": "skip",
                "source_file": source_path,
                "source_problems": (gone_problem(error),),
            }
        note_source_read(source_path, source.digest)
        problems = list(source.problems)

        metadata = {}
        for key, value in source.values.items():
            try:
                processed = self.process_metadata(key, value)
            except (ValueError, OverflowError):
                problems.append(
                    Problem(
                        ERROR,
                        source.lines[key],
                        f"không hiểu ngày “{value}” ở mục {key.capitalize()}. "
                        "Hãy viết theo mẫu 2026-11-28 08:30 +07:00.",
                    )
                )
                continue
            if processed is not _DISCARD:
                metadata[key] = processed

        title = metadata.get("title")
        if title and "slug" not in metadata:
            metadata["slug"] = slugify(title)
        if "summary" not in metadata and source.content:
            metadata["summary"] = plain_summary(source.content)
        metadata["source_file"] = source_path
        metadata["meta_lines"] = source.lines
        metadata["source_problems"] = tuple(problems)
        return source.content, metadata


def current_store():
    """The converted sources of the build running now (None: no build prepared them)."""
    build = current_build()
    return build.parts.get(STORE_PART) if build is not None else None

"""A language sub-site whose inputs did not change is kept whole from the last build.

An edit to a Vietnamese article that has no English version changes nothing the English
site shows, yet i18n_subsites builds that site again: it reads each English article and
the originals they translate, and works out every page's key (a fifth of a one-edit
build). The sub-site follows from its inputs alone:

- the code, libraries and settings, its own and the main site's, and every file under
  ``PATH`` but the content sources (``fingerprints.inputs_digest``);
- the bytes of each source in its language it reads (``hooks.site_sources`` names those it
  skips unread); for another language's source it reads (the original of one of its own),
  the main site's object of it, whole but for its body, which the sub-site never shows
  (the part of its digest that follows from its file alone is kept for the next build, as
  the pages' digests are: ``Fingerprinter.use_memo``); and for each whether its date has
  come (an article dated later is a draft until then);
- the day (its home page shows the campaigns running today).

When their digest is the one recorded by the sub-site's last full build, and the files it
wrote are still in ``output/`` as it wrote them, they are linked into the new output
instead, and what the sub-site did outside its folder is done again: the addresses of its
contents for i18n_subsites' language links, its warnings, and what plugins recorded
(``hooks.site_recorded`` and ``hooks.site_kept``: the media plugin's photos and cards).

Only the one-off builds of the driver keep a sub-site, and only with one sub-site (a second
one is built from inside the first). The live preview builds them all: its early pages
need each site's objects.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican import Pelican
from pelican.plugins.i18n_subsites import i18n_subsites

from .atomic import write_atomic, write_pickle_atomic
from .fingerprints import (
    Fingerprinter,
    content_sources,
    digest,
    inputs_digest,
    read_digest,
    read_memo,
    site_code,
    site_digest,
    source_digest,
)
from .hooks import site_kept, site_recorded, site_sources
from .poststeps import start_search_index
from .reuse import keep
from .state import current_build

logger = logging.getLogger(__name__)

RECORD = "kept-site.json"  # in the sub-site's CACHE_PATH
RECORD_FORMAT = 1
MEMO = "kept-site-digests.pickle"  # beside it: the originals' digests (``use_memo``)


class _Told(logging.Handler):
    """The warnings and errors logged while a sub-site is built, to be told again."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.told: list[list] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.told.append([record.name, record.levelno, record.getMessage()])


class LanguageSite(Pelican):
    """The class i18n_subsites builds the sub-sites of a driver's build with
    (``PELICAN_CLASS``): a sub-site whose inputs did not change is kept whole."""

    def run(self):
        build = current_build()
        if not keepable(build, self.settings):
            return super().run()
        key = site_key(build, self.settings)
        if key is not None and build.previous is not None:
            record = _load(self.settings)
            if record.get("key") == key and _keep(self, build, record):
                return None
        return _run_recorded(self, build, key)


def keepable(build, settings: dict) -> bool:
    """Whether this language site may be kept (and is recorded for the next build): a
    sub-site, the only one, of a one-off build of the driver."""
    return (
        build is not None
        and build.driven
        and build.kept is None
        and not build.is_main(settings)
        and len(settings.get("I18N_SUBSITES") or ()) == 1
    )


def _moment(value: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=zone)


def site_key(build, settings: dict) -> str | None:
    """The digest of what the sub-site follows from (see the module docstring); None when
    a source's date cannot be told."""
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    now = dt.datetime.now(zone)
    code = site_code(build, settings)
    shape = Fingerprinter(contents_by_identity=True)
    main_settings = i18n_subsites._MAIN_SETTINGS or {}
    decided: dict[str, object] = {}
    for _receiver, answer in site_sources.send(settings):
        decided.update(answer or {})
    others: dict | None = None  # the main site's contents, by source file
    whole = Fingerprinter()
    inputs = [inputs_digest(code, settings, shape), site_digest(code, main_settings, shape)]
    memo_path = Path(settings["CACHE_PATH"]) / MEMO
    memo = read_memo(memo_path)
    old_memo = dict(memo)
    whole.use_memo(memo, digest(inputs))
    sources = []
    for path in content_sources(settings):
        use = decided.get(path, (None, True))
        if use is False:
            continue  # skipped unread: its bytes change nothing here
        date, own = use
        if isinstance(date, str):
            return None  # a date no receiver could read: when it comes cannot be told
        due = date is None or _moment(date, zone) <= now
        if not own and others is None:
            others = {}
            for content in _contents_of(build.main_lang):
                others.setdefault(content.source_path, content)
        if not own and path in others:
            # another language's source, read for what its object holds (its address and
            # title for the language links), never its body: the main site's object of it,
            # whole but for the body (summary and all that plugins set included)
            facts = whole(others[path])
        else:
            facts = read_digest(path) or source_digest(path)
        sources.append([path, facts, due])
    if memo != old_memo:  # an original changed, or came or went
        write_pickle_atomic(memo_path, memo)
    return digest(
        [
            *inputs,
            [build.main_lang, build.main_siteurl, build.main_feed_domain],
            str(build.today or now.date()),
            sources,
        ]
    )


def _contents_of(lang: str):
    """The contents read by the language site of ``lang`` in this build (the main site's
    are read before any sub-site starts), as i18n_subsites keeps its generators."""
    for generator in i18n_subsites._GENERATOR_DB:
        if generator.settings["DEFAULT_LANG"] == lang:
            yield from i18n_subsites.GeneratorInspector(generator).all_contents()


def _record_path(settings: dict) -> Path:
    return Path(settings["CACHE_PATH"]) / RECORD


def _load(settings: dict) -> dict:
    try:
        record = json.loads(_record_path(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
        return {}
    return record


def _files(folder: Path) -> list[list]:
    """Every file under ``folder``: its path under it and its inode."""
    found = []
    start = len(str(folder)) + 1
    for parent, _subfolders, names in os.walk(folder):
        for name in names:
            path = os.path.join(parent, name)
            found.append([path[start:], os.stat(path).st_ino])
    return sorted(found)


def _native_urls(settings: dict) -> dict[str, str]:
    """The addresses i18n_subsites noted of the sub-site's own contents."""
    lang = settings["DEFAULT_LANG"]
    native = i18n_subsites._NATIVE_CONTENT_URL_DB
    return {
        content.source_path: native[content.source_path]
        for content in _contents_of(lang)
        if content.lang == lang and content.source_path in native
    }


def _run_recorded(site: Pelican, build, key: str | None):
    """Build the sub-site, and record what keeping it next time takes."""
    told = _Told()
    root = logging.getLogger()
    reported = set(build.reported)
    root.addHandler(told)
    try:
        result = Pelican.run(site)
    finally:
        root.removeHandler(told)
    if key is None:
        _record_path(site.settings).unlink(missing_ok=True)
        return result
    part: dict = {}
    site_recorded.send(site.settings, part=part)
    record = {
        "format": RECORD_FORMAT,
        "key": key,
        "files": _files(Path(site.output_path)),
        "native_urls": _native_urls(site.settings),
        "told": told.told,
        "reported": sorted(list(item) for item in build.reported - reported),
        "plugins": part,
    }
    text = json.dumps(record, ensure_ascii=False, sort_keys=True)
    write_atomic(_record_path(site.settings), text.encode("utf-8"))
    return result


def _keep(site: Pelican, build, record: dict) -> bool:
    """Link the files the sub-site's last build wrote into this build's output and do
    again what it did outside them; False (nothing done) when that cannot be."""
    settings = site.settings
    # plain strings: thousands of files, Path objects cost
    previous, target = str(build.previous_of(site.output_path)), str(site.output_path)
    join = os.path.join
    try:
        files = [(rel, inode) for rel, inode in record["files"]]
        for rel, inode in files:
            if os.stat(join(previous, rel)).st_ino != inode:
                return False  # replaced since (an early page of the preview), or gone
    except (OSError, TypeError, ValueError):
        return False
    replays = [answer for _receiver, answer in site_kept.send(settings, part=record["plugins"])]
    if not all(replays):
        return False
    for rel, _inode in files:
        keep(join(previous, rel), join(target, rel))
    i18n_subsites._NATIVE_CONTENT_URL_DB.update(record["native_urls"])
    build.reported.update(tuple(item) for item in record["reported"])
    for name, level, message in record["told"]:
        logging.getLogger(name).log(level, "%s", message)
    for replay in replays:
        if callable(replay):
            replay()
    # what the sub-site's ``get_writer`` would have done: the next sub-site, or the
    # language links of the sites already built
    i18n_subsites.create_next_subsite(site)
    start_search_index(
        build.staging,
        settings,
        build.previous,
        settings["DEFAULT_LANG"],
        build.main_lang,
        build.search,
        build.background,
    )
    logger.info(
        "sitebuild: the %s site is kept whole from the last build (%d files)",
        settings["DEFAULT_LANG"],
        len(files),
    )
    return True

"""Pelican signal receivers of the sitebuild plugin."""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from pelican.cache import FileStampDataCacher

from .catalogs import compiled_catalogs
from .folders import page_folders, start_making, wait_for_makers
from .incremental import IncrementalWriter
from .poststeps import check_settings, start_search_index
from .sites import main_lang
from .state import current_build


def remember_main_site(pelican) -> None:
    """Record the main site's language and URL before i18n_subsites copies the settings."""
    settings = pelican.settings
    if "MAIN_LANG" in settings:
        return  # a sub-site: its settings are a copy of the main ones
    settings["MAIN_LANG"] = settings["DEFAULT_LANG"]
    check_settings(settings)
    settings["MAIN_SITEURL"] = settings["SITEURL"]
    settings["MAIN_FEED_DOMAIN"] = settings.get("FEED_DOMAIN") or settings["SITEURL"]
    source = Path(settings["THEME"]) / "translations"
    target = compiled_catalogs(source, Path(settings["CACHE_PATH"]) / "locale")
    settings["I18N_GETTEXT_LOCALEDIR"] = str(target)
    # compiled templates are kept between builds (keyed on each template's source)
    compiled = Path(settings["CACHE_PATH"]) / "templates"
    compiled.mkdir(parents=True, exist_ok=True)
    jinja = dict(settings.get("JINJA_ENVIRONMENT", {}))
    jinja.setdefault("bytecode_cache", FileSystemBytecodeCache(str(compiled)))
    settings["JINJA_ENVIRONMENT"] = jinja


def enter_site(pelican) -> None:
    """``initialized``: a language site starts; the build lists them, the main one first."""
    build = current_build()
    if build is not None:
        build.langs.append(pelican.settings["DEFAULT_LANG"])


def _nothing_cached(path, default=None):
    return default


def _nothing_to_cache(path, data) -> None:
    return None


def skip_content_cache_stamps(generator) -> None:
    """``generator_init``: with Pelican's content cache off (``CACHE_CONTENT`` and
    ``LOAD_CONTENT_CACHE``), the generators and their readers still stat each file they
    read, three times, to look up and stamp cache entries that are never kept; a file
    renamed meanwhile gets a warning in English on top of the reader's own message."""
    settings = generator.settings
    if settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"):
        return
    for cacher in (generator, getattr(generator, "readers", None)):
        if isinstance(cacher, FileStampDataCacher):
            cacher.get_cached_data = _nothing_cached
            cacher.cache_data = _nothing_to_cache


def freeze_urls(generator) -> None:
    """Compute each content's URL and output path once.

    Pelican recomputes ``url`` and ``save_as`` (strftime, path arithmetic) on every access,
    and templates ask for them thousands of times. Once the content is read they no longer
    change; i18n_subsites still sets the cross-site URL of translations afterwards.
    """
    for name in (
        "articles",
        "translations",
        "hidden_articles",
        "hidden_translations",
        "drafts",
        "drafts_translations",
        "pages",
        "hidden_pages",
        "draft_pages",
    ):
        for item in getattr(generator, name, ()):
            item.override_save_as = item.save_as
            item.override_url = item.url


def _make_folders(generator, save_as_paths: list[str]) -> None:
    build = current_build()
    if build is not None and build.parallel:
        folders = page_folders(Path(generator.output_path), save_as_paths)
        start_making(folders, build.makers)


def make_page_folders(generator) -> None:
    """``article_generator_pretaxonomy``, ``page_generator_finalized``: start making the
    folders of the articles and pages just read (see ``folders.py``)."""
    items = [*getattr(generator, "articles", ()), *getattr(generator, "pages", ())]
    _make_folders(generator, [item.save_as for item in items])


def make_listing_folders(generator) -> None:
    """``article_generator_finalized``: the same for the tag and category pages."""
    listings = [*generator.tags, *(category for category, _ in generator.categories)]
    _make_folders(generator, [listing.save_as for listing in listings])


def choose_writer(pelican):
    """``get_writer``: reuse unchanged pages when the build driver runs the build."""
    if current_build() is not None:
        return IncrementalWriter
    return None


def _start_search(build, settings: dict) -> None:
    """Start this language site's search bundles (its article pages are all written)."""
    start_search_index(
        build.staging,
        settings,
        build.previous,
        settings["DEFAULT_LANG"],
        main_lang(settings),
        build.search,
    )


def start_search_early(generator, writer) -> None:
    """``article_writer_finalized``: the site's article pages are all written once the
    pages queued so far are rendered, so its search bundles can start while the other
    pages, the other language and the last steps are made."""
    build = current_build()
    if build is None:
        return
    if isinstance(writer, IncrementalWriter):
        writer.flush()
    _start_search(build, generator.settings)


def remember_writer_record(pelican) -> None:
    """``finalized``: keep this site's page fingerprints for the next build."""
    build = current_build()
    if build is None:
        return
    writer = build.writers.pop(str(pelican.output_path), None)
    if writer is not None:
        writer.save_record()
    wait_for_makers(build.makers)
    _start_search(build, pelican.settings)  # if no article page was written earlier

"""Pelican signal receivers of the sitebuild plugin.

The first language site to start makes the build's facts (``state.Build``: main language,
main URLs) and configures what Pelican and i18n_subsites read from the settings (catalogs,
compiled templates): the sub-sites copy that configuration with the settings. The build's
facts reach the templates through each site's context, never through the settings.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.cache import FileStampDataCacher

from . import contentcache
from .catalogs import compiled_catalogs
from .fingerprints import take_site_inputs
from .folders import page_folders, start_making, wait_for_makers
from .hooks import build_finished, build_written
from .incremental import IncrementalWriter, article_page
from .keptsites import LanguageSite
from .poststeps import check_settings, start_search_index
from .sites import main_lang
from .state import begin_plain, current_build, end_plain

logger = logging.getLogger(__name__)


def start_site(pelican) -> None:
    """``initialized``: a language site starts; the first one of a build is the main site.
    What its contents can follow from is listed now, before anything is read.

    A plain ``pelican`` run has no build yet: its main site makes one, dropped when it
    ends (``finish_build``), so the plugins see the same state as under the driver.
    """
    build = current_build()
    if build is None:
        build = begin_plain()
    if build.driven:  # only the driver's builds keep digests for the next one
        take_site_inputs(build, pelican.settings)
    if build.start_site(pelican.settings):
        configure_main_site(pelican.settings)
        if build.driven:  # a sub-site whose inputs did not change is kept whole
            pelican.settings["PELICAN_CLASS"] = LanguageSite
        # connected last: it runs after every plugin's own receiver of the main site's
        # ``finalized``, which comes after the sub-sites (built from its ``get_writer``)
        signals.finalized.connect(finish_build)


def restart_plain_build(pelican) -> None:
    """``get_generators``: ``pelican --autoreload`` runs its main site again without
    starting it anew. Each run is a build of its own: start it as Pelican started the
    first, so every plugin sets up its part of the new build."""
    if current_build() is None:
        signals.initialized.send(pelican)


def configure_main_site(settings: dict) -> None:
    """Configure Pelican and i18n_subsites once, before the sub-sites copy the settings."""
    check_settings(settings)
    source = Path(settings["THEME"]) / "translations"
    target = compiled_catalogs(source, Path(settings["CACHE_PATH"]) / "locale")
    settings["I18N_GETTEXT_LOCALEDIR"] = str(target)
    # compiled templates are kept between builds (keyed on each template's source)
    compiled = Path(settings["CACHE_PATH"]) / "templates"
    compiled.mkdir(parents=True, exist_ok=True)
    jinja = dict(settings.get("JINJA_ENVIRONMENT", {}))
    jinja.setdefault("bytecode_cache", FileSystemBytecodeCache(str(compiled)))
    settings["JINJA_ENVIRONMENT"] = jinja


def finish_build(pelican) -> None:
    """``finalized``, connected last: once the main site and its sub-sites are built, send
    ``build_finished`` for the work done once per build (files outside a language tree)."""
    build = current_build()
    if build is None or not build.is_main(pelican.settings):
        return
    build_finished.send(pelican, build=build)
    if not build.driven:  # the driver sends it once Pelican has returned
        build_written.send(pelican.settings, build=build)
    end_plain(build)


def share_main_site(generator) -> None:
    """``generator_init``: the templates link the theme, photos and search of the main
    site, and name its language (``MAIN_SITEURL``, ``MAIN_LANG``: the theme's names);
    ``TODAY`` is the build's day."""
    build = current_build()
    if build is None:
        return
    generator.context["MAIN_LANG"] = build.main_lang
    generator.context["MAIN_SITEURL"] = build.main_siteurl
    generator.context["MAIN_FEED_DOMAIN"] = build.main_feed_domain
    generator.context["TODAY"] = build.today


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
    # the driver's builds keep their own contents instead (``contentcache.py``)
    build = current_build()
    if build is None or not (build.driven and build.keep_contents):
        return
    if type(generator) in contentcache.GENERATORS:
        site = build.folder_of(generator.output_path)
        contentcache.attach(generator, contentcache.site_contents(build, settings, site))


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
            freeze_url(item)


def freeze_url(item) -> None:
    """``item``'s URL and output path, computed once (``freeze_urls``)."""
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
    build = current_build()
    if build is not None and build.driven:
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
        build.background,
    )


def start_search_early(generator, writer) -> None:
    """``article_writer_finalized``: the site's article pages are all written once the
    article pages queued so far are rendered, so its search bundles can start while the
    other pages, the other language and the last steps are made. The lists wait for the
    site's last pages (``_finish_site``): the workers that render them all render each
    article's card once (``schedule.py``)."""
    build = current_build()
    if build is None or not build.driven:
        return
    if build.waits_for_main(generator.settings, generator.output_path):
        return  # its pages are rendered after the main site's (``remember_writer_record``)
    if isinstance(writer, IncrementalWriter):
        writer.flush(article_page)
    _start_search(build, generator.settings)


def remember_writer_record(pelican) -> None:
    """``finalized``: keep this site's page fingerprints for the next build. A sub-site
    none of whose pages is in view waits for the main site: the pages open in a tab are
    then rendered, and shown, before its own (``Build.in_view``)."""
    build = current_build()
    if build is None or not build.driven:
        return
    if build.is_main(pelican.settings):
        while build.sites_waiting:
            _finish_site(build, build.sites_waiting.pop(0))
    elif build.waits_for_main(pelican.settings, pelican.output_path):
        build.sites_waiting.append(pelican)
        return
    _finish_site(build, pelican)


def _finish_site(build, pelican) -> None:
    """Render the site's pages left to render, keep its record and contents, start its
    search bundles."""
    writer = build.writers.pop(str(pelican.output_path), None)
    if writer is not None:
        writer.save_record()
    site = build.folder_of(pelican.output_path)
    contents = build.parts.get(contentcache.PART, {}).get(site)
    if contents is not None:
        contents.save()
        logger.info("sitebuild: %d contents kept, %d read", contents.kept, contents.read)
    wait_for_makers(build.makers)
    _start_search(build, pelican.settings)  # if no article page was written earlier

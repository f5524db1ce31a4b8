"""The build driver (``python -m tinhoi.sitebuild``) and what every language site shares."""


def register():
    # imported here: a process that needs one module of the package (an image worker)
    # does not load the whole build
    from pelican import signals

    from .dateformats import install as format_dates_at_once
    from .earlypages import capture_site
    from .memberlists import (
        index_article_lists,
        index_period_archives,
        pair_translations_by_group,
    )
    from .receivers import (
        choose_writer,
        freeze_urls,
        make_listing_folders,
        make_page_folders,
        remember_writer_record,
        restart_plain_build,
        share_main_site,
        skip_content_cache_stamps,
        start_search_early,
        start_site,
    )
    from .slugs import install as keep_name_slugs
    from .sourcepaths import install as keep_relative_source_paths

    keep_relative_source_paths()
    keep_name_slugs()
    format_dates_at_once()

    signals.initialized.connect(start_site)
    signals.initialized.connect(pair_translations_by_group)
    signals.get_generators.connect(restart_plain_build)
    signals.generator_init.connect(share_main_site)
    signals.get_writer.connect(choose_writer)
    signals.generator_init.connect(skip_content_cache_stamps)
    signals.article_writer_finalized.connect(start_search_early)
    signals.article_writer_finalized.connect(capture_site)
    signals.page_writer_finalized.connect(capture_site)
    signals.finalized.connect(remember_writer_record)
    signals.article_generator_pretaxonomy.connect(freeze_urls)
    signals.page_generator_finalized.connect(freeze_urls)
    signals.article_generator_pretaxonomy.connect(make_page_folders)
    signals.page_generator_finalized.connect(make_page_folders)
    signals.article_generator_finalized.connect(make_listing_folders)
    signals.article_generator_finalized.connect(index_article_lists)
    signals.article_generator_pretaxonomy.connect(index_period_archives)

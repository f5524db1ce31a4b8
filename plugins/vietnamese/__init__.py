"""Vietnamese text rules for Pelican: safe reading, NFC, dates, collation."""

from pelican import signals

from tinhoi.sitebuild.hooks import build_finished, content_read_inputs, site_kept, site_sources

from .receivers import (
    install_filters,
    install_reader,
    keep_site,
    prepare_sources,
    read_in_order,
    read_inputs,
    release_sources,
    report_source_problems,
    save_sources,
    sources_of_site,
)


def register():
    signals.initialized.connect(install_filters)
    signals.initialized.connect(prepare_sources)
    signals.all_generators_finalized.connect(release_sources)
    build_finished.connect(save_sources)
    signals.readers_init.connect(install_reader)
    signals.generator_init.connect(read_in_order)
    signals.article_generator_context.connect(report_source_problems)
    signals.page_generator_context.connect(report_source_problems)
    content_read_inputs.connect(read_inputs)
    site_sources.connect(sources_of_site)
    site_kept.connect(keep_site)

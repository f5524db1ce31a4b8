"""Images: responsive derivatives, privacy, share cards, all from a content-keyed cache.

Other plugins use ``media.api`` (share cards, cover derivative, checks).
"""


def register():
    # imported here: a process that needs one module of the package (an image worker)
    # does not load the whole build
    from pelican import signals

    from tinhoi.sitebuild.hooks import (
        build_finished,
        build_written,
        content_added,
        content_reread,
        early_pages_rendered,
        site_file_saved,
        site_kept,
        site_recorded,
    )

    from .receivers import (
        finish_added,
        finish_contents,
        finish_making,
        finish_reread,
        forget_photo_links,
        keep_photos_out,
        keep_site,
        photo_saved,
        place_files,
        record_site,
        scan_content,
        setup,
        sweep_output,
    )

    signals.initialized.connect(setup)
    signals.content_object_init.connect(scan_content)
    signals.article_generator_finalized.connect(forget_photo_links)
    signals.page_generator_finalized.connect(forget_photo_links)
    signals.static_generator_finalized.connect(keep_photos_out)
    signals.all_generators_finalized.connect(finish_contents)
    build_finished.connect(place_files)
    build_written.connect(sweep_output)
    content_reread.connect(finish_reread)
    content_added.connect(finish_added)
    early_pages_rendered.connect(finish_making)
    site_recorded.connect(record_site)
    site_kept.connect(keep_site)
    site_file_saved.connect(photo_saved)

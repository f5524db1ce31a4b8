"""Signals of the build as a whole, beside Pelican's per-site ones.

With i18n_subsites each of Pelican's signals fires once per language site, the sub-sites
from inside the main one. Work done once per build (placing the images, saving the
converted sources, the editor) connects to ``build_finished`` instead of testing which
site it is in; work on what the build wrote (sitemap, cross-post plan), to
``build_written``.
"""

from blinker import signal

# sender: the main site's Pelican; keyword ``build``: the ``state.Build``. Sent after the
# main site and all its sub-sites were written, before the driver's post-build steps.
build_finished = signal("sitebuild_build_finished")

# sender: the main site's settings; keyword ``build``: the ``state.Build``. Sent once every
# page is written and Pelican's objects are let go: by the driver after Pelican returns,
# before its post-build steps (memory is then at its lowest since the sources were read);
# right after ``build_finished`` in a plain ``pelican`` run. For work on the written files
# only (the sitemap): what it holds then adds nothing to the build's peak.
build_written = signal("sitebuild_build_written")

# sender: a language site's settings; keyword ``path``: a source file about to be read.
# Receivers return what, besides the file's bytes, the site's settings, code and data
# files, decides what reading it gives (``contentcache.py`` keeps a read while all match).
content_read_inputs = signal("sitebuild_content_read_inputs")

# sender: an article read again for an early page of the live preview (``earlypages.py``);
# keywords ``old``: the same article as the last build finished it, ``generator``: its
# site's article generator, ``files``: a dict the receivers add the files the page shows
# and the served site lacks to (its path in the site → the file to link there: a new
# photo's). The sender starts with what the build added to ``old`` after reading;
# receivers work out again what they add from the header, and return False when only a
# full build can (a photo that cannot be read).
content_reread = signal("sitebuild_content_reread")

# sender: a new article or page read for an early page of the live preview
# (``newcontents.py``): a source the last build did not read, or an article whose page
# moves; keywords ``generator``: its site's article (or page) generator, ``contents``: that
# site's articles (or pages) as the full build will list them (with the sender in its place
# when it is published), ``files``: as for ``content_reread``. The sender has what the
# build gives it by reading and its URLs; receivers add what they add after reading
# (neighbours, related articles, photos), and return False when only a full build can.
content_added = signal("sitebuild_content_added")

# sender: the ``state.Build`` of the last build, for an early page of the live preview;
# keywords ``path``: a file of the site the last build placed (a photo, under
# ``STATIC_PATHS``), saved again under its name; ``contents``: every content the last build
# wrote a page of. Receivers forget what they worked out from the old file and return the
# contents whose pages show it (each gets an early page, as if saved), or None when
# something else shows it (a data file, a template: only the full build can).
site_file_saved = signal("sitebuild_site_file_saved")

# sender: the ``state.Build`` whose capture the early pages were rendered from, once they
# are rendered (or it turned out they cannot be), before anything is written: receivers
# finish what they started for them (a new photo, made while its page is rendered), and
# return False when a file they handed over in ``files`` could not be made.
early_pages_rendered = signal("sitebuild_early_pages_rendered")

# sender: the ``state.Build`` of the last build, in the live preview, once the build is
# done and before the early-page process is forked; keyword ``generators``: the generators
# its early pages are rendered with. Receivers work out ahead what an early page would
# otherwise work out once the officer has saved (an index of the site's articles); the
# early-page process shares it. Nothing is written.
early_pages_waiting = signal("sitebuild_early_pages_waiting")

# sender: a language sub-site's settings, before it reads anything. Receivers return a dict
# of the content sources they read for it: path → False when the sub-site skips the file
# unread (another language's), else ``(date, own)``: the moment the source is dated (None:
# undated; its header's text when it cannot be read), and whether it is in the sub-site's
# own language (another's, the original of one of its own, counts by the main site's
# object of it, not by its body). The sources no receiver names count by their bytes. A
# sub-site whose sources, settings and data did not change is kept whole from the last
# build (``keptsites.py``).
site_sources = signal("sitebuild_site_sources")

# sender: a language sub-site's settings, once it is built; keyword ``part``: a dict that
# receivers add what they did for the site outside its own folder to (under their name, as
# JSON: the photos and cards it placed), for a build that keeps the site whole.
site_recorded = signal("sitebuild_site_recorded")

# sender: a language sub-site's settings, instead of building it; keyword ``part``: what
# ``site_recorded`` receivers added when it was last built. Receivers return a function
# that does again what they did for the site (called once every receiver has answered),
# or False when they cannot (a photo no longer in the cache): the site is then built.
site_kept = signal("sitebuild_site_kept")

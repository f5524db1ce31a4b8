"""After the contents are read: forget the media cache of what was removed, then write the
short "removed on request" page at each removed article's address."""

from __future__ import annotations

import logging
from functools import partial

from pelican.generators import Generator

from tinhoi.media.api import current_run, forget_photo
from tinhoi.sitebuild.sites import is_main_site

logger = logging.getLogger(__name__)
RECORDS_KEY = "TAKEDOWNS"  # context: the entries of takedowns.yml (tuples, fingerprinted)
REMOVED_KEY = "TAKEDOWN_REMOVED"  # context: this language site's removed articles
PHOTOS_KEY = "_takedown_photos"  # context: photos of removed articles (may be used elsewhere)
COVERS_KEY = "TAKEDOWN_COVERS"  # context: this language site's articles whose cover was removed
TEMPLATE = "removed"


class TakedownGenerator(Generator):
    """Runs after the articles and pages are read, so every photo's users are known."""

    def generate_context(self):
        self.removed = sorted(self.context.get(REMOVED_KEY, []), key=lambda r: r["save_as"])
        if is_main_site(self.settings):
            self._forget_photos()

    def _forget_photos(self) -> None:
        run = current_run()
        photos = {entry[2] for entry in self.context.get(RECORDS_KEY, ()) if entry[2]}
        unused = {
            rel for rel in self.context.get(PHOTOS_KEY, set()) if run and not run.uses.get(rel)
        }
        deleted = [
            path for rel in sorted(photos | unused) for path in forget_photo(self.settings, rel)
        ]
        if deleted:
            logger.info("takedown: %d cached image files deleted", len(deleted))

    def generate_output(self, writer):
        if not self.removed:
            return
        template = self.get_template(TEMPLATE)
        write = partial(writer.write_file, relative_urls=self.settings["RELATIVE_URLS"])
        for item in self.removed:
            write(
                item["save_as"],
                template,
                self.context,
                url=item["url"],
                template_name=TEMPLATE,
                removed=item,
            )

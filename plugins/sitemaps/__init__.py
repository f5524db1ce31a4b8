"""sitemap.xml with hreflang alternates, and robots.txt."""

from tinhoi.sitebuild.hooks import build_finished

from .sitemap import write_files


def register():
    build_finished.connect(write_files)

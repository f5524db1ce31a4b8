"""sitemap.xml with hreflang alternates, and robots.txt."""

from tinhoi.sitebuild.hooks import build_written

from .sitemap import write_files


def register():
    build_written.connect(write_files)

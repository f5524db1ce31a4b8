"""Cross-posting: every new article shared once on Facebook and Zalo, never twice.

The build only plans (plan.json, the Zalo kit, the report); ``python -m tinhoi.crosspost``
sends after the site is online. See README.md, "Đăng lên Facebook và Zalo".
"""

from pelican import signals

from tinhoi.sitebuild.hooks import build_written

from .receivers import collect_articles, write_plan
from .settings import configure


def register():
    signals.initialized.connect(configure)
    signals.article_generator_finalized.connect(collect_articles)
    build_written.connect(write_plan)

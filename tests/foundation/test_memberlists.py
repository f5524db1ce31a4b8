"""``ArticleList``: ``in`` by identity, right after any change to the list."""

from __future__ import annotations

import pickle
import re
from urllib.parse import urlsplit

import feedparser
import pytest
from conftest import SAMPLE_CONTENT, run_build
from pelican import signals

from tinhoi.sitebuild.memberlists import ArticleList


class Item:  # like a content: no ``__eq__``, compared by identity
    pass


ITEMS = [Item() for _ in range(6)]


@pytest.mark.parametrize(
    "change",
    [
        lambda items: items.append(ITEMS[4]),
        lambda items: items.extend([ITEMS[4], ITEMS[5]]),
        lambda items: items.insert(0, ITEMS[5]),
        lambda items: items.remove(ITEMS[1]),
        lambda items: items.pop(),
        lambda items: items.pop(0),
        lambda items: items.clear(),
        lambda items: items.__setitem__(0, ITEMS[5]),
        lambda items: items.__setitem__(slice(0, 2), [ITEMS[4]]),
        lambda items: items.__delitem__(1),
        lambda items: items.__iadd__([ITEMS[5]]),
        lambda items: items.__imul__(0),
        lambda items: items.sort(key=id),
        lambda items: items.reverse(),
    ],
)
def test_membership_follows_every_change(change):
    fast, plain = ArticleList(ITEMS[:4]), list(ITEMS[:4])
    assert [item in fast for item in ITEMS] == [item in plain for item in ITEMS]  # indexed
    change(fast)
    change(plain)
    assert fast == plain
    assert [item in fast for item in ITEMS] == [item in plain for item in ITEMS]


def test_a_copy_from_another_process_takes_its_own_ids():
    listed = ArticleList(ITEMS[:4])
    assert ITEMS[0] in listed  # the ids are taken
    restored = pickle.loads(pickle.dumps(listed))
    assert isinstance(restored, ArticleList)
    assert all(item in restored for item in restored)
    assert ITEMS[0] not in restored  # a copy, as in a plain list


def test_a_category_page_lists_its_articles_newest_first(tmp_path):
    # the category's page picks its articles out of the site's dated list with ``in``
    built = run_build(tmp_path, SAMPLE_CONTENT)
    assert built.result.ok, built.messages
    page = (built.output / "chuyen-muc" / "hoat-dong-hoi" / "index.html").read_text("utf-8")
    feed = feedparser.parse((built.output / "feeds" / "hoat-dong-hoi.atom.xml").read_bytes())
    newest_first = [urlsplit(entry.link).path for entry in feed.entries]
    listed = list(dict.fromkeys(re.findall(r'href="(/\d{4}/\d{2}/[^"/]+/)"', page)))
    assert len(newest_first) >= 3
    assert listed == newest_first


@pytest.mark.parametrize("granularity", ["year", "month"])
def test_each_period_archive_holds_what_pelicans_scan_gives(tmp_path, granularity):
    # Pelican picks each period's articles out of the site's list with ``in``
    archives = []

    def keep(generator):
        for archive in generator.period_archives[granularity]:
            expected = [a for a in generator.articles if a in list(archive["dates"])]
            archives.append((archive["save_as"], archive["articles"], expected))

    signals.article_generator_finalized.connect(keep)
    try:
        setting = f"{granularity.upper()}_ARCHIVE_SAVE_AS"
        built = run_build(tmp_path, SAMPLE_CONTENT, **{setting: "{date:%Y}/{date:%m}/{date:%d}/x"})
    finally:
        signals.article_generator_finalized.disconnect(keep)
    assert built.result.ok, built.messages
    assert len(archives) >= 3
    assert any(len(expected) > 1 for _, _, expected in archives)
    for save_as, articles, expected in archives:
        assert [a.source_path for a in articles] == [a.source_path for a in expected], save_as
        assert all(a is b for a, b in zip(articles, expected, strict=True))

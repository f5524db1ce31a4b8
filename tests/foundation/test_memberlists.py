"""``ArticleList``: ``in`` by identity, right after any change to the list."""

from __future__ import annotations

import pickle
import re
from urllib.parse import urlsplit

import feedparser
import pytest
from conftest import SAMPLE_CONTENT, run_build
from pelican import generators as pelican_generators
from pelican import signals
from pelican import utils as pelican_utils
from pelican.contents import Article
from pelican.log import LimitFilter
from pelican.settings import DEFAULT_CONFIG

from tinhoi.sitebuild.memberlists import ArticleList, process_translations


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


def _article(slug: str, lang: str, **metadata):
    settings = {**DEFAULT_CONFIG, "DEFAULT_LANG": "vi"}
    return Article("<p>…</p>", {"title": slug, "slug": slug, "lang": lang, **metadata}, settings)


def _contents() -> list:
    """Originals, translations, a group all translations, two of one language, a group
    whose only content is in another language: each of Pelican's cases."""
    return [
        _article("hop-chi-hoi", "vi"),
        _article("hop-chi-hoi", "en"),
        _article("dai-hoi", "en"),
        _article("dai-hoi", "vi", translation="true"),
        _article("ao-dai", "vi"),
        _article("ao-dai", "vi"),
        _article("only-english", "en"),
        _article("ca-hai", "vi", translation="true"),
        _article("ca-hai", "en", translation="true"),
        _article("zalo", "vi"),
    ]


@pytest.mark.parametrize("translation_id", ["slug", ("slug", "lang"), None, "lang"])
def test_translations_are_paired_as_pelican_pairs_them(translation_id, caplog):
    """The same originals and translations in the same order, the same ``translations`` of
    each content and the same warnings as ``pelican.utils.process_translations``."""
    contents = _contents()
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    theirs = pelican_utils.process_translations(list(contents), translation_id)
    their_pairs = {
        id(item): list(item.translations) for item in contents if hasattr(item, "translations")
    }
    their_warnings = [record.getMessage() for record in caplog.records]
    caplog.clear()
    LimitFilter._raised_messages.clear()  # Pelican shows a message once per process
    LimitFilter._group_count.clear()
    ours = process_translations(list(contents), translation_id)
    assert [list(map(id, found)) for found in ours] == [list(map(id, found)) for found in theirs]
    assert {
        id(item): item.translations for item in contents if hasattr(item, "translations")
    } == their_pairs
    assert [record.getMessage() for record in caplog.records] == their_warnings


def test_a_translation_id_a_content_lacks_gets_pelican_s_message():
    with pytest.raises(AttributeError, match="as 'translation_id'"):
        process_translations(_contents(), "missing")


def test_the_generators_pair_translations_one_group_at_a_time(tmp_path):
    site = run_build(tmp_path, SAMPLE_CONTENT)
    assert site.result.ok
    assert pelican_generators.process_translations is process_translations

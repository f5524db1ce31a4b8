"""A content's digest counts each header value once, and still every change a page could
show: the header's, an attribute a plugin replaced, a value changed in place."""

from __future__ import annotations

import copy
import dataclasses
import sys

import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Category, Tag
from pelican.utils import SafeDatetime

from tinhoi.sitebuild.fingerprints import FROZEN_TRIES, LONG_LIST, Fingerprinter, tree_digest

SETTINGS = copy.deepcopy(DEFAULT_CONFIG)


def _article(tags=("Chuyển đổi số", "Phụ nữ"), title="Hội nghị sơ kết") -> Article:
    metadata = {
        "title": title,
        "date": SafeDatetime(2026, 11, 20, 8, 30),
        "category": Category("Hoạt động hội", SETTINGS),
        "tags": [Tag(name, SETTINGS) for name in tags],
        "branches": [{"id": "chi-hoi-6", "members": 190}],
    }
    return Article("<p>Nội dung.</p>", metadata=metadata, settings=SETTINGS)


def _digest(article: Article) -> str:
    return Fingerprinter()(article)


def test_an_attribute_is_its_header_value_and_both_are_counted():
    article = _article()
    assert article.tags is article.metadata["tags"]
    assert _digest(article) == _digest(_article())
    assert _digest(article) != _digest(_article(tags=("Chuyển đổi số",)))
    assert _digest(article) != _digest(_article(title="Hội nghị tổng kết"))


@pytest.mark.parametrize(
    "replace",
    [
        lambda article: setattr(article, "tags", [Tag("Môi trường", SETTINGS)]),
        lambda article: setattr(article, "branches", [{"id": "chi-hoi-7", "members": 80}]),
        lambda article: setattr(article, "date", SafeDatetime(2026, 11, 21, 8, 30)),
    ],
    ids=["tags", "branches", "date"],
)
def test_an_attribute_a_plugin_replaced_counts_whole(replace):
    article = _article()
    before = _digest(article)
    replace(article)  # the header keeps what was read; the page shows the new value
    assert _digest(article) != before


def test_a_header_value_changed_in_place_counts():
    article = _article()
    before = _digest(article)
    article.branches[0]["members"] = 191  # the attribute and the header entry are one object
    assert _digest(article) != before


@dataclasses.dataclass(frozen=True)
class Campaign:
    id: str
    description: str
    articles: tuple = ()


def _with_campaign(campaign: Campaign) -> Article:
    article = _article()
    article.campaigns = [campaign]
    return article


def test_a_frozen_value_shared_by_contents_counts_for_each_of_them():
    campaign = Campaign("ngay-chu-nhat-xanh", "Ngày Chủ nhật xanh: dọn vệ sinh đường làng.")
    fingerprint = Fingerprinter()
    first, second = _with_campaign(campaign), _with_campaign(campaign)
    assert fingerprint(first) == fingerprint(second)  # summarised once, the same for both
    # an equal value (another object) gives the same digest; a different one, another
    equal = Campaign("ngay-chu-nhat-xanh", "Ngày Chủ nhật xanh: dọn vệ sinh đường làng.")
    assert Fingerprinter()(_with_campaign(equal)) == fingerprint(first)
    other = Campaign("ngay-chu-nhat-xanh", "Ngày Chủ nhật xanh: trồng cây.")
    assert Fingerprinter()(_with_campaign(other)) != fingerprint(first)


def test_a_content_inside_a_frozen_value_is_met_by_each_content_that_holds_it():
    """A rich state that reaches another content is never kept from build to build
    (``_rich_digest``): the second content holding the value meets it too."""
    campaign = Campaign("ngay-chu-nhat-xanh", "…", articles=(_article(title="Bài khác"),))
    fingerprint = Fingerprinter()
    for holder in (_with_campaign(campaign), _with_campaign(campaign)):
        fingerprint._met_content = False
        fingerprint._member(holder.campaigns, 0)
        assert fingerprint._met_content


def test_frozen_values_never_met_twice_are_not_kept_and_digest_the_same():
    """A share card's job is each article's own: keeping its digest would only cost
    memory. The digest is the same whether the value was kept or not."""
    fingerprint = Fingerprinter()
    own = [Campaign(f"chien-dich-{n}", "Tuyên truyền") for n in range(FROZEN_TRIES + 40)]
    digests = [fingerprint._member(value, 0) for value in own]
    assert len(fingerprint._frozen) == FROZEN_TRIES
    assert digests == [Fingerprinter()._member(value, 0) for value in own]
    shared = Campaign("ngay-chu-nhat-xanh", "…")
    other = Fingerprinter()
    for _ in range(3):  # met again: its class's values are kept from then on
        other._member(shared, 0)
    later = [Campaign(f"mo-hinh-{n}", "…") for n in range(FROZEN_TRIES + 40)]
    for value in later:
        other._member(value, 0)
    assert len(other._frozen) == len(later) + 1


def test_a_tree_s_digest_is_its_values_whoever_holds_them():
    title = "Hội nghị sơ kết " * 3
    shared = [("title", title), ("again", title), ("tags", ["a", "b"])]
    copies = [("title", title), ("again", "".join(title)), ("tags", ["a", "b"])]
    assert tree_digest(shared) == tree_digest(copies)  # a shared text, equal copies
    assert tree_digest(shared) != tree_digest([*shared[:2], ("tags", ("a", "b"))])
    assert tree_digest([1]) != tree_digest([True]) != tree_digest([1.0])
    # what pickle refuses (a function made here) is digested by its repr, not an error
    assert tree_digest([lambda: 1]) != tree_digest([lambda: 2])


def test_a_tree_s_digest_leaves_its_texts_as_they_were():
    # a binary pickle would keep each text's UTF-8 form inside it: a site's titles and
    # summaries, twice, to the end of the build
    summary = "".join(["Phụ nữ xã Tân Phú học dùng VNeID. "] * 20)
    size = sys.getsizeof(summary)
    tree_digest([("summary", summary), ("tags", [summary])])
    assert sys.getsizeof(summary) == size


def test_a_long_list_s_digest_is_its_items_by_identity_or_by_value():
    articles = [_article(title=f"Bài {n}") for n in range(LONG_LIST)]
    for n, article in enumerate(articles):
        article.source_path = f"/site/content/bai-{n}.md"
    shape = Fingerprinter(contents_by_identity=True)
    assert shape(articles) == Fingerprinter(contents_by_identity=True)(list(articles))
    assert shape(articles) != Fingerprinter(contents_by_identity=True)(articles[::-1])
    # a list of dictionaries counts their keys in order, whatever order they were set in
    records = [{"id": n, "name": "x"} for n in range(LONG_LIST)]
    reordered = [{"name": "x", "id": n} for n in range(LONG_LIST)]
    assert Fingerprinter()(records) == Fingerprinter()(reordered)

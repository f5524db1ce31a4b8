"""The theme's Python side as pure functions: related articles, neighbours, archive
months, sizes, CSS inlining, absolute URLs, cached fragments."""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace

import pytest
from jinja2 import DictLoader, Environment

from tinhoi.sitebuild.state import Build, running
from tinhoi.themekit.helpers import absolute_url, canonical_url, filesize, minify_css
from tinhoi.themekit.home import archive_months, lead_article
from tinhoi.themekit.neighbors import neighbors
from tinhoi.themekit.partials import partial_cache
from tinhoi.themekit.receivers import tune_jinja
from tinhoi.themekit.related import RelatedIndex, related_index


def ref(ident):
    return SimpleNamespace(id=ident)


def article(name, day, featured=False, **refs):
    return SimpleNamespace(
        title=name,
        date=dt.datetime(2026, 1, 1) + dt.timedelta(days=day),
        featured=featured,
        campaigns=[ref(c) for c in refs.get("campaigns", [])],
        models=[ref(m) for m in refs.get("models", [])],
        branches=[ref(b) for b in refs.get("branches", [])],
        tags=[SimpleNamespace(slug=t) for t in refs.get("tags", [])],
    )


def test_related_articles_rank_shared_campaigns_over_tags_and_skip_strangers():
    newest = article("a", 9, campaigns=["cds"], tags=["zalo"])
    same_campaign = article("b", 8, campaigns=["cds"])
    same_tag = article("c", 7, tags=["zalo"])
    stranger = article("d", 6, tags=["other"])
    two_tags_older = article("e", 5, tags=["zalo"], branches=["x"])
    items = [newest, same_campaign, same_tag, stranger, two_tags_older]
    index = related_index(items, limit=3)
    assert index[id(newest)] == [same_campaign, same_tag, two_tags_older]
    assert index[id(stranger)] == []
    assert newest not in index[id(newest)]


def test_related_articles_respect_the_limit_and_prefer_newer_on_ties():
    items = [article(str(n), 20 - n, tags=["t"]) for n in range(6)]
    index = related_index(items, limit=2)
    assert [a.title for a in index[id(items[3])]] == ["0", "1"]


def _related_by_pairs(items, weights, limit):
    """Every pair scored on its own: what the index must give, however it works it out."""

    def keys(item):
        return {
            (kind, getattr(value, "id", None) or value.slug)
            for kind in weights
            for value in getattr(item, kind)
        }

    lists = {}
    for item in items:
        scored = []
        for other_position, other in enumerate(items):
            shared = keys(item) & keys(other)
            if other is not item and shared:
                score = sum(weights[kind] for kind, _ in shared)
                scored.append((-score, other_position))
        lists[id(item)] = [items[p] for _, p in sorted(scored)[:limit]]
    return lists


@pytest.mark.parametrize(
    ("seed", "tags_per_article", "weights", "limit"),
    [
        (1, 4, {"campaigns": 3, "models": 3, "branches": 2, "tags": 1}, 4),
        (2, 2, {"campaigns": 3, "models": 3, "branches": 2, "tags": 1}, 1),
        (3, 4, {"campaigns": 1, "branches": 1, "tags": 1}, 6),  # many ties
        (4, 12, {"campaigns": 3, "models": 3, "branches": 2, "tags": 1}, 4),  # many keys
    ],
)
def test_related_articles_match_scoring_every_pair(seed, tags_per_article, weights, limit):
    rng = random.Random(seed)
    tags = [f"tag-{n}" for n in range(14)]
    items = [
        article(
            str(n),
            -n,
            tags=rng.sample(tags, rng.randint(0, tags_per_article)),
            branches=rng.sample(["b1", "b2", "b3", "b4"], rng.randint(0, 2)),
            campaigns=rng.sample(["c1", "c2", "c3"], rng.randint(0, 1)),
            models=rng.sample(["m1", "m2"], rng.randint(0, 1)),
        )
        for n in range(150)
    ]
    assert related_index(items, weights, limit) == _related_by_pairs(items, weights, limit)


def _random_articles(rng, count, keys_per_article=4):
    tags = [f"tag-{n}" for n in range(16)]
    return [
        article(
            str(n),
            -n,
            tags=rng.sample(tags, rng.randint(0, keys_per_article)),
            branches=rng.sample(["b1", "b2", "b3"], rng.randint(0, 1)),
            campaigns=rng.sample(["c1", "c2", "c3"], rng.randint(0, 1)),
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("keys_per_article", [3, 12])  # 12: scored article by article
@pytest.mark.parametrize(
    "change", ["added", "instead", "moved", "draft", "two added", "another read again"]
)
def test_an_early_pages_list_from_the_last_builds_index_is_a_fresh_index_list(
    seed, keys_per_article, change
):
    """The preview's early page of a new or re-read article takes its related articles
    from the last build's index (built while it waited): the same list as an index of the
    articles as they now are, ties included."""
    rng = random.Random(seed)
    items = _random_articles(rng, 120, keys_per_article)
    index = RelatedIndex(items, limit=4)
    index.prepare()
    new, other = _random_articles(rng, 2, keys_per_article)
    new.tags.append(SimpleNamespace(slug="a-new-tag"))  # a key no other article has
    other.tags.append(SimpleNamespace(slug="a-new-tag"))
    new.campaigns.append(ref("a-new-campaign"))  # weighs more than a tag
    other.campaigns.append(ref("a-new-campaign"))
    now = list(items)
    if change in ("added", "two added"):  # a new article, in its place among the others
        now.insert(rng.randrange(len(now) + 1), new)
    elif change == "instead":  # an article saved with other tags, read again
        now[rng.randrange(len(now))] = new
    elif change == "moved":  # saved with another date: it leaves its place for another
        del now[rng.randrange(len(now))]
        now.insert(rng.randrange(len(now) + 1), new)
    elif change == "another read again":  # two articles saved at once, both read again
        now[rng.randrange(len(now))] = new
        now[rng.randrange(len(now))] = other
    if change == "two added":  # two new articles saved while the build ran
        now.insert(rng.randrange(len(now) + 1), other)
    fresh = RelatedIndex(now, limit=4).of(new)
    assert index.among(now, new) == fresh
    if change == "draft":
        assert fresh == []  # not listed: as the full build gives it
    elif change != "another read again":  # (``new`` may have been replaced)
        assert fresh  # a list to compare: the cases are not empty by chance


def test_an_early_pages_list_is_not_taken_from_an_index_of_its_articles_in_another_order():
    rng = random.Random(7)
    items = _random_articles(rng, 40)
    index = RelatedIndex(items)
    new = _random_articles(rng, 1)[0]
    assert index.among([new, *reversed(items)], new) is None


def test_neighbours_are_older_and_newer_in_list_order():
    items = [article(str(n), 10 - n) for n in range(3)]
    near = neighbors(items)
    assert near[id(items[0])] == (items[1], None)
    assert near[id(items[1])] == (items[2], items[0])
    assert near[id(items[2])] == (None, items[1])


def test_lead_article_is_the_newest_featured_else_the_newest():
    plain, featured_old = article("p", 5), article("f", 1, featured=True)
    assert lead_article([plain, featured_old]) is featured_old
    assert lead_article([plain]) is plain
    assert lead_article([]) is None


def test_archive_months_group_by_year_newest_first():
    items = [article("a", 40), article("b", 35), article("c", 2), article("d", -20)]
    years = archive_months(items, "{date:%Y}/{date:%m}/")
    assert [(y.year, y.count) for y in years] == [(2026, 3), (2025, 1)]
    assert [(m.url, m.count) for m in years[0].months] == [("2026/02/", 2), ("2026/01/", 1)]


def _context(**values):
    return Environment().from_string("").new_context(values)


@pytest.mark.parametrize(
    ("lang", "size", "text"),
    [
        ("vi", 53_997, "54 KB"),
        ("en", 53_997, "54 KB"),
        ("vi", 1_234_567, "1,2 MB"),
        ("en", 1_234_567, "1.2 MB"),
        ("vi", 12, "1 KB"),
        ("vi", None, ""),
    ],
)
def test_file_sizes_use_the_local_decimal_mark(lang, size, text):
    assert filesize(_context(DEFAULT_LANG=lang), size) == text


PREVIEW = {
    "SITEURL": "",
    "MAIN_SITEURL": "",
    "FEED_DOMAIN": "http://127.0.0.1:8000",
    "MAIN_FEED_DOMAIN": "http://127.0.0.1:8000",
}
PUBLISH_EN = {
    "SITEURL": "https://x.vn/hoi/en",
    "MAIN_SITEURL": "https://x.vn/hoi",
    "FEED_DOMAIN": "https://x.vn/hoi/en",
    "MAIN_FEED_DOMAIN": "https://x.vn/hoi",
}


@pytest.mark.parametrize(
    ("settings", "url", "expected"),
    [
        (PREVIEW, "/en/2026/11/x/", "http://127.0.0.1:8000/en/2026/11/x/"),
        (PREVIEW, "2026/11/x/", "http://127.0.0.1:8000/2026/11/x/"),
        (PUBLISH_EN, "2026/11/x/", "https://x.vn/hoi/en/2026/11/x/"),
        (PUBLISH_EN, "https://x.vn/hoi/2026/11/x/", "https://x.vn/hoi/2026/11/x/"),
    ],
)
def test_absolute_urls_for_link_previews(settings, url, expected):
    assert absolute_url(_context(**settings), url) == expected


def test_canonical_is_the_page_itself_and_absent_on_404():
    page2 = SimpleNamespace(number=2, url="trang/2/")
    assert canonical_url(_context(**PREVIEW, url="", articles_page=page2)).endswith("/trang/2/")
    assert canonical_url(_context(**PREVIEW, url="")) == "http://127.0.0.1:8000/"
    assert canonical_url(_context(**PREVIEW, url="", output_file="404.html")) == ""


def test_css_minifier_keeps_rules_and_drops_comments():
    css = "/* c */\na , b { color : red; }\n@media (min-width: 40em) {\n"
    css += ".x > .y { margin: 0 1em; }\n}\n"
    assert minify_css(css) == "a,b{color : red}@media (min-width: 40em){.x>.y{margin: 0 1em}}"


class Item:
    """Like Pelican's contents: hashed by identity (SimpleNamespace is not hashable)."""

    def __init__(self, title: str):
        self.title = title


def fragment_env(renders: list) -> Environment:
    """A real environment whose card template notes each time it is rendered."""
    env = Environment(
        loader=DictLoader(
            {
                "card.html": "{{ note(item.title) }}"
                "<li>{{ SITEURL }}/{{ item.title }} {{ hx }}</li>",
                "list.html": "{% for item in items %}"
                '{{ partial_cached("card.html", item=item, hx=hx) }}{% endfor %}',
            }
        )
    )
    env.globals["note"] = lambda title: renders.append(title) or ""
    env.globals["partial_cached"] = partial_cache()
    return env


def test_a_cached_fragment_is_rendered_once_per_item_and_reused_on_every_page():
    renders: list = []
    env = fragment_env(renders)
    a, b = Item("a"), Item("b")
    page = env.get_template("list.html")
    first = page.render(items=[a, b], hx="h2", SITEURL="/vi", DEFAULT_LANG="vi")
    again = page.render(items=[b, a], hx="h2", SITEURL="/vi", DEFAULT_LANG="vi")
    assert first == "<li>/vi/a h2</li><li>/vi/b h2</li>"
    assert again == "<li>/vi/b h2</li><li>/vi/a h2</li>"
    assert renders == ["a", "b"]


@pytest.mark.parametrize(
    "changed",
    [{"hx": "h3"}, {"SITEURL": "/en"}, {"DEFAULT_LANG": "en"}],
    ids=["variable", "site-url", "language"],
)
def test_a_cached_fragment_is_rendered_again_for_other_variables_or_sites(changed):
    renders: list = []
    page = fragment_env(renders).get_template("list.html")
    item = Item("a")
    base = {"items": [item], "hx": "h2", "SITEURL": "/vi", "DEFAULT_LANG": "vi"}
    page.render(**base)
    other = page.render(**(base | changed))
    assert renders == ["a", "a"]
    assert other == f"<li>{(base | changed)['SITEURL']}/a {(base | changed)['hx']}</li>"


def test_a_fragment_with_an_unhashable_variable_is_rendered_each_time():
    renders: list = []
    page = fragment_env(renders).get_template("list.html")
    item = Item("a")
    for _ in range(2):
        assert page.render(items=[item], hx=["h2"], SITEURL="", DEFAULT_LANG="vi") == (
            "<li>/a ['h2']</li>"
        )
    assert renders == ["a", "a"]


def test_a_builds_generators_share_one_cache_of_fragments():
    """The card of an article on its tag's page (the articles generator) is pasted into its
    branch's page (another generator) without being rendered again; outside a build each
    environment keeps its own."""

    def generators() -> list[SimpleNamespace]:
        renders.clear()
        made = [SimpleNamespace(env=fragment_env(renders)) for _ in range(2)]
        for generator in made:
            tune_jinja(generator)
        return made

    renders: list = []
    item = Item("a")
    names = {"items": [item], "hx": "h2", "SITEURL": "/vi", "DEFAULT_LANG": "vi"}
    with running(Build()):
        pages = [g.env.get_template("list.html") for g in generators()]
        shown = [page.render(**names) for page in pages]
    assert shown == ["<li>/vi/a h2</li>"] * 2
    assert renders == ["a"]
    for page in [g.env.get_template("list.html") for g in generators()]:
        page.render(**names)
    assert renders == ["a", "a"]

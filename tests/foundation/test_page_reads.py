"""What a template's rendering records as read (``sitebuild/pagereads.py``): the contents a
page's key is made of. Real Jinja templates over real Pelican articles."""

from __future__ import annotations

import copy

import jinja2
import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import SafeDatetime

from tinhoi.sitebuild.pagereads import instrument, reads_shallow, recording


def _article(tmp_path, slug: str) -> Article:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["PATH"] = str(tmp_path)
    return Article(
        f"<p>Thân bài {slug}</p>",
        metadata={"title": f"Bài {slug}", "date": SafeDatetime(2026, 3, 8), "slug": slug},
        settings=settings,
        source_path=str(tmp_path / f"{slug}.md"),
    )


def _reads(template: str, **names) -> tuple[set[str], set[str]]:
    """Render ``template``; the slugs of the contents it read, and of the bodies."""
    environment = jinja2.Environment()
    environment.globals.update(names)
    instrument(environment)
    with recording() as log:
        environment.from_string(template).render()
    return (
        {content.slug for content in log.contents.values()},
        {content.slug for content in log.bodies.values()},
    )


def _first_words(text) -> str:
    return str(text).split()[0]


@jinja2.pass_context
def _title_of_chosen(context, prefix: str) -> str:
    # all the names at once: no lookup of one name is seen
    return prefix + context.get_all()["chosen"].title


@reads_shallow
def _slug_of(article) -> str:
    return article.slug


def test_a_helper_counts_what_it_is_handed_whole_with_its_body(tmp_path):
    a, b = _article(tmp_path, "a"), _article(tmp_path, "b")
    contents, bodies = _reads("{{ first(a) }}", a=a, b=b, first=_first_words)
    assert contents == {"a"}
    assert bodies == {"a"}


def test_a_helper_marked_shallow_counts_the_content_without_its_body(tmp_path):
    a = _article(tmp_path, "a")
    contents, bodies = _reads("{{ slug_of(a) }}", a=a, slug_of=_slug_of)
    assert contents == {"a"}
    assert bodies == set()


@pytest.mark.parametrize("block", ["for", "block"])
def test_a_helper_taking_the_context_counts_the_values_set_where_it_is_called(tmp_path, block):
    # Jinja hands such a helper the {% set %} values of its loop or block: it can read them
    a, b = _article(tmp_path, "a"), _article(tmp_path, "b")
    inner = "{% set chosen = b %}{{ title_of_chosen('» ') }}"
    template = {
        "for": "{% for n in [1] %}" + inner + "{% endfor %}",
        "block": "{% block body %}" + inner + "{% endblock %}",
    }[block]
    contents, bodies = _reads(template, a=a, b=b, title_of_chosen=_title_of_chosen)
    assert "b" in contents
    assert "b" in bodies


def test_a_helper_not_taking_the_context_counts_only_its_arguments(tmp_path):
    # the loop's {% set %} values are Jinja's to pass along; this helper never sees them
    a, b = _article(tmp_path, "a"), _article(tmp_path, "b")
    template = "{% for n in [1] %}{% set chosen = b %}{{ first(a) }}{% endfor %}"
    contents, bodies = _reads(template, a=a, b=b, first=_first_words)
    assert contents == {"a", "b"}  # the template looked ``b`` up: it counts, as a name does
    assert bodies == {"a"}  # but its body was never within the helper's reach


def test_a_method_of_a_value_counts_the_contents_its_owner_holds(tmp_path):
    a, b = _article(tmp_path, "a"), _article(tmp_path, "b")
    shelf = {"top": [a], "other": [b]}
    contents, bodies = _reads("{{ shelf.get('top') | length }}", shelf=shelf)
    assert contents == {"a", "b"}  # ``get`` may read anything its dict holds
    assert bodies == {"a", "b"}


def test_an_attribute_read_counts_the_content_and_its_body_only_when_read(tmp_path):
    a, b = _article(tmp_path, "a"), _article(tmp_path, "b")
    contents, bodies = _reads("{{ a.title }} {{ b.content }}", a=a, b=b)
    assert contents == {"a", "b"}
    assert bodies == {"b"}


def test_jinja_macros_and_builtins_read_nothing_unseen(tmp_path):
    a = _article(tmp_path, "a")
    template = "{% macro m(x) %}{{ x | upper }}{% endmacro %}{{ m('x') }}{{ range(2) | list }}"
    contents, bodies = _reads(template, a=a)
    assert contents == set()
    assert bodies == set()

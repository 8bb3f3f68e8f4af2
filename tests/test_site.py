"""Page names and links between report pages: readable, safe, relative, never to a missing page."""

import pytest

from analysis.site import Links, Site, article_page_name, entity_page_names, slug


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Wladimir Putin", "wladimir-putin"),
        ("Außenministerium", "aussenministerium"),
        ("Müller-Lüdenscheidt", "mueller-luedenscheidt"),
        ("Pjöngjang", "pjoengjang"),
        ("Élysée-Palast", "elysee-palast"),
        ("../../etc/passwd <Kim>", "etc-passwd-kim"),
    ],
)
def test_slug_is_readable_and_safe(name, expected):
    assert slug(name) == expected


def test_names_without_latin_letters_get_a_stable_hash():
    assert slug("金正恩") == slug("金正恩")
    assert slug("金正恩").startswith("name-") and slug("金正恩") != slug("习近平")


def test_entities_that_spell_alike_get_numbers_in_rank_order():
    pages = entity_page_names(["Müller", "Mueller", "Muller"])
    assert pages == {"Müller": "entities/mueller.html", "Mueller": "entities/mueller-2.html",
                     "Muller": "entities/muller.html"}


def test_article_pages_come_from_hex_doc_ids_only():
    assert article_page_name("0123abcd") == "articles/0123abcd.html"
    with pytest.raises(ValueError, match="not hexadecimal"):
        article_page_name("../index")


def test_links_are_relative_to_the_page_and_only_to_existing_pages(tmp_path):
    site = Site(articles={"abc123": "articles/abc123.html"},
                entities={"Olaf Scholz": "entities/olaf-scholz.html"})
    loaded = Site.load(site.save(tmp_path))
    assert loaded == site
    from_article = Links(loaded, "articles/abc123.html")
    assert from_article.entity("Olaf Scholz") == "../entities/olaf-scholz.html"
    assert from_article.index() == "../index.html"
    assert from_article.corpus() == "../corpus.html"
    assert from_article.asset("report.css") == "../assets/report.css"
    from_index = Links(loaded, "index.html")
    assert from_index.article("abc123") == "articles/abc123.html"
    assert from_index.entity("Berlin") is None, "no page, no link"
    assert from_index.article("fff000") is None


def test_without_a_site_map_nothing_links():
    links = Links(Site.load(None), "index.html")
    assert links.index() is None and links.corpus() is None
    assert links.entity("Olaf Scholz") is None

"""A search result marks the visitor's words and escapes everything else."""

from types import SimpleNamespace

from directory.hits import search_hit


def public(**fields):
    defaults = {"name": "", "services": [], "description": ""}
    return SimpleNamespace(**{**defaults, **fields})


def test_the_words_searched_for_are_marked_where_a_word_starts():
    hit = search_hit(
        public(name="Saimaan Puutyö Oy", services=["Puusepäntyöt", "Portaat"]),
        "/yrityshakemisto/saimaan-puutyo-oy/",
        ["puu", "port"],
    )
    assert hit["name"] == "Saimaan <mark>Puu</mark>työ Oy"
    assert hit["services"] == "<mark>Puu</mark>sepäntyöt, <mark>Port</mark>aat"
    assert hit["url"] == "/yrityshakemisto/saimaan-puutyo-oy/"


def test_markup_in_a_listing_or_a_search_is_escaped():
    hit = search_hit(public(name="<b>Oy</b> & Co", description="<script>x</script>"), "/", ["b"])
    assert hit["name"] == "&lt;<mark>b</mark>&gt;Oy&lt;/<mark>b</mark>&gt; &amp; Co"
    assert "<script>" not in hit["description"]


def test_a_long_description_is_cut_around_the_first_word_searched_for():
    description = "Alku. " * 60 + "Erikoisalamme on puusepäntyö ja portaat. " + "Loppu. " * 60
    hit = search_hit(public(description=description), "/", ["puusepäntyö"])
    assert hit["description"].startswith("…")
    assert hit["description"].endswith("…")
    assert "<mark>puusepäntyö</mark>" in hit["description"]
    assert len(hit["description"]) < 260


def test_without_words_nothing_is_marked():
    hit = search_hit(public(name="Saimaan Puutyö Oy"), "/", [])
    assert hit["name"] == "Saimaan Puutyö Oy"
    assert hit["services"] == hit["description"] == ""

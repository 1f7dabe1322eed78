"""Search quality through the site's own search box (scripts/search_quality.py): the queries
of tests/data/search_queries.json must find their page and section in the top 3 for at least
90% of queries. hit@1 and hit@3 are printed with the misses."""

from __future__ import annotations

import json

import guide
import pytest
import search_quality as sq


def test_the_query_set_is_sound(site):
    queries = sq.load_queries()
    assert len(queries) >= 40
    assert len({q["query"] for q in queries}) == len(queries), "duplicate queries"
    required = {"kv cache size", "why divide by sqrt d", "nf4", "ppo vs dpo",
                "continuous batching", "chinchilla 20 tokens", "pass@k"}
    assert required <= {q["query"] for q in queries}
    for q in queries:
        html = site / guide.page_url(q["page"]) / "index.html"
        assert html.is_file(), f"{q['query']!r}: no page {q['page']}"
        text = html.read_text(encoding="utf-8")
        for section in q["sections"]:
            assert f'id="{section}"' in text, f"{q['query']!r}: {q['page']} has no #{section}"


def test_a_broken_query_file_gets_a_clear_error(tmp_path):
    bad = tmp_path / "q.json"
    bad.write_text(json.dumps({"queries": [{"query": "x"}]}))
    with pytest.raises(sq.QueryFileError, match="query 1 needs 'query', 'page'"):
        sq.load_queries(bad)
    bad.write_text("{not json")
    with pytest.raises(sq.QueryFileError, match=r"q\.json"):
        sq.load_queries(bad)


def test_hits_need_the_right_page_and_section():
    assert sq.is_hit("context_windows/#kv-cache", "context_windows/", ["kv-cache"])
    assert not sq.is_hit("context_windows/#other", "context_windows/", ["kv-cache"])
    assert not sq.is_hit("quantization/#kv-cache", "context_windows/", ["kv-cache"])
    assert sq.is_hit("context_windows/", "context_windows/", [])


@pytest.mark.browser
def test_search_finds_the_answering_section(site, browser, capsys):
    outcomes = sq.measure(site, sq.load_queries(), browser)
    hit1, hit3 = sq.scores(outcomes)
    misses = [f"{o.query!r}: wanted {o.expected}; got {o.results[:3]}"
              for o in outcomes if o.rank is None]
    with capsys.disabled():
        print(f"\nsearch quality: {len(outcomes)} queries, hit@1 {hit1:.3f}, hit@3 {hit3:.3f}")
    assert hit3 >= sq.HIT3_BUDGET, f"hit@3 {hit3:.3f} < {sq.HIT3_BUDGET}:\n" + "\n".join(misses)

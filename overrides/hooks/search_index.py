"""Make the search index meet readers' spelling: the guide writes British English
("quantisation", "initialised", "optimiser"), readers often type American ("quantization",
"initialized"). After the search plugin writes search/search_index.json, each section's indexed
text gains, for each of its -ise/-isation words, that word family in both spellings
("initialisation" brings initialise, initialised, initializing, initialization, ...): the
index has no stemmer (Material's default, and adding lunr's made results worse), so without
this "initialized" would not find "initialisation" (tests/test_search_quality.py). Only the
index changes; pages keep their spelling.

It also lowers the title boost from Material's 1000 to TITLE_BOOST: at 1000 one query word
in a heading ("scaling" in "Test-time compute scaling") outranked sections whose text answers
the whole query ("rope scaling"). Both measured with scripts/search_quality.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

# -ise/-isation family words of four letters or more before the suffix; a few spurious
# variants ("otherwize") are harmless: nobody searches for them.
_SUFFIXES = ("ation", "ations", "ed", "es", "ing", "er", "ers", "e")
_BRITISH = re.compile(rf"\b([A-Za-z]{{4,}})[iI][sS]({'|'.join(_SUFFIXES)})\b")


def american_variants(text: str) -> list[str]:
    """The other forms of each -ise word family in the text, in both spellings."""
    present = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    seen: dict[str, None] = {}
    for match in _BRITISH.finditer(text):
        stem = match.group(1).lower()
        for spelling in ("iz", "is"):
            for suffix in _SUFFIXES:
                word = stem + spelling + suffix
                if word not in present:
                    seen.setdefault(word, None)
    return list(seen)


TITLE_BOOST = 100.0  # Material's default is 1000: a title word then outweighed the text


def add_variants(index: dict) -> dict:
    fields = index.get("config", {}).get("fields", {})
    if "title" in fields:
        fields["title"]["boost"] = TITLE_BOOST
    for doc in index.get("docs", []):
        variants = american_variants(doc.get("title", "") + " " + doc.get("text", ""))
        if variants:
            doc["text"] = doc.get("text", "") + " " + " ".join(variants)
    return index


def on_post_build(*, config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.is_file():
        index = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(add_variants(index), ensure_ascii=False,
                                   separators=(",", ":")), encoding="utf-8")

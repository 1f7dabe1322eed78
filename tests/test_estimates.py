"""The shared estimation test vectors hold for the Python formulas (the JavaScript side is
checked in tests/test_practice.py)."""

from __future__ import annotations

import json
import math

import estimates
import pytest
from conftest import ROOT

VECTORS = json.loads((ROOT / "tests" / "data" / "estimation_vectors.json").read_text())["vectors"]


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["function"])
def test_python_formula_matches_the_vector(vector):
    got = estimates.FUNCTIONS[vector["function"]](**vector["args"])
    expected = vector["expected"]
    got = list(got) if isinstance(got, tuple) else [got]
    expected = expected if isinstance(expected, list) else [expected]
    assert all(math.isclose(g, e, rel_tol=1e-9) for g, e in zip(got, expected, strict=True))


def test_vectors_cover_every_formula():
    assert {v["function"] for v in VECTORS} == set(estimates.FUNCTIONS)


def test_known_values():
    # Llama 2 7B (32 layers, 32 KV heads of 128) in BF16: 0.5 MiB per token, 2 GiB at 4k tokens.
    assert estimates.kv_cache_bytes(32, 32, 128, 2, 4096, 1) == 2 * 1024**3
    # Chinchilla's fit at Gopher's budget: tens of billions of parameters, ~90 tokens/param.
    n, d = estimates.chinchilla_optimal(5.76e23)
    assert 25e9 < n < 40e9 and 80 < d / n < 100
    assert estimates.speculative_expected_tokens(0.8, 4) == pytest.approx(3.3616)
    with pytest.raises(ValueError, match="unknown fine-tuning method"):
        estimates.finetune_memory_bytes(7e9, "prefix")

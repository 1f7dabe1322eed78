"""The chapters' interactive calculators in headless Chromium: the shared vectors hold for the
JavaScript formulas, every calculator reproduces the Python reference when driven through its
form, presets fill in the published configs, bad input gets a message (never NaN), the static
worked example is there without JavaScript, and calculators.js loads only where it is used."""

from __future__ import annotations

import json
import math

import estimates
import pytest
from conftest import ROOT

pytestmark = pytest.mark.browser

VECTORS = json.loads((ROOT / "tests" / "data" / "estimation_vectors.json").read_text())["vectors"]
ALL = list(estimates.LORA_MODULES)

PAGES = {
    "kv-cache": "context_windows/",
    "model-memory": "quantization/",
    "finetune-memory": "fine_tuning/full_finetune_vs_peft/",
    "lora-params": "fine_tuning/full_finetune_vs_peft/",
    "chinchilla": "scaling_laws/",
    "serving": "inference_optimization/",
    "speculative": "inference_optimization/",
}


def kv_case():
    v = dict(layers=80, kv_heads=8, head_dim=128, bytes_per_value="1", tokens=32768, batch=16)
    args = dict(v, bytes_per_value=1)
    return v, {"per_token": estimates.kv_cache_bytes(**dict(args, tokens=1, batch=1)),
               "total": estimates.kv_cache_bytes(**args)}


def model_memory_case():
    v = dict(params_b=70, format="4.25")
    return v, {"bits": 4.25, "weights": estimates.model_bytes(70e9, 4.25)}


def finetune_case():
    v = dict(params_b=65, format="8", adapters_m=100)
    p, t = 65e9, 100e6
    return v, {"weights": estimates.model_bytes(p, 8),
               **{m: estimates.finetune_memory_bytes(p, m, t) for m in ("full", "lora", "qlora")}}


def lora_case():
    v = dict(rank=16, targets=["q", "v"], layers=80, d_model=8192, kv_heads=8, head_dim=128,
             d_ff=28672, experts=1, params_b=68.976648192)
    n = estimates.lora_trainable_params(16, 80, 8192, 8 * 128, 28672, ["q", "v"])
    return v, {"trainable": n, "share": n / 68.976648192e9}


def chinchilla_case():
    v = dict(compute=1e21, gpus=256, peak_tflops=312, mfu=50, usd=1.5)
    n, d = estimates.chinchilla_optimal(1e21)
    days, gpu_hours, usd = estimates.training_run(1e21, 256, 312e12, 0.5, 1.5)
    return v, {"n_opt": n, "d_opt": d, "ratio": d / n, "days": days, "gpu_hours": gpu_hours,
               "cost": usd}


def serving_case():
    v = dict(params_b=6.738415616, layers=32, kv_heads=32, head_dim=128, bytes_per_weight="2",
             bytes_per_value="1", context=4096, concurrency=100, gpus=1, hbm_gb=80,
             bandwidth_tb=3.35, reserve=10)
    kv = estimates.kv_cache_bytes(32, 32, 128, 1, 1, 1)
    r = estimates.serving_capacity(6.738415616e9, 2, kv, 4096, 100, 1, 80e9, 3.35e12, 0.1)
    return v, dict(zip(("budget", "fits", "replicas", "step", "tokens_per_s"), r, strict=True),
                   kv_per_token=kv)


def speculative_case():
    v = dict(acceptance=0.6, draft_tokens=3, draft_cost=0.3)
    return v, {"tokens": estimates.speculative_expected_tokens(0.6, 3),
               "speedup": estimates.speculative_speedup(0.6, 3, 0.3)}


CASES = {"kv-cache": kv_case, "model-memory": model_memory_case, "finetune-memory": finetune_case,
         "lora-params": lora_case, "chinchilla": chinchilla_case, "serving": serving_case,
         "speculative": speculative_case}


def calc(page, name: str):
    # Calculators are built when they near the viewport (calculators.js): scroll there first.
    page.locator(f'.guide-calculator[data-calculator="{name}"]').scroll_into_view_if_needed()
    form = page.locator(f'.guide-calculator[data-calculator="{name}"] form.guide-calc')
    form.first.wait_for(state="attached", timeout=10000)  # built in an observer callback
    return form


def set_inputs(form, values: dict) -> None:
    for field, value in values.items():
        if isinstance(value, list):
            for box in form.locator(f'input[name="{field}"]').all():
                box.set_checked(box.get_attribute("value") in value)
        elif form.locator(f'select[name="{field}"]').count():
            form.locator(f'select[name="{field}"]').select_option(str(value))
        else:
            form.locator(f'input[name="{field}"]').fill(repr(value))


def outputs(form) -> dict[str, str]:
    return form.locator("output[data-out]").evaluate_all(
        "os => Object.fromEntries(os.map(o => [o.dataset.out, o.dataset.value]))")


def assert_clean(form) -> None:
    text = form.inner_text()
    assert "NaN" not in text and "Infinity" not in text and "undefined" not in text, text


def test_javascript_formulas_match_every_shared_vector(watched):
    watched.goto("context_windows/")
    assert {v["function"] for v in VECTORS} == set(estimates.FUNCTIONS)
    for vector in VECTORS:
        got = watched.page.evaluate("([f, a]) => window.GuideEstimates[f](a)",
                                    [vector["function"], vector["args"]])
        got = got if isinstance(got, list) else [got]
        expected = vector["expected"]
        expected = expected if isinstance(expected, list) else [expected]
        assert len(got) == len(expected), vector
        assert all(math.isclose(g, e, rel_tol=1e-9) for g, e in zip(got, expected, strict=True)), \
            (vector, got)
    assert not watched.problems()


def test_every_calculator_is_placed_and_tested(site):
    placed = {}
    for name, path in PAGES.items():
        html = (site / path / "index.html").read_text(encoding="utf-8")
        placed[name] = f'data-calculator="{name}"' in html
    assert all(placed.values()), placed
    assert set(CASES) == set(PAGES)
    # The hook adds calculators.js exactly where a calculator is.
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert ('calculators.js"' in html) == ('class="guide-calculator"' in html), page


@pytest.mark.parametrize("name", list(CASES))
def test_calculator_matches_the_python_reference(watched, name):
    watched.goto(PAGES[name])
    form = calc(watched.page, name)
    assert form.count() == 1
    values, expected = CASES[name]()
    set_inputs(form, values)
    assert form.get_attribute("data-valid") == "true"
    got = outputs(form)
    assert set(got) == set(expected)
    for key, value in expected.items():
        assert math.isclose(float(got[key]), value, rel_tol=1e-9), (key, got[key], value)
    assert_clean(form)
    # Units are shown next to the numbers.
    assert form.locator(".guide-calc-unit").count() >= 1
    assert not watched.problems()


MODEL_PRESETS = {  # published configs, as the calculators must fill them in
    "llama2-7b": dict(layers=32, d_model=4096, kv_heads=32, head_dim=128, d_ff=11008,
                      params=6738415616, context=4096),
    "llama2-70b": dict(layers=80, d_model=8192, kv_heads=8, head_dim=128, d_ff=28672,
                       params=68976648192, context=4096),
    "llama3-8b": dict(layers=32, d_model=4096, kv_heads=8, head_dim=128, d_ff=14336,
                      params=8030261248, context=8192),
    "llama3-70b": dict(layers=80, d_model=8192, kv_heads=8, head_dim=128, d_ff=28672,
                       params=70553706496, context=8192),
    "mistral-7b": dict(layers=32, d_model=4096, kv_heads=8, head_dim=128, d_ff=14336,
                       params=7241732096, context=8192),
    "mixtral-8x7b": dict(layers=32, d_model=4096, kv_heads=8, head_dim=128, d_ff=14336,
                         params=46702792704, context=32768, experts=8),
}


def test_model_presets_fill_the_published_configs(watched):
    page = watched.page
    watched.goto("fine_tuning/full_finetune_vs_peft/")
    lora, memory = calc(page, "lora-params"), calc(page, "finetune-memory")
    for key, cfg in MODEL_PRESETS.items():
        lora.locator('select[name="preset"]').select_option(key)
        for field in ("layers", "d_model", "kv_heads", "head_dim", "d_ff"):
            assert float(lora.locator(f'input[name="{field}"]').input_value()) == cfg[field], \
                (key, field)
        assert float(lora.locator('input[name="experts"]').input_value()) == cfg.get("experts", 1)
        assert math.isclose(float(lora.locator('input[name="params_b"]').input_value()) * 1e9,
                            cfg["params"], rel_tol=1e-12)
        cite = lora.locator('[data-cite="preset"] a')
        assert cite.get_attribute("href").startswith("https://arxiv.org/abs/")
        memory.locator('select[name="preset"]').select_option(key)
        assert math.isclose(float(memory.locator('input[name="params_b"]').input_value()) * 1e9,
                            cfg["params"], rel_tol=1e-12)
    # The chapter's own number: Llama 2 7B, r = 8 on all linear layers, 19,988,480.
    lora.locator('select[name="preset"]').select_option("llama2-7b")
    set_inputs(lora, {"rank": 8, "targets": ALL})
    assert float(outputs(lora)["trainable"]) == 19_988_480
    # The memory preset's adapter count is rank 16 on every linear layer of that model.
    memory.locator('select[name="preset"]').select_option("mixtral-8x7b")
    adapters = estimates.lora_trainable_params(16, 32, 4096, 1024, 14336, ALL, experts=8)
    assert math.isclose(float(memory.locator('input[name="adapters_m"]').input_value()) * 1e6,
                        adapters, rel_tol=1e-12)
    assert math.isclose(float(outputs(memory)["qlora"]),
                        estimates.finetune_memory_bytes(46702792704, "qlora", adapters),
                        rel_tol=1e-9)
    assert not watched.problems()


def test_kv_serving_and_run_presets(watched):
    page = watched.page
    watched.goto("context_windows/")
    kv = calc(page, "kv-cache")
    kv.locator('select[name="preset"]').select_option("llama2-70b")
    assert float(outputs(kv)["per_token"]) == 320 * 2**10          # the chapter's 320 KiB
    assert float(outputs(kv)["total"]) == estimates.kv_cache_bytes(80, 8, 128, 2, 4096, 1)
    assert "Touvron" in kv.locator('[data-cite="preset"]').inner_text()

    watched.goto("inference_optimization/")
    serving = calc(page, "serving")
    serving.locator('select[name="preset"]').select_option("llama3-70b")
    serving.locator('select[name="gpu"]').select_option("h100-sxm")
    set_inputs(serving, {"context": 2250, "concurrency": 10000, "gpus": 8, "reserve": 10})
    got = outputs(serving)
    assert float(got["fits"]) == 589 and float(got["replicas"]) == 17   # the chapter's 589
    serving.locator('select[name="gpu"]').select_option("h200-sxm")
    assert float(serving.locator('input[name="hbm_gb"]').input_value()) == 141
    assert float(serving.locator('input[name="bandwidth_tb"]').input_value()) == 4.8

    watched.goto("scaling_laws/")
    run = calc(page, "chinchilla")
    run.locator('select[name="preset"]').select_option("chinchilla")
    assert math.isclose(float(run.locator('input[name="compute"]').input_value()), 5.88e23)
    run.locator('select[name="gpu"]').select_option("a100-sxm")
    assert float(run.locator('input[name="peak_tflops"]').input_value()) == 312
    assert not watched.problems()


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gets_a_message_not_nan(watched, name):
    watched.goto(PAGES[name])
    form = calc(watched.page, name)
    field = form.locator('input[type="number"]').first
    field_name = field.get_attribute("name")
    message = form.locator(f'.guide-calc-msg[data-for="{field_name}"]')
    for bad, words in (("-5", "negative"), ("", "Enter a number"), ("1e40", "Too large")):
        field.fill(bad)
        assert words in message.inner_text(), (bad, message.inner_text())
        assert form.get_attribute("data-valid") == "false"
        assert_clean(form)
    field.fill(repr(CASES[name]()[0][field_name]))
    assert message.inner_text() == "" and form.get_attribute("data-valid") == "true"
    assert not watched.problems()


def test_integer_module_and_fit_checks(watched):
    watched.goto("fine_tuning/full_finetune_vs_peft/")
    lora = calc(watched.page, "lora-params")
    set_inputs(lora, {"rank": 2.5})
    assert "whole number" in lora.locator('.guide-calc-msg[data-for="rank"]').inner_text()
    set_inputs(lora, {"rank": 8, "targets": []})
    assert "at least one" in lora.locator('.guide-calc-msg[data-for="targets"]').inner_text()
    assert lora.get_attribute("data-valid") == "false"
    assert_clean(lora)

    watched.goto("inference_optimization/")
    serving = calc(watched.page, "serving")
    set_inputs(serving, {"params_b": 1000, "gpus": 1})                  # 2 TB of weights on 80 GB
    assert "do not fit" in serving.locator(".guide-calc-error").inner_text()
    assert serving.get_attribute("data-valid") == "false"
    assert_clean(serving)
    spec = calc(watched.page, "speculative")
    set_inputs(spec, {"acceptance": 1.5})
    assert "at most 1" in spec.locator('.guide-calc-msg[data-for="acceptance"]').inner_text()
    set_inputs(spec, {"acceptance": 1})                                 # the a = 1 limit is finite
    assert float(outputs(spec)["tokens"]) == 5
    assert not watched.problems()


def test_static_worked_example_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(base_url + path)
            block = page.locator(f'.guide-calculator[data-calculator="{name}"]')
            assert block.count() == 1
            text = block.inner_text()
            assert "Worked example (static)" in text and any(c.isdigit() for c in text), name
            assert block.locator("form").count() == 0
    finally:
        context.close()


def test_calculator_sits_above_its_static_example(watched):
    watched.goto("inference_optimization/")
    for name in ("serving", "speculative"):
        block = watched.page.locator(f'.guide-calculator[data-calculator="{name}"]')
        assert block.get_attribute("data-ready") is None  # built only when scrolled near
        block.scroll_into_view_if_needed()
        watched.page.wait_for_function("b => b.getAttribute('data-ready') === 'true'",
                                       arg=block.element_handle())
        first = block.evaluate("b => b.firstElementChild.tagName")
        assert first == "FORM"
        assert "Worked example (static)" in block.inner_text()
    assert not watched.problems()

// Interactive calculators for the chapters' sizing formulas. Every formula comes from
// window.GuideEstimates (estimates.js, the same math as scripts/estimates.py); this file only
// builds the forms, validates the inputs and formats the results. A placeholder
//   <div class="guide-calculator" data-calculator="NAME" markdown> static example </div>
// gets a calculator above its static worked example, which stays as the no-JavaScript view.
(function () {
  "use strict";
  var E = window.GuideEstimates;

  var MODELS = E.MODELS, GPUS = E.GPUS;  // presets live in estimates.js
  var LLAMA2 = "Touvron et al., 2023, Table 1, and the official Hugging Face config.json";
  var RUNS = {  // C = 6ND of published runs
    chinchilla: { name: "Chinchilla (70B, 1.4T tokens)", compute: 6 * 70e9 * 1.4e12,
      cite: "Hoffmann et al., 2022, §4", url: "https://arxiv.org/abs/2203.15556" },
    "llama2-7b": { name: "Llama 2 7B (2T tokens)", compute: 6 * 6738415616 * 2e12,
      cite: LLAMA2, url: "https://arxiv.org/abs/2307.09288" },
    "llama2-70b": { name: "Llama 2 70B (2T tokens)", compute: 6 * 68976648192 * 2e12,
      cite: LLAMA2, url: "https://arxiv.org/abs/2307.09288" },
  };
  var FORMATS = [  // bits per weight with the metadata each format stores (chapter 8)
    ["32", "FP32 (32 bits)"], ["16", "BF16 / FP16 (16 bits)"], ["8", "FP8 / INT8 (8 bits)"],
    ["4.25", "INT4, group 128, FP16 scale and zero (4.25 bits)"],
    ["4.5", "NF4, FP32 absmax per 64 (4.5 bits)"],
    [String(E.NF4_DQ_BITS), "NF4 with double quantisation (4.127 bits)"],
    ["4.5 ", "GGUF Q4_K (4.5 bits)"],
  ];
  var DTYPES = [["2", "BF16 / FP16 (2 bytes)"], ["1", "FP8 / INT8 (1 byte)"],
                ["4", "FP32 (4 bytes)"], ["0.5", "4-bit (0.5 bytes)"]];

  var GiB = Math.pow(2, 30);

  function group(x, digits) {
    return x.toLocaleString("en-US", { maximumFractionDigits: digits || 0 });
  }
  function bytes(b) {
    if (b < 1024 * 1024) return group(b / 1024, 1) + " KiB (" + group(b) + " bytes)";
    if (b < GiB) return group(b / 1048576, 1) + " MiB (" + group(b / 1e6, 1) + " MB)";
    return group(b / GiB, 2) + " GiB (" + group(b / 1e9, 2) + " GB)";
  }
  function count(n) {
    if (n >= 1e12) return group(n / 1e12, 2) + " trillion";
    if (n >= 1e9) return group(n / 1e9, 2) + " billion";
    if (n >= 1e6) return group(n / 1e6, 2) + " million (" + group(n) + ")";
    return group(n);
  }
  function sci(x) { return x.toExponential(3).replace("e+", " × 10^").replace("e-", " × 10^-"); }
  function money(x) { return "$" + group(x, x < 100 ? 2 : 0); }

  function modelPreset(fields) {
    return { label: "Model", options: MODELS, fill: fields };
  }

  // Each calculator: inputs (name, label, unit, min, max, integer, choices, scale), optional
  // presets, and compute(values) returning [[key, label, value, text], ...].
  var CALCULATORS = {
    "kv-cache": {
      title: "KV-cache calculator",
      presets: modelPreset(function (m) {
        return { layers: m.layers, kv_heads: m.kv_heads, head_dim: m.head_dim, tokens: m.context };
      }),
      inputs: [
        { name: "layers", label: "Layers", unit: "L", min: 1, max: 1000, integer: true, value: 32 },
        { name: "kv_heads", label: "KV heads", unit: "per layer", min: 1, max: 1024, integer: true, value: 32 },
        { name: "head_dim", label: "Head dimension", unit: "elements", min: 1, max: 4096, integer: true, value: 128 },
        { name: "bytes_per_value", label: "Cache dtype", choices: DTYPES, value: "2" },
        { name: "tokens", label: "Context", unit: "tokens per sequence", min: 1, max: 1e8, integer: true, value: 4096 },
        { name: "batch", label: "Batch", unit: "sequences", min: 1, max: 1e6, integer: true, value: 1 },
      ],
      compute: function (v) {
        var perToken = E.kv_cache_bytes({ layers: v.layers, kv_heads: v.kv_heads, head_dim: v.head_dim,
          bytes_per_value: v.bytes_per_value, tokens: 1, batch: 1 });
        var total = E.kv_cache_bytes(v);
        return [["per_token", "Cache per token", perToken, bytes(perToken)],
                ["total", "Cache for the batch", total, bytes(total)]];
      },
    },
    "model-memory": {
      title: "Weight-memory calculator",
      presets: modelPreset(function (m) { return { params_b: m.params / 1e9 }; }),
      inputs: [
        { name: "params_b", label: "Parameters", unit: "billion", min: 0.001, max: 100000, value: 68.976648192 },
        { name: "format", label: "Format", choices: FORMATS, value: "16" },
      ],
      compute: function (v) {
        var bits = parseFloat(v.format);
        var total = E.model_bytes({ params: v.params_b * 1e9, bits_per_param: bits });
        return [["bits", "Bits per weight, metadata included", bits, group(bits, 3) + " bits"],
                ["weights", "Weights", total, bytes(total)]];
      },
    },
    "finetune-memory": {
      title: "Fine-tuning memory calculator",
      presets: modelPreset(function (m) {
        var adapters = E.lora_trainable_params({ rank: 16, layers: m.layers, d_model: m.d_model,
          kv_dim: m.kv_heads * m.head_dim, d_ff: m.d_ff, targets: E.LORA_MODULES, experts: m.experts });
        return { params_b: m.params / 1e9, adapters_m: adapters / 1e6 };
      }),
      note: "A preset's adapter count is LoRA rank 16 on every linear layer. Activations are " +
        "excluded: add them for your sequence length and micro-batch.",
      inputs: [
        { name: "params_b", label: "Parameters", unit: "billion", min: 0.001, max: 100000, value: 6.738415616 },
        { name: "format", label: "Inference format", choices: FORMATS, value: "16" },
        { name: "adapters_m", label: "Adapter parameters (LoRA, QLoRA)", unit: "million", min: 0, max: 1e6, value: 39.97696 },
      ],
      compute: function (v) {
        var p = v.params_b * 1e9, t = v.adapters_m * 1e6;
        var rows = [["weights", "Weights only (inference)",
                     E.model_bytes({ params: p, bits_per_param: parseFloat(v.format) })]];
        [["full", "Full fine-tuning (16 bytes per parameter)"],
         ["lora", "LoRA (16-bit frozen base + adapters)"],
         ["qlora", "QLoRA (NF4 base with double quantisation + adapters)"]].forEach(function (m) {
          rows.push([m[0], m[1], E.finetune_memory_bytes({ params: p, method: m[0], trainable: t })]);
        });
        return rows.map(function (r) { return [r[0], r[1], r[2], bytes(r[2])]; });
      },
    },
    "lora-params": {
      title: "LoRA trainable-parameter calculator",
      presets: modelPreset(function (m) {
        return { layers: m.layers, d_model: m.d_model, kv_heads: m.kv_heads, head_dim: m.head_dim,
                 d_ff: m.d_ff, experts: m.experts, params_b: m.params / 1e9 };
      }),
      inputs: [
        { name: "rank", label: "Rank r", unit: "", min: 1, max: 65536, integer: true, value: 8 },
        { name: "targets", label: "Target modules", modules: E.LORA_MODULES, value: E.LORA_MODULES },
        { name: "layers", label: "Layers", unit: "L", min: 1, max: 1000, integer: true, value: 32 },
        { name: "d_model", label: "Hidden size d", unit: "elements", min: 1, max: 1e6, integer: true, value: 4096 },
        { name: "kv_heads", label: "KV heads", unit: "", min: 1, max: 1024, integer: true, value: 32 },
        { name: "head_dim", label: "Head dimension", unit: "elements", min: 1, max: 4096, integer: true, value: 128 },
        { name: "d_ff", label: "FFN size", unit: "elements", min: 1, max: 1e7, integer: true, value: 11008 },
        { name: "experts", label: "Experts per FFN", unit: "", min: 1, max: 1024, integer: true, value: 1 },
        { name: "params_b", label: "Model parameters", unit: "billion", min: 0.001, max: 100000, value: 6.738415616 },
      ],
      compute: function (v) {
        var n = E.lora_trainable_params({ rank: v.rank, layers: v.layers, d_model: v.d_model,
          kv_dim: v.kv_heads * v.head_dim, d_ff: v.d_ff, targets: v.targets, experts: v.experts });
        var share = n / (v.params_b * 1e9);
        return [["trainable", "Trainable parameters", n, count(n)],
                ["share", "Share of the model", share, group(share * 100, 3) + "%"]];
      },
    },
    chinchilla: {
      title: "Compute-optimal run calculator",
      presets: { label: "Training run", options: RUNS, fill: function (r) { return { compute: r.compute }; } },
      gpuPresets: { label: "GPU", options: GPUS, fill: function (g) { return { peak_tflops: g.peak_tflops }; } },
      inputs: [
        { name: "compute", label: "Compute budget C", unit: "FLOPs", min: 1e15, max: 1e30, value: 5.76e23 },
        { name: "gpus", label: "GPUs", unit: "", min: 1, max: 1e7, integer: true, value: 1024 },
        { name: "peak_tflops", label: "Peak per GPU", unit: "TFLOP/s (dense)", min: 0.001, max: 1e6, value: 989 },
        { name: "mfu", label: "MFU", unit: "% of peak", min: 0.1, max: 100, value: 40 },
        { name: "usd", label: "Price", unit: "$ per GPU-hour", min: 0, max: 10000, value: 2.5 },
      ],
      compute: function (v) {
        var nd = E.chinchilla_optimal({ compute: v.compute });
        var run = E.training_run({ flops: v.compute, gpus: v.gpus, peak_flops_per_s: v.peak_tflops * 1e12,
          mfu: v.mfu / 100, usd_per_gpu_hour: v.usd });
        return [["n_opt", "Compute-optimal parameters N", nd[0], count(nd[0])],
                ["d_opt", "Compute-optimal tokens D", nd[1], count(nd[1]) + " tokens"],
                ["ratio", "Tokens per parameter", nd[1] / nd[0], group(nd[1] / nd[0], 1)],
                ["days", "Wall-clock", run[0], group(run[0], 1) + " days"],
                ["gpu_hours", "GPU-hours", run[1], group(run[1])],
                ["cost", "Cost", run[2], money(run[2])]];
      },
    },
    serving: {
      title: "Serving-capacity calculator",
      presets: modelPreset(function (m) {
        return { params_b: m.params / 1e9, layers: m.layers, kv_heads: m.kv_heads, head_dim: m.head_dim };
      }),
      gpuPresets: { label: "GPU", options: GPUS, fill: function (g) {
        return { hbm_gb: g.hbm_gb, bandwidth_tb: g.bandwidth_tb };
      } },
      note: "Memory-bound lower bound: peak bandwidth, every sequence holding the full context. " +
        "It ignores prefill compute and the latency target, which can bind first.",
      inputs: [
        { name: "params_b", label: "Parameters", unit: "billion", min: 0.001, max: 100000, value: 70.553706496 },
        { name: "layers", label: "Layers", unit: "L", min: 1, max: 1000, integer: true, value: 80 },
        { name: "kv_heads", label: "KV heads", unit: "", min: 1, max: 1024, integer: true, value: 8 },
        { name: "head_dim", label: "Head dimension", unit: "elements", min: 1, max: 4096, integer: true, value: 128 },
        { name: "bytes_per_weight", label: "Weight format", choices: DTYPES, value: "2" },
        { name: "bytes_per_value", label: "Cache dtype", choices: DTYPES, value: "2" },
        { name: "context", label: "Context", unit: "tokens per sequence", min: 1, max: 1e8, integer: true, value: 2250 },
        { name: "concurrency", label: "Concurrent sequences", unit: "", min: 1, max: 1e9, integer: true, value: 10000 },
        { name: "gpus", label: "GPUs per replica", unit: "", min: 1, max: 1024, integer: true, value: 8 },
        { name: "hbm_gb", label: "Memory per GPU", unit: "GB", min: 1, max: 100000, value: 80 },
        { name: "bandwidth_tb", label: "Bandwidth per GPU", unit: "TB/s", min: 0.01, max: 1000, value: 3.35 },
        { name: "reserve", label: "Reserve", unit: "% of memory", min: 0, max: 99, value: 10 },
      ],
      compute: function (v) {
        var kv = E.kv_cache_bytes({ layers: v.layers, kv_heads: v.kv_heads, head_dim: v.head_dim,
          bytes_per_value: parseFloat(v.bytes_per_value), tokens: 1, batch: 1 });
        var r = E.serving_capacity({ params: v.params_b * 1e9, bytes_per_weight: parseFloat(v.bytes_per_weight),
          kv_bytes_per_token: kv, context: v.context, concurrency: v.concurrency, gpus: v.gpus,
          hbm_bytes: v.hbm_gb * 1e9, bandwidth: v.bandwidth_tb * 1e12, reserve: v.reserve / 100 });
        return [["kv_per_token", "Cache per token", kv, bytes(kv)],
                ["budget", "Cache budget per replica", r[0], bytes(r[0])],
                ["fits", "Sequences that fit per replica", r[1], group(r[1])],
                ["replicas", "Replicas", r[2], group(r[2]) + " (" + group(r[2] * v.gpus) + " GPUs)"],
                ["step", "Decode step, at least", r[3], group(r[3] * 1000, 2) + " ms"],
                ["tokens_per_s", "Output tokens/s per replica, at most", r[4], group(r[4])]];
      },
    },
    speculative: {
      title: "Speculative-decoding calculator",
      inputs: [
        { name: "acceptance", label: "Acceptance rate α", unit: "0 to 1", min: 0, max: 1, value: 0.8 },
        { name: "draft_tokens", label: "Draft length γ", unit: "tokens", min: 1, max: 128, integer: true, value: 4 },
        { name: "draft_cost", label: "Draft cost c", unit: "target steps per draft step", min: 0, max: 10, value: 0.05 },
      ],
      compute: function (v) {
        var t = E.speculative_expected_tokens(v), s = E.speculative_speedup(v);
        return [["tokens", "Expected tokens per target pass", t, group(t, 3)],
                ["speedup", "Speed-up over plain decoding", s, group(s, 2) + "×"]];
      },
    },
  };

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function presetControl(form, spec, key, onPick) {
    var wrap = el("div", { class: "guide-calc-preset" });
    var id = form.id + "-" + key;
    wrap.appendChild(el("label", { for: id }, spec.label + " preset"));
    var select = el("select", { id: id, name: key });
    select.appendChild(el("option", { value: "" }, "Custom"));
    Object.keys(spec.options).forEach(function (k) {
      select.appendChild(el("option", { value: k }, spec.options[k].name));
    });
    var cite = el("span", { class: "guide-calc-cite", "data-cite": key });
    select.addEventListener("change", function () {
      var option = spec.options[select.value];
      cite.textContent = "";
      if (!option) return;
      cite.appendChild(document.createTextNode("Source: "));
      var link = el("a", { href: option.url }, option.cite);
      cite.appendChild(link);
      onPick(spec.fill(option));
    });
    wrap.appendChild(select);
    wrap.appendChild(cite);
    return wrap;
  }

  function validate(input, raw) {
    if (input.choices) return { value: parseFloat(raw) };
    if (input.modules) {
      return raw.length ? { value: raw } : { error: "Choose at least one module." };
    }
    var text = String(raw).trim();
    if (text === "") return { error: "Enter a number." };
    var x = Number(text);
    if (!isFinite(x)) return { error: "Enter a finite number." };
    if (x < 0 && input.min >= 0) return { error: "Must not be negative." };
    if (x < input.min) return { error: "Must be at least " + group(input.min, 3) + "." };
    if (x > input.max) return { error: "Too large: at most " + group(input.max, 3) + "." };
    if (input.integer && Math.floor(x) !== x) return { error: "Must be a whole number." };
    return { value: x };
  }

  function build(root, n) {
    var spec = CALCULATORS[root.getAttribute("data-calculator")];
    if (!spec) return;
    var form = el("form", { class: "guide-calc", id: "guide-calc-" + n, novalidate: "" });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.appendChild(el("p", { class: "guide-calc-title" }, spec.title));
    var controls = {};

    function fill(values) {
      Object.keys(values).forEach(function (k) {
        if (controls[k]) controls[k].set(values[k]);
      });
      update();
    }
    if (spec.presets) form.appendChild(presetControl(form, spec.presets, "preset", fill));
    if (spec.gpuPresets) form.appendChild(presetControl(form, spec.gpuPresets, "gpu", fill));

    var grid = el("div", { class: "guide-calc-inputs" });
    spec.inputs.forEach(function (input) {
      var field = el("div", { class: "guide-calc-field" });
      var id = form.id + "-" + input.name;
      var msg = el("span", { class: "guide-calc-msg", "data-for": input.name, role: "alert" });
      if (input.modules) {
        var set = el("fieldset", { class: "guide-calc-modules" });
        set.appendChild(el("legend", {}, input.label));
        var boxes = input.modules.map(function (m) {
          var label = el("label");
          var box = el("input", { type: "checkbox", name: input.name, value: m });
          box.checked = input.value.indexOf(m) >= 0;
          label.appendChild(box);
          label.appendChild(document.createTextNode(" " + m));
          set.appendChild(label);
          return box;
        });
        field.appendChild(set);
        controls[input.name] = {
          get: function () { return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }); },
          set: function (v) { boxes.forEach(function (b) { b.checked = v.indexOf(b.value) >= 0; }); },
        };
      } else {
        field.appendChild(el("label", { for: id }, input.label));
        var control;
        if (input.choices) {
          control = el("select", { id: id, name: input.name });
          input.choices.forEach(function (c) { control.appendChild(el("option", { value: c[0] }, c[1])); });
        } else {
          control = el("input", { id: id, name: input.name, type: "number", step: "any",
                                  inputmode: "decimal", "aria-describedby": id + "-unit" });
        }
        control.value = String(input.value);
        var row = el("span", { class: "guide-calc-control" });
        row.appendChild(control);
        if (input.unit) row.appendChild(el("span", { class: "guide-calc-unit", id: id + "-unit" }, input.unit));
        field.appendChild(row);
        controls[input.name] = {
          get: function () { return control.value; },
          set: function (v) { control.value = String(v); },
        };
      }
      field.appendChild(msg);
      controls[input.name].msg = msg;
      controls[input.name].spec = input;
      grid.appendChild(field);
    });
    form.appendChild(grid);

    var table = el("table", { class: "guide-calc-results" });
    var body = el("tbody");
    table.appendChild(body);
    form.appendChild(table);
    var error = el("p", { class: "guide-calc-error", role: "alert" });
    form.appendChild(error);
    if (spec.note) form.appendChild(el("p", { class: "guide-calc-note" }, spec.note));

    function update() {
      var values = {}, ok = true;
      spec.inputs.forEach(function (input) {
        var c = controls[input.name];
        var r = validate(input, c.get());
        c.msg.textContent = r.error || "";
        if (r.error) ok = false; else values[input.name] = r.value;
      });
      var rows = null;
      error.textContent = "";
      if (ok) {
        try {
          rows = spec.compute(values);
          if (rows.some(function (r) { return !isFinite(r[2]); })) {
            rows = null;
            error.textContent = "These inputs give no finite result; check them.";
          }
        } catch (e) {
          error.textContent = "Cannot compute: " + e.message + ".";
        }
      }
      form.setAttribute("data-valid", rows ? "true" : "false");
      if (rows) {
        body.textContent = "";
        rows.forEach(function (r) {
          var tr = el("tr");
          tr.appendChild(el("th", { scope: "row" }, r[1]));
          var td = el("td");
          td.appendChild(el("output", { "data-out": r[0], "data-value": String(r[2]) }, r[3]));
          tr.appendChild(td);
          body.appendChild(tr);
        });
      } else {
        Array.prototype.forEach.call(body.querySelectorAll("output"), function (o) {
          o.textContent = "—";
          o.setAttribute("data-value", "");
        });
      }
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
    root.insertBefore(form, root.firstChild);
    root.setAttribute("data-ready", "true");
  }

  // Each calculator is built when it nears the viewport: building swaps DOM in a long page,
  // and doing all of them at load blocked the main thread for hundreds of ms on slow phones.
  var built = 0;  // each form's id number
  function init() {
    if (!E) return;
    var roots = document.querySelectorAll(".guide-calculator");
    if (!("IntersectionObserver" in window)) { buildAll(); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        build(entry.target, built++);
      });
    }, { rootMargin: "600px 0px" });
    Array.prototype.forEach.call(roots, function (root) { observer.observe(root); });
  }
  function buildAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".guide-calculator"), function (r) {
      if (r.getAttribute("data-ready") !== "true") build(r, built++);
    });
  }
  window.GuideCalculators = { specs: CALCULATORS, models: MODELS, gpus: GPUS, buildAll: buildAll };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

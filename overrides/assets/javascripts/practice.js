// Practice features: progress (studied chapters, per-question schedule), the question bank's
// filters, the spaced-repetition drill, the mock interview and the estimation drills.
// Everything is stored in this browser's localStorage; nothing is sent anywhere.
(function () {
  "use strict";
  var KEY = "llm-study-guide/progress/v1";
  var APP = "llm-study-guide";
  var MINUTE = 60 * 1000, DAY = 24 * 60 * MINUTE;
  // Leitner boxes 1..5 and when a question in each is due again.
  var INTERVALS = [10 * MINUTE, 1 * DAY, 3 * DAY, 7 * DAY, 21 * DAY];
  var GRADES = ["again", "hard", "good", "easy"];
  var ROLES = {};  // role -> its name, read from the bank's role filter (practice.py names them)

  var indexEl = document.getElementById("guide-index");
  if (!indexEl) return;
  var INDEX = JSON.parse(indexEl.textContent);
  var script = document.currentScript;
  var ROOT = script ? script.src.replace(/assets\/javascripts\/practice\.js.*$/, "") : "/";

  function now() { return Date.now(); }

  // --- storage -------------------------------------------------------------------------
  function emptyState() { return { version: 1, studied: {}, cards: {} }; }
  function load() {
    try {
      var raw = localStorage.getItem(KEY);
      var state = raw ? JSON.parse(raw) : null;
      return validate(state) ? state : emptyState();
    } catch (e) { return emptyState(); }
  }
  function save(state) { localStorage.setItem(KEY, JSON.stringify(state)); }
  function validate(state) {
    if (!state || typeof state !== "object" || state.version !== 1) return false;
    if (!state.studied || typeof state.studied !== "object") return false;
    if (!state.cards || typeof state.cards !== "object") return false;
    for (var file in state.studied) {
      if (typeof state.studied[file] !== "string") return false;
    }
    for (var id in state.cards) {
      var c = state.cards[id];
      if (!c || typeof c.box !== "number" || c.box < 1 || c.box > 5 || c.box % 1) return false;
      if (typeof c.due !== "number" || !isFinite(c.due)) return false;
    }
    return true;
  }
  var state = load();

  function status(qid) {
    var card = state.cards[qid];
    if (!card) return "new";
    return card.box >= 4 ? "known" : "learning";
  }
  function grade(qid, g) {
    var card = state.cards[qid] || { box: 0, due: 0, reps: 0, lapses: 0 };
    var box = card.box;
    if (g === "again") { box = 1; card.lapses = (card.lapses || 0) + 1; }
    else if (g === "hard") { box = Math.max(1, box); }
    else if (g === "good") { box = Math.min(5, box + 1); }
    else if (g === "easy") { box = Math.min(5, box + 2); }
    var wait = INTERVALS[box - 1] * (g === "hard" ? 0.5 : 1);
    card.box = box; card.due = now() + wait; card.reps = (card.reps || 0) + 1;
    card.last = g;
    state.cards[qid] = card;
    save(state);
    return card;
  }

  function chapterUrl(chapter) { return new URL(chapter.url, ROOT).pathname; }
  function knownCount(chapter) {
    return chapter.questions.filter(function (q) { return status(q) === "known"; }).length;
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "className") node.className = attrs[k]; else node.setAttribute(k, attrs[k]);
    }
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // --- progress on every page -------------------------------------------------------------
  // Links grouped by the path they point to, each href parsed once (parsing every link once
  // per chapter was the bulk of this script's time at load on a long page).
  function linksByPath(selector) {
    var map = {};
    document.querySelectorAll(selector).forEach(function (a) {
      var path;
      try { path = new URL(a.getAttribute("href"), location.href).pathname; } catch (e) { return; }
      (map[path] = map[path] || []).push(a);
    });
    return map;
  }
  function markNav() {
    var links = linksByPath(".md-nav__link[href]");
    INDEX.chapters.forEach(function (chapter) {
      (links[chapterUrl(chapter)] || []).forEach(function (a) {
        a.classList.toggle("guide-studied", !!state.studied[chapter.file]);
      });
    });
  }
  function chapterButton() {
    var button = document.querySelector(".guide-mark-studied");
    if (!button) return;
    var file = button.getAttribute("data-chapter");
    function render() {
      var on = !!state.studied[file];
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "Studied ✓ (undo)" : "Mark as studied";
    }
    button.addEventListener("click", function () {
      if (state.studied[file]) delete state.studied[file];
      else state.studied[file] = new Date(now()).toISOString();
      save(state); render(); markNav();
    });
    render();
  }
  // The note for a reader without progress is in the page already (practice.py writes it, so
  // the table does not reflow after first paint); this keeps it in step with the stored one.
  function overviewTable() {
    var links = linksByPath(".md-content table a[href]");
    INDEX.chapters.forEach(function (chapter) {
      (links[chapterUrl(chapter)] || []).forEach(function (a) {
        var cell = a.parentElement;
        var note = cell.querySelector(".guide-progress");
        var parts = [];
        if (state.studied[chapter.file]) parts.push("✓ studied");
        if (chapter.questions.length) {
          parts.push(knownCount(chapter) + " of " + chapter.questions.length + " questions known");
        }
        var text = parts.length ? " · " + parts.join(" · ") : "";
        if (!text) { if (note) note.remove(); return; }
        if (!note) note = cell.appendChild(el("span", { className: "guide-progress" }));
        if (note.textContent !== text) note.textContent = text;
      });
    });
  }
  function refreshProgress() { markNav(); overviewTable(); }

  // --- the question bank --------------------------------------------------------------------
  function Bank(app) {
    this.app = app;
    this.items = Array.prototype.map.call(
      document.querySelectorAll("details.question[data-qid]"), function (d) {
        return { el: d, qid: d.getAttribute("data-qid"),
                 roles: (d.getAttribute("data-role") || "").split(/\s+/),
                 difficulty: d.getAttribute("data-difficulty"),
                 chapter: d.getAttribute("data-chapter"),
                 question: d.querySelector("summary").textContent.trim() };
      });
    this.filters = { role: "", difficulty: "", chapter: "", status: "" };
    var params = new URLSearchParams(location.search);
    for (var k in this.filters) this.filters[k] = params.get(k) || "";
    this.build();
    this.apply();
  }
  Bank.prototype.matches = function (item, except) {
    var f = this.filters;
    return (except === "role" || !f.role || item.roles.indexOf(f.role) >= 0) &&
      (except === "difficulty" || !f.difficulty || item.difficulty === f.difficulty) &&
      (except === "chapter" || !f.chapter || item.chapter === f.chapter) &&
      (except === "status" || !f.status || status(item.qid) === f.status);
  };
  Bank.prototype.selected = function () {
    var self = this;
    return this.items.filter(function (i) { return self.matches(i); });
  };
  // The controls are in the page already (overrides/hooks/practice.py writes them, so they
  // take their place before first paint); this binds them.
  Bank.prototype.build = function () {
    var self = this, app = this.app;
    app.querySelector(".practice-filters").addEventListener("submit", function (e) {
      e.preventDefault();
    });
    this.selects = {};
    Object.keys(this.filters).forEach(function (key) {
      var select = document.getElementById("practice-filter-" + key);
      select.value = self.filters[key];
      select.addEventListener("change", function () {
        self.filters[key] = select.value; self.apply();
      });
      self.selects[key] = select;
    });
    Array.prototype.forEach.call(this.selects.role.options, function (option) {
      if (option.value) ROLES[option.value] = option.getAttribute("data-label");
    });
    this.count = app.querySelector(".practice-count");
    var actions = {
      "practice-drill-start": function () { self.drill(); },
      "practice-mock-start": function () { self.mockSetup(); },
      "practice-estimate-start": function () { self.estimates(); },
      "practice-export": function () { self.exportProgress(); },
      "practice-import": function () { self.fileInput.click(); },
      "practice-reset": function () { self.reset(); },
    };
    Object.keys(actions).forEach(function (id) {
      document.getElementById(id).addEventListener("click", actions[id]);
    });
    this.fileInput = document.getElementById("practice-import-file");
    this.fileInput.addEventListener("change", function () { self.importProgress(); });
    this.message = app.querySelector(".practice-message");
    this.panel = document.getElementById("practice-panel");
  };
  Bank.prototype.apply = function () {
    var self = this;
    this.items.forEach(function (item) {
      item.el.hidden = !self.matches(item);
      var badge = item.badge || (item.badge = item.el.querySelector("summary .qb-status"));
      var s = status(item.qid);
      if (badge && badge.getAttribute("data-status") !== s) {  // untouched: no restyle
        badge.textContent = s;
        badge.setAttribute("data-status", s);
      }
    });
    document.querySelectorAll(".md-content h2[id^='bank-chapter-']").forEach(function (h) {
      var number = h.id.replace("bank-chapter-", "");
      h.hidden = !self.items.some(function (i) { return i.chapter === number && !i.el.hidden; });
    });
    for (var key in this.selects) {
      var select = this.selects[key];
      Array.prototype.forEach.call(select.options, function (option) {
        var saved = self.filters[key];
        self.filters[key] = option.value;
        var n = self.items.filter(function (i) { return self.matches(i); }).length;
        self.filters[key] = saved;
        var label = option.value ? option.getAttribute("data-label") : "All";
        var text = label + " (" + n + ")";
        if (option.textContent !== text) option.textContent = text;
      });
    }
    var shown = this.selected().length;
    var count = shown + " of " + this.items.length + " questions";
    if (this.count.textContent !== count) this.count.textContent = count;
    var params = new URLSearchParams();
    for (var k in this.filters) if (this.filters[k]) params.set(k, this.filters[k]);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  };
  Bank.prototype.answerHtml = function (item) {
    var clone = item.el.cloneNode(true);
    clone.querySelectorAll("summary").forEach(function (n) { n.remove(); });
    return clone.innerHTML;
  };
  Bank.prototype.show = function (title) {
    this.panel.hidden = false;
    this.panel.innerHTML = "";
    this.panel.appendChild(el("h2", { tabindex: "-1" }, title));
    this.panel.querySelector("h2").focus();
    this.panel.scrollIntoView({ block: "start" });
  };

  // One question with reveal and the four grades; calls done(grade) after grading.
  Bank.prototype.card = function (item, label, done) {
    var self = this;
    var box = el("div", { className: "practice-card" });
    box.appendChild(el("p", { className: "practice-progress" }, label));
    box.appendChild(el("p", { className: "practice-question" }, item.question));
    var answer = el("div", { className: "practice-answer" });
    answer.innerHTML = this.answerHtml(item);
    answer.hidden = true;
    if (window.guideMath) window.guideMath.scan(answer);
    var reveal = el("button", { type: "button", className: "md-button md-button--primary",
                                id: "practice-reveal" }, "Reveal answer (Space)");
    var grades = el("div", { className: "practice-grades", role: "group",
                             "aria-label": "Grade yourself" });
    grades.hidden = true;
    GRADES.forEach(function (g, i) {
      var b = el("button", { type: "button", className: "md-button",
                             "data-grade": g }, g.charAt(0).toUpperCase() + g.slice(1) +
                             " (" + (i + 1) + ")");
      b.addEventListener("click", function () { finish(g); });
      grades.appendChild(b);
    });
    function doReveal() {
      answer.hidden = false; reveal.hidden = true; grades.hidden = false;
      grades.querySelector("button").focus();
    }
    function finish(g) {
      document.removeEventListener("keydown", keys);
      grade(item.qid, g); self.apply(); refreshProgress(); done(g);
    }
    function keys(e) {
      if (e.target && /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName)) return;
      if ((e.key === " " || e.code === "Space") && !reveal.hidden) {
        e.preventDefault(); doReveal();
      } else if (!grades.hidden && /^[1-4]$/.test(e.key)) {
        e.preventDefault(); finish(GRADES[Number(e.key) - 1]);
      }
    }
    reveal.addEventListener("click", doReveal);
    document.addEventListener("keydown", keys);
    box.appendChild(reveal);
    box.appendChild(answer);
    box.appendChild(grades);
    box.appendChild(el("p", { className: "practice-hint" },
                       "Keys: Space reveals, 1–4 grade (again, hard, good, easy)."));
    this.panel.appendChild(box);
    reveal.focus();
    return box;
  };

  Bank.prototype.dueQueue = function (items) {
    var t = now();
    var due = items.filter(function (i) {
      var c = state.cards[i.qid]; return c && c.due <= t;
    }).sort(function (a, b) { return state.cards[a.qid].due - state.cards[b.qid].due; });
    var fresh = items.filter(function (i) { return !state.cards[i.qid]; });
    return due.concat(fresh);
  };
  Bank.prototype.drill = function (roundSize) {
    var self = this, size = roundSize || 10;
    var queue = this.dueQueue(this.selected()).slice(0, size);
    var tally = { again: 0, hard: 0, good: 0, easy: 0 };
    var n = 0;
    this.show("Drill");
    if (!queue.length) {
      var next = this.selected().map(function (i) { return state.cards[i.qid]; })
        .filter(Boolean).map(function (c) { return c.due; }).sort()[0];
      this.panel.appendChild(el("p", { id: "practice-none-due" },
        "Nothing is due in this selection." + (next ? " Next question due " +
        new Date(next).toLocaleString() + "." : "")));
      return;
    }
    function step() {
      if (n >= queue.length) return summary();
      var item = queue[n];
      var old = self.panel.querySelector(".practice-card");
      if (old) old.remove();
      self.card(item, "Question " + (n + 1) + " of " + queue.length, function (g) {
        tally[g] += 1; n += 1; step();
      });
    }
    function summary() {
      var old = self.panel.querySelector(".practice-card");
      if (old) old.remove();
      var s = el("div", { className: "practice-summary", id: "practice-summary" });
      s.appendChild(el("p", {}, "Round done: " + n + " questions. Again " + tally.again +
        ", hard " + tally.hard + ", good " + tally.good + ", easy " + tally.easy + "."));
      var again = el("button", { type: "button", className: "md-button" }, "Next round");
      again.addEventListener("click", function () { self.drill(size); });
      s.appendChild(again);
      self.panel.appendChild(s);
      again.focus();
    }
    step();
  };

  Bank.prototype.mockSetup = function () {
    var self = this;
    this.show("Mock interview");
    var form = el("form", { className: "practice-filters", id: "practice-mock-form" });
    var fields = [
      ["practice-mock-role", "Role", Object.keys(ROLES).map(function (r) { return [r, ROLES[r]]; })],
      ["practice-mock-count", "Questions", [["5", "5"], ["8", "8"], ["12", "12"]]],
      ["practice-mock-minutes", "Minutes per question", [["2", "2"], ["3", "3"], ["5", "5"]]],
    ];
    fields.forEach(function (f) {
      var wrap = el("div", { className: "practice-field" });
      wrap.appendChild(el("label", { "for": f[0] }, f[1]));
      var select = el("select", { id: f[0] });
      f[2].forEach(function (o) { select.appendChild(el("option", { value: o[0] }, o[1])); });
      wrap.appendChild(select);
      form.appendChild(wrap);
    });
    var start = el("button", { type: "submit", className: "md-button md-button--primary" },
                   "Start");
    form.appendChild(start);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      self.mock(form.querySelector("#practice-mock-role").value,
                Number(form.querySelector("#practice-mock-count").value),
                Number(form.querySelector("#practice-mock-minutes").value));
    });
    this.panel.appendChild(form);
  };
  Bank.prototype.mock = function (role, count, minutes) {
    var self = this;
    var pool = this.items.filter(function (i) { return i.roles.indexOf(role) >= 0; });
    for (var i = pool.length - 1; i > 0; i--) {  // Fisher-Yates shuffle
      var j = Math.floor(Math.random() * (i + 1)); var t = pool[i]; pool[i] = pool[j]; pool[j] = t;
    }
    var picked = pool.slice(0, count), results = [], n = 0, timer = null;
    this.show("Mock interview: " + ROLES[role]);
    if (!picked.length) {
      this.panel.appendChild(el("p", {}, "No questions for this role yet."));
      return;
    }
    function step() {
      if (timer) clearInterval(timer);
      var old = self.panel.querySelector(".practice-card");
      if (old) old.remove();
      if (n >= picked.length) return summary();
      var started = now(), limit = minutes * 60;
      var clock = el("p", { className: "practice-timer", id: "practice-timer",
                            "aria-live": "off" });
      var box = self.card(picked[n], "Question " + (n + 1) + " of " + picked.length,
        function (g) {
          results.push({ question: picked[n].question, grade: g,
                         seconds: Math.round((now() - started) / 1000) });
          n += 1; step();
        });
      box.insertBefore(clock, box.firstChild);
      function tick() {
        var left = limit - Math.floor((now() - started) / 1000);
        clock.textContent = left >= 0 ? "Time left: " + Math.floor(left / 60) + ":" +
          String(left % 60).padStart(2, "0") : "Over time by " + (-left) + " s";
        clock.classList.toggle("practice-timer--over", left < 0);
      }
      tick(); timer = setInterval(tick, 1000);
    }
    function summary() {
      var s = el("div", { className: "practice-summary", id: "practice-summary" });
      var tally = {};
      results.forEach(function (r) { tally[r.grade] = (tally[r.grade] || 0) + 1; });
      s.appendChild(el("p", {}, "Interview done: " + results.length + " questions. " +
        GRADES.map(function (g) { return g + " " + (tally[g] || 0); }).join(", ") + "."));
      var list = el("ol");
      results.forEach(function (r) {
        list.appendChild(el("li", {}, r.question + " — " + r.grade + ", " + r.seconds + " s"));
      });
      s.appendChild(list);
      self.panel.appendChild(s);
    }
    step();
  };

  // --- estimation drills ----------------------------------------------------------------
  var E = window.GuideEstimates;
  function pick(list) { return list[Math.floor(Math.random() * list.length)]; }
  function fmt(x) {
    if (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-2 && x !== 0)) return x.toExponential(3);
    return String(Math.round(x * 1000) / 1000);
  }
  // Presets shared with the calculators (estimates.js), with their cited configs.
  var MODELS = ["llama2-7b", "llama2-13b", "llama2-70b", "llama3-8b", "mistral-7b"]
    .map(function (k) { return E.MODELS[k]; });
  var GPUS = ["h100-sxm", "a100-sxm"].map(function (k) {
    return { name: E.GPUS[k].name, peak: E.GPUS[k].peak_tflops * 1e12 };
  });
  var DRILLS = {
    kv: { title: "KV-cache size", unit: "GB", make: function () {
      var m = pick(MODELS), tokens = pick([2048, 4096, 8192, 32768]), batch = pick([1, 8, 16, 32]);
      var bytes = pick([2, 1]);
      var args = { layers: m.layers, kv_heads: m.kv_heads, head_dim: m.head_dim,
                   bytes_per_value: bytes, tokens: tokens, batch: batch };
      var v = E.kv_cache_bytes(args) / 1e9;
      return { args: args, answer: v,
        text: m.name + " (" + m.layers + " layers, " + m.kv_heads + " KV heads of dimension " +
          m.head_dim + "), cache stored at " + bytes + " byte(s) per value, " + tokens +
          " tokens per sequence, batch " + batch + ". How many GB (10^9 bytes) does the KV cache take?",
        solution: "2 (K and V) × " + m.layers + " layers × " + m.kv_heads + " heads × " +
          m.head_dim + " × " + bytes + " B × " + tokens + " tokens × " + batch + " = " + fmt(v) + " GB." };
    } },
    flops: { title: "Training compute (6ND) and GPU-days", unit: "GPU-days", make: function () {
      var n = pick([1e9, 7e9, 13e9, 70e9]), d = pick([2e11, 1e12, 2e12, 1.5e13]);
      var g = pick(GPUS), mfu = pick([0.3, 0.4, 0.5]);
      var flops = E.training_flops({ params: n, tokens: d });
      var v = E.gpu_days({ flops: flops, peak_flops_per_s: g.peak, mfu: mfu });
      return { args: { params: n, tokens: d, peak: g.peak, mfu: mfu }, answer: v,
        text: "Train " + fmt(n) + " parameters on " + fmt(d) + " tokens on " + g.name +
          " GPUs (dense BF16 peak " + fmt(g.peak) + " FLOP/s) at " + mfu * 100 +
          "% MFU. How many GPU-days?",
        solution: "C = 6ND = " + fmt(flops) + " FLOPs; GPU-days = C / (peak × MFU × 86,400 s) = " +
          fmt(v) + "." };
    } },
    chinchilla: { title: "Chinchilla-optimal parameters", unit: "billion parameters", make: function () {
      var c = pick([1e21, 1e22, 5.76e23, 1e24, 1e25]);
      var fit = { compute: c, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 };
      var r = E.chinchilla_optimal(fit);
      return { args: fit, answer: r[0] / 1e9,
        text: "Compute budget " + fmt(c) + " FLOPs, C = 6ND, loss E + A/N^α + B/D^β with the " +
          "Besiroglu et al. (2024) refit A = 482.01, B = 2085.43, α = 0.3478, β = 0.3658. " +
          "How many billion parameters is compute-optimal?",
        solution: "N_opt = G (C/6)^(β/(α+β)) with G = (αA/(βB))^(1/(α+β)): N_opt = " +
          fmt(r[0] / 1e9) + " B parameters, D_opt = C/(6N) = " + fmt(r[1]) + " tokens (" +
          fmt(r[1] / r[0]) + " tokens per parameter)." };
    } },
    vram: { title: "Fine-tuning memory", unit: "GB", make: function () {
      var n = pick([7e9, 13e9, 70e9]), method = pick(["full", "lora", "qlora"]);
      var trainable = method === "full" ? 0 : pick([4e6, 2e7, 4e7]);
      var v = E.finetune_memory_bytes({ params: n, method: method, trainable: trainable }) / 1e9;
      var how = { full: "full fine-tuning with mixed-precision AdamW (16 bytes per parameter)",
        lora: "LoRA over a BF16 base (2 bytes per frozen parameter) with " + fmt(trainable) +
          " trainable parameters at 16 bytes each",
        qlora: "QLoRA over an NF4 base with double quantisation (" +
          fmt(E.NF4_DQ_BITS) + " bits per weight) with " + fmt(trainable) +
          " trainable parameters at 16 bytes each" }[method];
      return { args: { params: n, method: method, trainable: trainable }, answer: v,
        text: "A " + fmt(n) + "-parameter model, " + how + ". How many GB for weights, " +
          "gradients and optimizer states (activations excluded)?",
        solution: "Total = " + fmt(v) + " GB (" + how + ")." };
    } },
    size: { title: "Model size in a format", unit: "GB", make: function () {
      var m = pick(MODELS), fmtName = pick([["BF16", 16], ["INT8", 8],
        ["INT4 with one FP16 scale per 128 weights", 4.125], ["NF4 + double quantisation", E.NF4_DQ_BITS]]);
      var v = E.model_bytes({ params: m.params, bits_per_param: fmtName[1] }) / 1e9;
      return { args: { params: m.params, bits: fmtName[1] }, answer: v,
        text: m.name + " (" + fmt(m.params) + " parameters) stored as " + fmtName[0] +
          ". How many GB of weights?",
        solution: fmt(m.params) + " × " + fmt(fmtName[1]) + " bits / 8 = " + fmt(v) + " GB." };
    } },
    spec: { title: "Speculative decoding", unit: "tokens per step", make: function () {
      var a = pick([0.5, 0.6, 0.7, 0.8, 0.9]), k = pick([2, 3, 4, 5, 8]);
      var v = E.speculative_expected_tokens({ acceptance: a, draft_tokens: k });
      return { args: { acceptance: a, draft_tokens: k }, answer: v,
        text: "A draft model proposes " + k + " tokens per step; each is accepted independently " +
          "with probability " + a + ". Expected tokens produced per target-model step?",
        solution: "(1 − α^(k+1)) / (1 − α) = (1 − " + a + "^" + (k + 1) + ") / (1 − " + a +
          ") = " + fmt(v) + "." };
    } },
  };
  var TOLERANCE = 0.05;
  Bank.prototype.estimates = function () {
    var self = this;
    this.show("Estimation drills");
    this.panel.appendChild(el("p", {}, "Fresh numbers each time. Answers within " +
      TOLERANCE * 100 + "% count as right; the worked solution follows either way."));
    var wrap = el("div", { className: "practice-field" });
    wrap.appendChild(el("label", { "for": "practice-estimate-kind" }, "Drill"));
    var select = el("select", { id: "practice-estimate-kind" });
    Object.keys(DRILLS).forEach(function (k) {
      select.appendChild(el("option", { value: k }, DRILLS[k].title));
    });
    wrap.appendChild(select);
    this.panel.appendChild(wrap);
    var area = el("div", { className: "practice-card", id: "practice-estimate" });
    this.panel.appendChild(area);
    function fresh() {
      var drill = DRILLS[select.value], problem = drill.make();
      area.innerHTML = "";
      area.appendChild(el("p", { className: "practice-question", id: "practice-estimate-text" },
                          problem.text));
      var form = el("form", {});
      var label = el("label", { "for": "practice-estimate-answer" }, "Your answer (" +
                     drill.unit + ")");
      var input = el("input", { id: "practice-estimate-answer", type: "text",
                                inputmode: "decimal", autocomplete: "off" });
      var check = el("button", { type: "submit", className: "md-button md-button--primary" },
                     "Check");
      var next = el("button", { type: "button", className: "md-button" }, "New numbers");
      var verdict = el("p", { id: "practice-estimate-verdict", role: "status" });
      form.appendChild(label); form.appendChild(input); form.appendChild(check);
      form.appendChild(next);
      area.appendChild(form); area.appendChild(verdict);
      area.setAttribute("data-answer", String(problem.answer));
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var value = Number(String(input.value).replace(/[, _]/g, ""));
        if (!isFinite(value) || input.value.trim() === "") {
          verdict.textContent = "Type a number (e.g. 12.5 or 1.2e3)."; return;
        }
        var ok = Math.abs(value - problem.answer) <= TOLERANCE * Math.abs(problem.answer);
        verdict.textContent = (ok ? "Right. " : "Not quite: the answer is " +
          fmt(problem.answer) + " " + drill.unit + ". ") + problem.solution;
        verdict.setAttribute("data-correct", ok ? "true" : "false");
      });
      next.addEventListener("click", fresh);
      input.focus();
    }
    select.addEventListener("change", fresh);
    fresh();
  };

  // --- export / import / reset --------------------------------------------------------------
  Bank.prototype.exportProgress = function () {
    var blob = new Blob([JSON.stringify({ app: APP, exported_at: new Date(now()).toISOString(),
      version: state.version, studied: state.studied, cards: state.cards }, null, 1)],
      { type: "application/json" });
    var a = el("a", { href: URL.createObjectURL(blob), download: "llm-study-guide-progress.json" });
    document.body.appendChild(a); a.click(); a.remove();
    this.message.textContent = "Progress exported.";
  };
  Bank.prototype.importProgress = function () {
    var self = this, file = this.fileInput.files[0];
    if (!file) return;
    file.text().then(function (text) {
      var data;
      try { data = JSON.parse(text); } catch (e) {
        self.message.textContent = "Import failed: " + file.name + " is not JSON. Nothing changed.";
        return;
      }
      if (!data || data.app !== APP) {
        self.message.textContent = "Import failed: " + file.name +
          " is not a progress file of this guide. Nothing changed.";
        return;
      }
      var candidate = { version: data.version, studied: data.studied, cards: data.cards };
      if (!validate(candidate)) {
        self.message.textContent = "Import failed: " + file.name +
          " has missing or malformed fields. Nothing changed.";
        return;
      }
      state = candidate; save(state); self.apply(); refreshProgress();
      self.message.textContent = "Imported " + Object.keys(state.cards).length +
        " question records and " + Object.keys(state.studied).length + " studied chapters.";
    }).finally(function () { self.fileInput.value = ""; });
  };
  Bank.prototype.reset = function () {
    if (!window.confirm("Delete all your progress in this browser? This cannot be undone.")) return;
    state = emptyState(); save(state); this.apply(); refreshProgress();
    this.message.textContent = "Progress reset.";
  };

  function init() {
    state = load();
    chapterButton();
    refreshProgress();
    var app = document.getElementById("practice-app");
    if (app) window.guideBank = new Bank(app);
  }
  // In a task of its own: run inside the deferred-script and DOMContentLoaded task it made
  // that task, Material's own start-up included, one long main-thread block on a slow phone.
  // Nothing here changes what the first paint shows (the bank's controls are in the page).
  function later() { setTimeout(init, 0); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", later);
  else later();
})();

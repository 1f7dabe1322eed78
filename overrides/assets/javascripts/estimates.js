// The sizing formulas of the chapters, for the estimation drills. Same formulas and
// constants as scripts/estimates.py; tests/data/estimation_vectors.json pins both.
(function (root) {
  "use strict";
  var SECONDS_PER_DAY = 86400;
  var ADAM_MIXED_PRECISION_BYTES = 2 + 2 + 4 + 4 + 4;
  var NF4_DQ_BITS = 4 + 8 / 64 + 32 / (64 * 256);

  var E = {
    kv_cache_bytes: function (a) {
      return 2 * a.layers * a.kv_heads * a.head_dim * a.bytes_per_value * a.tokens * a.batch;
    },
    training_flops: function (a) { return 6 * a.params * a.tokens; },
    gpu_days: function (a) { return a.flops / (a.peak_flops_per_s * a.mfu) / SECONDS_PER_DAY; },
    chinchilla_optimal: function (a) {
      var A = a.A || 406.4, B = a.B || 410.7, alpha = a.alpha || 0.34, beta = a.beta || 0.28;
      var g = Math.pow((alpha * A) / (beta * B), 1 / (alpha + beta));
      var n = g * Math.pow(a.compute / 6, beta / (alpha + beta));
      return [n, a.compute / (6 * n)];
    },
    finetune_memory_bytes: function (a) {
      var trainable = a.trainable || 0;
      if (a.method === "full") return a.params * ADAM_MIXED_PRECISION_BYTES;
      if (a.method === "lora") return a.params * 2 + trainable * ADAM_MIXED_PRECISION_BYTES;
      if (a.method === "qlora") {
        return (a.params * NF4_DQ_BITS) / 8 + trainable * ADAM_MIXED_PRECISION_BYTES;
      }
      throw new Error("unknown fine-tuning method " + a.method);
    },
    model_bytes: function (a) { return (a.params * a.bits_per_param) / 8; },
    speculative_expected_tokens: function (a) {
      if (a.acceptance === 1) return a.draft_tokens + 1;
      return (1 - Math.pow(a.acceptance, a.draft_tokens + 1)) / (1 - a.acceptance);
    },
    speculative_speedup: function (a) {
      return E.speculative_expected_tokens(a) / (a.draft_tokens * a.draft_cost + 1);
    },
    lora_trainable_params: function (a) {
      var d = a.d_model, kv = a.kv_dim, ff = a.d_ff, experts = a.experts || 1;
      var shapes = { q: [d, d], k: [d, kv], v: [d, kv], o: [d, d], gate: [d, ff], up: [d, ff],
                     down: [ff, d] };
      var perLayer = 0;
      a.targets.forEach(function (name) {
        if (!shapes.hasOwnProperty(name)) throw new Error("unknown module " + name);
        var mult = name === "gate" || name === "up" || name === "down" ? experts : 1;
        perLayer += a.rank * (shapes[name][0] + shapes[name][1]) * mult;
      });
      return a.layers * perLayer;
    },
    training_run: function (a) {
      var gpuHours = a.flops / (a.peak_flops_per_s * a.mfu) / 3600;
      return [gpuHours / a.gpus / 24, gpuHours, gpuHours * a.usd_per_gpu_hour];
    },
    serving_capacity: function (a) {
      var reserve = a.reserve === undefined ? 0.1 : a.reserve;
      var budget = a.gpus * a.hbm_bytes * (1 - reserve) - a.bytes_per_weight * a.params;
      var perSequence = a.context * a.kv_bytes_per_token;
      var fits = budget > 0 ? Math.floor(budget / perSequence) : 0;
      if (!(fits >= 1)) {
        throw new Error("the weights and one sequence's cache do not fit in this memory");
      }
      var replicas = Math.ceil(a.concurrency / fits);
      var batch = Math.min(a.concurrency, fits);
      var step = (a.bytes_per_weight * a.params + batch * perSequence) / (a.gpus * a.bandwidth);
      return [budget, fits, replicas, step, batch / step];
    },
  };
  E.LORA_MODULES = ["q", "k", "v", "o", "gate", "up", "down"];
  E.NF4_DQ_BITS = NF4_DQ_BITS;
  E.ADAM_MIXED_PRECISION_BYTES = ADAM_MIXED_PRECISION_BYTES;
  root.GuideEstimates = E;
})(window);

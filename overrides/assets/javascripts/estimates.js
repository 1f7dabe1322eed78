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
  // Model and GPU presets shared by the calculators and the estimation drills.
  // Published configs. Parameter counts are those of the released checkpoints (they equal the
  // count from the config: untied embeddings, SwiGLU FFN, RMSNorm, no biases).
  var LLAMA2 = "Touvron et al., 2023, Table 1, and the official Hugging Face config.json";
  var LLAMA3 = "Llama Team, 2024, Table 3, and the official Hugging Face config.json";
  var MODELS = {
    "llama2-7b": { name: "Llama 2 7B", layers: 32, d_model: 4096, heads: 32, kv_heads: 32,
      head_dim: 128, d_ff: 11008, vocab: 32000, params: 6738415616, experts: 1, context: 4096,
      cite: LLAMA2, url: "https://arxiv.org/abs/2307.09288" },
    "llama2-13b": { name: "Llama 2 13B", layers: 40, d_model: 5120, heads: 40, kv_heads: 40,
      head_dim: 128, d_ff: 13824, vocab: 32000, params: 13015864320, experts: 1, context: 4096,
      cite: LLAMA2, url: "https://arxiv.org/abs/2307.09288" },
    "llama2-70b": { name: "Llama 2 70B", layers: 80, d_model: 8192, heads: 64, kv_heads: 8,
      head_dim: 128, d_ff: 28672, vocab: 32000, params: 68976648192, experts: 1, context: 4096,
      cite: LLAMA2, url: "https://arxiv.org/abs/2307.09288" },
    "llama3-8b": { name: "Llama 3 8B", layers: 32, d_model: 4096, heads: 32, kv_heads: 8,
      head_dim: 128, d_ff: 14336, vocab: 128256, params: 8030261248, experts: 1, context: 8192,
      cite: LLAMA3, url: "https://arxiv.org/abs/2407.21783" },
    "llama3-70b": { name: "Llama 3 70B", layers: 80, d_model: 8192, heads: 64, kv_heads: 8,
      head_dim: 128, d_ff: 28672, vocab: 128256, params: 70553706496, experts: 1, context: 8192,
      cite: LLAMA3, url: "https://arxiv.org/abs/2407.21783" },
    "mistral-7b": { name: "Mistral 7B", layers: 32, d_model: 4096, heads: 32, kv_heads: 8,
      head_dim: 128, d_ff: 14336, vocab: 32000, params: 7241732096, experts: 1, context: 8192,
      cite: "Jiang et al., 2023, Table 1, and the official config.json",
      url: "https://arxiv.org/abs/2310.06825" },
    "mixtral-8x7b": { name: "Mixtral 8x7B", layers: 32, d_model: 4096, heads: 32, kv_heads: 8,
      head_dim: 128, d_ff: 14336, vocab: 32000, params: 46702792704, experts: 8, context: 32768,
      cite: "Jiang et al., 2024, Table 1 (8 experts, 2 active per token), and the official " +
        "config.json", url: "https://arxiv.org/abs/2401.04088" },
  };
  var GPUS = {
    "h100-sxm": { name: "H100 SXM", hbm_gb: 80, bandwidth_tb: 3.35, peak_tflops: 989,
      cite: "NVIDIA H100 datasheet (dense BF16)", url: "https://www.nvidia.com/en-us/data-center/h100/" },
    "h200-sxm": { name: "H200 SXM", hbm_gb: 141, bandwidth_tb: 4.8, peak_tflops: 989,
      cite: "NVIDIA H200 datasheet (dense BF16)", url: "https://www.nvidia.com/en-us/data-center/h200/" },
    "a100-sxm": { name: "A100 SXM 80GB", hbm_gb: 80, bandwidth_tb: 2.039, peak_tflops: 312,
      cite: "NVIDIA A100 datasheet (dense BF16)", url: "https://www.nvidia.com/en-us/data-center/a100/" },
  };
  E.MODELS = MODELS;
  E.GPUS = GPUS;
  E.NF4_DQ_BITS = NF4_DQ_BITS;
  E.ADAM_MIXED_PRECISION_BYTES = ADAM_MIXED_PRECISION_BYTES;
  root.GuideEstimates = E;
})(window);

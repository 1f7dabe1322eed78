"""The sizing formulas the chapters derive, as plain functions.

The practice page's estimation drills compute the same formulas in JavaScript
(overrides/assets/javascripts/estimates.js); tests/data/estimation_vectors.json pins both
implementations to the same numbers (tests/test_estimates.py and tests/test_practice.py).
"""

from __future__ import annotations

SECONDS_PER_DAY = 86_400


def kv_cache_bytes(layers: int, kv_heads: int, head_dim: int, bytes_per_value: float,
                   tokens: int, batch: int) -> float:
    """Keys and values (the 2) for every layer, KV head, head dimension, token and sequence."""
    return 2 * layers * kv_heads * head_dim * bytes_per_value * tokens * batch


def training_flops(params: float, tokens: float) -> float:
    """C ≈ 6ND: 2 FLOPs per parameter per token forward, 4 backward."""
    return 6 * params * tokens


def gpu_days(flops: float, peak_flops_per_s: float, mfu: float) -> float:
    """GPU-days of work at a model-FLOPs utilisation `mfu` of the peak."""
    return flops / (peak_flops_per_s * mfu) / SECONDS_PER_DAY


def chinchilla_optimal(compute: float, A: float = 406.4, B: float = 410.7,
                       alpha: float = 0.34, beta: float = 0.28) -> tuple[float, float]:
    """(N_opt, D_opt) minimising E + A/N^alpha + B/D^beta subject to 6ND = compute.

    Defaults: the fitted constants of Hoffmann et al. (2022), Approach 3."""
    g = (alpha * A / (beta * B)) ** (1 / (alpha + beta))
    n_opt = g * (compute / 6) ** (beta / (alpha + beta))
    return n_opt, compute / (6 * n_opt)


# Bytes per parameter for mixed-precision AdamW training: 16-bit weights and gradients, FP32
# master weights and two FP32 moments.
ADAM_MIXED_PRECISION_BYTES = 2 + 2 + 4 + 4 + 4
# NF4 with double quantisation (QLoRA): 4 bits + 8/64 + 32/(64*256) bits per weight.
NF4_DQ_BITS = 4 + 8 / 64 + 32 / (64 * 256)


def finetune_memory_bytes(params: float, method: str, trainable: float = 0.0) -> float:
    """Weights, gradients and optimizer states (activations excluded) for one replica.

    full:  every parameter trained with mixed-precision AdamW (16 bytes each);
    lora:  frozen 16-bit base (2 bytes each) + trainable adapter parameters at 16 bytes;
    qlora: frozen NF4 base with double quantisation + trainable adapters at 16 bytes."""
    if method == "full":
        return params * ADAM_MIXED_PRECISION_BYTES
    if method == "lora":
        return params * 2 + trainable * ADAM_MIXED_PRECISION_BYTES
    if method == "qlora":
        return params * NF4_DQ_BITS / 8 + trainable * ADAM_MIXED_PRECISION_BYTES
    raise ValueError(f"unknown fine-tuning method {method!r} (full, lora, qlora)")


def model_bytes(params: float, bits_per_param: float) -> float:
    return params * bits_per_param / 8


def speculative_expected_tokens(acceptance: float, draft_tokens: int) -> float:
    """Expected tokens per target-model step with i.i.d. acceptance rate `acceptance` and
    `draft_tokens` drafted tokens: (1 - a^(k+1)) / (1 - a) (Leviathan et al., 2023)."""
    if acceptance == 1:
        return draft_tokens + 1
    return (1 - acceptance ** (draft_tokens + 1)) / (1 - acceptance)


def speculative_speedup(acceptance: float, draft_tokens: int, draft_cost: float) -> float:
    """Speed-up over plain decoding when each iteration costs `draft_tokens` draft steps of
    `draft_cost` target steps each plus one verify pass (Leviathan et al., 2023, Theorem 3.8)."""
    return speculative_expected_tokens(acceptance, draft_tokens) / (draft_tokens * draft_cost + 1)


# The linear layers of a Llama-style block, as (input width, output width) in terms of the model
# width d, the key/value width d_kv = kv_heads * head_dim and the FFN width d_ff.
LORA_MODULES = ("q", "k", "v", "o", "gate", "up", "down")


def lora_trainable_params(rank: int, layers: int, d_model: int, kv_dim: int, d_ff: int,
                          targets: list[str], experts: int = 1) -> float:
    """Adapter parameters r (d_in + d_out) summed over the targeted matrices of every layer.

    `targets` names modules from LORA_MODULES; in a mixture-of-experts model each of the
    `experts` FFNs has its own gate, up and down matrices."""
    shapes = {"q": (d_model, d_model), "k": (d_model, kv_dim), "v": (d_model, kv_dim),
              "o": (d_model, d_model), "gate": (d_model, d_ff), "up": (d_model, d_ff),
              "down": (d_ff, d_model)}
    per_layer = 0
    for name in targets:
        if name not in shapes:
            raise ValueError(f"unknown module {name!r} ({', '.join(LORA_MODULES)})")
        d_in, d_out = shapes[name]
        per_layer += rank * (d_in + d_out) * (experts if name in ("gate", "up", "down") else 1)
    return layers * per_layer


def training_run(flops: float, gpus: int, peak_flops_per_s: float, mfu: float,
                 usd_per_gpu_hour: float) -> tuple[float, float, float]:
    """(wall-clock days, GPU-hours, cost) of `flops` of training on `gpus` GPUs at `mfu`."""
    gpu_hours = flops / (peak_flops_per_s * mfu) / 3600
    return gpu_hours / gpus / 24, gpu_hours, gpu_hours * usd_per_gpu_hour


def serving_capacity(params: float, bytes_per_weight: float, kv_bytes_per_token: float,
                     context: int, concurrency: int, gpus: int, hbm_bytes: float,
                     bandwidth: float, reserve: float = 0.10) -> tuple[float, ...]:
    """Memory-bound serving plan for one replica of `gpus` GPUs (weights sharded across them).

    Returns (cache budget in bytes, sequences that fit, replicas for `concurrency` sequences,
    decode-step lower bound in seconds at the replica's batch, output tokens/s per replica):
    the cache budget is the usable HBM minus the weights; each sequence holds `context` tokens
    of cache; a decode step reads the weights once plus every sequence's cache (the roofline's
    memory branch, peak bandwidth)."""
    budget = gpus * hbm_bytes * (1 - reserve) - bytes_per_weight * params
    per_sequence = context * kv_bytes_per_token
    fits = budget // per_sequence if budget > 0 else 0
    if fits < 1:
        raise ValueError("the weights and one sequence's cache do not fit in this memory")
    replicas = -(-concurrency // fits)
    batch = min(concurrency, fits)
    step = (bytes_per_weight * params + batch * per_sequence) / (gpus * bandwidth)
    return budget, fits, replicas, step, batch / step


FUNCTIONS = {
    "kv_cache_bytes": kv_cache_bytes,
    "training_flops": training_flops,
    "gpu_days": gpu_days,
    "chinchilla_optimal": chinchilla_optimal,
    "finetune_memory_bytes": finetune_memory_bytes,
    "model_bytes": model_bytes,
    "speculative_expected_tokens": speculative_expected_tokens,
    "speculative_speedup": speculative_speedup,
    "lora_trainable_params": lora_trainable_params,
    "training_run": training_run,
    "serving_capacity": serving_capacity,
}

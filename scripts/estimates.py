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


FUNCTIONS = {
    "kv_cache_bytes": kv_cache_bytes,
    "training_flops": training_flops,
    "gpu_days": gpu_days,
    "chinchilla_optimal": chinchilla_optimal,
    "finetune_memory_bytes": finetune_memory_bytes,
    "model_bytes": model_bytes,
    "speculative_expected_tokens": speculative_expected_tokens,
}

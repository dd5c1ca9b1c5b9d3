#!/usr/bin/python3
"""Generates a tiny random-weight decoder-only LLM in the Hugging Face Optimum ONNX layout.

The model has exactly the signature `optimum-cli export onnx --task text-generation-with-past`
produces for a decoder (e.g. Qwen2, Llama):

  inputs : input_ids [batch, sequence_length] int64
           attention_mask [batch, past_sequence_length + sequence_length] int64
           position_ids [batch, sequence_length] int64              (only with --position-ids)
           past_key_values.N.key / .value [batch, heads, past_sequence_length, head_dim] float32
  outputs: logits [batch, sequence_length, vocab] float32
           present.N.key / .value [batch, heads, past_sequence_length + sequence_length, head_dim]

It is a real (if tiny and random) transformer: token + position embeddings, per layer a causal
multi-head self-attention over past + new keys with the attention mask applied, a ReLU MLP, layer
norms, and an output projection. The tokenizer is a byte-level BPE (GPT-2 byte alphabet, a few
merges, ChatML special tokens), so any text, CJK included, round-trips through bytes.

Run with Debian's python3-onnx (apt-get install python3-onnx python3-numpy):
  /usr/bin/python3 tools/tiny-llm/generate.py guide-sdk-onnx/src/test/resources/tiny-llm
Output is deterministic (fixed seed), so re-running reproduces the committed files.
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SEED = 20261124
LAYERS = 2
HEADS = 2
HEAD_DIM = 16
HIDDEN = HEADS * HEAD_DIM
FFN = 64
MAX_POS = 512
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
MERGES = [("t", "h"), ("Ġ", "t"), ("e", "r"), ("i", "n"), ("Ġt", "h"), ("o", "n"), ("a", "n"), ("r", "e")]

CHAT_TEMPLATE = (
    "{%- if messages[0]['role'] == 'system' -%}"
    "{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' -}}"
    "{%- else -%}"
    "{{- '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' -}}"
    "{%- endif -%}"
    "{%- for message in messages -%}"
    "{%- if message['role'] not in ['system', 'user', 'assistant', 'tool'] -%}"
    "{{- raise_exception('unknown role ' + message['role']) -}}"
    "{%- endif -%}"
    "{%- if not (loop.first and message['role'] == 'system') -%}"
    "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' -}}"
    "{%- endif -%}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{- '<|im_start|>assistant\\n' -}}{%- endif -%}"
)


def bytes_to_unicode():
    """GPT-2's reversible byte -> printable unicode character table (as in tokenizers' ByteLevel)."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def tokenizer_json():
    vocab = {}
    for b, ch in sorted(bytes_to_unicode().items()):
        vocab[ch] = len(vocab)
    for a, b in MERGES:
        vocab[a + b] = len(vocab)
    added = []
    for s in SPECIALS:
        vocab[s] = len(vocab)
        added.append({"id": vocab[s], "content": s, "single_word": False, "lstrip": False, "rstrip": False,
                      "normalized": False, "special": True})
    tok = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": True},
        "decoder": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False,
                  "vocab": vocab, "merges": [a + " " + b for a, b in MERGES]},
    }
    return tok, vocab


def build_model(vocab_size, with_position_ids, rng):
    def w(name, *shape, scale=None):
        scale = scale if scale is not None else 1.0 / np.sqrt(shape[0])
        return numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name)

    inits = [
        w("embed", vocab_size, HIDDEN, scale=1.0),
        w("lm_head", HIDDEN, vocab_size, scale=2.0 / np.sqrt(HIDDEN)),
        numpy_helper.from_array(np.array(1.0 / np.sqrt(HEAD_DIM), np.float32), "inv_sqrt_d"),
        numpy_helper.from_array(np.array(-1e9, np.float32), "neg_inf"),
        numpy_helper.from_array(np.array(0.0, np.float32), "zero_f"),
        numpy_helper.from_array(np.array(1.0, np.float32), "one_f"),
        numpy_helper.from_array(np.array(0, np.int64), "zero_i"),
        numpy_helper.from_array(np.array(1, np.int64), "one_i"),
        numpy_helper.from_array(np.array([2], np.int64), "axis2"),
        numpy_helper.from_array(np.array([1], np.int64), "axis1"),
        numpy_helper.from_array(np.array([0], np.int64), "axis0"),
        numpy_helper.from_array(np.array([0, 0, HEADS, HEAD_DIM], np.int64), "split_heads"),
        numpy_helper.from_array(np.array([0, 0, HIDDEN], np.int64), "merge_heads"),
        numpy_helper.from_array(np.ones(HIDDEN, np.float32), "ln_g"),
        numpy_helper.from_array(np.zeros(HIDDEN, np.float32), "ln_b"),
    ]
    if with_position_ids:
        inits.append(w("pos_embed", MAX_POS, HIDDEN, scale=0.5))
    else:
        # Without position_ids the model adds a fixed sinusoid of the absolute position.
        pos = np.arange(MAX_POS)[:, None] / (10000 ** (np.arange(HIDDEN)[None, :] / HIDDEN))
        inits.append(numpy_helper.from_array((0.5 * np.sin(pos + (np.arange(HIDDEN) % 2) * np.pi / 2)).astype(np.float32), "pos_embed"))

    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
        helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch_size", "past_sequence_length + sequence_length"]),
    ]
    if with_position_ids:
        inputs.append(helper.make_tensor_value_info("position_ids", TensorProto.INT64, ["batch_size", "sequence_length"]))
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch_size", "sequence_length", vocab_size])]
    nodes = []
    n = nodes.append

    # Sequence lengths: S (new tokens), P (past), T = P + S.
    n(helper.make_node("Shape", ["input_ids"], ["ids_shape"]))
    n(helper.make_node("Gather", ["ids_shape", "one_i"], ["S"], axis=0))
    n(helper.make_node("Shape", ["past_key_values.0.key"], ["past_shape"]))
    n(helper.make_node("Gather", ["past_shape", "axis2"], ["P1"], axis=0))
    n(helper.make_node("Squeeze", ["P1", "axis0"], ["P"]))
    n(helper.make_node("Add", ["P", "S"], ["T"]))

    if with_position_ids:
        n(helper.make_node("Gather", ["pos_embed", "position_ids"], ["pos_vec"], axis=0))
    else:
        n(helper.make_node("Range", ["P", "T", "one_i"], ["abs_pos"]))
        n(helper.make_node("Gather", ["pos_embed", "abs_pos"], ["pos_vec"], axis=0))
    n(helper.make_node("Gather", ["embed", "input_ids"], ["tok_vec"], axis=0))
    n(helper.make_node("Add", ["tok_vec", "pos_vec"], ["h0"]))

    # Mask [B, 1, S, T]: causal (key j visible to query i iff j <= P + i) and the attention mask.
    n(helper.make_node("Range", ["zero_i", "T", "one_i"], ["key_pos"]))
    n(helper.make_node("Range", ["P", "T", "one_i"], ["query_pos"]))
    n(helper.make_node("Unsqueeze", ["query_pos", "axis1"], ["query_col"]))
    n(helper.make_node("LessOrEqual", ["key_pos", "query_col"], ["causal"]))
    n(helper.make_node("Where", ["causal", "zero_f", "neg_inf"], ["causal_bias"]))
    n(helper.make_node("Cast", ["attention_mask"], ["mask_f"], to=TensorProto.FLOAT))
    n(helper.make_node("Sub", ["one_f", "mask_f"], ["mask_inv"]))
    n(helper.make_node("Mul", ["mask_inv", "neg_inf"], ["pad_bias2"]))
    n(helper.make_node("Unsqueeze", ["pad_bias2", "axis1"], ["pad_bias3"]))
    n(helper.make_node("Unsqueeze", ["pad_bias3", "axis1"], ["pad_bias"]))
    n(helper.make_node("Add", ["causal_bias", "pad_bias"], ["bias"]))

    h = "h0"
    for i in range(LAYERS):
        p = f"l{i}_"
        inits += [w(p + "wq", HIDDEN, HIDDEN), w(p + "wk", HIDDEN, HIDDEN), w(p + "wv", HIDDEN, HIDDEN),
                  w(p + "wo", HIDDEN, HIDDEN), w(p + "w1", HIDDEN, FFN), w(p + "w2", FFN, HIDDEN)]
        past_k, past_v = f"past_key_values.{i}.key", f"past_key_values.{i}.value"
        for name in (past_k, past_v):
            inputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT,
                                                        ["batch_size", HEADS, "past_sequence_length", HEAD_DIM]))
        for name in (f"present.{i}.key", f"present.{i}.value"):
            outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT,
                                                         ["batch_size", HEADS, "past_sequence_length + 1", HEAD_DIM]))
        n(helper.make_node("LayerNormalization", [h, "ln_g", "ln_b"], [p + "x"], axis=-1))
        for proj in ("q", "k", "v"):
            n(helper.make_node("MatMul", [p + "x", p + "w" + proj], [p + proj + "_flat"]))
            n(helper.make_node("Reshape", [p + proj + "_flat", "split_heads"], [p + proj + "_bshd"]))
            n(helper.make_node("Transpose", [p + proj + "_bshd"], [p + proj], perm=[0, 2, 1, 3]))
        n(helper.make_node("Concat", [past_k, p + "k"], [f"present.{i}.key"], axis=2))
        n(helper.make_node("Concat", [past_v, p + "v"], [f"present.{i}.value"], axis=2))
        n(helper.make_node("Transpose", [f"present.{i}.key"], [p + "kt"], perm=[0, 1, 3, 2]))
        n(helper.make_node("MatMul", [p + "q", p + "kt"], [p + "scores_raw"]))
        n(helper.make_node("Mul", [p + "scores_raw", "inv_sqrt_d"], [p + "scores_scaled"]))
        n(helper.make_node("Add", [p + "scores_scaled", "bias"], [p + "scores"]))
        n(helper.make_node("Softmax", [p + "scores"], [p + "probs"], axis=-1))
        n(helper.make_node("MatMul", [p + "probs", f"present.{i}.value"], [p + "ctx"]))
        n(helper.make_node("Transpose", [p + "ctx"], [p + "ctx_bshd"], perm=[0, 2, 1, 3]))
        n(helper.make_node("Reshape", [p + "ctx_bshd", "merge_heads"], [p + "ctx_flat"]))
        n(helper.make_node("MatMul", [p + "ctx_flat", p + "wo"], [p + "attn"]))
        n(helper.make_node("Add", [h, p + "attn"], [p + "h1"]))
        n(helper.make_node("LayerNormalization", [p + "h1", "ln_g", "ln_b"], [p + "y"], axis=-1))
        n(helper.make_node("MatMul", [p + "y", p + "w1"], [p + "ff1"]))
        n(helper.make_node("Relu", [p + "ff1"], [p + "ff1r"]))
        n(helper.make_node("MatMul", [p + "ff1r", p + "w2"], [p + "ff2"]))
        n(helper.make_node("Add", [p + "h1", p + "ff2"], [p + "h2"]))
        h = p + "h2"
    n(helper.make_node("LayerNormalization", [h, "ln_g", "ln_b"], ["final"], axis=-1))
    n(helper.make_node("MatMul", ["final", "lm_head"], ["logits"]))

    graph = helper.make_graph(nodes, "tiny_decoder", inputs, outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="guide-sdk tiny-llm")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def write(out_dir, with_position_ids):
    os.makedirs(out_dir, exist_ok=True)
    rng = np.random.default_rng(SEED)
    tok, vocab = tokenizer_json()
    model = build_model(len(vocab), with_position_ids, rng)
    onnx.save(model, os.path.join(out_dir, "model.onnx"))
    with open(os.path.join(out_dir, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tok, f, ensure_ascii=False)
    config = {"bos_token": None, "eos_token": "<|im_end|>", "pad_token": "<|endoftext|>",
              "model_max_length": MAX_POS, "chat_template": CHAT_TEMPLATE,
              "tokenizer_class": "Qwen2Tokenizer", "add_bos_token": False}
    with open(os.path.join(out_dir, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=2)
    gen = {"eos_token_id": [vocab["<|im_end|>"], vocab["<|endoftext|>"]], "pad_token_id": vocab["<|endoftext|>"],
           "do_sample": True, "temperature": 0.7, "top_k": 20, "top_p": 0.8, "repetition_penalty": 1.05}
    with open(os.path.join(out_dir, "generation_config.json"), "w", encoding="utf-8") as f:
        json.dump(gen, f, indent=2)
    cfg = {"model_type": "tiny-decoder", "num_hidden_layers": LAYERS, "num_attention_heads": HEADS,
           "num_key_value_heads": HEADS, "hidden_size": HIDDEN, "vocab_size": len(vocab),
           "max_position_embeddings": MAX_POS}
    with open(os.path.join(out_dir, "config.json"), "w", encoding="utf-8") as f:
        json.dump(cfg, f, indent=2)


if __name__ == "__main__":
    base = sys.argv[1] if len(sys.argv) > 1 else "guide-sdk-onnx/src/test/resources/tiny-llm"
    write(os.path.join(base, "with-position-ids"), True)
    write(os.path.join(base, "without-position-ids"), False)
    print("wrote", base)

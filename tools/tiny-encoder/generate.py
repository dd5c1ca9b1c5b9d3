#!/usr/bin/python3
"""Generates the tiny test encoders under guide-sdk-onnx/src/test/resources/io/guidesdk/onnx/.

No Chinese sentence-embedding model can be downloaded in the build, so the tests that load a model
from a directory and check CJK tokenisation use a tiny, random-weight BERT-style encoder laid out like
a Hugging Face / sentence-transformers export (bge-small-zh style):

  tiny-bge-zh/model.onnx            inputs input_ids, attention_mask, token_type_ids (int64 [batch, seq]),
                                     output last_hidden_state (float [batch, seq, 32])
  tiny-bge-zh/tokenizer.json        a WordPiece tokenizer with BertNormalizer (handle_chinese_chars) and
                                     a vocabulary of common Chinese characters, so CJK text is one token
                                     per character and not [UNK]
  tiny-bge-zh/config.json           max_position_embeddings 64
  tiny-bge-zh/sentence_bert_config.json  max_seq_length 32
  tiny-bge-zh/1_Pooling/config.json CLS pooling, as bge-small-zh declares
  bad-outputs/model.onnx            same inputs, but a [batch, 2] "logits" output (no token embeddings)
  bad-outputs/tokenizer.json        same tokenizer

The graph: word + position + token-type embeddings, a tanh projection, then a masked-mean "context"
added back to every token and a second tanh projection, multiplied by the attention mask. Padding
therefore changes nothing, and the [CLS] vector depends on every token, like a real encoder.

Run with Debian's python3-onnx and python3-numpy:  /usr/bin/python3 tools/tiny-encoder/generate.py
Deterministic (seed 4): re-running reproduces the committed files.
"""
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                    "guide-sdk-onnx", "src", "test", "resources", "io", "guidesdk", "onnx")
HIDDEN = 32
POSITIONS = 64

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
CHINESE = ("为这个句子生成表示以用于检索相关文章咖啡杯陶瓷跑步鞋男女款防水登山靴手机充电器红黑白蓝色的一"
           "新大小号不锈钢保温茶壶耳机无线蓝牙运动背包电脑键盘鼠标椅子桌子灯书衣服裤子帽子袜子手表")
LATIN_WORDS = ["usb", "c", "ipad", "nike", "pro", "max", "mini"]
LETTERS = list("abcdefghijklmnopqrstuvwxyz0123456789")


def vocabulary():
    tokens = list(SPECIALS)
    seen = set(tokens)
    for t in list(dict.fromkeys(CHINESE)) + ["，", "。", "：", "！", "？", ",", ".", ":", "-", "!", "?"] \
            + LATIN_WORDS + LETTERS + ["##" + l for l in LETTERS]:
        if t not in seen:
            seen.add(t)
            tokens.append(t)
    return {t: i for i, t in enumerate(tokens)}


def tokenizer_json(vocab):
    added = [{"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for t in SPECIALS]
    special = lambda t: {"id": t, "ids": [vocab[t]], "tokens": [t]}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {"[CLS]": special("[CLS]"), "[SEP]": special("[SEP]")},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": vocab},
    }


def inputs():
    return [helper.make_tensor_value_info(n, TensorProto.INT64, ["batch", "sequence"])
            for n in ("input_ids", "attention_mask", "token_type_ids")]


def encoder_model(vocab_size, rng):
    init = [
        numpy_helper.from_array(rng.normal(0, 0.5, (vocab_size, HIDDEN)).astype(np.float32), "word_embeddings"),
        numpy_helper.from_array(rng.normal(0, 0.1, (POSITIONS, HIDDEN)).astype(np.float32), "position_embeddings"),
        numpy_helper.from_array(rng.normal(0, 0.1, (2, HIDDEN)).astype(np.float32), "token_type_embeddings"),
        numpy_helper.from_array(rng.normal(0, 0.3, (HIDDEN, HIDDEN)).astype(np.float32), "w1"),
        numpy_helper.from_array(rng.normal(0, 0.3, (HIDDEN, HIDDEN)).astype(np.float32), "w2"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"),
        numpy_helper.from_array(np.array([-1], dtype=np.int64), "axis_last"),
        numpy_helper.from_array(np.array(0, dtype=np.int64), "zero"),
        numpy_helper.from_array(np.array(1, dtype=np.int64), "one"),
        numpy_helper.from_array(np.array(1e-6, dtype=np.float32), "eps"),
    ]
    nodes = [
        helper.make_node("Shape", ["input_ids"], ["ids_shape"]),
        helper.make_node("Gather", ["ids_shape", "one"], ["seq_len"], axis=0),
        helper.make_node("Range", ["zero", "seq_len", "one"], ["positions"]),
        helper.make_node("Gather", ["word_embeddings", "input_ids"], ["we"]),
        helper.make_node("Gather", ["position_embeddings", "positions"], ["pe"]),
        helper.make_node("Gather", ["token_type_embeddings", "token_type_ids"], ["te"]),
        helper.make_node("Add", ["we", "pe"], ["e1"]),
        helper.make_node("Add", ["e1", "te"], ["e"]),
        helper.make_node("MatMul", ["e", "w1"], ["h1"]),
        helper.make_node("Tanh", ["h1"], ["h"]),
        helper.make_node("Cast", ["attention_mask"], ["maskf"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["maskf", "axis_last"], ["mask3"]),
        helper.make_node("Mul", ["h", "mask3"], ["hm"]),
        helper.make_node("ReduceSum", ["hm", "axis1"], ["ctx_sum"], keepdims=1),
        helper.make_node("ReduceSum", ["mask3", "axis1"], ["count"], keepdims=1),
        helper.make_node("Add", ["count", "eps"], ["count_eps"]),
        helper.make_node("Div", ["ctx_sum", "count_eps"], ["ctx"]),
        helper.make_node("Add", ["h", "ctx"], ["hc"]),
        helper.make_node("MatMul", ["hc", "w2"], ["o1"]),
        helper.make_node("Tanh", ["o1"], ["o2"]),
        helper.make_node("Mul", ["o2", "mask3"], ["last_hidden_state"]),
    ]
    out = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", "sequence", HIDDEN])
    graph = helper.make_graph(nodes, "tiny-bge-zh", inputs(), [out], init)
    return finish(graph)


def bad_outputs_model(vocab_size, rng):
    init = [
        numpy_helper.from_array(rng.normal(0, 0.5, (vocab_size, HIDDEN)).astype(np.float32), "word_embeddings"),
        numpy_helper.from_array(rng.normal(0, 0.3, (HIDDEN, 2)).astype(np.float32), "classifier"),
    ]
    nodes = [
        helper.make_node("Gather", ["word_embeddings", "input_ids"], ["we"]),
        helper.make_node("Cast", ["attention_mask"], ["maskf"], to=TensorProto.FLOAT),
        helper.make_node("Cast", ["token_type_ids"], ["typef"], to=TensorProto.FLOAT),
        helper.make_node("Add", ["maskf", "typef"], ["unused_sum"]),
        helper.make_node("ReduceMean", ["we"], ["pooled"], axes=[1], keepdims=0),
        helper.make_node("MatMul", ["pooled", "classifier"], ["logits"]),
    ]
    outs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 2]),
            helper.make_tensor_value_info("unused_sum", TensorProto.FLOAT, ["batch", "sequence"])]
    graph = helper.make_graph(nodes, "bad-outputs", inputs(), outs, init)
    return finish(graph)


def finish(graph):
    model = helper.make_model(graph, producer_name="guide-sdk tools/tiny-encoder",
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    return model


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1, sort_keys=False)
        f.write("\n")


def main():
    rng = np.random.default_rng(4)
    vocab = vocabulary()
    tok = tokenizer_json(vocab)
    zh = os.path.join(ROOT, "tiny-bge-zh")
    os.makedirs(os.path.join(zh, "1_Pooling"), exist_ok=True)
    onnx.save(encoder_model(len(vocab), rng), os.path.join(zh, "model.onnx"))
    write_json(os.path.join(zh, "tokenizer.json"), tok)
    write_json(os.path.join(zh, "config.json"), {"model_type": "bert", "hidden_size": HIDDEN,
                                                 "max_position_embeddings": POSITIONS})
    write_json(os.path.join(zh, "sentence_bert_config.json"), {"max_seq_length": 32, "do_lower_case": True})
    write_json(os.path.join(zh, "1_Pooling", "config.json"),
               {"word_embedding_dimension": HIDDEN, "pooling_mode_cls_token": True,
                "pooling_mode_mean_tokens": False, "pooling_mode_max_tokens": False})
    bad = os.path.join(ROOT, "bad-outputs")
    os.makedirs(bad, exist_ok=True)
    onnx.save(bad_outputs_model(len(vocab), rng), os.path.join(bad, "model.onnx"))
    write_json(os.path.join(bad, "tokenizer.json"), tok)
    print("vocabulary", len(vocab), "tokens; wrote", zh, "and", bad)


if __name__ == "__main__":
    main()

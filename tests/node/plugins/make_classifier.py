"""Writes a tiny ONNX image classifier for the plugin tests.

usage: make_classifier.py OUT.onnx H W '[[w_r0, w_r1, ...], [w_g0, ...], [w_b0, ...]]' [NHWC|NCHW]

input "image" [1,H,W,3] (NHWC, or [1,3,H,W] for NCHW) -> mean of each channel
(GlobalAveragePool) -> MatMul with the given [3, K] matrix -> output "logits"
[1, K]. The logits depend only on the mean of each prepared input channel, so
a test can tell how the input was prepared (order, scale, mean, std).
"""
import json
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main():
    out, h, w, matrix = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])
    layout = sys.argv[5] if len(sys.argv) > 5 else "NHWC"
    weights = np.asarray(matrix, dtype=np.float32)
    assert weights.ndim == 2 and weights.shape[0] == 3, "matrix must be [3, K]"
    k = weights.shape[1]
    shape = [1, h, w, 3] if layout == "NHWC" else [1, 3, h, w]
    nodes = []
    pooled_input = "image"
    if layout == "NHWC":
        nodes.append(helper.make_node("Transpose", ["image"], ["nchw"], perm=[0, 3, 1, 2]))
        pooled_input = "nchw"
    nodes += [
        helper.make_node("GlobalAveragePool", [pooled_input], ["pooled"]),
        helper.make_node("Flatten", ["pooled"], ["means"], axis=1),
        helper.make_node("MatMul", ["means", "weights"], ["logits"]),
    ]
    graph = helper.make_graph(
        nodes,
        "classifier",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, shape)],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, k])],
        initializer=[numpy_helper.from_array(weights, "weights")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="localvision-tests")
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, out)


if __name__ == "__main__":
    main()

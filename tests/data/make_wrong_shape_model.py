"""Writes wrong_shape.onnx: a valid ONNX network with the reader's input but
not its output (a 1x1 convolution, [1,1,32,128] out), for the test that a
wrongly shaped model is refused at start-up.

    /usr/bin/python3 tests/data/make_wrong_shape_model.py
"""
import pathlib

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

weight = numpy_helper.from_array(np.ones((1, 1, 1, 1), dtype=np.float32), "weight")
graph = helper.make_graph(
    [helper.make_node("Conv", ["image", "weight"], ["probs"], kernel_shape=[1, 1])],
    "wrong_shape",
    [helper.make_tensor_value_info("image", TensorProto.FLOAT, [1, 1, 32, 128])],
    [helper.make_tensor_value_info("probs", TensorProto.FLOAT, [1, 1, 32, 128])],
    [weight],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)])
onnx.checker.check_model(model)
onnx.save(model, pathlib.Path(__file__).with_name("wrong_shape.onnx"))

"""Writes valid ONNX networks with a model's input but not its output (a 1x1
convolution), for the tests that a wrongly shaped model is refused at
start-up:

- wrong_shape.onnx: the plate reader's input [1,1,32,128], [1,1,32,128] out;
- wrong_shape_detector.onnx: the plate detector's input [1,3,288,512],
  [1,1,288,512] out.

    /usr/bin/python3 tests/data/make_wrong_shape_model.py
"""
import pathlib

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def write(name, channels, height, width, output):
    weight = numpy_helper.from_array(np.ones((1, channels, 1, 1), dtype=np.float32), "weight")
    graph = helper.make_graph(
        [helper.make_node("Conv", ["image", "weight"], [output], kernel_shape=[1, 1])],
        "wrong_shape",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, [1, channels, height, width])],
        [helper.make_tensor_value_info(output, TensorProto.FLOAT, [1, 1, height, width])],
        [weight],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)])
    onnx.checker.check_model(model)
    onnx.save(model, pathlib.Path(__file__).with_name(name))


write("wrong_shape.onnx", 1, 32, 128, "probs")
write("wrong_shape_detector.onnx", 3, 288, 512, "detections")

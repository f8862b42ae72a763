"""Export the reader to ONNX and verify it in OpenCV's cv::dnn (the firmware's runtime).

    /usr/bin/python3 models/train/export_reader.py --checkpoint /tmp/anpr_reader/reader.pt \
        --out models/plate_reader.onnx

Checks: onnx.checker; cv2.dnn output equals torch's (max abs difference
< 1e-4, same greedy decodes) on 20 validation crops; then reports exact-match
accuracy per validation source, and on held-out non-plates (rendered per
kind, and photo rows from held-out openalpr-us photos) the share decoded as
nothing and as >= 4 characters (a false read); the one-thread forward time
and the sha256.
"""
import time

import cv2
import numpy as np
import onnx
import torch

import crop_augment
import hard_negatives
import npz_cache
import real_crops
import render_crops
import render_negatives
import training
import two_line_crops
from reader_model import HEIGHT, WIDTH, ExportedReader, PlateReader, greedy_decode

VALIDATION_SEED = 2
RENDERED_PER_SOURCE = 200
TWO_LINE_VALIDATION = 350
NEGATIVES_PER_KIND = 200
PHOTO_ROW_FRAMINGS = 5  # held-out photo rows are few: each framed this many times


def validation_sets(cache):
    """{source: (crops uint8 (N, 32, 128), labels)}: rendered per country, real held out."""
    def make():
        crops, labels, sources = render_crops.render_dataset(
            0, VALIDATION_SEED, per_source=RENDERED_PER_SOURCE)
        return {"crops": crops, "labels": np.array(labels), "sources": np.array(sources)}
    data = npz_cache.cached(cache / f"validation_{VALIDATION_SEED}_{RENDERED_PER_SOURCE}.npz",
                            make)
    sets = {}
    for source in render_crops.SOURCES:
        keep = data["sources"] == source
        sets[f"rendered {source}"] = (data["crops"][keep], list(data["labels"][keep]))
    sets["rendered two-line"] = npz_cache.cached_crops(
        cache / f"two_line_validation_{VALIDATION_SEED}_{TWO_LINE_VALIDATION}.npz",
        lambda: two_line_crops.render_dataset(TWO_LINE_VALIDATION, VALIDATION_SEED))
    for name in real_crops.SETS:
        images, labels = real_crops.split(name)[1]
        sets[f"real {name}"] = (np.stack([crop_augment.to_input(i) for i in images]), labels)
    return sets


def negative_sets(cache):
    """{kind: crops uint8 (N, 32, 128)} of held-out non-plates: rendered, and photo rows."""
    def make():
        crops, kinds = render_negatives.render_dataset(
            NEGATIVES_PER_KIND * len(render_negatives.KINDS), VALIDATION_SEED)
        return {"crops": crops, "kinds": np.array(kinds)}
    data = npz_cache.cached(
        cache / f"negatives_validation_{VALIDATION_SEED}_{NEGATIVES_PER_KIND}.npz", make)
    sets = {f"rendered {kind}": data["crops"][data["kinds"] == kind]
            for kind in render_negatives.KINDS}
    rng = np.random.default_rng(VALIDATION_SEED)
    patches, boxes = hard_negatives.split()[1]
    sets["US photo rows"] = np.stack([hard_negatives.augment(p, b, rng)
                                      for p, b in zip(patches, boxes)
                                      for _ in range(PHOTO_ROW_FRAMINGS)])
    return sets


def export(model, out):
    return save_onnx(ExportedReader(model).eval(), (1, 1, HEIGHT, WIDTH), "probs", out)


def save_onnx(exported, shape, output, out):
    """Export a module taking `image` of `shape` to ONNX opset 11 that cv::dnn 4.6 loads;
    checks it with onnx.checker and returns the module."""
    torch.onnx.export(exported, torch.zeros(*shape), str(out), opset_version=11,
                      input_names=["image"], output_names=[output], do_constant_folding=True)
    graph = onnx.load(str(out))
    inline_identities(graph)
    onnx.checker.check_model(graph)
    onnx.save(graph, str(out))
    return exported


def inline_identities(graph):
    """Replace Identity nodes on initializers by initializer copies.

    torch's exporter shares equal folded tensors through Identity nodes,
    which cv::dnn 4.6 cannot import.
    """
    initializers = {t.name: t for t in graph.graph.initializer}
    for node in list(graph.graph.node):
        if node.op_type == "Identity" and node.input[0] in initializers:
            copy = onnx.TensorProto()
            copy.CopyFrom(initializers[node.input[0]])
            copy.name = node.output[0]
            graph.graph.initializer.append(copy)
            graph.graph.node.remove(node)


def verify_in_opencv(exported, out, crops):
    """Max abs difference between cv2.dnn and torch over `crops`; asserts the contract."""
    net = cv2.dnn.readNetFromONNX(str(out))
    worst = 0.0
    for crop in crops:
        blob = crop[None, None].astype(np.float32) / 255.0
        net.setInput(blob, "image")
        got = net.forward("probs")
        with torch.no_grad():
            want = exported(torch.from_numpy(blob)).numpy()
        assert got.shape == (1, 32, 37), got.shape
        assert np.allclose(got.sum(axis=2), 1.0, atol=1e-4)
        assert greedy_decode(got[0]) == greedy_decode(want[0])
        worst = max(worst, float(np.abs(got - want).max()))
    assert worst < 1e-4, worst
    return net, worst


def decode(exported, crops):
    with torch.no_grad():
        probs = exported.reader(torch.from_numpy(crops[:, None].astype(np.float32) / 255.0))
    return [greedy_decode(p) for p in probs.squeeze(2).permute(0, 2, 1)]


def forward_ms(net, runs=200, shape=(1, 1, HEIGHT, WIDTH), output="probs"):
    """Median one-thread cv2.dnn forward time in ms of a random `shape` input."""
    cv2.setNumThreads(1)
    blob = np.random.default_rng(0).random(shape, dtype=np.float32)
    times = []
    for _ in range(runs + 10):
        net.setInput(blob, "image")
        t = time.perf_counter()
        net.forward(output)
        times.append(time.perf_counter() - t)
    return 1000 * float(np.median(times[10:]))


def export_and_verify(model, out, cache):
    model.eval()
    exported = export(model, out)
    sets = validation_sets(cache)
    sample = np.concatenate([crops[:2] for crops, _ in sets.values()])[:20]
    net, worst = verify_in_opencv(exported, out, sample)
    print(f"cv2.dnn {cv2.__version__} matches torch on {len(sample)} crops: "
          f"max abs diff {worst:.2e}")
    for name, (crops, labels) in sets.items():
        exact = np.mean([d == t for d, t in zip(decode(exported, crops), labels)])
        print(f"accuracy {name}: {exact:.3f} ({len(labels)})")
    for name, crops in negative_sets(cache).items():
        lengths = np.array([len(d) for d in decode(exported, crops)])
        print(f"non-plates {name}: empty {np.mean(lengths == 0):.3f}, "
              f">= 4 characters {np.mean(lengths >= 4):.3f} ({len(crops)})")
    training.report(model, out, forward_ms(net))


def main():
    model, args = training.load_checkpoint(__doc__, "/tmp/anpr_reader", PlateReader())
    export_and_verify(model, args.out, args.cache)


if __name__ == "__main__":
    main()

"""Export the plate detector to ONNX and verify it in OpenCV's cv::dnn (the firmware's runtime).

    /usr/bin/python3 models/train/export_detector.py --checkpoint /tmp/anpr_detector/detector.pt \
        --out models/plate_detector.onnx

Checks: onnx.checker; cv2.dnn's output equals torch's (max abs difference
< 1e-3, the same plates decoded) on 16 validation frames. Reports, at score
threshold THRESHOLD on whole 512x288 inputs: on rendered validation frames
(seed VALIDATION_SEED, apart from training) recall at IoU >= 0.5, false
positives per frame (scenes, where every plate is labelled) and the mean
corner error in input pixels; on the held-out openalpr-us photos the recall
of their labelled plate; then the one-thread forward time, the parameter
count, the file size and the sha256.
"""
import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # spinning threads crawl on a busy machine

# pylint: disable=wrong-import-position

import cv2
import numpy as np
import torch

import detector_data
import detector_render
import export_reader
import training
from detector_model import (CHANNELS, GRID_H, GRID_W, INPUT_H, INPUT_W, ExportedDetector,
                            PlateDetector, letterbox, to_blob)
from detector_targets import box_of, decode, iou

VALIDATION_SEED = 2
VALIDATION_SCENES = 40  # backgrounds, x detector_render.SCENE_VARIANTS frames
VALIDATION_PHOTO_REPEATS = 4
THRESHOLD = 0.3
MATCH_IOU = 0.5


def export(model, out):
    return export_reader.save_onnx(ExportedDetector(model).eval(), (1, 3, INPUT_H, INPUT_W),
                                   "detections", out)


def predict(exported, inputs, batch=8):
    """Outputs (N, 13, 72, 128) of uint8 letterboxed inputs (N, 288, 512, 3), in torch."""
    with torch.no_grad():
        return np.concatenate([exported(torch.from_numpy(to_blob(inputs[k:k + batch]))).numpy()
                               for k in range(0, len(inputs), batch)])


def verify_in_opencv(exported, out, inputs):
    """Max abs difference between cv2.dnn and torch over `inputs`; asserts the contract."""
    net = cv2.dnn.readNetFromONNX(str(out))
    worst = 0.0
    for image in inputs:
        blob = to_blob(image[None])
        net.setInput(blob, "image")
        got = net.forward("detections")
        want = predict(exported, image[None])
        assert got.shape == (1, CHANNELS, GRID_H, GRID_W), got.shape
        assert len(decode(got[0], THRESHOLD)) == len(decode(want[0], THRESHOLD))
        worst = max(worst, float(np.abs(got - want).max()))
    assert worst < 1e-3, worst
    return net, worst


def match(found, truths):
    """Greedy matching, best score first: {truth index: found index} at IoU >= MATCH_IOU."""
    pairs = {}
    for k, (_, box, _) in enumerate(found):
        scores = [(iou(box, t), j) for j, t in enumerate(truths) if j not in pairs]
        best = max(scores, default=(0.0, None))
        if best[0] >= MATCH_IOU:
            pairs[best[1]] = k
    return pairs


def rendered_report(outputs, data, threshold):
    """{frame kind: (plates, recall, detections not matched per frame, mean corner error)}."""
    scenes = VALIDATION_SCENES * detector_render.SCENE_VARIANTS
    report = {}
    for kind, frames in (("scenes", range(scenes)), ("photos", range(scenes, len(outputs)))):
        plates = hits = extra = 0
        corner_errors = []
        for n in frames:
            keep = data["present"][n]
            corners, known = data["corners"][n][keep], data["known"][n][keep]
            found = decode(outputs[n], threshold)
            pairs = match(found, [box_of(c) for c in corners])
            plates, hits, extra = plates + len(corners), hits + len(pairs), extra + len(found) - len(pairs)
            corner_errors += [np.linalg.norm(found[k][2] - corners[j], axis=1).mean()
                              for j, k in pairs.items() if known[j]]
        report[kind] = (plates, hits / max(plates, 1), extra / len(frames),
                        float(np.mean(corner_errors)) if corner_errors else float("nan"))
    return report


def real_report(exported, items, threshold):
    """(photos, recall of the labelled plate, mean IoU of the best detection, detections/photo)."""
    hits, ious, count = 0, [], 0
    for path, box in items:
        inputs, s = letterbox(cv2.imread(str(path), cv2.IMREAD_COLOR))
        found = decode(predict(exported, inputs[None])[0], threshold)
        truth = box_of(detector_data.box_corners(box) * s)
        best = max((iou(b, truth) for _, b, _ in found), default=0.0)
        hits, count = hits + (best >= MATCH_IOU), count + len(found)
        ious.append(best)
    return len(items), hits / len(items), float(np.mean(ious)), count / len(items)


def export_and_verify(model, out, cache):
    model.eval()
    exported = export(model, out)
    _, held_items = detector_data.photo_items()
    data = detector_data.rendered_set(
        cache, f"validation_{VALIDATION_SEED}_{VALIDATION_SCENES}_{VALIDATION_PHOTO_REPEATS}",
        VALIDATION_SCENES, held_items * VALIDATION_PHOTO_REPEATS, VALIDATION_SEED)
    step = len(data["inputs"]) // 16
    net, worst = verify_in_opencv(exported, out, data["inputs"][::step][:16])
    print(f"cv2.dnn {cv2.__version__} matches torch on 16 frames: max abs diff {worst:.2e}")
    outputs = predict(exported, data["inputs"])
    for threshold in (THRESHOLD, 0.5):
        for kind, (plates, recall, extra, corner) in rendered_report(outputs, data,
                                                                     threshold).items():
            print(f"rendered {kind} @{threshold}: recall {recall:.3f} of {plates} plates, "
                  f"{'false positives' if kind == 'scenes' else 'unmatched'} per frame "
                  f"{extra:.3f}, mean corner error {corner:.2f} px (input)")
        photos, recall, mean_iou, per_photo = real_report(exported, held_items, threshold)
        print(f"held-out openalpr-us @{threshold}: recall {recall:.3f} of {photos} labelled plates, "
              f"mean best IoU {mean_iou:.3f}, {per_photo:.2f} detections per photo")
    training.report(model, out, export_reader.forward_ms(
        net, shape=(1, 3, INPUT_H, INPUT_W), output="detections"))


def main():
    model, args = training.load_checkpoint(__doc__, "/tmp/anpr_detector", PlateDetector())
    export_and_verify(model, args.out, args.cache)


if __name__ == "__main__":
    main()

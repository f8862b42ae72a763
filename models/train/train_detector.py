"""Train the plate detector and export it to ONNX: the one command from a clean checkout.

    /usr/bin/python3 models/train/train_detector.py --out models/plate_detector.onnx

Renders the training frames once (detector_render, cached under --cache),
trains on 160x256 windows of them, RENDERED_PER_BATCH per batch, mixed with
REAL_PER_BATCH windows of the openalpr-us training photos (detector_data),
checkpoints to --cache, then exports and verifies the model
(export_detector). Fixed seeds; 35 minutes on 2 CPU cores from a clean cache
(5 min rendering, 30 min training, under 1 min export and validation).
"""
import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # spinning threads crawl on a busy machine

# pylint: disable=wrong-import-position
import time

import numpy as np
import torch
from torch.nn import functional as F

import detector_data
import export_detector
import training
from detector_model import PlateDetector

SEED = 20240611
SCENE_BACKGROUNDS = 600  # x detector_render.SCENE_VARIANTS scene frames
PHOTO_REPEATS = 11  # rendered frames per training photo
BATCH = 32
REAL_PER_BATCH = 11  # about a third
RENDERED_PER_BATCH = BATCH - REAL_PER_BATCH


def batches(rendered, photos, rng):
    """Endless (images, targets) torch batches: rendered windows, then photo windows."""
    count = len(rendered["inputs"])
    while True:
        samples = [detector_data.rendered_sample(rendered, i, rng)
                   for i in rng.integers(count, size=RENDERED_PER_BATCH)]
        samples += [photos.sample(i, rng) for i in rng.integers(len(photos), size=REAL_PER_BATCH)]
        images, targets = detector_data.batch(samples, rng)
        images = torch.from_numpy(np.ascontiguousarray(images.transpose(0, 3, 1, 2)))
        yield images.float().div_(255.0), [torch.from_numpy(t) for t in targets]


def focal_loss(logits, heat):
    """CenterNet's penalty-reduced focal loss on the centre heatmap, per plate."""
    positive = heat.eq(1).float()
    log_p, log_not_p = F.logsigmoid(logits), F.logsigmoid(-logits)
    p = torch.sigmoid(logits)
    pos = -(log_p * (1 - p) ** 2 * positive).sum()
    neg = -(log_not_p * p ** 2 * (1 - heat) ** 4 * (1 - positive)).sum()
    return (pos + neg) / positive.sum().clamp(min=1)


def regression_loss(pred, target, weight, corner_weight):
    """(offset, size, corner) L1 losses; size and corners relative to the plate's scale."""
    scale = (target[:, 2] * target[:, 3]).clamp(min=1).sqrt().unsqueeze(1)
    error = (pred - target).abs()
    offset = (error[:, 0:2].mean(1) * weight).sum() / weight.sum().clamp(min=1e-6)
    size = ((error[:, 2:4] / scale).mean(1) * weight).sum() / weight.sum().clamp(min=1e-6)
    corners = ((error[:, 4:12] / scale).mean(1) * corner_weight).sum() \
        / corner_weight.sum().clamp(min=1e-6)
    return offset, size, corners


def train(model, data, steps, checkpoint, log_every=100):
    rng = np.random.default_rng(SEED)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-2)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=3e-3, total_steps=steps,
                                                   pct_start=0.1)
    model.train()
    start, running = time.time(), np.zeros(4)
    for step, (images, (heat, target, weight, corner_weight)) in zip(
            range(1, steps + 1), batches(*data, rng)):
        logits, pred = model(images)
        parts = (focal_loss(logits, heat),) + regression_loss(pred, target, weight, corner_weight)
        training.optimise(model, sum(parts), optimizer, schedule)
        running += [p.item() for p in parts]
        if step % log_every == 0:
            heat_l, offset, size, corners = running / log_every
            print(f"step {step}/{steps} heat {heat_l:.3f} offset {offset:.3f} size {size:.3f} "
                  f"corners {corners:.3f} lr {schedule.get_last_lr()[0]:.2e} "
                  f"{time.time() - start:.0f}s", flush=True)
            running[:] = 0
        training.checkpoint(model, step, steps, checkpoint)
    model.eval()


def main():
    args = training.train_args(__doc__, "/tmp/anpr_detector", 4500, SEED)
    t0 = time.time()
    train_items, _ = detector_data.photo_items()
    rendered = detector_data.rendered_set(
        args.cache, f"train_{SEED}_{SCENE_BACKGROUNDS}_{PHOTO_REPEATS}", SCENE_BACKGROUNDS,
        train_items * PHOTO_REPEATS, SEED)
    photos = detector_data.RealPhotos(train_items)
    print(f"data: {len(rendered['inputs'])} rendered frames, {len(photos)} photos, "
          f"{time.time() - t0:.0f}s", flush=True)
    model = PlateDetector()
    train(model, (rendered, photos), args.steps, args.cache / "detector.pt")
    print(f"trained in {time.time() - t0:.0f}s", flush=True)
    export_detector.export_and_verify(model, args.out, args.cache)
    print(f"total {time.time() - t0:.0f}s", flush=True)


if __name__ == "__main__":
    main()

"""Train the CTC plate reader and export it to ONNX: the one command from a clean checkout.

    /usr/bin/python3 models/train/train_reader.py --steps 9000 --out models/plate_reader.onnx

Renders the synthetic plate crops and non-plate crops once (cached under
--cache), trains on them with re-augmented real plate crops and text-like
rows cut from the openalpr-us photos (hard_negatives) mixed into every
batch, checkpoints to --cache, then exports and verifies the model
(export_reader). Non-plates carry an empty label: CTC teaches the reader to
output only blanks for them. About 30 minutes on 2 CPU cores from a clean
cache (7 min data, 21 min training, 1 min export and validation).
"""
import time

import numpy as np
import torch

import export_reader
import hard_negatives
import npz_cache
import real_crops
import render_crops
import render_negatives
import training
import two_line_crops
from reader_model import PlateReader, encode

SEED = 20240601
RENDERED = 120_000
NEGATIVES = 24_000
TWO_LINE = 12_000
BATCH = 64
REAL_PER_BATCH = 18  # about 28% of each batch
TWO_LINE_PER_BATCH = 4
RENDERED_NEGATIVES_PER_BATCH = 8  # with the photo rows about 19% of each batch
PHOTO_NEGATIVES_PER_BATCH = 4
PLATES_PER_BATCH = (BATCH - REAL_PER_BATCH - TWO_LINE_PER_BATCH - RENDERED_NEGATIVES_PER_BATCH
                    - PHOTO_NEGATIVES_PER_BATCH)
REAL_SETS = ("BR", "US", "AR")


def rendered_train_set(cache):
    """The rendered training crops and labels, generated on first use and cached."""
    return npz_cache.cached_crops(cache / f"rendered_{SEED}_{RENDERED}.npz",
                                  lambda: render_crops.render_dataset(RENDERED, SEED))


def two_line_train_set(cache):
    """Rendered two-line plates with their rows side by side, generated on first use and cached."""
    return npz_cache.cached_crops(cache / f"two_line_{SEED}_{TWO_LINE}.npz",
                                  lambda: two_line_crops.render_dataset(TWO_LINE, SEED))


def negative_train_set(cache):
    """The rendered non-plate crops, generated on first use and cached."""
    return npz_cache.cached(cache / f"negatives_{SEED}_{NEGATIVES}.npz", lambda: {
        "crops": render_negatives.render_dataset(NEGATIVES, SEED)[0]})["crops"]


def batches(rendered, real, two_line, negatives, photo_rows, rng):
    """Endless (images float (N,1,32,128), labels) batches: rendered and augmented real
    plates, rendered two-line plates, then rendered non-plates and augmented photo rows
    with empty labels."""
    crops, labels = rendered
    real_images, real_labels = real
    two_line_crops_, two_line_labels = two_line
    patches, boxes = photo_rows
    while True:
        pick = rng.integers(len(crops), size=PLATES_PER_BATCH)
        real_pick = rng.integers(len(real_images), size=REAL_PER_BATCH)
        two_line_pick = rng.integers(len(two_line_crops_), size=TWO_LINE_PER_BATCH)
        negative_pick = rng.integers(len(negatives), size=RENDERED_NEGATIVES_PER_BATCH)
        row_pick = rng.integers(len(patches), size=PHOTO_NEGATIVES_PER_BATCH)
        images = np.concatenate([
            crops[pick], np.stack([real_crops.augment(real_images[i], rng) for i in real_pick]),
            two_line_crops_[two_line_pick], negatives[negative_pick],
            np.stack([hard_negatives.augment(patches[i], boxes[i], rng) for i in row_pick])])
        texts = ([labels[i] for i in pick] + [real_labels[i] for i in real_pick]
                 + [two_line_labels[i] for i in two_line_pick]
                 + [""] * (RENDERED_NEGATIVES_PER_BATCH + PHOTO_NEGATIVES_PER_BATCH))
        yield torch.from_numpy(images[:, None].astype(np.float32) / 255.0), texts


def ctc_loss(model, images, texts, loss_fn):
    """Mean CTC loss; an empty text (a non-plate) is a valid target: all blanks."""
    log_probs = model(images).squeeze(2).permute(2, 0, 1).log_softmax(2)  # (T, N, C)
    targets = torch.tensor([k for t in texts for k in encode(t)])
    target_lengths = torch.tensor([len(t) for t in texts])
    input_lengths = torch.full((len(texts),), log_probs.shape[0], dtype=torch.long)
    return loss_fn(log_probs, targets, input_lengths, target_lengths)


def train(model, data, steps, checkpoint, log_every=100):
    rng = np.random.default_rng(SEED)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-2)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=2e-3, total_steps=steps,
                                                   pct_start=0.1)
    loss_fn = torch.nn.CTCLoss(blank=0, zero_infinity=True)
    model.train()
    start, running = time.time(), 0.0
    for step, (images, texts) in zip(range(1, steps + 1), batches(*data, rng)):
        loss = ctc_loss(model, images, texts, loss_fn)
        training.optimise(model, loss, optimizer, schedule)
        running += loss.item()
        if step % log_every == 0:
            print(f"step {step}/{steps} loss {running / log_every:.3f} "
                  f"lr {schedule.get_last_lr()[0]:.2e} {time.time() - start:.0f}s", flush=True)
            running = 0.0
        training.checkpoint(model, step, steps, checkpoint)
    model.eval()


def main():
    args = training.train_args(__doc__, "/tmp/anpr_reader", 9000, SEED)
    t0 = time.time()
    rendered = rendered_train_set(args.cache)
    real_sets = [real_crops.split(name)[0] for name in REAL_SETS]
    real = ([i for s in real_sets for i in s[0]], [t for s in real_sets for t in s[1]])
    two_line = two_line_train_set(args.cache)
    negatives = negative_train_set(args.cache)
    photo_rows = hard_negatives.split()[0]
    print(f"data: {len(rendered[1])} rendered, {len(real[1])} real, {len(two_line[1])} two-line, "
          f"{len(negatives)} rendered "
          f"non-plates, {len(photo_rows[0])} photo rows, {time.time() - t0:.0f}s", flush=True)
    model = PlateReader()
    train(model, (rendered, real, two_line, negatives, photo_rows), args.steps,
          args.cache / "reader.pt")
    print(f"trained in {time.time() - t0:.0f}s", flush=True)
    export_reader.export_and_verify(model, args.out, args.cache)


if __name__ == "__main__":
    main()

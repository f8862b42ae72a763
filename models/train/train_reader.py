"""Train the CTC plate reader and export it to ONNX: the one command from a clean checkout.

    /usr/bin/python3 models/train/train_reader.py --out models/plate_reader.onnx

Renders the synthetic crops once (cached under --cache), trains on them with
re-augmented real crops from ../shared/data/train mixed into every batch,
checkpoints to --cache, then exports and verifies the model (export_reader).
About 30 minutes on 2 CPU cores (6 min rendering, 22 min training).
"""
import argparse
import pathlib
import time

import numpy as np
import torch

import export_reader
import real_crops
import render_crops
from reader_model import PlateReader, encode

SEED = 20240601
RENDERED = 120_000
BATCH = 64
REAL_PER_BATCH = 18  # about 28% of each batch
REAL_SETS = ("BR", "US", "AR")


def rendered_train_set(cache):
    """The rendered training crops, generated on first use and cached."""
    path = cache / f"rendered_{SEED}_{RENDERED}.npz"
    if not path.exists():
        crops, labels, _ = render_crops.render_dataset(RENDERED, SEED)
        np.savez(path, crops=crops, labels=np.array(labels))
    data = np.load(path)
    return data["crops"], list(data["labels"])


def batches(rendered, real, rng):
    """Endless (images float (N,1,32,128), labels) batches: rendered plus augmented real crops."""
    crops, labels = rendered
    real_images, real_labels = real
    while True:
        pick = rng.integers(len(crops), size=BATCH - REAL_PER_BATCH)
        real_pick = rng.integers(len(real_images), size=REAL_PER_BATCH)
        images = np.concatenate([crops[pick], np.stack(
            [real_crops.augment(real_images[i], rng) for i in real_pick])])
        texts = [labels[i] for i in pick] + [real_labels[i] for i in real_pick]
        yield torch.from_numpy(images[:, None].astype(np.float32) / 255.0), texts


def ctc_loss(model, images, texts, loss_fn):
    log_probs = model(images).squeeze(2).permute(2, 0, 1).log_softmax(2)  # (T, N, C)
    targets = torch.tensor([k for t in texts for k in encode(t)])
    target_lengths = torch.tensor([len(t) for t in texts])
    input_lengths = torch.full((len(texts),), log_probs.shape[0], dtype=torch.long)
    return loss_fn(log_probs, targets, input_lengths, target_lengths)


def train(model, rendered, real, steps, checkpoint, log_every=100):
    rng = np.random.default_rng(SEED)
    optimizer = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-2)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=2e-3, total_steps=steps,
                                                   pct_start=0.1)
    loss_fn = torch.nn.CTCLoss(blank=0, zero_infinity=True)
    model.train()
    start, running = time.time(), 0.0
    for step, (images, texts) in zip(range(1, steps + 1), batches(rendered, real, rng)):
        loss = ctc_loss(model, images, texts, loss_fn)
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        optimizer.step()
        schedule.step()
        running += loss.item()
        if step % log_every == 0:
            print(f"step {step}/{steps} loss {running / log_every:.3f} "
                  f"lr {schedule.get_last_lr()[0]:.2e} {time.time() - start:.0f}s", flush=True)
            running = 0.0
        if step % 500 == 0 or step == steps:
            torch.save({"model": model.state_dict(), "step": step}, checkpoint)
    model.eval()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--cache", type=pathlib.Path, default=pathlib.Path("/tmp/anpr_reader"))
    parser.add_argument("--steps", type=int, default=9000)
    args = parser.parse_args()
    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    args.cache.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    rendered = rendered_train_set(args.cache)
    real_sets = [real_crops.split(name)[0] for name in REAL_SETS]
    real = ([i for s in real_sets for i in s[0]], [t for s in real_sets for t in s[1]])
    print(f"data: {len(rendered[1])} rendered, {len(real[1])} real, {time.time() - t0:.0f}s",
          flush=True)
    model = PlateReader()
    train(model, rendered, real, args.steps, args.cache / "reader.pt")
    print(f"trained in {time.time() - t0:.0f}s", flush=True)
    export_reader.export_and_verify(model, args.out, args.cache)


if __name__ == "__main__":
    main()

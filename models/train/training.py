"""What the reader's and the detector's training and export scripts share: their
command lines, one optimiser step, checkpoints, and the closing size, speed and
sha256 report."""
import argparse
import hashlib
import pathlib

import torch

CLIP_NORM = 5.0
CHECKPOINT_EVERY = 500


def train_args(doc, cache, steps, seed):
    """--out, --cache, --steps of a train_*.py script; seeds torch, 2 threads, makes the cache."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--cache", type=pathlib.Path, default=pathlib.Path(cache))
    parser.add_argument("--steps", type=int, default=steps)
    args = parser.parse_args()
    torch.manual_seed(seed)
    torch.set_num_threads(2)
    args.cache.mkdir(parents=True, exist_ok=True)
    return args


def load_checkpoint(doc, cache, model):
    """--checkpoint, --out, --cache of an export_*.py script; `model` with the checkpoint's
    weights loaded, and the arguments."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--checkpoint", type=pathlib.Path, required=True)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--cache", type=pathlib.Path, default=pathlib.Path(cache))
    args = parser.parse_args()
    torch.set_num_threads(2)
    model.load_state_dict(torch.load(args.checkpoint)["model"])
    return model, args


def optimise(model, loss, optimizer, schedule):
    """Backpropagate `loss`, clip the gradient norm, step the optimiser and the schedule."""
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP_NORM)
    optimizer.step()
    schedule.step()


def checkpoint(model, step, steps, path):
    """Save the weights every CHECKPOINT_EVERY steps and after the last."""
    if step % CHECKPOINT_EVERY == 0 or step == steps:
        torch.save({"model": model.state_dict(), "step": step}, path)


def report(model, out, forward_ms):
    """Print the parameter count, file size, cv2.dnn forward time and sha256."""
    params = sum(p.numel() for p in model.parameters())
    print(f"params {params}, file {out.stat().st_size} bytes, "
          f"cv2.dnn forward {forward_ms:.2f} ms (1 thread, median of 200)")
    print(f"sha256 {hashlib.sha256(out.read_bytes()).hexdigest()}  {out}")

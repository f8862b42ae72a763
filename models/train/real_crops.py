"""Real plate crops from ../shared/data/train (never eval/), split into train and held-out.

Labels keep only A-Z and 0-9 (the German Ü of `DÜW` is the plate's `DUW`);
crops whose label is unknown (`0`) or under 3 characters are skipped.
"""
import csv
import pathlib
import unicodedata

import cv2
import numpy as np

import crop_augment
from reader_model import ALPHABET

DATA = pathlib.Path(__file__).resolve().parents[3] / "shared" / "data" / "train"
SETS = {  # name: folder (licence in README.md)
    "BR": "openalpr-br-crops", "US": "openalpr-us-crops",
    "AR": "fastplateocr-ar-crops", "DE": "aboerzel-de-crops",
}
HOLD_OUT = 0.1
SPLIT_SEED = 7


def clean_label(text):
    """Upper-case A-Z0-9 only, accents folded (Ü -> U)."""
    folded = unicodedata.normalize("NFKD", text.upper())
    return "".join(c for c in folded if c in ALPHABET)


def load_set(name):
    """(grey images, labels) of one real set, in file-name order."""
    folder = DATA / SETS[name]
    with open(folder / "ground_truth.csv", newline="", encoding="utf-8") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["image"])
    images, labels = [], []
    for row in rows:
        label = clean_label(row["plate_text"])
        img = cv2.imread(str(folder / row["image"]), cv2.IMREAD_GRAYSCALE)
        if len(label) >= 3 and img is not None:
            images.append(img)
            labels.append(label)
    return images, labels


def split(name):
    """((train images, labels), (held-out images, labels)): a fixed 10% held out.

    The tiny DE set is for sanity checks only: all of it is held out.
    """
    images, labels = load_set(name)
    order = np.random.default_rng(SPLIT_SEED).permutation(len(images))
    cut = len(images) if name == "DE" else round(HOLD_OUT * len(images))
    held, kept = order[:cut], order[cut:]
    return (([images[i] for i in kept], [labels[i] for i in kept]),
            ([images[i] for i in held], [labels[i] for i in held]))


def augment(grey, rng):
    """A re-framed, degraded 32x128 crop of a whole-plate real crop."""
    h, w = grey.shape
    margins = rng.uniform(-0.12, 0.05, size=4) * [w, h, w, h]  # negative: wider
    quad = np.float32([[margins[0], margins[1]], [w - margins[2], margins[1]],
                       [w - margins[2], h - margins[3]], [margins[0], h - margins[3]]])
    quad = crop_augment.jitter_quad(quad, rng, max_angle=3.0, corner_jitter=0.03)
    out_h = int(min(h, rng.uniform(20, 56)))
    crop = crop_augment.warp_quad(grey, quad, out_h)
    return crop_augment.to_input(crop_augment.degrade(crop, rng, strength=0.6))

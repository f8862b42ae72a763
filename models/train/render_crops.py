"""Rendered training crops: plates from plate_render, framed and degraded like the unit's.

Each sample is a plate (a known country format, or a generic EU-style text)
pasted on a background patch and cut out either as the classic localizer
does (the text row plus margins) or as a whole-plate detector would, then
degraded by crop_augment. Output: uint8 crops (N, 32, 128) and plain labels.
The framing (`frame`, `frame_on_background`) is shared with the non-plates
of render_negatives and hard_negatives.

    /usr/bin/python3 models/train/render_crops.py --count 1000 --out /tmp/crops.npz
"""
import argparse
import csv
import multiprocessing
import pathlib

import cv2
import numpy as np

import crop_augment
import plate_render
from reader_model import ALPHABET

DATA = pathlib.Path(__file__).resolve().parents[3] / "shared" / "data" / "train"
BACKGROUND_SET = DATA / "openalpr-us"
BACKGROUND_PHOTOS = 60
CHUNK = 500
SOURCES = {  # name: (plate_render format key or None for generic, weight)
    "BE": ("BE", 2.0), "BE_OLD": ("BE_OLD", 1.0), "NL": ("NL", 1.5), "FR": ("FR", 1.5),
    "DE": ("DE", 1.0), "LU": ("LU", 1.0), "CZ": ("CZ", 0.7), "SK": ("SK", 0.7),
    "UK": ("UK", 0.7), "GENERIC": (None, 2.5),
}

_backgrounds = []  # per worker: (grey photo at half size, plate box), see _load_backgrounds


def _load_backgrounds():
    """Half-size grey openalpr-us photos with their labelled plate box, to cut patches from."""
    if not BACKGROUND_SET.is_dir():
        return
    with open(BACKGROUND_SET / "ground_truth.csv", newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["image"])[:BACKGROUND_PHOTOS]
    for row in rows:
        img = cv2.imread(str(BACKGROUND_SET / row["image"]), cv2.IMREAD_GRAYSCALE)
        if img is None or not row["w"]:
            continue
        box = np.array([float(row[k]) for k in "xywh"]) / 2
        _backgrounds.append((cv2.resize(img, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA),
                             box))


def background(h, w, rng):
    """A grey background canvas h x w: a photo patch away from its plate, texture or solid."""
    if not _backgrounds:
        _load_backgrounds()
    kind = rng.random()
    if kind < 0.45 and _backgrounds:
        photo, (bx, by, bw, bh) = _backgrounds[rng.integers(len(_backgrounds))]
        ph, pw = photo.shape
        for _ in range(5):
            scale = rng.uniform(0.3, 1.5)
            sh, sw = min(ph, int(h * scale)), min(pw, int(w * scale))
            y, x = int(rng.integers(0, ph - sh + 1)), int(rng.integers(0, pw - sw + 1))
            if x + sw < bx or bx + bw < x or y + sh < by or by + bh < y:
                return cv2.resize(photo[y:y + sh, x:x + sw], (w, h)).astype(np.float32)
    if kind < 0.75:
        noise = rng.normal(0, 1, (max(2, h // 8), max(2, w // 8))).astype(np.float32)
        noise = cv2.resize(noise, (w, h), interpolation=cv2.INTER_CUBIC)
        return rng.uniform(20, 220) + noise * rng.uniform(5, 50)
    return np.full((h, w), rng.uniform(0, 255), np.float32)


def random_label(source, rng):
    """(format key, printed text) for one of SOURCES."""
    key = SOURCES[source][0]
    if key is not None:
        return key, plate_render.random_text(key, rng)
    chars = [ALPHABET[i] for i in rng.integers(len(ALPHABET), size=int(rng.integers(4, 9)))]
    for _ in range(int(rng.integers(0, 3))):
        chars.insert(int(rng.integers(1, len(chars))), "- "[rng.integers(2)])
    return list(plate_render.FORMATS)[rng.integers(len(plate_render.FORMATS))], "".join(chars)


def render_crop(source, rng):
    """One degraded 32x128 crop of a plate from `source` and its plain label."""
    key, display = random_label(source, rng)
    char_h = np.exp(rng.uniform(np.log(9), np.log(36)))  # on the camera's sensor
    px_per_mm = max(0.35, char_h * rng.uniform(1.2, 2.0) / (plate_render.CAP_HEIGHT * 110))
    plate, text_box = plate_render.render_plate_with_text_box(key, display, rng, px_per_mm)
    plate = cv2.cvtColor(plate, cv2.COLOR_BGR2GRAY).astype(np.float32)
    return frame_on_background(plate, text_box, char_h, rng), plate_render.plain_text(display)


def frame_on_background(obj, text_box, char_h, rng):
    """Paste a grey float object (a plate, a sign...) on a background and frame it (frame)."""
    ph, pw = obj.shape
    pad = ph
    canvas = background(ph + 2 * pad, pw + 2 * pad, rng)
    canvas[pad:pad + ph, pad:pad + pw] = obj
    return frame(canvas, pad, text_box, (pw, ph), char_h, rng)


def frame(canvas, offset, text_box, object_size, char_h, rng):
    """The degraded 32x128 crop of a text row (x0, y0, x1, y1), `offset` pixels into `canvas`.

    Cut as the classic localizer does (the row plus margins), or, with an
    object size (w, h), sometimes as a whole-object detector would; the
    warp makes the characters about `char_h` pixels tall before degrading.
    """
    x0, y0, x1, y1 = text_box
    h = y1 - y0
    row_framing = object_size is None or rng.random() < 0.6
    if row_framing:  # the classic localizer's text row with margins
        left, right = x0 - rng.uniform(0.2, 1.3) * h, x1 + rng.uniform(0.1, 0.8) * h
        top, bottom = y0 - rng.uniform(0.1, 0.5) * h, y1 + rng.uniform(0.1, 0.5) * h
    else:  # a detector's whole plate
        pw, ph = object_size
        left, right = (rng.uniform(-0.12, 0.04, size=2) * ph) * [1, -1] + [0, pw]
        top, bottom = (rng.uniform(-0.12, 0.04, size=2) * ph) * [1, -1] + [0, ph]
    quad = np.float32([[left, top], [right, top], [right, bottom], [left, bottom]]) + offset
    # The localizer's quad follows the row's tilt; a detector's box does not.
    quad = crop_augment.jitter_quad(quad, rng, max_angle=2.0 if row_framing else 4.0)
    out_h = max(12, round(char_h * (bottom - top) / h))
    crop = crop_augment.warp_quad(np.clip(canvas, 0, 255).astype(np.uint8), quad, out_h)
    return crop_augment.to_input(crop_augment.degrade(crop, rng))


def _render_chunk(args):
    seed, index, sources = args
    rng = np.random.default_rng([seed, index])
    crops = [render_crop(source, rng) for source in sources]
    return np.stack([c for c, _ in crops]), [label for _, label in crops]


def render_dataset(count, seed, processes=2, per_source=None):
    """(crops uint8 (N, 32, 128), labels, sources): `count` weighted draws, or
    `per_source` crops of every source when given."""
    if per_source:
        sources = [s for s in SOURCES for _ in range(per_source)]
    else:
        weights = np.array([w for _, w in SOURCES.values()])
        picks = np.random.default_rng(seed).choice(len(SOURCES), count, p=weights / weights.sum())
        sources = [list(SOURCES)[i] for i in picks]
    jobs = [(seed, i, sources[i * CHUNK:(i + 1) * CHUNK])
            for i in range((len(sources) + CHUNK - 1) // CHUNK)]
    with multiprocessing.Pool(processes) as pool:
        parts = pool.map(_render_chunk, jobs, chunksize=1)
    crops = np.concatenate([p[0] for p in parts])
    labels = [label for p in parts for label in p[1]]
    return crops, labels, sources


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    args = parser.parse_args()
    crops, labels, sources = render_dataset(args.count, args.seed)
    np.savez(args.out, crops=crops, labels=np.array(labels), sources=np.array(sources))


if __name__ == "__main__":
    main()

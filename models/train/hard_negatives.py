"""Hard negatives: text-like rows in the openalpr-us photos away from their plate.

A rough imitation of the unit's classic localizer: MSER blobs of character
size on the grey photo, chained into rows of >= 4 blobs of similar height.
Rows that touch the labelled plate box (grown by one plate size each way)
are dropped, and so are rows that could be a second, unlabelled plate:
5 to 8 blobs of the labelled plate's character height, dark on a lighter
ground. Some label noise remains possible. Photos are split by name: a
fixed HELD_OUT_PHOTOS drawn from those after the first
render_crops.BACKGROUND_PHOTOS (which also give backgrounds) are held out,
all others train.
"""
import csv
import functools

import cv2
import numpy as np

import render_crops

PHOTOS = render_crops.BACKGROUND_SET
HELD_OUT_PHOTOS = 22
SPLIT_SEED = 7
MIN_BLOBS = 4


def _char_blobs(grey):
    """(x, y, w, h) boxes of MSER blobs shaped like characters, de-duplicated."""
    _, boxes = cv2.MSER_create(delta=5, min_area=30, max_area=4000).detectRegions(grey)
    keep = [b for b in boxes if 10 <= b[3] <= 70 and 0.15 <= b[2] / b[3] <= 1.1]
    unique = []
    for b in sorted(keep, key=lambda b: (b[0], -b[3])):
        if not any(abs(b[0] - u[0]) < 0.3 * u[3] and abs(b[3] - u[3]) < 0.3 * u[3]
                   and abs(b[1] - u[1]) < 0.3 * u[3] for u in unique[-6:]):
            unique.append(b)
    return unique


def text_rows(grey):
    """Boxes (x0, y0, x1, y1, blob count) of rows of >= MIN_BLOBS similar blobs."""
    blobs, used, rows = _char_blobs(grey), set(), []
    for i, seed in enumerate(blobs):
        if i in used:
            continue
        row, last = [i], seed
        for j in range(i + 1, len(blobs)):
            x, y, w, h = blobs[j]
            gap = x - (last[0] + last[2])
            if gap > 1.2 * last[3]:  # too far for this row; blobs are sorted by x
                if gap > 3 * last[3]:
                    break
                continue
            if (j not in used and abs(h - seed[3]) < 0.25 * seed[3]
                    and abs(y + h / 2 - seed[1] - seed[3] / 2) < 0.3 * seed[3]
                    and x > last[0] + 0.5 * last[2]):
                row.append(j)
                last = blobs[j]
        if len(row) >= MIN_BLOBS:
            used.update(row)
            b = np.array([blobs[k] for k in row])
            rows.append((b[:, 0].min(), b[:, 1].min(), (b[:, 0] + b[:, 2]).max(),
                         (b[:, 1] + b[:, 3]).max(), len(row)))
    return rows


def _maybe_plate(grey, row, plate_h):
    """Whether a row could be a second plate: 5-8 blobs at the labelled plate's scale,
    darker than its surroundings or on a light ground."""
    x0, y0, x1, y1, count = row
    if not 5 <= count <= 8 or not 0.35 * plate_h <= y1 - y0 <= 0.85 * plate_h:
        return False
    h = y1 - y0
    inside = grey[y0:y1, x0:x1]
    around = grey[max(0, y0 - h // 2):y1 + h // 2, max(0, x0 - h):x1 + h]
    return np.median(around) > np.median(inside) + 10 or np.median(around) > 120


def _photo_rows(row):
    """(context patches, row boxes in them) of one ground-truth row."""
    grey = cv2.imread(str(PHOTOS / row["image"]), cv2.IMREAD_GRAYSCALE)
    px, py, pw, ph = (float(row[k]) for k in "xywh")
    patches, boxes = [], []
    for r in text_rows(grey):
        x0, y0, x1, y1, _ = r
        if (x1 > px - pw and x0 < px + 2 * pw and y1 > py - ph and y0 < py + 2 * ph) \
                or _maybe_plate(grey, r, ph):
            continue
        m = 2 * (y1 - y0)
        cx0, cy0 = max(0, x0 - m), max(0, y0 - m)
        patches.append(grey[cy0:y1 + m, cx0:x1 + m].copy())
        boxes.append((x0 - cx0, y0 - cy0, x1 - cx0, y1 - cy0))
    return patches, boxes


def photo_rows():
    """The photos' ground-truth rows with a plate box, by name, and the set of
    held-out indices into them (also the plate detector's held-out photos)."""
    with open(PHOTOS / "ground_truth.csv", newline="") as f:
        rows = sorted((r for r in csv.DictReader(f) if r["w"]), key=lambda r: r["image"])
    rest = np.random.default_rng(SPLIT_SEED).permutation(
        np.arange(render_crops.BACKGROUND_PHOTOS, len(rows)))
    return rows, set(rest[:HELD_OUT_PHOTOS].tolist())


@functools.lru_cache(maxsize=1)
def split():
    """((train patches, boxes), (held-out patches, boxes)) from the photos, by name."""
    rows, held = photo_rows()
    sets = (([], []), ([], []))
    for k, row in enumerate(rows):
        patches, boxes = _photo_rows(row)
        sets[k in held][0].extend(patches)
        sets[k in held][1].extend(boxes)
    return sets


def augment(patch, box, rng):
    """A degraded 32x128 crop of the row, framed as render_crops frames text rows."""
    char_h = np.exp(rng.uniform(np.log(9), np.log(36)))
    return render_crops.frame(patch.astype(np.float32), 0, box, None, char_h, rng)


def main():
    (train_patches, _), (held_patches, _) = split()
    print(f"{len(train_patches)} train rows, {len(held_patches)} held-out rows")


if __name__ == "__main__":
    main()

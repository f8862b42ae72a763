"""Detector training data: rendered frames (detector_render, cached) and the openalpr-us
photos, re-framed on the fly into CROP_H x CROP_W training windows with targets.

The photos split as hard_negatives splits them (a fixed 22 of 222, drawn from
those after the first 60, held out for validation); the held-out ones are
never rendered on or trained on. A photo's one labelled plate is an
axis-aligned box: its corner loss is masked. Other plates visible in a photo
are unlabelled and count as background.
"""
import cv2
import numpy as np

import detector_render
import hard_negatives
import npz_cache
from detector_model import INPUT_H, INPUT_W, PAD, STRIDE
from detector_targets import encode

CROP_H, CROP_W = 160, 256
ON_PLATE = 0.85  # share of windows placed around a plate (when the frame has one)


def photo_items():
    """((train items, held-out items)): (path, box (x, y, w, h)) of the openalpr-us photos."""
    rows, held = hard_negatives.photo_rows()
    items = [(hard_negatives.PHOTOS / r["image"], tuple(float(r[k]) for k in "xywh"))
             for r in rows]
    return ([it for k, it in enumerate(items) if k not in held],
            [it for k, it in enumerate(items) if k in held])


def rendered_set(cache, name, scene_backgrounds, photo_items_, seed):
    """detector_render's arrays (in memory), rendered on first use and cached as `name`.npz."""
    data = npz_cache.cached(cache / f"{name}.npz", lambda: detector_render.render_dataset(
        scene_backgrounds, photo_items_, seed))
    return {key: data[key] for key in data.files}


def box_corners(box):
    """Corners tl, tr, br, bl of an axis-aligned box (x, y, w, h)."""
    x, y, w, h = box
    return np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float64)


class RealPhotos:
    """The training photos, scaled to at most 1.7 times the detector's input scale."""

    MAX_ZOOM = 1.7

    def __init__(self, items):
        self.photos, self.plates, self.scales = [], [], []
        for path, box in items:
            photo = cv2.imread(str(path), cv2.IMREAD_COLOR)
            h, w = photo.shape[:2]
            s = min(INPUT_W / w, INPUT_H / h)
            f = min(1.0, self.MAX_ZOOM * s)
            self.photos.append(cv2.resize(photo, None, fx=f, fy=f, interpolation=cv2.INTER_AREA))
            self.plates.append(box_corners(box) * f)
            self.scales.append(s / f)  # the input scale relative to the stored copy

    def __len__(self):
        return len(self.photos)

    def sample(self, index, rng):
        """(window uint8, plates) of photo `index` at a random zoom of 0.6-1.7 times the
        detector's input scale."""
        zoom = min(1.0, self.scales[index] * rng.uniform(0.6, self.MAX_ZOOM))
        return window(self.photos[index], [(self.plates[index], False)], zoom, rng)


def rendered_sample(data, index, rng):
    """(window uint8, plates) of cached rendered frame `index`, zoomed by 0.8-1.25."""
    plates = [(c.astype(np.float64), bool(k)) for c, p, k in
              zip(data["corners"][index], data["present"][index], data["known"][index]) if p]
    return window(data["inputs"][index], plates, rng.uniform(0.8, 1.25), rng)


def window(image, plates, zoom, rng):
    """A CROP_H x CROP_W window of the image scaled by `zoom` (padded with 127 where it
    runs out), mostly around a plate, flipped left-right half the time; the plates in it.

    Only the part of the image under the window is resized (area averaging when
    shrinking); plates follow that resize exactly.
    """
    h, w = image.shape[:2]
    if plates and rng.random() < ON_PLATE:
        corners = plates[rng.integers(len(plates))][0]
        cx, cy = (corners.min(axis=0) + corners.max(axis=0)) / 2 * zoom
        x0 = int(cx - rng.uniform(0.1, 0.9) * CROP_W)
        y0 = int(cy - rng.uniform(0.1, 0.9) * CROP_H)
    else:
        x0 = int(rng.integers(0, max(1, w * zoom - CROP_W + 1)))
        y0 = int(rng.integers(0, max(1, h * zoom - CROP_H + 1)))
    out = np.full((CROP_H, CROP_W, 3), PAD, np.uint8)
    sx0, sy0 = max(0, int(x0 / zoom)), max(0, int(y0 / zoom))
    sx1 = min(w, int(np.ceil((x0 + CROP_W) / zoom)))
    sy1 = min(h, int(np.ceil((y0 + CROP_H) / zoom)))
    if sx1 <= sx0 or sy1 <= sy0:
        return _flip(out, [], rng)
    size = max(1, round((sx1 - sx0) * zoom)), max(1, round((sy1 - sy0) * zoom))
    part = cv2.resize(image[sy0:sy1, sx0:sx1], size,
                      interpolation=cv2.INTER_AREA if zoom < 1 else cv2.INTER_LINEAR)
    ox, oy = round(sx0 * zoom) - x0, round(sy0 * zoom) - y0
    dx0, dy0 = max(0, ox), max(0, oy)
    dx1, dy1 = min(CROP_W, ox + size[0]), min(CROP_H, oy + size[1])
    out[dy0:dy1, dx0:dx1] = part[dy0 - oy:dy1 - oy, dx0 - ox:dx1 - ox]
    scale = np.array(size) / (sx1 - sx0, sy1 - sy0)
    return _flip(out, [((c - (sx0, sy0)) * scale + (ox, oy), k) for c, k in plates], rng)


def _flip(image, plates, rng):
    """Half the time the window mirrored left-right, corners renamed (tl <-> tr, br <-> bl)."""
    if rng.random() < 0.5:
        return image, plates
    return image[:, ::-1], [(np.stack([CROP_W - c[:, 0], c[:, 1]], axis=1)[[1, 0, 3, 2]], k)
                            for c, k in plates]


def jitter(image, rng):
    """Brightness and contrast (a lookup table), sometimes grey or noise, on a uint8 window."""
    table = np.clip((np.arange(256) - 128) * rng.uniform(0.7, 1.3) + 128 + rng.uniform(-30, 30),
                    0, 255).astype(np.uint8)
    image = cv2.LUT(image, table)
    if rng.random() < 0.1:
        image = cv2.cvtColor(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    if rng.random() < 0.2:
        noise = rng.standard_normal(image.shape, np.float32) * np.float32(rng.uniform(2, 8))
        image = np.clip(image + noise, 0, 255).astype(np.uint8)
    return image


def batch(samples, rng):
    """Jittered uint8 windows (N, CROP_H, CROP_W, 3) and the stacked targets of
    (window, plates) pairs."""
    images = np.stack([jitter(image, rng) for image, _ in samples])
    targets = [encode(plates, CROP_H // STRIDE, CROP_W // STRIDE) for _, plates in samples]
    return images, [np.stack(t) for t in zip(*targets)]

"""Rendered detector frames: plates from plate_render pasted in perspective on road
scenes and photos, degraded like a camera, letterboxed to the detector's input.

Two kinds of frame:
- scenes: make_sample_frames' road (background drawn once, reused for
  SCENE_VARIANTS frames) with 0-3 cars and their plates, road signs, camera
  timestamps and pasted non-plates (render_negatives' signs, stamps, badges,
  grilles), seen through a 16:9, 4:3 or portrait window;
- photos: an openalpr-us photo (its labelled plate stays a plate, corners
  unknown) with 0-3 plates pasted away from it and from each other, and
  non-plates.
Plates are 20-200 px wide in the 512x288 input, turned by yaw, pitch and
roll of up to 25 degrees. Distractors are never labelled.

Output of render_dataset: inputs uint8 (N, 288, 512, 3) and per frame up to
MAX_PLATES plates: corners (N, MAX_PLATES, 4, 2) in input pixels, `present`
and `known` (corners known) flags (N, MAX_PLATES).
"""
import multiprocessing

import cv2
import numpy as np

import crop_augment
import make_sample_frames as scene
import plate_render
import render_crops
import render_negatives
from detector_model import INPUT_H, INPUT_W, letterbox

MAX_PLATES = 4
SCENE_VARIANTS = 3
MIN_PLATE_W, MAX_PLATE_W = 20, 200  # input pixels
VIEWS = (((800, 450), 0.5), ((800, 600), 0.35), ((450, 600), 0.15))  # scene windows
STAMP_FONTS = (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_DUPLEX, cv2.FONT_HERSHEY_PLAIN)
DISTRACTORS = ("sign", "timestamp", "badge", "grille")


# --- plates ---------------------------------------------------------------

def plate_width(rng, largest=MAX_PLATE_W):
    """A plate width in input pixels, log-uniform in [20, largest]."""
    return float(np.exp(rng.uniform(np.log(MIN_PLATE_W), np.log(largest))))


def plate_quad(cx, cy, width, aspect, rng):
    """Corners tl, tr, br, bl of a `width`-wide plate whose box is centred on (cx, cy),
    turned by yaw, pitch and roll (up to 25 degrees) and seen through a pinhole."""
    yaw, pitch, roll = np.radians([np.clip(rng.normal(0, 10), -25, 25), rng.uniform(-8, 25),
                                   np.clip(rng.normal(0, 5), -25, 25)])
    cy_, sy_, cp, sp, cr, sr = (np.cos(yaw), np.sin(yaw), np.cos(pitch), np.sin(pitch),
                                np.cos(roll), np.sin(roll))
    rotation = (np.array([[cr, -sr, 0], [sr, cr, 0], [0, 0, 1]])
                @ np.array([[1, 0, 0], [0, cp, -sp], [0, sp, cp]])
                @ np.array([[cy_, 0, sy_], [0, 1, 0], [-sy_, 0, cy_]]))
    w, h = width / 2, width * aspect / 2
    points = np.array([[-w, -h, 0], [w, -h, 0], [w, h, 0], [-w, h, 0]]) @ rotation.T
    distance = width * rng.uniform(3, 12)  # nearer: stronger perspective
    quad = points[:, :2] * distance / (distance + points[:, 2:])
    return quad - (quad.min(axis=0) + quad.max(axis=0)) / 2 + (cx, cy)


def random_plate(width, rng):
    """A rendered plate image (BGR) for about `width` frame pixels, any source of render_crops."""
    weights = np.array([w for _, w in render_crops.SOURCES.values()])
    source = list(render_crops.SOURCES)[rng.choice(len(weights), p=weights / weights.sum())]
    key, display = render_crops.random_label(source, rng)
    return plate_render.render_plate(key, display, rng, float(np.clip(width * 1.5 / 520, 0.35, 2)))


def paste(canvas, width, cx, cy, rng):
    """Paste a random plate `width` frame pixels wide centred on (cx, cy); its corners."""
    plate = random_plate(width, rng)
    corners = plate_quad(cx, cy, width, plate.shape[0] / plate.shape[1], rng)
    scene.paste_plate(canvas, plate, corners)
    if rng.random() < 0.08:
        occlude(canvas, corners, rng)
    return corners


def occlude(canvas, corners, rng):
    """Cover up to a third of the plate from one side (a pole, a tow bar, a leg)."""
    x0, y0 = corners.min(axis=0)
    x1, y1 = corners.max(axis=0)
    cover = rng.uniform(0.1, 0.35)
    if rng.random() < 0.5:
        x0, x1 = (x0 - 2, x0 + cover * (x1 - x0)) if rng.random() < 0.5 else \
            (x1 - cover * (x1 - x0), x1 + 2)
        y0, y1 = y0 - (y1 - y0), y1 + (y1 - y0)
    else:
        y0 = y1 - cover * (y1 - y0) * 1.5
        x0, x1 = x0 - 0.1 * (x1 - x0), x1 + 0.1 * (x1 - x0)
    canvas[max(0, int(y0)):max(0, int(y1)), max(0, int(x0)):max(0, int(x1))] = \
        rng.uniform(0, 255, 3).astype(np.float32)


def overlaps(box, boxes, grow=0.0):
    """Whether box (x0, y0, x1, y1), grown by `grow` of its size each way, meets any of boxes."""
    w, h = box[2] - box[0], box[3] - box[1]
    x0, y0, x1, y1 = box[0] - grow * w, box[1] - grow * h, box[2] + grow * w, box[3] + grow * h
    return any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in boxes)


# --- distractors ----------------------------------------------------------

def paste_distractor(canvas, keep_clear, rng):
    """A tinted non-plate of render_negatives (sign, stamp, badge, grille) somewhere
    not over the boxes in keep_clear."""
    obj = render_negatives.KINDS[DISTRACTORS[rng.integers(len(DISTRACTORS))]](rng)[0]
    height = rng.uniform(10, 70)
    scale = height / obj.shape[0]
    w, h = max(4, int(obj.shape[1] * scale)), max(4, int(height))
    fh, fw = canvas.shape[:2]
    if w >= fw or h >= fh:
        return
    for _ in range(5):
        x, y = int(rng.integers(0, fw - w)), int(rng.integers(0, fh - h))
        if not overlaps((x, y, x + w, y + h), keep_clear, 0.1):
            obj = cv2.resize(obj, (w, h), interpolation=cv2.INTER_AREA)
            tint = rng.uniform(0.6, 1.0, 3).astype(np.float32)
            canvas[y:y + h, x:x + w] = obj[..., None] * tint
            return


def draw_stamp(image, rng):
    """A burnt-in camera text (date, time, camera id) at a random place and size."""
    text = (f"{rng.integers(2019, 2027)}-{rng.integers(1, 13):02}-{rng.integers(1, 29):02} "
            f"{rng.integers(24):02}:{rng.integers(60):02}:{rng.integers(60):02}")
    text = text if rng.random() < 0.6 else f"CAM{rng.integers(1, 20):02} {text[:10]}"
    scale = rng.uniform(0.4, 1.2)
    font = STAMP_FONTS[rng.integers(len(STAMP_FONTS))]
    h, w = image.shape[:2]
    org = (int(rng.integers(0, max(1, w // 2))),
           int(rng.choice([rng.uniform(20, 60), rng.uniform(h - 20, h - 5)])))
    colour = (255, 255, 255) if rng.random() < 0.8 else (0, 255, 255)
    cv2.putText(image, text, org, font, scale, (0, 0, 0), 3, cv2.LINE_AA)
    cv2.putText(image, text, org, font, scale, colour, 1, cv2.LINE_AA)


# --- camera ---------------------------------------------------------------

def degrade(canvas, rng):
    """Exposure, colour cast or night infrared grey, blur, noise; returns uint8."""
    img = canvas * np.float32(np.exp(rng.uniform(-0.9, 0.4)))
    img = (img - 128) * rng.uniform(0.6, 1.3) + 128 + rng.uniform(-25, 25)
    if rng.random() < 0.15:  # night infrared: grey, hard contrast
        grey = cv2.cvtColor(np.clip(img, 0, 255).astype(np.float32), cv2.COLOR_BGR2GRAY)
        grey = (grey - grey.mean()) * rng.uniform(1.5, 2.5) + rng.uniform(90, 160)
        img = np.repeat(grey[..., None], 3, axis=2)
    elif rng.random() < 0.5:
        img = img * rng.uniform(0.85, 1.15, 3).astype(np.float32)
    if rng.random() < 0.5:
        img = 255 * (np.clip(img, 0, 255) / 255) ** np.float32(np.exp(rng.uniform(-0.4, 0.4)))
    img = crop_augment.blur(np.clip(img, 0, 255).astype(np.float32), rng, 1.0)
    if rng.random() < 0.15:  # out of focus
        img = cv2.GaussianBlur(img, (0, 0), rng.uniform(1.0, 2.5))
    img += rng.standard_normal(img.shape, np.float32) * np.float32(rng.uniform(0, 8))
    return np.clip(img, 0, 255).astype(np.uint8)


def finish(canvas, plates, rng, stamp_probability):
    """Degrade, add camera text, JPEG-encode, letterbox: (input uint8, corners in input px)."""
    image = degrade(canvas, rng)
    if rng.random() < stamp_probability:
        draw_stamp(image, rng)
    if rng.random() < 0.8:
        quality = int(rng.integers(25, 96))
        image = cv2.imdecode(cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])[1],
                             cv2.IMREAD_COLOR)
    inputs, s = letterbox(image)
    return inputs, [(corners * s, known) for corners, known in plates]


# --- scenes ---------------------------------------------------------------

def scene_background(rng):
    """make_sample_frames' sky, buildings and road (float32 800x600) and its horizon."""
    canvas = np.zeros((scene.HEIGHT, scene.WIDTH, 3), np.float32)
    horizon = int(rng.integers(200, 250))
    scene.draw_background(canvas, horizon, rng)
    scene.draw_road(canvas, horizon, rng)
    return canvas, horizon


def scene_frame(background, horizon, rng):
    """One scene frame on a copy of the background: (input uint8, plates)."""
    canvas = background.copy()
    vw, vh = VIEWS[rng.choice(len(VIEWS), p=[p for _, p in VIEWS])][0]
    vx, vy = int(rng.integers(0, scene.WIDTH - vw + 1)), int(rng.integers(0, scene.HEIGHT - vh + 1))
    s = min(INPUT_W / vw, INPUT_H / vh)
    if rng.random() < 0.5:
        scene.draw_sign(canvas, render_negatives.sign_text(rng), horizon, rng.random() < 0.5, rng)
    count = rng.choice(4, p=[0.1, 0.55, 0.25, 0.1])
    largest = MAX_PLATE_W if count <= 1 else 120
    spots = sorted((rng.uniform(vy + 0.35 * vh, vy + 0.92 * vh), rng.uniform(vx + 0.08 * vw, vx + 0.92 * vw),
                    plate_width(rng, largest) / s) for _ in range(count))
    plates, boxes = [], []
    for cy, cx, width in spots:  # far (high in the frame) first: nearer cars drawn over
        car_w = width * rng.uniform(3.3, 3.6)
        bottom = cy + 0.2 * car_w
        car = (cx - 0.5 * car_w, bottom - 0.8 * car_w, cx + 0.5 * car_w, bottom)
        plate_box = (cx - 0.6 * width, cy - 0.3 * width, cx + 0.6 * width, cy + 0.3 * width)
        if overlaps(car, boxes) or overlaps(plate_box, boxes):
            continue
        scene.draw_car(canvas, cx, bottom, car_w, rng)
        corners = paste(canvas, width, cx, cy, rng)
        plates.append((corners - (vx, vy), True))
        boxes.append(plate_box)
    for _ in range(rng.choice(3, p=[0.5, 0.3, 0.2])):
        paste_distractor(canvas, boxes, rng)
    view = canvas[vy:vy + vh, vx:vx + vw]
    if rng.random() < 0.3:
        scene.draw_overlay(view, rng)  # draws on float: degraded with the frame below
    return finish(view, plates, rng, stamp_probability=0.3)


# --- photos ---------------------------------------------------------------

def photo_frame(photo, box, rng):
    """One frame from a photo (BGR uint8) and its labelled plate box (x, y, w, h)."""
    canvas = photo.astype(np.float32)
    fh, fw = canvas.shape[:2]
    s = min(INPUT_W / fw, INPUT_H / fh)
    x, y, w, h = box
    plates = [(np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float64), False)]
    boxes = [(x, y, x + w, y + h)]
    for _ in range(rng.choice(4, p=[0.25, 0.45, 0.2, 0.1])):
        width = plate_width(rng) / s
        for _ in range(10 if 1.2 * width < fw else 0):
            cx, cy = rng.uniform(0.6 * width, fw - 0.6 * width), rng.uniform(0.3 * width, fh - 0.3 * width)
            plate_box = (cx - 0.6 * width, cy - 0.3 * width, cx + 0.6 * width, cy + 0.3 * width)
            if not overlaps(plate_box, boxes, 0.3):
                plates.append((paste(canvas, width, cx, cy, rng), True))
                boxes.append(plate_box)
                break
    for _ in range(rng.choice(3, p=[0.5, 0.3, 0.2])):
        paste_distractor(canvas, boxes, rng)
    return finish(canvas, plates, rng, stamp_probability=0.4)


# --- data sets ------------------------------------------------------------

_photos = {}  # per worker: photo path -> (BGR at working scale, box at that scale)


def load_photo(path, box):
    """A photo scaled to at most twice the detector's input scale, and its plate box."""
    if path not in _photos:
        photo = cv2.imread(str(path), cv2.IMREAD_COLOR)
        h, w = photo.shape[:2]
        f = min(1.0, 2 * min(INPUT_W / w, INPUT_H / h))
        photo = cv2.resize(photo, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
        _photos[path] = photo, tuple(np.asarray(box, np.float64) * f)
    return _photos[path]


def _render_chunk(job):
    seed, index, kind, items = job
    rng = np.random.default_rng([seed, index])
    frames = []
    if kind == "scene":
        for _ in range(items):
            background, horizon = scene_background(rng)
            frames += [scene_frame(background, horizon, rng) for _ in range(SCENE_VARIANTS)]
    else:
        frames = [photo_frame(*load_photo(path, box), rng) for path, box in items]
    return frames


def render_dataset(scene_backgrounds, photo_items, seed, processes=2, chunk=20):
    """Arrays (see the module doc) of scene_backgrounds * SCENE_VARIANTS scene frames and
    one photo frame per (path, box (x, y, w, h)) in photo_items."""
    jobs = [(seed, i, "scene", min(chunk, scene_backgrounds - k))
            for i, k in enumerate(range(0, scene_backgrounds, chunk))]
    jobs += [(seed, len(jobs) + i, "photo", photo_items[k:k + chunk * 2])
             for i, k in enumerate(range(0, len(photo_items), chunk * 2))]
    with multiprocessing.Pool(processes) as pool:
        frames = [f for part in pool.imap(_render_chunk, jobs) for f in part]
    corners = np.zeros((len(frames), MAX_PLATES, 4, 2), np.float32)
    present = np.zeros((len(frames), MAX_PLATES), bool)
    known = np.zeros((len(frames), MAX_PLATES), bool)
    for n, (_, plates) in enumerate(frames):
        for k, (quad, has_corners) in enumerate(plates[:MAX_PLATES]):
            corners[n, k], present[n, k], known[n, k] = quad, True, has_corners
    return {"inputs": np.stack([f[0] for f in frames]), "corners": corners,
            "present": present, "known": known}

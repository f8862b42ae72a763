"""Render the sample frames in images/ and their golden .expect.json files.

Each frame is a procedurally drawn road scene, seen by a roadside camera,
with at most one car whose front plate comes from plate_render. Fixed seeds
make reruns byte-identical (same numpy, Pillow and OpenCV).

Run from anywhere: /usr/bin/python3 models/train/make_sample_frames.py
"""
import json
import pathlib
import sys
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import plate_render  # noqa: E402

OUT_DIR = pathlib.Path(__file__).resolve().parents[2] / "images"
WIDTH, HEIGHT = 800, 600
SEED = 20240514
JPEG_QUALITY = 90
SIGN_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf"
CAR_COLOURS = (  # BGR
    (178, 178, 172), (92, 46, 24), (40, 38, 160), (222, 222, 220),
    (38, 38, 40), (70, 92, 70), (120, 110, 100), (30, 90, 150),
)


@dataclass(frozen=True)
class FrameSpec:
    """One sample frame; plate_format None means an empty road."""

    name: str
    plate_format: str | None = None
    pattern: str | None = None
    plate_width: int = 180  # px, before the perspective warp
    sign: str | None = None  # text of a roadside sign (a distractor)
    overlay: bool = False  # camera timestamp overlay (a distractor)
    light: float = 1.0
    two_line: bool = False  # a square two-line plate (plate_width is then its width)


FRAMES = (
    FrameSpec("be_01", "BE", plate_width=200, overlay=True),
    FrameSpec("be_02", "BE", plate_width=130, sign="ZONE 30", light=0.8),
    FrameSpec("be_old_01", "BE_OLD", plate_width=170),
    FrameSpec("nl_01", "NL", "LL-99-LL", plate_width=230, overlay=True),
    FrameSpec("nl_02", "NL", "99-LLL-9", plate_width=150, sign="Gent 12"),
    FrameSpec("fr_01", "FR", plate_width=190),
    FrameSpec("de_01", "DE", "@ LL N999", plate_width=260),
    FrameSpec("lu_01", "LU", plate_width=160, sign="N4 Arlon", light=0.9),
    FrameSpec("cz_01", "CZ", plate_width=210, overlay=True),
    FrameSpec("sk_01", "SK", plate_width=140),
    FrameSpec("uk_01", "UK", plate_width=110, sign="P+R 200m", light=0.75),
    FrameSpec("empty_road", sign="E40 Brussel", overlay=True),
    FrameSpec("fr_moto_01", "FR", plate_width=120, two_line=True),
)


def main():
    OUT_DIR.mkdir(exist_ok=True)
    for index, spec in enumerate(FRAMES):
        rng = np.random.default_rng([SEED, index])
        image, plates = render_frame(spec, rng)
        ok, jpeg = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
        assert ok
        (OUT_DIR / f"{spec.name}.jpg").write_bytes(jpeg.tobytes())
        golden = {"image": f"{spec.name}.jpg", "plates": plates}
        (OUT_DIR / f"{spec.name}.expect.json").write_text(json.dumps(golden, indent=2) + "\n")
        print(f"{spec.name}.jpg {len(jpeg) // 1024} KB {[p['display'] for p in plates]}")


def render_frame(spec, rng):
    """The frame as BGR uint8 and its golden plate list."""
    canvas = np.zeros((HEIGHT, WIDTH, 3), np.float32)
    horizon = int(rng.integers(200, 250))
    draw_background(canvas, horizon, rng)
    draw_road(canvas, horizon, rng)
    sign_left = rng.random() < 0.5
    car_x = WIDTH / 2 + (1 if sign_left else -1) * rng.uniform(0.05, 0.15) * WIDTH
    if spec.sign:
        draw_sign(canvas, spec.sign, horizon, sign_left, rng)
    plates = []
    if spec.plate_format:
        plates.append(draw_car_with_plate(canvas, spec, car_x, rng))
    image = degrade(canvas * spec.light, rng)
    if spec.overlay:
        draw_overlay(image, rng)
    return image, plates


# --- drawing primitives ---------------------------------------------------

def blend(canvas, mask, colour, alpha=1.0):
    """Paint `colour` (BGR or an image) through a 0..1 mask.

    Only the mask's bounding box is touched: outside it the mask is 0 and
    the canvas would stay as it is, bit for bit.
    """
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    if not len(rows):
        return
    box = slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)
    colour = np.asarray(colour, np.float32)
    m = mask[box][..., None] * alpha
    canvas[box] *= 1 - m
    canvas[box] += m * (colour[box] if colour.ndim == 3 else colour)


def poly_mask(points):
    """Anti-aliased 0..1 mask of a filled polygon."""
    mask = np.zeros((HEIGHT, WIDTH), np.uint8)
    pts = np.round(np.asarray(points) * 16).astype(np.int32)
    cv2.fillPoly(mask, [pts], 255, cv2.LINE_AA, shift=4)
    return mask.astype(np.float32) / 255


def rounded_rect(x0, y0, x1, y1, radius):
    """Outline points of a rounded rectangle."""
    r = min(radius, (x1 - x0) / 2, (y1 - y0) / 2)
    points = []
    for cx, cy, start in ((x1 - r, y0 + r, -90), (x1 - r, y1 - r, 0),
                          (x0 + r, y1 - r, 90), (x0 + r, y0 + r, 180)):
        for a in np.radians(np.arange(start, start + 91, 15)):
            points.append((cx + r * np.cos(a), cy + r * np.sin(a)))
    return points


def ellipse(cx, cy, rx, ry):
    a = np.radians(np.arange(0, 360, 10))
    return np.stack([cx + rx * np.cos(a), cy + ry * np.sin(a)], axis=1)


def vertical_gradient(top, bottom, y0, y1):
    """A full-frame colour image fading from `top` at y0 to `bottom` at y1."""
    t = np.clip((np.arange(HEIGHT, dtype=np.float32) - y0) / max(y1 - y0, 1), 0, 1)
    colours = np.outer(1 - t, top) + np.outer(t, bottom)
    return np.repeat(colours[:, None, :], WIDTH, axis=1).astype(np.float32)


def texture(rng, sigma, amount):
    """Smooth random luminance variation, one channel broadcast to three."""
    noise = cv2.GaussianBlur(rng.normal(0, 1, (HEIGHT, WIDTH)).astype(np.float32), (0, 0), sigma)
    return (noise / (noise.std() + 1e-6) * amount)[..., None]


# --- scene ----------------------------------------------------------------

def draw_background(canvas, horizon, rng):
    """Sky, then a row of buildings and trees standing on the horizon."""
    canvas[:] = vertical_gradient((205, 160, 120), (235, 222, 210), 0, horizon)
    x = int(rng.integers(-60, 0))
    while x < WIDTH:
        width = int(rng.integers(70, 190))
        if rng.random() < 0.3:
            draw_tree(canvas, x + width / 2, horizon, width, rng)
        else:
            draw_building(canvas, x, x + width, horizon, rng)
        x += width + int(rng.integers(0, 20))


def draw_building(canvas, x0, x1, horizon, rng):
    top = horizon - int(rng.integers(60, 190))
    colour = rng.choice([(95, 110, 150), (150, 160, 170), (120, 150, 185), (80, 85, 95)])
    blend(canvas, poly_mask([(x0, top), (x1, top), (x1, horizon), (x0, horizon)]),
          colour * (1 + texture(rng, 2, 0.04)))
    windows = np.zeros((HEIGHT, WIDTH), np.uint8)
    for wy in range(top + 10, horizon - 25, 28):
        for wx in range(x0 + 8, x1 - 18, 24):
            cv2.rectangle(windows, (wx, wy), (wx + 12, wy + 16), 255, -1)
    blend(canvas, windows.astype(np.float32) / 255, (70, 60, 50), 0.8)


def draw_tree(canvas, cx, horizon, width, rng):
    blend(canvas, poly_mask(rounded_rect(cx - 5, horizon - 50, cx + 5, horizon, 2)), (40, 60, 80))
    for _ in range(5):
        r = width * rng.uniform(0.25, 0.4)
        crown = ellipse(cx + rng.uniform(-0.25, 0.25) * width,
                        horizon - 60 - rng.uniform(0, 0.5) * width, r, r * 0.9)
        blend(canvas, poly_mask(crown), (40 + rng.uniform(0, 30), 100 + rng.uniform(0, 40), 60))


def draw_road(canvas, horizon, rng):
    """Pavement, asphalt in perspective, lane markings and a passing shadow."""
    blend(canvas, poly_mask([(0, horizon), (WIDTH, horizon), (WIDTH, HEIGHT), (0, HEIGHT)]),
          (150, 160, 165) * (1 + texture(rng, 1.5, 0.05)))
    vx = WIDTH / 2 + rng.uniform(-80, 80)
    edges = (-700 + rng.uniform(-80, 80), WIDTH + 700 + rng.uniform(-80, 80))
    asphalt = vertical_gradient((118, 118, 120), (92, 92, 96), horizon, HEIGHT)
    blend(canvas, poly_mask([(vx - 4, horizon), (vx + 4, horizon), (edges[1], HEIGHT),
                             (edges[0], HEIGHT)]),
          asphalt * (1 + texture(rng, 0.8, 0.08) + texture(rng, 25, 0.05)))
    for i, bottom_x in enumerate(np.linspace(edges[0], edges[1], 5)[1:-1]):
        draw_lane_line(canvas, vx, bottom_x, horizon, dashed=i != 1)
    for bottom_x in (edges[0] + 60, edges[1] - 60):
        draw_lane_line(canvas, vx, bottom_x, horizon, dashed=False)
    if rng.random() < 0.6:
        x = rng.uniform(0, WIDTH)
        shadow = poly_mask([(x, horizon), (x + 300, horizon), (x + 900, HEIGHT), (x - 200, HEIGHT)])
        canvas *= 1 - 0.3 * cv2.GaussianBlur(shadow, (0, 0), 8)[..., None]


def draw_lane_line(canvas, vx, bottom_x, horizon, dashed):
    """A 12 cm road line from the vanishing point; dashes 3 m, gaps 9 m."""
    depth_scale = (HEIGHT - horizon) * 4.0  # image row = horizon + depth_scale / metres

    def at(metres, side):
        y = horizon + depth_scale / metres
        t = (y - horizon) / (HEIGHT - horizon)
        return vx + (bottom_x - vx) * t + side * 0.12 * t * 70, y

    spans = [(m, m + 3) for m in np.arange(4, 120, 12)] if dashed else [(2, 400)]
    for near, far in spans:
        quad = [at(near, -1), at(near, 1), at(far, 1), at(far, -1)]
        blend(canvas, poly_mask(quad), (215, 220, 220), 0.9)


def draw_sign(canvas, text, horizon, on_left, rng):
    """A blue or white road sign on a pole near the left or right edge."""
    font = ImageFont.truetype(SIGN_FONT, 24)
    left, top, right, bottom = font.getbbox(text)
    blue = rng.random() < 0.5
    sign = Image.new("RGB", (right - left + 30, bottom - top + 24),
                     (160, 70, 20) if blue else (235, 235, 235))
    draw = ImageDraw.Draw(sign)
    ink = (240, 240, 240) if blue else (20, 20, 20)
    draw.rectangle((3, 3, sign.width - 4, sign.height - 4), outline=ink, width=3)
    draw.text((15 - left, 12 - top), text, font=font, fill=ink)
    margin = int(rng.integers(8, 25))
    x = margin if on_left else WIDTH - margin - sign.width
    y = horizon - int(rng.integers(40, 110))
    pole_x = x + sign.width / 2
    blend(canvas, poly_mask([(pole_x - 4, y), (pole_x + 4, y), (pole_x + 4, horizon + 120),
                             (pole_x - 4, horizon + 120)]), (120, 120, 125))
    canvas[y:y + sign.height, x:x + sign.width] = np.asarray(sign, np.float32)


def draw_car_with_plate(canvas, spec, plate_cx, rng):
    """A car seen from the front, its plate centred on column `plate_cx`;
    returns the golden plate entry."""
    plate_w = spec.plate_width
    car_w = plate_w * rng.uniform(3.3, 3.6)
    plate_cy = rng.uniform(HEIGHT * 0.62, HEIGHT * 0.75)
    draw_car(canvas, plate_cx, plate_cy + 0.2 * car_w, car_w, rng)
    display = plate_render.random_text(spec.plate_format, rng, spec.pattern)
    if spec.two_line:
        plate, _ = plate_render.render_two_line_plate(spec.plate_format, display, rng)
    else:
        plate = plate_render.render_plate(spec.plate_format, display, rng)
    corners = plate_corners(plate_cx, plate_cy, plate_w, plate_w * plate.shape[0] / plate.shape[1], rng)
    paste_plate(canvas, plate, corners)
    x0, y0 = np.floor(corners.min(axis=0)).astype(int)
    x1, y1 = np.ceil(corners.max(axis=0)).astype(int)
    return {"text": plate_render.plain_text(display), "display": display,
            "country": plate_render.FORMATS[spec.plate_format].country,
            "box": [int(x0), int(y0), int(x1 - x0 + 1), int(y1 - y0 + 1)]}


def draw_car(canvas, cx, bottom, w, rng):
    """Front view of a car, `w` px wide, wheels touching row `bottom`."""
    colour = np.asarray(CAR_COLOURS[rng.integers(len(CAR_COLOURS))], np.float32)
    shade = vertical_gradient(colour * 1.15, colour * 0.8, bottom - 0.8 * w, bottom)
    shadow = poly_mask(ellipse(cx, bottom, 0.6 * w, 0.06 * w))
    canvas *= 1 - 0.6 * cv2.GaussianBlur(shadow, (0, 0), 6)[..., None]
    for side in (-1, 1):
        wheel_x = cx + side * 0.38 * w
        blend(canvas, poly_mask(rounded_rect(wheel_x - 0.07 * w, bottom - 0.15 * w,
                                             wheel_x + 0.07 * w, bottom, 0.02 * w)), (25, 25, 27))
        mirror_x = cx + side * 0.47 * w
        blend(canvas, poly_mask(ellipse(mirror_x, bottom - 0.6 * w, 0.05 * w, 0.025 * w)), shade)
    cabin = [(cx - 0.37 * w, bottom - 0.8 * w), (cx + 0.37 * w, bottom - 0.8 * w),
             (cx + 0.45 * w, bottom - 0.5 * w), (cx - 0.45 * w, bottom - 0.5 * w)]
    blend(canvas, poly_mask(cabin), shade)
    glass = [(cx - 0.34 * w, bottom - 0.77 * w), (cx + 0.34 * w, bottom - 0.77 * w),
             (cx + 0.41 * w, bottom - 0.54 * w), (cx - 0.41 * w, bottom - 0.54 * w)]
    blend(canvas, poly_mask(glass), vertical_gradient((70, 60, 55), (35, 32, 30),
                                                      bottom - 0.77 * w, bottom - 0.54 * w))
    streak = [(cx - 0.1 * w, bottom - 0.77 * w), (cx + 0.02 * w, bottom - 0.77 * w),
              (cx - 0.12 * w, bottom - 0.54 * w), (cx - 0.24 * w, bottom - 0.54 * w)]
    blend(canvas, poly_mask(streak), (200, 200, 200), 0.15)
    blend(canvas, poly_mask(rounded_rect(cx - 0.5 * w, bottom - 0.55 * w, cx + 0.5 * w,
                                         bottom - 0.1 * w, 0.08 * w)), shade)
    blend(canvas, poly_mask(rounded_rect(cx - 0.49 * w, bottom - 0.29 * w, cx + 0.49 * w,
                                         bottom - 0.11 * w, 0.05 * w)), colour * 0.85)
    draw_grille(canvas, cx, bottom, w)
    for side in (-1, 1):
        x0, x1 = sorted((cx + side * 0.28 * w, cx + side * 0.46 * w))
        lamp = rounded_rect(x0, bottom - 0.42 * w, x1, bottom - 0.34 * w, 0.03 * w)
        blend(canvas, poly_mask(lamp), (200, 205, 205))
        inner = ellipse(cx + side * 0.4 * w, bottom - 0.38 * w, 0.035 * w, 0.025 * w)
        blend(canvas, poly_mask(inner), (250, 250, 245))
    blend(canvas, poly_mask(rounded_rect(cx - 0.3 * w, bottom - 0.16 * w, cx + 0.3 * w,
                                         bottom - 0.12 * w, 0.01 * w)), (30, 30, 32))


def draw_grille(canvas, cx, bottom, w):
    """Dark grille with bright horizontal bars: a classic false-plate lure."""
    blend(canvas, poly_mask(rounded_rect(cx - 0.2 * w, bottom - 0.44 * w, cx + 0.2 * w,
                                         bottom - 0.31 * w, 0.02 * w)), (32, 32, 34))
    for y in np.linspace(bottom - 0.42 * w, bottom - 0.33 * w, 5):
        bar = [(cx - 0.19 * w, y), (cx + 0.19 * w, y), (cx + 0.19 * w, y + 0.008 * w),
               (cx - 0.19 * w, y + 0.008 * w)]
        blend(canvas, poly_mask(bar), (150, 150, 150))


def plate_corners(cx, cy, w, h, rng):
    """Corners (tl, tr, br, bl) after a few degrees of roll, yaw and pitch."""
    yaw = rng.uniform(-0.06, 0.06)  # one vertical edge shorter than the other
    pitch = rng.uniform(0.0, 0.04)  # camera above: top edge shorter
    corners = np.array([(-w / 2 * (1 - pitch), -h / 2 * (1 - yaw)),
                        (w / 2 * (1 - pitch), -h / 2 * (1 + yaw)),
                        (w / 2, h / 2 * (1 + yaw)),
                        (-w / 2, h / 2 * (1 - yaw))])
    roll = np.radians(rng.uniform(-3, 3))
    rotation = np.array([[np.cos(roll), -np.sin(roll)], [np.sin(roll), np.cos(roll)]])
    return corners @ rotation.T + (cx, cy)


def paste_plate(canvas, plate, corners):
    """Warp the plate onto its corners, with a soft recess shadow below it."""
    w = int(np.ptp(corners[:, 0]))
    h = round(w * plate.shape[0] / plate.shape[1])
    small = cv2.resize(plate, (w, h), interpolation=cv2.INTER_AREA).astype(np.float32)
    src = np.float32([(0, 0), (w - 1, 0), (w - 1, h - 1), (0, h - 1)])
    warp = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    size = canvas.shape[1], canvas.shape[0]
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), warp, size)
    image = cv2.warpPerspective(small, warp, size)
    recess = cv2.GaussianBlur(np.roll(mask, 2, axis=0), (0, 0), 1.5)
    blend(canvas, recess, (20, 20, 20), 0.6)
    canvas *= 1 - mask[..., None]
    canvas += image  # warpPerspective already weighted the edges by coverage


def degrade(canvas, rng):
    """Camera optics and sensor: mild blur, vignetting, noise; returns uint8."""
    image = cv2.GaussianBlur(canvas, (0, 0), rng.uniform(0.6, 0.9))
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    radius = ((xx - WIDTH / 2) ** 2 + (yy - HEIGHT / 2) ** 2) / (WIDTH / 2) ** 2
    image *= (1 - 0.12 * radius)[..., None]
    image += rng.normal(0, 2.5, image.shape).astype(np.float32)
    return np.clip(image, 0, 255).astype(np.uint8)


def draw_overlay(image, rng):
    """Camera timestamp and id, burnt in as many roadside cameras do."""
    stamp = f"2024-05-14 08:{rng.integers(60):02d}:{rng.integers(60):02d}  CAM-0{rng.integers(1, 5)}"
    for colour, thickness in (((0, 0, 0), 4), ((255, 255, 255), 1)):
        cv2.putText(image, stamp, (12, 28), cv2.FONT_HERSHEY_SIMPLEX, 0.7, colour, thickness,
                    cv2.LINE_AA)


if __name__ == "__main__":
    main()

"""Rendered negatives: text and textures a localizer proposes that are not plates.

Road signs, camera timestamp overlays, grille bars, car badges and plain
photo patches, framed and degraded exactly like render_crops' plates
(render_crops.frame_on_background), so that content is the only difference.
Their label is empty: the reader must output nothing but CTC blanks.
"""
import multiprocessing

import numpy as np
from PIL import Image, ImageDraw, ImageFont

import render_crops

_FONTS = "/usr/share/fonts/truetype/"
SIGN_FONTS = tuple(_FONTS + f for f in (
    "dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf", "dejavu/DejaVuSansCondensed.ttf",
    "dejavu/DejaVuSansCondensed-Bold.ttf", "liberation/LiberationSans-Regular.ttf",
    "liberation/LiberationSans-Bold.ttf", "liberation/LiberationSansNarrow-Regular.ttf",
    "liberation/LiberationSansNarrow-Bold.ttf"))
STAMP_FONTS = SIGN_FONTS + tuple(_FONTS + f for f in (
    "dejavu/DejaVuSansMono.ttf", "dejavu/DejaVuSansMono-Bold.ttf",
    "liberation/LiberationMono-Regular.ttf"))
BADGE_FONTS = SIGN_FONTS + tuple(_FONTS + f for f in (
    "dejavu/DejaVuSerif-Bold.ttf", "liberation/LiberationSerif-Bold.ttf",
    "dejavu/DejaVuSans-BoldOblique.ttf"))
PLACES = ("Gent", "Brussel", "Bruxelles", "Antwerpen", "Brugge", "Leuven", "Namur", "Mons",
          "Hasselt", "Aalst", "Liege", "Mechelen", "Kortrijk", "Oostende", "Utrecht", "Breda",
          "Lille", "Paris", "Aachen", "Koln", "Centrum", "Parking", "Station", "Ring",
          "Haven", "Luchthaven", "Zuid", "Noord", "Industrie", "Ziekenhuis", "Markt")
SIGN_TEMPLATES = ("{p}", "{p} {n}", "{P} {n}", "E{n} {p}", "{p} {n} km", "ZONE {n}", "Zone {n}",
                  "P {p}", "{p}straat {n}", "{n} m", "R{n} {P}", "{P}", "A{n} {p}", "{n}:00-{n}:00")
BADGES = ("TOYOTA", "Golf", "TDI", "320d", "HYBRID", "quattro", "A4", "Clio", "4MOTION", "GTI",
          "Corolla", "AMG", "V6", "Transit", "PEUGEOT", "RENAULT", "KIA", "Sprinter", "xDrive",
          "1.6 HDi", "Polo", "FORD", "E 220", "SKODA", "Octavia", "DACIA", "Model 3", "CDI")
SIGN_COLOURS = ((245, 20), (245, 20), (60, 245), (80, 240), (205, 20), (95, 235), (245, 150))
CHUNK = 500


def render_negative(kind, rng):
    """One degraded 32x128 crop of a non-plate of `kind` (a KINDS key)."""
    char_h = np.exp(rng.uniform(np.log(9), np.log(36)))  # on the camera's sensor
    obj, text_box = KINDS[kind](rng)
    return render_crops.frame_on_background(obj, text_box, char_h, rng)


def _font(paths, size, rng):
    return ImageFont.truetype(paths[rng.integers(len(paths))], size)


def _text_on(ground, text, font, xy, fill, rng, stroke=0, stroke_fill=0, shadow=None):
    """Draw `text` on the grey PIL image at xy (left, baseline); returns its box."""
    draw = ImageDraw.Draw(ground)
    if shadow is not None:
        draw.text((xy[0] + shadow, xy[1] + shadow), text, font=font, fill=stroke_fill,
                  anchor="ls")
    draw.text(xy, text, font=font, fill=fill, anchor="ls", stroke_width=stroke,
              stroke_fill=stroke_fill)
    return draw.textbbox(xy, text, font=font, anchor="ls", stroke_width=stroke)


def sign_text(rng):
    place = PLACES[rng.integers(len(PLACES))]
    template = SIGN_TEMPLATES[rng.integers(len(SIGN_TEMPLATES))]
    return template.format(p=place, P=place.upper(), n=int(rng.integers(1, 120)))


def _sign(rng):
    """A road sign: one or two lines of words and numbers on a bordered plate."""
    size = int(rng.integers(28, 48))
    font = _font(SIGN_FONTS, size, rng)
    lines = [sign_text(rng) for _ in range(int(rng.integers(1, 3)))]
    width = max(int(font.getlength(t)) for t in lines) + int(size * rng.uniform(0.6, 2.0))
    height = int(size * (1.25 * len(lines) + rng.uniform(0.3, 0.9)))
    ground, ink = SIGN_COLOURS[rng.integers(len(SIGN_COLOURS))]
    img = Image.new("L", (width, height), int(ground + rng.integers(-8, 9)))
    margin = size // 8
    ImageDraw.Draw(img).rounded_rectangle((margin, margin, width - 1 - margin, height - 1 - margin),
                                          radius=size // 3, outline=ink, width=max(2, size // 12))
    row = int(rng.integers(len(lines)))
    top = (height - 1.25 * size * len(lines)) / 2
    boxes = [_text_on(img, t, font, ((width - font.getlength(t)) / 2, top + size * (1.25 * k + 1)),
                      ink, rng) for k, t in enumerate(lines)]
    return np.asarray(img, np.float32), boxes[row]


def _timestamp(rng):
    """A camera overlay: date and time or a camera name in white over a photo patch."""
    size = int(rng.integers(24, 40))
    font = _font(STAMP_FONTS, size, rng)
    date = f"{rng.integers(2019, 2027)}-{rng.integers(1, 13):02}-{rng.integers(1, 29):02}"
    clock = f"{rng.integers(24):02}:{rng.integers(60):02}:{rng.integers(60):02}"
    text = (f"{date} {clock}", date, clock, f"CAM-{rng.integers(1, 20):02}",
            f"CAM-{rng.integers(1, 20):02} {date} {clock}", f"{date} {clock} CAM{rng.integers(9)}")
    text = text[rng.integers(len(text))]
    width, height = int(font.getlength(text) + size * rng.uniform(1, 3)), int(size * 2)
    img = Image.fromarray(np.clip(render_crops.background(height, width, rng), 0, 255)
                          .astype(np.uint8))
    style = rng.integers(3)  # plain, dark outline, drop shadow
    box = _text_on(img, text, font, (size * 0.5, size * 1.4), int(rng.integers(215, 256)), rng,
                   stroke=int(rng.integers(1, 3)) if style == 1 else 0,
                   stroke_fill=int(rng.integers(0, 60)),
                   shadow=int(rng.integers(1, 3)) if style == 2 else None)
    return np.asarray(img, np.float32), box


def _grille(rng):
    """Grille bars: horizontal or vertical stripes, or a mesh, in dark and chrome greys."""
    height = int(rng.integers(30, 60))
    width = int(height * rng.uniform(2.5, 6))
    img = np.full((height, width), rng.uniform(10, 80), np.float32)
    bar, metal = rng.uniform(2, 10), rng.uniform(100, 240)
    period = bar + rng.uniform(2, 12)
    ys, xs = np.mgrid[0:height, 0:width]
    pattern = rng.integers(3)
    across = ys if pattern == 0 else xs
    stripes = (across % period) < bar
    if pattern == 2:
        stripes |= (ys % period) < bar
    img[stripes] = metal + (ys[stripes] / height) * rng.uniform(-60, 20)
    top = int(rng.integers(0, height // 3))
    return img, (0, top, width, height - top // 2)


def _badge(rng):
    """Chrome or dark lettering of a car badge on a car-body grey."""
    size = int(rng.integers(26, 44))
    font = _font(BADGE_FONTS, size, rng)
    text = BADGES[rng.integers(len(BADGES))]
    width, height = int(font.getlength(text) + size * rng.uniform(1, 3)), int(size * 1.8)
    body = rng.uniform(20, 230)
    img = Image.fromarray(np.full((height, width), body, np.uint8))
    ink = int(rng.integers(200, 256)) if body < 140 or rng.random() < 0.5 else int(rng.integers(0, 50))
    box = _text_on(img, text, font, (size * 0.5, size * 1.35), ink, rng,
                   stroke=int(rng.integers(0, 2)), stroke_fill=int(rng.integers(0, 90)))
    return np.asarray(img, np.float32), box


def _photo(rng):
    """A plain photo patch or texture with a text-row-sized box in it."""
    height = int(rng.integers(30, 60))
    width = int(height * rng.uniform(2.5, 6))
    img = render_crops.background(height, width, rng)
    row = height * rng.uniform(0.3, 0.7)
    top = rng.uniform(0, height - row)
    return img, (0, top, width, top + row)


KINDS = {"sign": _sign, "timestamp": _timestamp, "grille": _grille, "badge": _badge,
         "photo": _photo}


def _render_chunk(args):
    seed, index, kinds = args
    rng = np.random.default_rng([seed, index, 1])  # 1: a stream apart from the plates'
    return np.stack([render_negative(kind, rng) for kind in kinds])


def render_dataset(count, seed, processes=2):
    """(crops uint8 (N, 32, 128), kinds): `count` negatives, the KINDS in turn."""
    kinds = [list(KINDS)[i % len(KINDS)] for i in range(count)]
    jobs = [(seed, i, kinds[i * CHUNK:(i + 1) * CHUNK])
            for i in range((count + CHUNK - 1) // CHUNK)]
    with multiprocessing.Pool(processes) as pool:
        return np.concatenate(pool.map(_render_chunk, jobs, chunksize=1)), kinds

"""Draw synthetic licence plates (EU layouts and the UK) as BGR images.

The renderer knows each country's colours, EU band and plate texts; scene
composition and degradations (perspective, blur, noise) belong to callers.
All randomness comes from the numpy Generator passed in, so output is
deterministic for a given seed.
"""
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Bold.ttf",
)
BAND_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

WHITE = (246, 246, 241)
YELLOW = (250, 202, 22)
BLACK = (22, 22, 24)
BE_RED = (168, 24, 46)
EU_BLUE = (0, 51, 153)
STAR_YELLOW = (255, 204, 0)

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# Plate geometry in millimetres (EU 520 x 110).
BORDER_INSET_MM = 1.5
BORDER_WIDTH_MM = 2.0
BAND_WIDTH_MM = 40.0
TEXT_MARGIN_MM = 7.0
CAP_HEIGHT = 0.58  # character height as a fraction of plate height
TWO_LINE_CAP_HEIGHT = 0.3  # on a two-line plate, each row's


@dataclass(frozen=True)
class PlateFormat:
    """Look and valid texts of one country's plates.

    Pattern tokens: L letter from `letters`, 9 digit, N digit 1-9,
    @ one of `areas`; anything else is printed as is.
    """

    country: str  # code in goldens and the firmware's plates stage
    background: tuple
    ink: tuple
    border: tuple
    band: str | None  # EU band code; None: no band
    patterns: tuple
    letters: str = LETTERS
    areas: tuple = ()
    right_band: bool = False  # FR: optional blue region band on the right
    size_mm: tuple = (520, 110)


NL_LETTERS = "BDFGHJKLNPRSTVXZ"

FORMATS = {
    "BE": PlateFormat("BE", WHITE, BE_RED, BE_RED, "B", ("@-LLL-999",), areas=("1", "2")),
    "BE_OLD": PlateFormat("BE", WHITE, BE_RED, BE_RED, "B", ("LLL-999",)),
    "NL": PlateFormat(
        "NL", YELLOW, BLACK, BLACK, "NL",
        ("LL-99-99", "99-99-LL", "99-LL-99", "LL-99-LL", "LL-LL-99", "99-LL-LL",
         "99-LLL-9", "9-LLL-99", "LL-999-L", "L-999-LL", "LLL-99-L", "L-99-LLL",
         "9-LL-999", "999-LL-9"),
        letters=NL_LETTERS,
    ),
    "FR": PlateFormat("FR", WHITE, BLACK, BLACK, "F", ("LL-999-LL",),
                      letters="ABCDEFGHJKLMNPQRSTVWXYZ", right_band=True),
    "DE": PlateFormat("DE", WHITE, BLACK, BLACK, "D", ("@ L N9", "@ LL N99", "@ LL N999"),
                      areas=("M", "B", "K", "F", "S", "HH", "KA", "DO", "AC", "MZ", "BN")),
    "LU": PlateFormat("LU", YELLOW, BLACK, BLACK, "L", ("LL 9999",)),
    "CZ": PlateFormat("CZ", WHITE, BLACK, BLACK, "CZ", ("NL9 9999",),
                      letters="ABCEHJKLMPSTUZ"),
    "SK": PlateFormat("SK", WHITE, BLACK, BLACK, "SK", ("@-999LL",),
                      areas=("BA", "BB", "KE", "NR", "PO", "TN", "TT", "ZA")),
    "UK": PlateFormat("UK", WHITE, BLACK, BLACK, None, ("LL99 LLL",),
                      letters="ABCDEFGHJKLMNOPRSTUVWXY", size_mm=(520, 111)),
}


def random_text(country, rng, pattern=None):
    """A valid printed plate text (with separators) for a FORMATS key."""
    fmt = FORMATS[country]
    pattern = pattern or fmt.patterns[rng.integers(len(fmt.patterns))]
    return "".join(_random_char(token, fmt, rng) for token in pattern)


def _random_char(token, fmt, rng):
    if token == "L":
        return fmt.letters[rng.integers(len(fmt.letters))]
    if token == "9":
        return str(rng.integers(10))
    if token == "N":
        return str(rng.integers(1, 10))
    if token == "@":
        return fmt.areas[rng.integers(len(fmt.areas))]
    return token


def plain_text(display):
    """The plate text without separators, as the firmware reports it."""
    return "".join(c for c in display if c.isalnum()).upper()


def render_plate(country, display, rng, px_per_mm=2.0):
    """A frontal plate of FORMATS[country] printing `display`, as BGR uint8."""
    return render_plate_with_text_box(country, display, rng, px_per_mm)[0]


def render_plate_with_text_box(country, display, rng, px_per_mm=2.0):
    """Like render_plate, also returning the text row's box (x0, y0, x1, y1) in pixels.

    The box spans the printed characters' width and their cap height.
    """
    fmt = FORMATS[country]
    width, height = (round(v * px_per_mm) for v in fmt.size_mm)
    img, left, right, inner = _blank_plate(fmt, width, height, rng, px_per_mm)
    if fmt.right_band and rng.random() < 0.5:
        right = _draw_region_band(ImageDraw.Draw(img), str(rng.integers(1, 96)).zfill(2),
                                  right, inner, height - inner, px_per_mm)
    _draw_border(ImageDraw.Draw(img), fmt.border, width, height, px_per_mm)
    margin = round(TEXT_MARGIN_MM * px_per_mm)
    font = FONTS[rng.integers(len(FONTS))]
    box = _draw_text(img, display, font, fmt.ink, left + margin, right - margin,
                     round(CAP_HEIGHT * height))
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR), box


def split_lines(display):
    """`display` as a two-line plate prints it: cut at the separator nearest
    its middle (FR "AB-123-CD" gives "AB-123" over "CD"); a text without
    separators is cut in half."""
    cuts = [i for i, c in enumerate(display) if not c.isalnum()]
    if not cuts:
        middle = len(display) // 2
        return display[:middle], display[middle:]
    cut = min(cuts, key=lambda i: abs(i - len(display) / 2))
    return display[:cut].strip(" -"), display[cut + 1:].strip(" -")


def render_two_line_plate(country, display, rng, px_per_mm=2.0):
    """A square two-line plate (motorcycles, imported cars: 280 x 200 mm) of
    FORMATS[country] printing `display` split by split_lines, as BGR uint8,
    with the two text rows' boxes (x0, y0, x1, y1), top first."""
    fmt = FORMATS[country]
    width, height = round(280 * px_per_mm), round(200 * px_per_mm)
    img, left, right, inner = _blank_plate(fmt, width, height, rng, px_per_mm)
    _draw_border(ImageDraw.Draw(img), fmt.border, width, height, px_per_mm)
    margin = round(TEXT_MARGIN_MM * px_per_mm / 2)
    font = FONTS[rng.integers(len(FONTS))]
    cap = round(TWO_LINE_CAP_HEIGHT * height)
    middle = height // 2
    boxes = [_draw_text(img, line, font, fmt.ink, left + margin, right - margin, cap, y0, y1)
             for line, (y0, y1) in zip(split_lines(display),
                                       ((inner, middle), (middle, height - inner)))]
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR), boxes


def _blank_plate(fmt, width, height, rng, mm):
    """The plate's ground and EU band (the border comes last, over any other
    band); returns the image, the left and right ends of the room for text,
    and the border's inner inset."""
    img = Image.new("RGB", (width, height), _jitter(fmt.background, rng))
    draw = ImageDraw.Draw(img)
    inner = round((BORDER_INSET_MM + BORDER_WIDTH_MM) * mm)
    left, right = inner, width - inner
    if fmt.band:
        left = _draw_eu_band(draw, fmt.band, left, inner, height - inner, mm)
    return img, left, right, inner


def _jitter(rgb, rng, amount=6):
    return tuple(int(np.clip(c + rng.integers(-amount, amount + 1), 0, 255)) for c in rgb)


def _draw_border(draw, colour, width, height, mm):
    inset = BORDER_INSET_MM * mm
    draw.rounded_rectangle((inset, inset, width - 1 - inset, height - 1 - inset),
                           radius=5 * mm, outline=colour, width=round(BORDER_WIDTH_MM * mm))


def _draw_eu_band(draw, code, x0, y0, y1, mm):
    """Blue band with 12 stars and the country code; returns its right edge."""
    x1 = x0 + round(BAND_WIDTH_MM * mm)
    draw.rectangle((x0, y0, x1, y1), fill=EU_BLUE)
    cx, cy = (x0 + x1) / 2, y0 + 28 * mm
    for k in range(12):
        angle = np.radians(30 * k)
        _draw_star(draw, cx + 13 * mm * np.cos(angle), cy + 13 * mm * np.sin(angle), 2.8 * mm)
    size = 26 if len(code) < 2 else 20
    font = _font_for_cap_height(BAND_FONT, round(size * mm))
    draw.text((cx, y1 - 8 * mm), code, font=font, fill=WHITE, anchor="ms")
    return x1


def _draw_region_band(draw, department, x1, y0, y1, mm):
    """French right band: region logo and department number; returns its left edge."""
    x0 = x1 - round(BAND_WIDTH_MM * mm)
    draw.rectangle((x0, y0, x1, y1), fill=EU_BLUE)
    cx = (x0 + x1) / 2
    draw.ellipse((cx - 12 * mm, y0 + 12 * mm, cx + 12 * mm, y0 + 36 * mm), fill=STAR_YELLOW)
    font = _font_for_cap_height(BAND_FONT, round(22 * mm))
    draw.text((cx, y1 - 8 * mm), department, font=font, fill=WHITE, anchor="ms")
    return x0


def _draw_star(draw, cx, cy, radius):
    angles = np.radians(np.arange(10) * 36 - 90)
    radii = np.where(np.arange(10) % 2 == 0, radius, radius * 0.4)
    draw.polygon(list(zip(cx + radii * np.cos(angles), cy + radii * np.sin(angles))),
                 fill=STAR_YELLOW)


def _draw_text(img, text, font_path, ink, x0, x1, cap_px, y0=0, y1=None):
    """Centre `text` between x0 and x1 and between rows y0 and y1 (default:
    the whole height), squeezed horizontally if it is too wide.

    Returns the text row's box (x0, y0, x1, y1): the drawn width by the cap height.
    """
    y1 = img.height if y1 is None else y1
    font = _font_for_cap_height(font_path, cap_px)
    left, _, right, _ = font.getbbox(text, anchor="ls")
    baseline = (y1 - y0 + cap_px) // 2
    layer = Image.new("L", (right - left, y1 - y0), 0)
    ImageDraw.Draw(layer).text((-left, baseline), text, font=font, fill=255, anchor="ls")
    width = min(layer.width, x1 - x0)
    layer = layer.resize((width, y1 - y0), Image.LANCZOS)
    start = x0 + (x1 - x0 - width) // 2
    img.paste(ink, (start, y0, start + width, y1), layer)
    return start, y0 + baseline - cap_px, start + width, y0 + baseline


@lru_cache(maxsize=None)
def _font_for_cap_height(path, cap_px):
    """The font at the size whose capital H is `cap_px` pixels tall."""
    probe = ImageFont.truetype(path, 200)
    _, top, _, bottom = probe.getbbox("H", anchor="ls")
    return ImageFont.truetype(path, round(200 * cap_px / (bottom - top)))

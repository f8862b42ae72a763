"""Rendered two-line plates (motorcycles, square plates) as the reader sees
them: the whole plate cut out as the detector frames it, degraded, then its
two rows set side by side, top row first, as the firmware's
ocr/two_line.cpp does, and stretched to the reader's 128x32 input.
Used by train_reader (training) and export_reader (validation).
"""
import multiprocessing

import cv2
import numpy as np

import crop_augment
import plate_render
import render_crops

COUNTRIES = ("BE", "NL", "FR", "DE", "LU", "CZ", "SK")
CHUNK = 500


def as_one_line(grey, cut):
    """The rows above and below row `cut` side by side, each scaled to half
    the crop's height (firmware: ocr::two_rows_as_one)."""
    row_h = max(1, grey.shape[0] // 2)

    def scaled(row):
        width = max(1, row.shape[1] * row_h // max(1, row.shape[0]))
        return cv2.resize(row, (width, row_h), interpolation=cv2.INTER_AREA)

    return np.hstack([scaled(grey[:cut]), scaled(grey[cut:])])


def render_crop(country, rng):
    """One 32x128 reader input of a two-line `country` plate and its plain label."""
    display = plate_render.random_text(country, rng)
    char_h = np.exp(rng.uniform(np.log(9), np.log(30)))  # each row, on the sensor
    px_per_mm = max(0.35, char_h / (plate_render.TWO_LINE_CAP_HEIGHT * 200))
    plate, _ = plate_render.render_two_line_plate(country, display, rng, px_per_mm)
    plate = cv2.cvtColor(plate, cv2.COLOR_BGR2GRAY).astype(np.float32)
    ph, pw = plate.shape
    canvas = render_crops.background(3 * ph, pw + 2 * ph, rng)
    canvas[ph:2 * ph, ph:ph + pw] = plate
    left, right = (rng.uniform(-0.08, 0.03, size=2) * ph) * [1, -1] + [0, pw]
    top, bottom = (rng.uniform(-0.08, 0.03, size=2) * ph) * [1, -1] + [0, ph]
    quad = np.float32([[left, top], [right, top], [right, bottom], [left, bottom]]) + ph
    quad = crop_augment.jitter_quad(quad, rng, max_angle=3.0, corner_jitter=0.02)
    out_h = max(24, round(char_h / plate_render.TWO_LINE_CAP_HEIGHT))
    crop = crop_augment.warp_quad(np.clip(canvas, 0, 255).astype(np.uint8), quad, out_h)
    crop = crop_augment.degrade(crop, rng)
    cut = int(round(out_h * rng.uniform(0.47, 0.53)))
    return crop_augment.to_input(as_one_line(crop, cut)), plate_render.plain_text(display)


def _render_chunk(args):
    seed, index, countries = args
    rng = np.random.default_rng([seed, index])
    crops = [render_crop(country, rng) for country in countries]
    return np.stack([c for c, _ in crops]), [label for _, label in crops]


def render_dataset(count, seed, processes=2):
    """(crops uint8 (N, 32, 128), labels, countries), countries drawn evenly."""
    picks = np.random.default_rng(seed).integers(len(COUNTRIES), size=count)
    countries = [COUNTRIES[i] for i in picks]
    jobs = [(seed, i, countries[i * CHUNK:(i + 1) * CHUNK])
            for i in range((count + CHUNK - 1) // CHUNK)]
    with multiprocessing.Pool(processes) as pool:
        parts = pool.map(_render_chunk, jobs, chunksize=1)
    crops = np.concatenate([p[0] for p in parts])
    return crops, [label for p in parts for label in p[1]], countries


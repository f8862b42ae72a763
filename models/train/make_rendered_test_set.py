"""Render the per-country test set: roadside frames like those in images/,
one folder per country (and one of two-line plates of BE, NL, FR, DE and LU),
each with a ground_truth.csv that `anpr eval` reads.

The seed is the test set's own (the sample frames, the reader's and the
detector's training data use others), so the scenes, texts and plates are
ones training never saw. Nothing here is committed: run

    /usr/bin/python3 models/train/make_rendered_test_set.py --out /tmp/anpr-rendered-test

or scripts/eval-rendered, which renders the set when it is missing and
scores every country.
"""
import argparse
import csv
import pathlib
import sys

import cv2
import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import make_sample_frames as frames  # noqa: E402

SEED = 20261129
COUNTRIES = ("BE", "BE_OLD", "NL", "FR", "DE", "LU")
TWO_LINE = "two_line"  # a folder of square two-line plates of the countries above, mixed
SIGNS = ("ZONE 30", "Gent 12", "N4 Arlon", "E40 Brussel", "P+R 200m", "Liège 25")


def frame_spec(name, country, rng, two_line=False):
    """A roadside frame of `country`: plate 100-260 px wide in 800x600
    (about 240-620 px in a 1080p frame; two-line plates 70-150 px), a sign or
    a timestamp overlay half of the time, light from dusk to bright."""
    return frames.FrameSpec(
        name, country, two_line=two_line,
        plate_width=int(rng.integers(70, 151) if two_line else rng.integers(100, 261)),
        sign=SIGNS[rng.integers(len(SIGNS))] if rng.random() < 0.5 else None,
        overlay=bool(rng.random() < 0.5),
        light=float(rng.uniform(0.7, 1.1)),
    )


def render_country(country, count, out):
    """`count` frames of `country` (or of TWO_LINE) in their own folder, with its ground truth."""
    folder = out / country.lower()
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for index in range(count):
        if country == TWO_LINE:
            rng = np.random.default_rng([SEED, len(COUNTRIES), index])
            plate_country = ("BE", "NL", "FR", "DE", "LU")[index % 5]
            spec = frame_spec(f"two_line_{index:03d}", plate_country, rng, two_line=True)
        else:
            rng = np.random.default_rng([SEED, COUNTRIES.index(country), index])
            spec = frame_spec(f"{country.lower()}_{index:03d}", country, rng)
        image, plates = frames.render_frame(spec, rng)
        name = f"{spec.name}.jpg"
        cv2.imwrite(str(folder / name), image, [cv2.IMWRITE_JPEG_QUALITY, frames.JPEG_QUALITY])
        plate = plates[0]
        rows.append([name, plate["text"], *plate["box"]])
    with open(folder / "ground_truth.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["image", "plate_text", "x", "y", "w", "h"])
        writer.writerows(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--per-country", type=int, default=200)
    args = parser.parse_args()
    for country in (*COUNTRIES, TWO_LINE):
        render_country(country, args.per_country, args.out)
        print(f"{country}: {args.per_country} frames in {args.out / country.lower()}")


if __name__ == "__main__":
    main()

"""Writes two_line_fr.png: a rendered French two-line plate (FR "GH-318" over
"KT"), grey, 160 px high, for the test that the shipped reader reads two-line
plates through ocr::two_rows_as_one.

    /usr/bin/python3 tests/data/make_two_line_plate.py
"""
import pathlib
import sys

import cv2
import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "models" / "train"))
import plate_render  # noqa: E402

plate, _ = plate_render.render_two_line_plate("FR", "GH-318-KT", np.random.default_rng(7), 0.8)
grey = cv2.cvtColor(plate, cv2.COLOR_BGR2GRAY)
cv2.imwrite(str(pathlib.Path(__file__).with_name("two_line_fr.png")), grey)

"""The detector's stride-4 grid: plates -> training targets, and network output -> plates.

A plate is its four outer corners (tl, tr, br, bl) in input pixels; its
centre is the centre of their axis-aligned box, its size that box's width
and height. Targets, in cells of 4 pixels (detector_model's contract):

- heat (1, H, W): an elliptical gaussian per plate (sigma 0.54 / 6 of the
  box in cells each way, at least 0.5), exactly 1 at the cell holding the
  centre; the focal loss counts only those cells as positives;
- regression (12, H, W) on the 3x3 cells around the centre: centre offset
  from the cell's corner, box width and height, corners relative to the
  centre; `weight` is the gaussian's value there, `corner_weight` the same
  where the corners are known (0 for the real photos' axis-aligned boxes).
"""
import cv2
import numpy as np

from detector_model import REGRESSION, STRIDE

SIGMA_FRACTION = 0.54 / 6
MIN_SIGMA = 0.5


def encode(plates, grid_h, grid_w):
    """(heat, regression, weight, corner_weight) float32 for [(corners (4, 2), known)]."""
    heat = np.zeros((grid_h, grid_w), np.float32)
    regression = np.zeros((REGRESSION, grid_h, grid_w), np.float32)
    weight = np.zeros((grid_h, grid_w), np.float32)
    corner_weight = np.zeros((grid_h, grid_w), np.float32)
    xs = np.arange(grid_w, dtype=np.float32) + 0.5
    ys = np.arange(grid_h, dtype=np.float32)[:, None] + 0.5
    for corners, known in plates:
        (x0, y0), (x1, y1) = corners.min(axis=0), corners.max(axis=0)
        centre = np.array([(x0 + x1) / 2, (y0 + y1) / 2]) / STRIDE
        size = np.array([x1 - x0, y1 - y0]) / STRIDE
        gx, gy = np.floor(centre).astype(int)
        if not (0 <= gx < grid_w and 0 <= gy < grid_h):
            continue
        sx, sy = np.maximum(MIN_SIGMA, SIGMA_FRACTION * size)
        gauss = np.exp(-(xs - centre[0]) ** 2 / (2 * sx * sx) - (ys - centre[1]) ** 2 / (2 * sy * sy))
        gauss[gy, gx] = 1.0
        np.maximum(heat, gauss, out=heat)
        relative = ((corners - centre * STRIDE) / STRIDE).ravel()
        for cy in range(max(0, gy - 1), min(grid_h, gy + 2)):
            for cx in range(max(0, gx - 1), min(grid_w, gx + 2)):
                if gauss[cy, cx] <= weight[cy, cx]:
                    continue  # a nearer plate owns this cell
                weight[cy, cx] = gauss[cy, cx]
                corner_weight[cy, cx] = gauss[cy, cx] if known else 0.0
                regression[:, cy, cx] = np.concatenate([centre - (cx, cy), size, relative])
    return heat[None], regression, weight, corner_weight


def decode(output, threshold):
    """Plates in one output (13, H, W): [(score, box (x0, y0, x1, y1), corners (4, 2))]
    in input pixels, best first, from the local maxima (3x3) of the score above threshold."""
    score = output[0]
    peaks = (score >= threshold) & (score == cv2.dilate(score, np.ones((3, 3), np.uint8)))
    plates = []
    for gy, gx in zip(*np.nonzero(peaks)):
        reg = output[1:, gy, gx]
        centre = (np.array([gx, gy]) + reg[0:2]) * STRIDE
        half = reg[2:4] * STRIDE / 2
        corners = centre + STRIDE * reg[4:12].reshape(4, 2)
        plates.append((float(score[gy, gx]), np.concatenate([centre - half, centre + half]),
                       corners))
    return sorted(plates, key=lambda p: -p[0])


def box_of(corners):
    """Axis-aligned box (x0, y0, x1, y1) of corners (4, 2)."""
    return np.concatenate([corners.min(axis=0), corners.max(axis=0)])


def iou(a, b):
    """Intersection over union of two boxes (x0, y0, x1, y1)."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    inter = max(0.0, w) * max(0.0, h)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0

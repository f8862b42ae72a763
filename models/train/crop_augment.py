"""Camera-like degradations shared by rendered and real crops.

A crop is warped from its source quad to a small intermediate size (the
pixels a roadside camera would have), degraded there, and finally stretched
to the reader's 128x32 input exactly as the firmware does (`to_input`).
"""
import cv2
import numpy as np

INPUT_W, INPUT_H = 128, 32


def to_input(grey):
    """Stretch a grey crop to 128x32: INTER_AREA when shrinking, else INTER_LINEAR."""
    h, w = grey.shape[:2]
    shrinking = w >= INPUT_W and h >= INPUT_H
    return cv2.resize(grey, (INPUT_W, INPUT_H),
                      interpolation=cv2.INTER_AREA if shrinking else cv2.INTER_LINEAR)


def jitter_quad(quad, rng, max_angle=4.0, corner_jitter=0.04):
    """Rotate the quad (tl, tr, br, bl) about its centre and move each corner a little."""
    centre = quad.mean(axis=0)
    angle = np.radians(rng.uniform(-max_angle, max_angle))
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    height = np.linalg.norm(quad[3] - quad[0])
    moved = (quad - centre) @ rot.T + centre
    return (moved + rng.normal(0, corner_jitter * height, size=(4, 2))).astype(np.float32)


def warp_quad(image, quad, out_h, border=cv2.BORDER_REPLICATE):
    """Warp the quad to an upright crop `out_h` pixels high, keeping its aspect.

    The source is blurred first when it is much larger, so that the warp
    does not alias.
    """
    top = np.linalg.norm(quad[1] - quad[0]) + np.linalg.norm(quad[2] - quad[3])
    side = np.linalg.norm(quad[3] - quad[0]) + np.linalg.norm(quad[2] - quad[1])
    out_w = max(8, round(out_h * top / side))
    scale = side / 2 / out_h
    if scale > 1.5:
        image = cv2.GaussianBlur(image, (0, 0), 0.45 * scale)
    target = np.float32([[0, 0], [out_w, 0], [out_w, out_h], [0, out_h]])
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    return cv2.warpPerspective(image, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR,
                               borderMode=border)


def degrade(grey, rng, strength=1.0):
    """Lighting, dirt, occlusion, blur, noise and JPEG on a small grey uint8 crop."""
    img = grey.astype(np.float32)
    h, w = img.shape
    if rng.random() < 0.3 * strength:
        img = _dirt(img, rng)
    if rng.random() < 0.1 * strength:
        img = _occlude_edge(img, rng)
    img = _lighting(img, rng, strength)
    if rng.random() < 0.12:  # night infrared: grey, hard contrast
        img = (img - img.mean()) * rng.uniform(1.5, 2.5) + rng.uniform(100, 160)
    img = blur(np.clip(img, 0, 255), rng, strength)
    img += rng.normal(0, rng.uniform(0, 10 * strength), size=img.shape)
    img = np.clip(img, 0, 255).astype(np.uint8)
    if rng.random() < 0.8:
        quality = int(rng.integers(30, 96))
        img = cv2.imdecode(cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, quality])[1],
                           cv2.IMREAD_GRAYSCALE)
    return img


def _lighting(img, rng, strength):
    h, w = img.shape
    gain = rng.uniform(1 - 0.5 * strength, 1 + 0.2 * strength)
    img = (img - 128) * rng.uniform(1 - 0.6 * strength, 1 + 0.3 * strength) + 128
    img = img * gain + rng.uniform(-30, 30) * strength
    if rng.random() < 0.4:  # uneven light: a gradient in a random direction
        angle = rng.uniform(0, 2 * np.pi)
        ys, xs = np.mgrid[0:h, 0:w]
        ramp = (np.cos(angle) * xs / w + np.sin(angle) * ys / h)
        ramp = (ramp - ramp.min()) / max(np.ptp(ramp), 1e-6)
        img = img * (1 - rng.uniform(0, 0.6 * strength) * ramp)
    if rng.random() < 0.5:
        gamma = np.exp(rng.uniform(-0.5, 0.5) * strength)
        img = 255 * (np.clip(img, 0, 255) / 255) ** gamma
    return img


def blur(img, rng, strength):
    """Gaussian blur (40%), motion blur along a mostly horizontal line (20%), or none;
    grey or colour float images."""
    r = rng.random()
    if r < 0.4:
        return cv2.GaussianBlur(img, (0, 0), rng.uniform(0.3, 1.3 * strength + 0.1))
    if r < 0.6:  # motion along a mostly horizontal direction
        length = int(rng.integers(2, 6))
        kernel = np.zeros((length * 2 + 1, length * 2 + 1), np.float32)
        angle = rng.uniform(-30, 30)
        cv2.line(kernel, (0, length), (2 * length, length), 1.0, 1)
        rot = cv2.getRotationMatrix2D((length, length), angle, 1.0)
        kernel = cv2.warpAffine(kernel, rot, kernel.shape[::-1])
        return cv2.filter2D(img, -1, kernel / max(kernel.sum(), 1e-6))
    return img


def _dirt(img, rng):
    h, w = img.shape
    mask = np.zeros_like(img)
    for _ in range(int(rng.integers(1, 4))):
        centre = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        axes = (int(rng.integers(1, max(2, w // 6))), int(rng.integers(1, max(2, h // 3))))
        cv2.ellipse(mask, centre, axes, rng.uniform(0, 180), 0, 360, rng.uniform(0.2, 0.6), -1)
    mask = cv2.GaussianBlur(mask, (0, 0), max(1.0, h / 12))
    return img * (1 - mask) + rng.uniform(40, 120) * mask


def _occlude_edge(img, rng):
    h, w = img.shape
    img = img.copy()
    value = rng.uniform(0, 255)
    side = rng.integers(4)
    if side == 0:
        img[:, : int(rng.uniform(0.01, 0.05) * w)] = value
    elif side == 1:
        img[:, w - int(rng.uniform(0.01, 0.05) * w):] = value
    elif side == 2:
        img[: int(rng.uniform(0.05, 0.2) * h)] = value
    else:
        img[h - int(rng.uniform(0.05, 0.2) * h):] = value
    return img

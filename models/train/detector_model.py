"""The plate detector: a small CenterNet-style network on a stride-4 grid.

Contract with the firmware (models/MODELS.md, "Plate detector"): input
`image` [1, 3, 288, 512], the BGR frame letterboxed to the top-left corner
(pad 127) / 255; output `detections` [1, 13, 72, 128]: channel 0 the
plate-centre score (sigmoid), 1-2 the centre's sub-cell offset, 3-4 the box
width and height, 5-12 the corners tl, tr, br, bl relative to the centre,
all in cells of 4 input pixels.
"""
import cv2
import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

INPUT_H, INPUT_W = 288, 512
STRIDE = 4
GRID_H, GRID_W = INPUT_H // STRIDE, INPUT_W // STRIDE
REGRESSION = 12  # offset (2), size (2), corners (8)
CHANNELS = 1 + REGRESSION
PAD = 127


def letterbox(frame):
    """(input uint8 (288, 512, 3), s): the BGR frame scaled by s = min(512 / w, 288 / h)
    at the top-left corner, the rest 127. As the firmware does it
    (localize/plate_detector.cpp): halved by area averaging while at least
    twice too big, then one bilinear step. (The shipped model was trained
    with straight area averaging, which this approximates.)"""
    h, w = frame.shape[:2]
    s = min(INPUT_W / w, INPUT_H / h)
    size = min(INPUT_W, max(1, round(w * s))), min(INPUT_H, max(1, round(h * s)))
    while frame.shape[1] >= 2 * size[0] and frame.shape[0] >= 2 * size[1]:
        frame = cv2.resize(frame, (frame.shape[1] // 2, frame.shape[0] // 2),
                           interpolation=cv2.INTER_AREA)
    canvas = np.full((INPUT_H, INPUT_W, 3), PAD, np.uint8)
    canvas[:size[1], :size[0]] = cv2.resize(frame, size, interpolation=cv2.INTER_LINEAR)
    return canvas, s


def to_blob(inputs):
    """Float (N, 3, 288, 512) network input from uint8 (N, 288, 512, 3) letterboxed frames."""
    return np.ascontiguousarray(inputs.transpose(0, 3, 1, 2), np.float32) / 255.0


def _conv_bn(cin, cout, kernel, stride=1, groups=1):
    return [nn.Conv2d(cin, cout, kernel, stride, kernel // 2, groups=groups, bias=False),
            nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


def _separable(cin, cout, stride=1):
    """Depthwise 3x3 then pointwise 1x1, each with batch norm and ReLU."""
    return nn.Sequential(*_conv_bn(cin, cin, 3, stride, groups=cin), *_conv_bn(cin, cout, 1))


class PlateDetector(nn.Module):
    """Frame -> (score logits (N, 1, 72, 128), regression (N, 12, 72, 128)).

    Backbone down to stride 32 (receptive field wide enough for 200 px
    plates), then a feature pyramid back up to stride 4 by nearest
    upsampling and addition.
    """

    def __init__(self, width=(16, 32, 64, 128, 128), head=32):
        super().__init__()
        c2, c4, c8, c16, c32 = width
        self.stem = nn.Sequential(*_conv_bn(3, c2, 3, stride=2))                   # /2
        self.down4 = nn.Sequential(_separable(c2, c4, 2), _separable(c4, c4))       # /4
        self.down8 = nn.Sequential(_separable(c4, c8, 2), _separable(c8, c8))       # /8
        self.down16 = nn.Sequential(_separable(c8, c16, 2), _separable(c16, c16),
                                    _separable(c16, c16))                            # /16
        self.down32 = nn.Sequential(_separable(c16, c32, 2), _separable(c32, c32))  # /32
        self.lateral32 = nn.Sequential(*_conv_bn(c32, c16, 1))
        self.up16 = _separable(c16, c8)
        self.up8 = _separable(c8, c4)
        self.up4 = _separable(c4, head)
        self.score = nn.Conv2d(head, 1, 1)
        self.regression = nn.Conv2d(head, REGRESSION, 1)
        nn.init.constant_(self.score.bias, -4.6)  # start near p = 0.01 (focal loss prior)

    def forward(self, x):
        f4 = self.down4(self.stem(x))
        f8 = self.down8(f4)
        f16 = self.down16(f8)
        f32 = self.lateral32(self.down32(f16))
        p16 = self.up16(f16 + _upsample(f32))
        p8 = self.up8(f8 + _upsample(p16))
        p4 = self.up4(f4 + _upsample(p8))
        return self.score(p4), self.regression(p4)


def _upsample(x):
    return F.interpolate(x, scale_factor=2.0, mode="nearest")


class ExportedDetector(nn.Module):
    """The deployed graph: sigmoid on the score, concatenated with the regression."""

    def __init__(self, detector):
        super().__init__()
        self.detector = detector

    def forward(self, image):
        score, regression = self.detector(image)
        return torch.cat([torch.sigmoid(score), regression], dim=1)

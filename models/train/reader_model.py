"""The plate-text reader: a small fully convolutional CTC network.

Contract with the firmware (models/MODELS.md): input `image` [1, 1, 32, 128],
grey / 255; output `probs` [1, 32, 37], a softmax per step over the CTC blank
(index 0) and ALPHABET (indices 1..36).
"""
import torch
from torch import nn

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
NUM_CLASSES = len(ALPHABET) + 1
HEIGHT, WIDTH = 32, 128
STEPS = WIDTH // 4


def _conv(cin, cout, kernel=3, stride=1, padding=1):
    return [nn.Conv2d(cin, cout, kernel, stride, padding, bias=False),
            nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


class PlateReader(nn.Module):
    """32x128 grey crop -> per-column class scores, 32 steps left to right.

    Strided convolutions instead of pooling: on a small CPU, full-resolution
    feature maps cost more in memory traffic than in arithmetic.
    """

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            *_conv(1, 32, stride=2),          # 16 x 64
            *_conv(32, 64, stride=2),         # 8 x 32
            *_conv(64, 128, stride=(2, 1)),   # 4 x 32
            *_conv(128, 192, stride=(2, 1)),  # 2 x 32
            *_conv(192, 160, kernel=(2, 1), padding=0),  # 1 x 32
            # Context along the row: each step sees about 5 neighbours.
            *_conv(160, 160, kernel=(1, 3), padding=(0, 1)),
            *_conv(160, 160, kernel=(1, 3), padding=(0, 1)),
        )
        self.classifier = nn.Conv2d(160, NUM_CLASSES, 1)

    def forward(self, x):
        """Logits (N, C, 1, T) for training with CTC."""
        return self.classifier(self.features(x))


class ExportedReader(nn.Module):
    """The deployed graph: logits -> (1, T, C) softmax, with ops cv::dnn 4.6 handles."""

    def __init__(self, reader):
        super().__init__()
        self.reader = reader

    def forward(self, image):
        logits = self.reader(image).reshape(1, NUM_CLASSES, STEPS)
        return torch.softmax(logits.permute(0, 2, 1), dim=2)


def greedy_decode(scores):
    """Text from (T, C) scores: argmax per step, repeats collapsed, blanks dropped."""
    best = scores.argmax(-1).tolist()
    out, previous = [], 0
    for k in best:
        if k != previous and k != 0:
            out.append(ALPHABET[k - 1])
        previous = k
    return "".join(out)


def encode(text):
    """Class indices (1-based) of `text`'s characters."""
    return [ALPHABET.index(c) + 1 for c in text]

"""Render the sample video images/passage_be.mp4: a car with a Belgian plate
coming towards a roadside camera, 25 frames of 800x600 at 12.5 frames per
second (MPEG-4 Part 2), drawn like the sample frames, for `anpr bench` on a
video. Its plate and frame count are in images/passage_be.json.

    /usr/bin/python3 models/train/make_sample_video.py
"""
import json
import pathlib
import sys

import cv2
import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import make_sample_frames as frames  # noqa: E402

OUT = frames.OUT_DIR / "passage_be.mp4"
SEED = 20261130
FRAME_COUNT = 25
FPS = 12.5


def main():
    writer = cv2.VideoWriter(str(OUT), cv2.VideoWriter_fourcc(*"mp4v"), FPS,
                             (frames.WIDTH, frames.HEIGHT))
    assert writer.isOpened()
    plates = []
    for index in range(FRAME_COUNT):
        # The same scene every frame (same seed); only the car comes nearer.
        spec = frames.FrameSpec("passage_be", "BE", plate_width=90 + 6 * index)
        image, plates = frames.render_frame(spec, np.random.default_rng(SEED))
        writer.write(image)
    writer.release()
    plate = plates[0]
    summary = {"video": OUT.name, "frames": FRAME_COUNT, "fps": FPS,
               "plate": {k: plate[k] for k in ("text", "display", "country")}}
    OUT.with_suffix(".json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"{OUT.name}: {FRAME_COUNT} frames, {OUT.stat().st_size // 1024} KB, {plate['display']}")


if __name__ == "__main__":
    main()

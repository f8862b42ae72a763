"""Render the section-control test: the same cars passing two units a known
distance apart on one road, at known speeds, each unit's clock a little off.

For each car and each unit, a short clip (800x600, 25 frames per second,
MPEG-4 Part 2, no other traffic) of the car passing that unit's camera, drawn
as make_passage_videos draws its passages: a car driving in a lane towards the
camera (or away from it), its speed steady in front of each unit but not the
same at both (it braked or sped up in between). Both units' cameras hang
alike, so a plate crosses each unit's timing line (TIMING_LINE, the
firmware's default tracking.timing_line) at the same spot on the road, and
DISTANCE_M is the distance between those spots.

section.json holds the ground truth:
- distance_m, fps, timing_line;
- units: each unit's stated clock error bound (clock_error_ms) and how far
  its clock is actually off (clock_offset_ms, within that bound);
- cars: plate, direction, speeds in front of each unit, the true average
  speed between the two lines, and per unit its clip: the file, when its
  first frame was captured on that unit's (wrong) clock (start_unix_us, what
  the unit stamps its frames from) and when, in true time, the plate's centre
  crossed the line (line_true_unix_us).

    /usr/bin/python3 models/train/make_section_clips.py [--out DIR] [--seed N]

--out: where the files go (default: the repository's tests/data/section/).
--seed N: other plates, colours, noise and clock offsets.
"""
import argparse
import json
import pathlib
import sys
from dataclasses import dataclass

import cv2
import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import make_passage_videos as passages  # noqa: E402
import plate_render  # noqa: E402

OUT_DIR = pathlib.Path(__file__).resolve().parents[2] / "tests" / "data" / "section"
DISTANCE_M = 2000.0
TIMING_LINE = 0.6  # share of the picture's height: firmware's tracking.timing_line default
START_PLATE_PX = 45  # plate width in a clip's first frame (approaching) or last (receding)
TAIL_FRAMES = 3  # empty road after the car has gone
FIRST_CLIP_UNIX_S = 1_795_000_000  # 2026-11-17, A's first clip: any time works
UNITS = {"A": 1.0, "B": 4.0}  # stated clock error bounds, ms: both within time.max_error_ms 5


@dataclass(frozen=True)
class Car:
    plate_format: str
    lane: int
    kmh_at_a: float
    kmh_at_b: float
    average_kmh: float  # between the two lines: how long it took
    receding: bool = False


CARS = (
    Car("BE", 2, 50, 50, 50),
    Car("NL", 1, 70, 90, 81),
    Car("DE", 2, 92, 86, 95),
    Car("FR", 1, 118, 104, 121),
    Car("LU", 2, 62, 75, 66, receding=True),
    Car("BE", 1, 128, 120, 131),
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=pathlib.Path, default=OUT_DIR)
    parser.add_argument("--seed", type=int, default=passages.SEED)
    args = parser.parse_args()
    passages.seed = args.seed
    args.out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng([args.seed, 77])
    offsets = {unit: float(rng.uniform(-bound, bound)) for unit, bound in UNITS.items()}
    scenes = {unit: passages.Scene(800, 600, passages.random_stream(passages.SCENE, 200 + i))
              for i, unit in enumerate(UNITS)}
    cars = []
    for index, car in enumerate(CARS):
        # True time (µs since 1970) when the plate crosses A's line, then B's.
        at_a = (FIRST_CLIP_UNIX_S + 40 * index + rng.uniform(1, 2)) * 1e6
        at_b = at_a + DISTANCE_M / (car.average_kmh / 3.6) * 1e6
        truth = {"plate": None, "direction": "receding" if car.receding else "approaching",
                 "kmh_at_a": car.kmh_at_a, "kmh_at_b": car.kmh_at_b,
                 "average_kmh": car.average_kmh, "clips": {}}
        for unit_index, (unit, crossing, kmh) in enumerate(
                (("A", at_a, car.kmh_at_a), ("B", at_b, car.kmh_at_b))):
            clip = render_clip(args.out / f"{unit.lower()}_{index + 1}.mp4", scenes[unit],
                               car, index, kmh, 2 * index + unit_index, rng)
            truth["plate"] = clip["display"]
            start_true = crossing - clip["line_seconds"] * 1e6
            truth["clips"][unit] = {
                "video": f"{unit.lower()}_{index + 1}.mp4",
                "start_unix_us": round(start_true + offsets[unit] * 1e3),
                "line_true_unix_us": round(crossing)}
            print(f"{unit} {clip['display']:10} {kmh:5.0f} km/h: {clip['frames']} frames, "
                  f"line at {clip['line_seconds']:.3f} s")
        cars.append(truth)
    section = {"distance_m": DISTANCE_M, "fps": passages.FPS, "timing_line": TIMING_LINE,
               "units": {unit: {"clock_error_ms": bound, "clock_offset_ms": round(offsets[unit], 3)}
                         for unit, bound in UNITS.items()},
               "cars": cars}
    (args.out / "section.json").write_text(json.dumps(section, indent=2) + "\n")


def line_distance(scene):
    """The distance from the camera at which a plate's centre is on the
    timing line (make_passage_videos.Scene.place: the centre lies
    CAMERA_LIFT plate widths below the horizon)."""
    row = round(TIMING_LINE * scene.height)
    return scene.distance((row - scene.horizon) / passages.CAMERA_LIFT)


def render_clip(path, scene, car, car_index, kmh, clip_index, rng):
    """Write one clip of `car` at `kmh`; returns its plate, frame count and
    when (s from the first frame) the plate's centre crossed the line."""
    line, far, near = line_distance(scene), scene.distance(START_PLATE_PX), scene.nearest()
    speed = kmh / 3.6
    # The first frame sees the plate START_PLATE_PX wide or a little nearer
    # (approaching), or, receding, just leaving the bottom of the picture.
    outer, inner = (near, far) if car.receding else (far, near)
    start = outer - rng.uniform(0, speed / passages.FPS) * (-1 if car.receding else 1)
    line_seconds = abs(start - line) / speed
    frames = int(abs(inner - start) / speed * passages.FPS) + 1
    path_m = start + np.arange(frames) * speed / passages.FPS * (1 if car.receding else -1)
    vehicle = passages.Vehicle(car.plate_format, car.lane, 0, kmh, receding=car.receding)
    passage = passages.Passage(vehicle, scene, 100 + car_index, 0, frames, path=path_m)
    assert len(passage.readable()) >= 3, (path.name, passage.readable())
    total = frames + TAIL_FRAMES
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), passages.FPS,
                             (scene.width, scene.height))
    assert writer.isOpened()
    for frame in range(total):
        noise = passages.random_stream(passages.NOISE, 300 + clip_index, frame)
        writer.write(passages.render_frame(scene, [passage], [], frame, noise))
    writer.release()
    return {"display": plate_render.plain_text(passage.display), "frames": total,
            "line_seconds": line_seconds}


if __name__ == "__main__":
    main()

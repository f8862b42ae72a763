"""Render test videos of vehicles passing a roadside camera, each with its
ground truth.

images/passages_a.mp4, passages_b.mp4 and passages_c.mp4: 800x600, 25 frames
per second, MPEG-4 Part 2. A static road scene from make_sample_frames, and
cars (make_sample_frames.draw_car) with a front plate from plate_render
driving in one of two lanes, towards the camera (approaching: the plate grows
from the horizon down to the bottom of the frame) or away from it (receding).
The camera hangs higher than a car roof, so that a car far behind another one
in the same lane shows above its roof. Frames carry sensor noise, motion blur
along the direction of travel, a bird flying across one plate, and on a few
frames of some plates a mud blot over one character, so that a read of that
frame alone is likely wrong.

<name>.json next to each video holds the ground truth, from the renderer:
per passage the plate, its lane (1 left, 2 right) and direction, the frames
where the whole plate is inside the image (first_frame, last_frame), the
first and last where it is also at least 90 px wide and not occluded
(readable_*), the blotted frames (misread_frames), the frames where the bird or
the box of a nearer car overlaps it (occluded_frames) and whether the car
stops in front of the camera. Every car drawn is a passage: readable in at least 8
frames.

    /usr/bin/python3 models/train/make_passage_videos.py [--out DIR] [--big] [--seed N]

--out: where the files go (default: the repository's images/). --big renders
passage_1080p.mp4 instead, 75 frames of 1920x1080 with one plate readable in
every frame, for speed benchmarks (not committed). --seed N draws other
plates, colours, blots and noise in the same scenarios: held-out videos to
measure the tracker on, since the committed ones were used to develop it.
Fixed seeds make reruns give the same frames.
"""
import argparse
import json
import pathlib
import sys
from dataclasses import dataclass

import cv2
import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import make_sample_frames as frames  # noqa: E402
import plate_render  # noqa: E402

SEED = 20261210
seed = SEED  # the one in use: --seed
FPS = 25
READABLE_PX = 90  # narrowest plate counted as readable
MIN_READABLE_FRAMES = 8
HORIZON = 0.11  # horizon row, in frame heights
PLATE_AT_10M = 88 / 600  # plate width 10 m from the camera, in frame heights
CAMERA_LIFT = 2.6  # rows from the horizon down to a plate's centre, in plate widths
CAR_WIDTH = 3.4  # in plate widths (make_sample_frames: 3.3-3.6)
PLATE_LIFT = 0.2  # plate centre above the wheels, in car widths (as make_sample_frames)
LANE_SHIFT = 1.3  # lane centre beside the road's centre line, in plate widths
FAR_PLATE_PX = 30  # plate width where approaching cars appear and receding ones vanish
STOP_PLATE_PX = 130  # plate width of a car standing in front of the camera
BRAKE_M = 2.5  # braking (and pulling away) distance of a stopping car
EXPOSURE = 0.1  # shutter open for this fraction of a frame: motion blur
BIRD_COLOUR = (40, 42, 46)  # BGR
BLOT_COLOUR = (48, 58, 66)  # BGR, dried mud
SCENE, CAR, POSE, PLATE, BLOTS, NOISE = range(6)  # random streams


@dataclass(frozen=True)
class Vehicle:
    """One car of a video, and what happens to it."""

    plate_format: str
    lane: int  # 1 left, 2 right
    enter: int  # the frame it appears in, far away (negative: before the video starts)
    speed_kmh: float
    receding: bool = False
    stop_frames: int = 0  # frames standing still in front of the camera
    two_line: bool = False  # a square two-line plate
    blots: int = 0  # frames with a mud blot over one character
    bird: bool = False  # a bird flies across its plate
    far_px: float = FAR_PLATE_PX  # plate width where it appears or, receding, vanishes


@dataclass(frozen=True)
class Video:
    """One test video: its file name, length in frames, cars and size."""

    name: str
    frames: int
    vehicles: tuple
    width: int = 800
    height: int = 600


VIDEOS = (
    # Three cars one after the other in the left lane, each next one appearing
    # far away while the one before is still in front of the camera.
    Video("passages_a", 150, (
        Vehicle("BE", 1, -14, 35, blots=3),
        Vehicle("NL", 1, 42, 45),
        Vehicle("DE", 1, 86, 38, blots=2),
    )),
    # Two cars side by side, then a receding car in the right lane while a
    # two-line plate approaches in the left one, a bird flying across it.
    Video("passages_b", 136, (
        Vehicle("DE", 1, -12, 38, blots=2),
        Vehicle("LU", 2, -10, 37),
        Vehicle("BE", 2, 52, 30, receding=True, blots=2, far_px=45),
        Vehicle("FR", 1, 58, 30, two_line=True, bird=True),
    )),
    # A car stops in front of the camera for 1.5 s while another one drives
    # away in the other lane; then a fast one behind the first.
    Video("passages_c", 146, (
        Vehicle("FR", 2, -15, 30, stop_frames=38, blots=3),
        Vehicle("NL", 1, 36, 40, receding=True, far_px=45),
        Vehicle("BE", 2, 97, 50, blots=2),
    )),
)
# The speed benchmark of issue 4: one plate, readable in every frame.
BIG_VIDEO = Video("passage_1080p", 75, (
    Vehicle("BE", 1, 0, 6, far_px=150),
), width=1920, height=1080)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=pathlib.Path, default=frames.OUT_DIR,
                        help="output folder (default: the repository's images/)")
    parser.add_argument("--big", action="store_true", help="render passage_1080p.mp4 only")
    parser.add_argument("--seed", type=int, default=SEED,
                        help="other plates, colours, blots and noise in the same scenarios "
                             "(held-out videos for measuring; the committed ones use the default)")
    args = parser.parse_args()
    global seed
    seed = args.seed
    args.out.mkdir(parents=True, exist_ok=True)
    videos = ((len(VIDEOS), BIG_VIDEO),) if args.big else enumerate(VIDEOS)
    for index, video in videos:
        truth = render_video(video, index, args.out)
        size = (args.out / truth["video"]).stat().st_size
        print(f"{truth['video']}: {video.frames} frames, {size // 1024} KB")
        for p in truth["passages"]:
            print(f"  {p['display']:11} lane {p['lane']} {p['direction']:11} frames "
                  f"{p['first_frame']}-{p['last_frame']} readable {p['readable_first_frame']}-"
                  f"{p['readable_last_frame']} misread {p['misread_frames']} "
                  f"occluded {p['occluded_frames']}")


def random_stream(purpose, video_index, item=0):
    """The random numbers for one purpose (SCENE, CAR...) of one video's item."""
    return np.random.default_rng([seed, purpose, video_index, item])


# --- the scene and where cars are in it ----------------------------------

class Scene:
    """The static road picture and its geometry: horizon, the road's centre
    line, and the plate's size and place at a distance from the camera."""

    def __init__(self, width, height, rng):
        frames.WIDTH, frames.HEIGHT = width, height  # make_sample_frames draws at this size
        self.width, self.height = width, height
        self.horizon = round(HORIZON * height)
        self.canvas = np.zeros((height, width, 3), np.float32)
        frames.draw_background(self.canvas, self.horizon, rng)
        frames.draw_road(self.canvas, self.horizon, rng)
        self.vanishing_x, self.bottom_x = self.find_centre_line()

    def find_centre_line(self):
        """Columns where the road's solid centre line (the brightest thing in
        the middle half of a road row) meets the horizon and the bottom row."""
        rows = (self.horizon + 3 * self.height) // 4, self.height - 1
        left, right = self.width // 4, 3 * self.width // 4
        xs = []
        for row in rows:
            brightness = self.canvas[row, left:right].sum(axis=1)
            xs.append(left + np.flatnonzero(brightness >= brightness.max() - 40).mean())
        t = self.depth_ratio(rows[0])
        return (xs[0] - t * xs[1]) / (1 - t), xs[1]

    def depth_ratio(self, row):
        """0 on the horizon, 1 on the bottom row."""
        return (row - self.horizon) / (self.height - 1 - self.horizon)

    def centre_x(self, row):
        return self.vanishing_x + (self.bottom_x - self.vanishing_x) * self.depth_ratio(row)

    def plate_px(self, distance):
        return PLATE_AT_10M * self.height * 10 / distance

    def distance(self, plate_px):
        return PLATE_AT_10M * self.height * 10 / plate_px

    def nearest(self):
        """Distance at which a plate has about left the picture: its centre a
        quarter of its width below the bottom row."""
        return self.distance((self.height - self.horizon) / (CAMERA_LIFT - 0.25))

    def place(self, lane, distance):
        """Car centre column, wheel row, car width and plate width."""
        plate_w = self.plate_px(distance)
        car_w = CAR_WIDTH * plate_w
        bottom = self.horizon + CAMERA_LIFT * plate_w + PLATE_LIFT * car_w
        side = -1 if lane == 1 else 1
        return self.centre_x(bottom) + side * LANE_SHIFT * plate_w, bottom, car_w, plate_w


def distances(vehicle, scene):
    """The car's distance from the camera (m) in each frame from vehicle.enter
    on: from far away to the bottom of the picture, reversed when receding."""
    far, near = scene.distance(vehicle.far_px), scene.nearest()
    step = vehicle.speed_kmh / 3.6 / FPS
    if vehicle.stop_frames:
        stop = scene.distance(STOP_PLATE_PX)
        brake = np.arange(round(2 * BRAKE_M / step)) / round(2 * BRAKE_M / step)
        path = np.concatenate([
            np.arange(far, stop + BRAKE_M, -step),
            stop + BRAKE_M * (1 - brake) ** 2,  # braking: speed falls from `step` to 0
            np.full(vehicle.stop_frames, stop),
            stop - BRAKE_M * brake ** 2,  # pulling away
            np.arange(stop - BRAKE_M, near, -step)])
    else:
        path = np.arange(far, near, -step)
    return path[::-1] if vehicle.receding else path


# --- one car's passage ----------------------------------------------------

class Passage:
    """A vehicle of a video: its plate, where it is in each frame it is drawn
    in, and its ground truth."""

    def __init__(self, vehicle, scene, video_index, index, frame_count, path=None):
        """path: the car's distance from the camera in each frame from
        vehicle.enter on; default distances(vehicle, scene)."""
        self.vehicle, self.scene = vehicle, scene
        self.car_key, self.pose_key = (CAR, video_index, index), (POSE, video_index, index)
        rng = random_stream(PLATE, video_index, index)
        self.display = plate_render.random_text(vehicle.plate_format, rng)
        if vehicle.two_line:
            self.plate, text_boxes = plate_render.render_two_line_plate(
                vehicle.plate_format, self.display, rng)
        else:
            self.plate, text_box = plate_render.render_plate_with_text_box(
                vehicle.plate_format, self.display, rng)
            text_boxes = [text_box]
        self.characters = [c for box in text_boxes for c in character_boxes(self.plate, box)]
        self.states = {f: self.state(d)
                       for f, d in enumerate(distances(vehicle, scene) if path is None else path,
                                             vehicle.enter)
                       if 0 <= f < frame_count}
        self.blotted = {}
        self.occluded = set()  # frames where a nearer car or a bird covers part of the plate

    def state(self, distance):
        cx, bottom, car_w, plate_w = self.scene.place(self.vehicle.lane, distance)
        plate_h = plate_w * self.plate.shape[0] / self.plate.shape[1]
        plate_cy = bottom - PLATE_LIFT * car_w
        corners = frames.plate_corners(cx, plate_cy, plate_w, plate_h,
                                       random_stream(*self.pose_key))
        return {"distance": distance, "cx": cx, "bottom": bottom, "car_w": car_w,
                "corners": corners, "plate_box": box_of(corners),
                "car_box": (cx - 0.52 * car_w, bottom - 0.8 * car_w, cx + 0.52 * car_w, bottom)}

    def shift(self, frame):
        """How far the plate moved into this frame (into the next for the first)."""
        before, after = (frame - 1, frame) if frame - 1 in self.states else (frame, frame + 1)
        if after not in self.states:
            return 0.0, 0.0
        (x0, y0), (x1, y1) = (self.states[f]["corners"].mean(axis=0) for f in (before, after))
        return x1 - x0, y1 - y0

    def draw(self, canvas, frame):
        s = self.states[frame]
        frames.draw_car(canvas, s["cx"], s["bottom"], s["car_w"], random_stream(*self.car_key))
        frames.paste_plate(canvas, self.blotted.get(frame, self.plate), s["corners"])

    def inside(self):
        """The frames with the whole plate in the picture."""
        return [f for f, s in sorted(self.states.items())
                if overlap(s["plate_box"], (0, 0, self.scene.width - 1, self.scene.height - 1),
                           within=True)]

    def readable(self):
        """The frames with the whole plate in the picture, wide enough and uncovered."""
        return [f for f in self.inside() if f not in self.occluded
                and np.ptp(self.states[f]["corners"][:, 0]) >= READABLE_PX]

    def blot(self, rng):
        """Blot one character on vehicle.blots non-consecutive readable frames."""
        chosen = rng.choice(self.readable()[::2], self.vehicle.blots, replace=False)
        for frame in sorted(int(f) for f in chosen):
            self.blotted[frame] = blot_character(
                self.plate, self.characters[rng.integers(len(self.characters))], rng)

    def truth(self):
        inside, readable = self.inside(), self.readable()
        return {"text": plate_render.plain_text(self.display), "display": self.display,
                "country": plate_render.FORMATS[self.vehicle.plate_format].country,
                "lane": self.vehicle.lane,
                "direction": "receding" if self.vehicle.receding else "approaching",
                "first_frame": inside[0], "last_frame": inside[-1],
                "readable_first_frame": readable[0], "readable_last_frame": readable[-1],
                "misread_frames": sorted(self.blotted),
                "occluded_frames": sorted(f for f in self.occluded if f in inside),
                "stopped": self.vehicle.stop_frames > 0}


def box_of(corners):
    (x0, y0), (x1, y1) = corners.min(axis=0), corners.max(axis=0)
    return x0, y0, x1, y1


def overlap(a, b, within=False):
    """Whether boxes (x0, y0, x1, y1) a and b overlap; with `within`, whether a lies in b."""
    if within:
        return a[0] >= b[0] and a[1] >= b[1] and a[2] <= b[2] and a[3] <= b[3]
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def character_boxes(plate, text_box):
    """(x0, y0, x1, y1) of each character printed in text_box on the plate:
    runs of columns holding ink, separators (short runs) left out."""
    x0, y0, x1, y1 = text_box
    ink = cv2.cvtColor(plate[y0:y1, x0:x1], cv2.COLOR_BGR2GRAY) < 128
    columns = np.concatenate([[0], ink.any(axis=0).astype(np.int8), [0]])
    starts, ends = np.flatnonzero(np.diff(columns) == 1), np.flatnonzero(np.diff(columns) == -1)
    return [(x0 + a, y0, x0 + b, y1) for a, b in zip(starts, ends)
            if ink[:, a:b].any(axis=1).sum() > 0.5 * (y1 - y0)]


def blot_character(plate, box, rng):
    """A copy of the plate with a mud blot over most of one character."""
    x0, y0, x1, y1 = box
    mask = np.zeros(plate.shape[:2], np.float32)
    centre = (round((x0 + x1) / 2 + rng.uniform(-0.1, 0.1) * (x1 - x0)),
              round(y0 + rng.uniform(0.35, 0.65) * (y1 - y0)))
    axes = round(rng.uniform(0.5, 0.65) * (x1 - x0)), round(rng.uniform(0.3, 0.4) * (y1 - y0))
    cv2.ellipse(mask, centre, axes, rng.uniform(-30, 30), 0, 360, 1.0, -1, cv2.LINE_AA)
    mask = cv2.GaussianBlur(mask, (0, 0), 2)[..., None] * 0.95
    return (plate * (1 - mask) + np.float32(BLOT_COLOUR) * mask).astype(np.uint8)


# --- the bird -------------------------------------------------------------

class Bird:
    """A bird flying from left to right close to the lens, across a plate."""

    def __init__(self, passage):
        frame = next(f for f, s in sorted(passage.states.items())
                     if np.ptp(s["corners"][:, 0]) >= STOP_PLATE_PX)
        corners = passage.states[frame]["corners"]
        plate_w = np.ptp(corners[:, 0])
        self.crossing, (self.x, self.y) = frame, corners.mean(axis=0)
        self.rx, self.ry, self.speed = 0.3 * plate_w, 0.14 * plate_w, 0.7 * plate_w

    def centre(self, frame):
        return self.x + self.speed * (frame - self.crossing), self.y

    def box(self, frame):
        x, y = self.centre(frame)
        return x - self.rx, y - self.ry, x + self.rx, y + self.ry

    def draw(self, canvas, frame):
        x, y = self.centre(frame)
        frames.blend(canvas, frames.poly_mask(frames.ellipse(x, y, self.rx, self.ry)),
                     BIRD_COLOUR, 0.95)


# --- frames ---------------------------------------------------------------

def render_video(video, video_index, out_dir):
    """Write <name>.mp4 and <name>.json into out_dir; returns the truth."""
    scene = Scene(video.width, video.height, random_stream(SCENE, video_index))
    passages = [Passage(v, scene, video_index, i, video.frames)
                for i, v in enumerate(video.vehicles)]
    birds = [Bird(p) for p in passages if p.vehicle.bird]
    mark_occlusions(passages, birds, video.frames)
    for index, passage in enumerate(passages):
        readable = passage.readable()
        assert len(readable) >= MIN_READABLE_FRAMES, (video.name, passage.display, readable)
        if passage.vehicle.blots:
            passage.blot(random_stream(BLOTS, video_index, index))
    path = out_dir / f"{video.name}.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), FPS,
                             (video.width, video.height))
    assert writer.isOpened()
    for frame in range(video.frames):
        writer.write(render_frame(scene, passages, birds, frame,
                                  random_stream(NOISE, video_index, frame)))
    writer.release()
    truth = {"video": path.name, "fps": FPS, "frames": video.frames,
             "width": video.width, "height": video.height,
             "passages": sorted((p.truth() for p in passages),
                                key=lambda t: t["first_frame"])}
    path.with_suffix(".json").write_text(truth_json(truth))
    return truth


def truth_json(truth):
    """The truth as JSON text, a line per passage."""
    header = json.dumps({k: v for k, v in truth.items() if k != "passages"}, indent=2)
    passages = ",\n    ".join(json.dumps(p) for p in truth["passages"])
    return f'{header[:-2]},\n  "passages": [\n    {passages}\n  ]\n}}\n'


def in_frame(passages, frame):
    """The passages drawn in this frame, farthest first."""
    return sorted((p for p in passages if frame in p.states),
                  key=lambda p: -p.states[frame]["distance"])


def mark_occlusions(passages, birds, frame_count):
    """Fill each passage's `occluded`: the frames where the box of a nearer
    car or of a bird overlaps its plate."""
    for frame in range(frame_count):
        drawn = in_frame(passages, frame)
        for i, passage in enumerate(drawn):
            covers = [p.states[frame]["car_box"] for p in drawn[i + 1:]]
            covers += [b.box(frame) for b in birds]
            if any(overlap(passage.states[frame]["plate_box"], c) for c in covers):
                passage.occluded.add(frame)


def render_frame(scene, passages, birds, frame, rng):
    canvas = scene.canvas.copy()
    for passage in in_frame(passages, frame):
        draw_moving(canvas, lambda c: passage.draw(c, frame), passage.shift(frame))
    for bird in birds:
        if overlap(bird.box(frame), (0, 0, scene.width, scene.height)):
            draw_moving(canvas, lambda c: bird.draw(c, frame), (bird.speed, 0.0))
    return frames.degrade(canvas, rng)


def draw_moving(canvas, draw, shift):
    """Run draw(canvas), smeared along `shift` (the image motion in one frame)
    over the exposure time."""
    dx, dy = EXPOSURE * np.float32(shift)
    length = int(np.ceil(np.hypot(dx, dy)))
    if length < 2:
        draw(canvas)
        return
    before = canvas.copy()
    draw(canvas)
    mask = (canvas != before).any(axis=2).astype(np.float32)
    size = 2 * length + 1
    kernel = np.zeros((size, size), np.float32)
    cv2.line(kernel, (round(length - dx / 2), round(length - dy / 2)),
             (round(length + dx / 2), round(length + dy / 2)), 1.0, 1, cv2.LINE_AA)
    kernel /= kernel.sum()
    smeared = cv2.filter2D(canvas * mask[..., None], -1, kernel)
    coverage = cv2.filter2D(mask, -1, kernel)[..., None]
    canvas[:] = smeared + before * (1 - coverage)


if __name__ == "__main__":
    main()

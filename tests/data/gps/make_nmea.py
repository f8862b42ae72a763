#!/usr/bin/env python3
"""Writes drive_e40.nmea: a 1 Hz NMEA log of a unit standing at a roadside
site on the E40 in Brussels, as a u-blox style receiver would send it
(GPRMC, GPGGA, GPGSA and two GPGSV each second, correct checksums), with
small seeded noise.

The log holds, in order:
  * 14 s with a 3D fix;
  * at 08:30:07 one garbled GPRMC: line noise changed a digit of the
    latitude (18 km south) and left the original checksum, so a reader that
    trusted it would put the unit in the wrong place;
  * 5 s where the receiver has no fix (RMC status V, GGA quality 0, GSA mode 1);
  * 13 s with a 3D fix again.

Run it from anywhere; it rewrites the log next to itself. The same seed gives
the same log, byte for byte.
"""

import functools
import operator
import pathlib
import random

SEED = 2947
SITE_LAT = 50.8466  # degrees north
SITE_LON = 4.3528   # degrees east
ALTITUDE_M = 58.0
GEOID_M = 47.0
DATE = "140524"     # ddmmyy: 14 May 2024
START_S = 8 * 3600 + 30 * 60  # 08:30:00 UTC
FIX_BEFORE, NO_FIX, FIX_AFTER = 14, 5, 13
GARBLED_AT = 7      # seconds after START_S
SATELLITES = ["04", "05", "09", "12", "17", "24", "25", "29"]
SKY = [(prn, 15 + 9 * i, (47 * i + 20) % 360) for i, prn in enumerate(SATELLITES)]  # elev, az


def checksum(body):
    return functools.reduce(operator.xor, (ord(c) for c in body), 0)


def sentence(body, check=None):
    return "$%s*%02X" % (body, checksum(body) if check is None else check)


def hhmmss(seconds):
    return "%02d%02d%02d.00" % (seconds // 3600, seconds // 60 % 60, seconds % 60)


def latitude(deg):
    minutes = abs(deg) % 1 * 60
    return "%02d%08.5f,%s" % (int(abs(deg)), minutes, "N" if deg >= 0 else "S")


def longitude(deg):
    minutes = abs(deg) % 1 * 60
    return "%03d%08.5f,%s" % (int(abs(deg)), minutes, "E" if deg >= 0 else "W")


def fix_epoch(rng, seconds):
    # About 1.5 m of noise each way, as an open-sky receiver wanders.
    lat = SITE_LAT + rng.gauss(0, 1.5) / 111_320
    lon = SITE_LON + rng.gauss(0, 1.5) / 70_300
    speed_kn = abs(rng.gauss(0, 0.05))
    course = 87.0 + rng.gauss(0, 2.0)
    alt = ALTITUDE_M + rng.gauss(0, 2.0)
    time = hhmmss(seconds)
    rmc = "GPRMC,%s,A,%s,%s,%.3f,%.2f,%s,,,A" % (
        time, latitude(lat), longitude(lon), speed_kn, course, DATE)
    gga = "GPGGA,%s,%s,%s,1,%02d,0.9,%.1f,M,%.1f,M,," % (
        time, latitude(lat), longitude(lon), len(SATELLITES), alt, GEOID_M)
    gsa = "GPGSA,A,3,%s,1.6,0.9,1.3" % ",".join(SATELLITES + [""] * (12 - len(SATELLITES)))
    return [rmc, gga, gsa] + gsv(rng)


def no_fix_epoch(seconds):
    time = hhmmss(seconds)
    return [
        "GPRMC,%s,V,,,,,,,%s,,,N" % (time, DATE),
        "GPGGA,%s,,,,,0,00,99.99,,,,,," % time,
        "GPGSA,A,1,,,,,,,,,,,,,99.99,99.99,99.99",
    ] + gsv(None)


def gsv(rng):
    """The satellites in view, four to a sentence; without `rng`, none is
    heard (no signal-to-noise ratios), as in an outage."""
    sentences = []
    count = (len(SKY) + 3) // 4
    for part in range(count):
        sats = SKY[4 * part:4 * part + 4]
        fields = ["%s,%02d,%03d,%s" % (prn, elev, az, "%02d" % rng.randint(30, 45) if rng else "")
                  for prn, elev, az in sats]
        sentences.append("GPGSV,%d,%d,%02d,%s" % (count, part + 1, len(SKY), ",".join(fields)))
    return sentences


def garble(rmc):
    """The same sentence with a digit of the latitude changed and the original
    checksum kept, as noise on the serial line would leave it."""
    fields = rmc.split(",")
    fields[3] = fields[3][:2] + "4" + fields[3][3:]  # 50 50.8' -> 50 40.8': 18 km south
    return sentence(",".join(fields), check=checksum(rmc))


def main():
    rng = random.Random(SEED)
    lines = ["# A unit standing at 50.8466 N, 4.3528 E (E40, Brussels); made by make_nmea.py"]
    seconds = START_S
    for second in range(FIX_BEFORE + NO_FIX + FIX_AFTER):
        in_gap = FIX_BEFORE <= second < FIX_BEFORE + NO_FIX
        bodies = no_fix_epoch(seconds) if in_gap else fix_epoch(rng, seconds)
        for body in bodies:
            if second == GARBLED_AT and body.startswith("GPRMC"):
                lines.append(garble(body))
            else:
                lines.append(sentence(body))
        seconds += 1
    out = pathlib.Path(__file__).with_name("drive_e40.nmea")
    out.write_bytes(("\r\n".join(lines) + "\r\n").encode("ascii"))


if __name__ == "__main__":
    main()

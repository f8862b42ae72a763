#include "diag/selftest.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace anpr::diag {
namespace {

// Focus, on the edge blur (image_quality.hpp). A focused camera blurs edges
// by under a pixel (the rendered clips 0.3 px; the real photos of
// train/openalpr-us at most 0.66 px on their plates, 0.82 px on the scene).
// At 2 px an edge rises over 5 px (10..90%), wider than the strokes of
// characters 20 px tall (about 3 px): plates of the smaller sizes the reader
// handles lose their strokes. At 3 px (7.7 px rise) all but the largest do.
constexpr double kWarnBlurPx = 2.0;
constexpr double kFailBlurPx = 3.0;

// Exposure, on the frame's grey levels. The brightest 1% of a picture holds
// what the camera should show best: white (retro-reflective) plates, lights.
// When even it stays under a quarter of the range, a plate's glyphs and
// ground differ by fewer grey levels than noise and compression blur (no
// photo of train/openalpr-us or images/ has its 99th percentile under 137).
constexpr double kFailBrightestLevel = 64;
constexpr double kWarnBrightestLevel = 128;
// Crushed or burnt: a quarter of the picture at the end of the range is
// more than any of those photos shows but for a few with sky or shade (at
// most 34% black, 39% white); half of it is the camera set for another scene.
constexpr double kWarnClipped = 0.25;
constexpr double kFailClipped = 0.5;
// Washed out: when even the darkest 1% is above a quarter of the range, dark
// characters turn grey on a white ground (those photos: at most 49).
constexpr double kWarnDarkestLevel = 64;

// Plate height: a margin over the reader's floor (unit_facts.cpp), so that
// plates at the far end of where they are read still make the floor.
constexpr double kPlateHeightMargin = 1.5;

// Frame rate: the floor (unit_facts.cpp) reads a fast vehicle just
// tracking.min_frames times; twice it leaves room for a frame read badly.
constexpr double kFrameRateMargin = 2.0;
// Frames that fail to decode: any is worth a look, a tenth is a bad link.
constexpr double kFailFailedShare = 0.1;

// Disk: the priority lane may use a tenth over outbox.quota_mb
// (uplink/outbox.hpp). Less free space than the outbox may still take means
// the disk fills first; a tenth of it, that a short outage fills it.
constexpr double kOutboxRoomFactor = 1.1;
constexpr double kFailDiskShare = 0.1;

// Outbox: more than this many requests' worth waiting with an uplink that
// sends means it is not keeping up.
constexpr int kBacklogBatches = 10;

// Hit list: a list with less than a quarter of its validity left should have
// been followed by a newer one; no answer for three refresh periods means the
// sync is not working.
constexpr double kWarnValidityLeft = 0.25;
constexpr double kStaleChecks = 3.0;

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string percent(double share) { return fixed(100.0 * share, 1) + "%"; }

std::string duration_text(double seconds) {
    const double s = std::abs(seconds);
    if (s < 120) return fixed(s, 0) + " s";
    if (s < 2 * 3600) return fixed(s / 60, 0) + " min";
    if (s < 2 * 86400) return fixed(s / 3600, 1) + " h";
    return fixed(s / 86400, 1) + " d";
}

std::string bytes_text(double bytes) {
    if (bytes >= 1e9) return fixed(bytes / 1e9, 1) + " GB";
    return fixed(bytes / 1e6, 0) + " MB";
}

double seconds_between(std::chrono::system_clock::time_point from,
                       std::chrono::system_clock::time_point to) {
    return std::chrono::duration<double>(to - from).count();
}

/// Builds one line: the worst verdict flagged, and the advice of every flag.
class Line {
  public:
    Line(std::string check, std::string measured) {
        line_.check = std::move(check);
        line_.measured = std::move(measured);
    }
    void flag(Verdict verdict, const std::string& advice) {
        line_.verdict = std::max(line_.verdict, verdict);
        if (line_.advice.find(advice) != std::string::npos) return;
        line_.advice += (line_.advice.empty() ? "" : "; ") + advice;
    }
    void note(const std::string& text) { line_.measured += text; }
    SelftestLine done() { return std::move(line_); }

  private:
    SelftestLine line_;
};

SelftestLine camera_line(const FrameStats& frames, const UnitFacts& facts) {
    const auto& camera = facts.camera;
    if (!camera.reachable) {
        Line line("camera", "cannot open " + camera.description + ": " + camera.error);
        line.flag(Verdict::fail,
                  "check capture.source, and the camera's power, cable and address; then run the "
                  "self-test again");
        return line.done();
    }
    Line line("camera", camera.description + ": " + std::to_string(frames.frames) + " frames, " +
                            std::to_string(frames.frames_failed) + " failed");
    if (frames.frames == 0) {
        line.flag(Verdict::fail,
                  "no frame came: check that the camera sends pictures (power, cable, stream "
                  "address and credentials)");
        return line.done();
    }
    const double failed =
        static_cast<double>(frames.frames_failed) / static_cast<double>(frames.frames);
    if (failed >= kFailFailedShare) {
        line.flag(Verdict::fail,
                  "many frames fail to decode: check the cable or network link and "
                  "the camera's stream settings (codec, bit rate)");
    } else if (failed > 0) {
        line.flag(Verdict::warn, "some frames fail to decode: check the link and the log");
    }
    if (!camera.films_a_scene) {
        line.note(", still images (no frame rate)");
    } else if (frames.frames_per_s) {
        const double fps = *frames.frames_per_s;
        const double needed = facts.reader.min_frames_per_s;
        line.note(", " + fixed(fps, 1) + " frames/s read (needs >= " + fixed(needed, 1) + ", " +
                  fixed(kFrameRateMargin * needed, 1) + " for margin)");
        const std::string advice =
            "too few frames to read fast vehicles in enough of them: raise the camera's frame "
            "rate, or add pipeline.threads if the reader cannot keep up";
        if (fps < needed) {
            line.flag(Verdict::fail, advice);
        } else if (fps < kFrameRateMargin * needed) {
            line.flag(Verdict::warn, advice);
        }
    }
    return line.done();
}

SelftestLine focus_line(const FrameStats& frames) {
    if (!frames.edge_blur_px) {
        Line line("focus", "no frame measured");
        line.flag(Verdict::warn, "let the unit read frames, then run the self-test again");
        return line.done();
    }
    const double blur = *frames.edge_blur_px;
    const std::string where = frames.plate_regions > 0
                                  ? std::to_string(frames.plate_regions) + " plate regions"
                                  : "the most detailed parts of " +
                                        std::to_string(frames.measured) + " frames (no plate read)";
    Line line("focus", "edges blurred by " + fixed(blur, 1) + " px on " + where +
                           " (needs <= " + fixed(kWarnBlurPx, 1) + " px)");
    const std::string advice =
        "blurred: focus the lens at the distance where plates are read and clean the window; if "
        "only moving plates smear, shorten the shutter time";
    if (blur > kFailBlurPx) {
        line.flag(Verdict::fail, advice);
    } else if (blur > kWarnBlurPx) {
        line.flag(Verdict::warn, advice);
    }
    return line.done();
}

SelftestLine exposure_line(const FrameStats& frames) {
    if (!frames.exposure) {
        Line line("exposure", "no frame measured");
        line.flag(Verdict::warn, "let the unit read frames, then run the self-test again");
        return line.done();
    }
    const auto& e = *frames.exposure;
    const double darkest = e.percentiles[0];
    const double middle = e.percentiles[2];
    const double brightest = e.percentiles[4];
    Line line("exposure", "mean luminance " + fixed(e.mean, 0) + ", " + percent(e.dark_clipped) +
                              " black, " + percent(e.bright_clipped) +
                              " white, percentiles 1/50/99: " + fixed(darkest, 0) + "/" +
                              fixed(middle, 0) + "/" + fixed(brightest, 0));
    const std::string under =
        "under-exposed: open the iris, lengthen the shutter as far as motion allows, raise the "
        "gain, or add (infrared) light";
    const std::string over =
        "over-exposed: close the iris, shorten the shutter or lower the gain; keep the sun and "
        "headlights out of the picture";
    Verdict under_verdict = Verdict::pass;
    if (brightest < kFailBrightestLevel || e.dark_clipped > kFailClipped) {
        under_verdict = Verdict::fail;
    } else if (brightest < kWarnBrightestLevel || e.dark_clipped > kWarnClipped) {
        under_verdict = Verdict::warn;
    }
    Verdict over_verdict = Verdict::pass;
    if (e.bright_clipped > kFailClipped) {
        over_verdict = Verdict::fail;
    } else if (e.bright_clipped > kWarnClipped || darkest > kWarnDarkestLevel) {
        over_verdict = Verdict::warn;
    }
    if (under_verdict != Verdict::pass) {
        line.note(" (under-exposed)");
        line.flag(under_verdict, under);
    }
    if (over_verdict != Verdict::pass) {
        line.note(" (over-exposed)");
        line.flag(over_verdict, over);
    }
    return line.done();
}

SelftestLine plate_height_line(const FrameStats& frames, const UnitFacts& facts) {
    const double floor = facts.reader.min_plate_height_px;
    const double comfortable = kPlateHeightMargin * floor;
    if (!frames.plate_height_px) {
        Line line("plate height",
                  "no plate read: cannot judge (needs >= " + fixed(floor, 0) + " px)");
        line.flag(Verdict::warn, "run the self-test again while vehicles pass");
        return line.done();
    }
    const double height = *frames.plate_height_px;
    Line line("plate height", "median " + fixed(height, 0) + " px over " +
                                  std::to_string(frames.reads) +
                                  " reads (needs >= " + fixed(floor, 0) + " px, " +
                                  fixed(comfortable, 0) + " px for margin)");
    const std::string advice =
        "plates are too small for the reader: zoom in, or aim the camera at a point of the lane "
        "closer to it";
    if (height < floor) {
        line.flag(Verdict::fail, advice);
    } else if (height < comfortable) {
        line.flag(Verdict::warn, advice);
    }
    return line.done();
}

SelftestLine reads_line(const FrameStats& frames, const UnitFacts& facts) {
    const auto read_frames = frames.frames - frames.frames_failed;
    if (read_frames == 0) {
        Line line("reads", "no frame read");
        line.flag(Verdict::warn, "see the camera line");
        return line.done();
    }
    const double share =
        static_cast<double>(frames.frames_with_plate) / static_cast<double>(read_frames);
    Line line("reads", "plates read in " + std::to_string(frames.frames_with_plate) + " of " +
                           std::to_string(read_frames) + " frames (" + percent(share) + "), " +
                           std::to_string(frames.reads) + " reads");
    if (frames.frames_with_plate == 0) {
        line.flag(Verdict::warn,
                  "no plate read: if vehicles passed, check the aim, focus and exposure; else run "
                  "the self-test again while traffic passes");
        return line.done();
    }
    // Reads are kept from ocr.min_confidence up; when half of them lie in the
    // lower half of the kept range, the reader is struggling with the pictures.
    const double weak_below = (facts.reader.min_confidence + 1.0) / 2.0;
    if (frames.confidence) {
        line.note(", median confidence " + fixed(*frames.confidence, 2) + " (kept from " +
                  fixed(facts.reader.min_confidence, 2) + ", weak below " + fixed(weak_below, 2) +
                  ")");
        if (*frames.confidence < weak_below) {
            line.flag(Verdict::warn,
                      "reads are weak: see focus, exposure and plate height; check that lanes "
                      "and the plate countries (plates.*) fit the site");
        }
    }
    return line.done();
}

SelftestLine gps_line(const UnitFacts& facts) {
    const auto& gps = facts.gps;
    if (!gps.configured) {
        Line line("gps", "no gpsd configured: records carry the configured position");
        if (!gps.site_configured) {
            line.flag(Verdict::warn,
                      "unit.latitude and unit.longitude are not set: records say 0, 0; set them, "
                      "or gps.gpsd");
        }
        return line.done();
    }
    if (!gps.connected) {
        Line line("gps", "gpsd at " + gps.gpsd + " not reachable" +
                             (gps.error.empty() ? "" : ": " + gps.error));
        line.flag(Verdict::fail, "check that gpsd runs and listens at gps.gpsd");
        return line.done();
    }
    if (!gps.has_fix) {
        Line line("gps",
                  "gpsd at " + gps.gpsd + ": no usable fix" +
                      (gps.fix_age_s ? " (last " + duration_text(*gps.fix_age_s) + " ago)" : ""));
        line.flag(Verdict::warn,
                  "check the antenna's cable and view of the sky; records carry the configured "
                  "position meanwhile");
        return line.done();
    }
    Line line("gps", "fix from gpsd at " + gps.gpsd);
    if (gps.site_distance_m) {
        line.note(", " + fixed(*gps.site_distance_m, 0) + " m from the configured site (at most " +
                  fixed(gps.max_site_distance_m, 0) + ")");
        if (*gps.site_distance_m > gps.max_site_distance_m) {
            line.flag(Verdict::fail,
                      "the fix is far from unit.latitude, unit.longitude: one of them is wrong; "
                      "correct the configured position or check the receiver");
        }
    }
    return line.done();
}

SelftestLine clock_line(const UnitFacts& facts) {
    const auto& clock = facts.clock;
    using Source = timekeeping::ClockQuality::Source;
    std::string measured = timekeeping::source_name(clock.source);
    if (!clock.reference.empty()) measured += " (" + clock.reference + ")";
    measured +=
        clock.error_ms ? ", error bound " + fixed(*clock.error_ms, 3) + " ms" : ", error unknown";
    measured += " (needs <= " + fixed(clock.max_error_ms, 1) + " ms for speed enforcement)";
    Line line("clock", measured);
    if (clock.source == Source::unsynchronised) {
        line.flag(Verdict::fail,
                  "nothing disciplines the clock, so record times may be anything: run chrony "
                  "with the GPS's PPS or an NTP server");
    } else if (!clock.error_ms || *clock.error_ms > clock.max_error_ms) {
        line.flag(Verdict::warn,
                  "reads are marked unfit for speed enforcement: synchronise to GPS PPS or a "
                  "closer NTP server");
    }
    return line.done();
}

SelftestLine disk_line(const UnitFacts& facts) {
    const auto& disk = facts.disk;
    if (!disk.free_bytes) {
        Line line("disk", disk.error);
        line.flag(Verdict::warn, "check outbox.path");
        return line.done();
    }
    const double room =
        std::max(0.0, kOutboxRoomFactor * static_cast<double>(disk.outbox_quota_bytes) -
                          static_cast<double>(disk.outbox_used_bytes));
    const auto free = static_cast<double>(*disk.free_bytes);
    Line line("disk", bytes_text(free) + " free for '" + disk.path.string() +
                          "' (the outbox may still grow by " + bytes_text(room) + ")");
    const std::string advice =
        "the disk would fill before the outbox's quota and records would be refused: free disk "
        "space or lower outbox.quota_mb";
    if (free < kFailDiskShare * room) {
        line.flag(Verdict::fail, advice);
    } else if (free < room) {
        line.flag(Verdict::warn, advice);
    }
    return line.done();
}

SelftestLine outbox_line(const UnitFacts& facts) {
    const auto& outbox = facts.outbox;
    if (!outbox.exists) {
        return Line("outbox", "not made yet: the unit makes it on its first start").done();
    }
    if (!outbox.readable) {
        Line line("outbox", "cannot be read: " + outbox.error);
        line.flag(Verdict::fail, "check outbox.path, its permissions and the disk");
        return line.done();
    }
    const auto& d = outbox.depths;
    Line line("outbox", std::to_string(d.priority) + " priority and " + std::to_string(d.ordinary) +
                            " ordinary records waiting, " + std::to_string(d.dead_letters) +
                            " dead letters" + (outbox.sending ? "" : " (no uplink: records stay)"));
    if (d.dead_letters > 0) {
        line.flag(Verdict::warn,
                  "the receiver refused records for good: see `anpr outbox --dead-letters`");
    }
    if (outbox.sending && d.priority > 0) {
        line.flag(Verdict::warn, "hit alerts wait to be sent: see the uplink line");
    }
    if (outbox.sending && d.ordinary > static_cast<std::uint64_t>(kBacklogBatches) *
                                           static_cast<std::uint64_t>(std::max(outbox.batch, 1))) {
        line.flag(Verdict::warn, "the uplink is not keeping up: see the uplink line");
    }
    return line.done();
}

SelftestLine uplink_line(const UnitFacts& facts) {
    const auto& uplink = facts.uplink;
    if (!uplink.configured) {
        Line line("uplink", "no uplink.url: records stay in the outbox");
        line.flag(Verdict::warn,
                  "set uplink.url, ca_file, cert_file and key_file to deliver to the network");
        return line.done();
    }
    if (!uplink.handshake_ok) {
        Line line("uplink", "TLS handshake with " + uplink.url + " failed: " + uplink.error);
        line.flag(Verdict::fail,
                  "check the route to the receiver, uplink.url, and the unit's certificate and "
                  "key (uplink.cert_file, key_file) against the network's CA (uplink.ca_file)");
        return line.done();
    }
    return Line("uplink", "TLS handshake with " + uplink.url + " in " +
                              fixed(uplink.handshake_ms.value_or(0), 0) + " ms")
        .done();
}

SelftestLine hitlist_line(const UnitFacts& facts) {
    const auto& list = facts.hitlist;
    if (!list.configured) {
        return Line("hit list", "no hitlist.authority_key: no hit list, no alerts").done();
    }
    if (!list.active) {
        Line line("hit list", "no list held: nothing is matched");
        line.flag(Verdict::fail,
                  "check hitlist.url and the uplink: the list comes from the "
                  "network" +
                      (list.last_error.empty() ? "" : " (" + list.last_error + ")"));
        return line.done();
    }
    const auto& header = *list.active;
    const double age = seconds_between(header.issued, facts.now);
    const double left = seconds_between(facts.now, header.expires);
    const double validity = seconds_between(header.issued, header.expires);
    Line line("hit list", "version " + std::to_string(header.version) + ", issued " +
                              duration_text(age) + " ago, " +
                              (left > 0 ? "expires in " + duration_text(left)
                                        : "expired " + duration_text(left) + " ago"));
    const std::string refresh = "check hitlist.url, the uplink and the list authority";
    if (left <= 0) {
        line.flag(Verdict::fail, "the list has expired and is not used: " + refresh);
    } else if (left < kWarnValidityLeft * validity) {
        line.flag(Verdict::warn, "the list expires soon and no newer one came: " + refresh);
    }
    if (list.syncing && !list.last_error.empty()) {
        line.note(", last fetch: " + list.last_error);
        line.flag(Verdict::warn, "the last fetch failed: " + refresh);
    }
    if (list.syncing && list.last_check &&
        seconds_between(*list.last_check, facts.now) > kStaleChecks * list.refresh_s) {
        line.note(", no answer for " + duration_text(seconds_between(*list.last_check, facts.now)));
        line.flag(Verdict::warn,
                  "the network has not answered for several refresh periods: " + refresh);
    }
    return line.done();
}

}  // namespace

const char* verdict_name(Verdict verdict) {
    switch (verdict) {
        case Verdict::warn:
            return "WARN";
        case Verdict::fail:
            return "FAIL";
        case Verdict::pass:
            break;
    }
    return "PASS";
}

std::vector<SelftestLine> run_selftest(const FrameStats& frames, const UnitFacts& facts) {
    return {camera_line(frames, facts), focus_line(frames),
            exposure_line(frames),      plate_height_line(frames, facts),
            reads_line(frames, facts),  gps_line(facts),
            clock_line(facts),          disk_line(facts),
            outbox_line(facts),         uplink_line(facts),
            hitlist_line(facts)};
}

Verdict overall(const std::vector<SelftestLine>& lines) {
    Verdict worst = Verdict::pass;
    for (const auto& line : lines) worst = std::max(worst, line.verdict);
    return worst;
}

std::string report_text(const std::vector<SelftestLine>& lines) {
    constexpr std::size_t kCheckWidth = 13;
    std::ostringstream out;
    std::size_t warnings = 0, failures = 0;
    for (const auto& line : lines) {
        std::string check = line.check;
        check.resize(std::max(kCheckWidth, check.size() + 1), ' ');
        out << verdict_name(line.verdict) << ' ' << check << line.measured << '\n';
        if (line.verdict != Verdict::pass && !line.advice.empty()) {
            out << "  -> " << line.advice << '\n';
        }
        warnings += line.verdict == Verdict::warn ? 1 : 0;
        failures += line.verdict == Verdict::fail ? 1 : 0;
    }
    out << "overall: " << verdict_name(overall(lines)) << " (" << lines.size() << " checks, "
        << warnings << " warnings, " << failures << " failures)\n";
    return out.str();
}

}  // namespace anpr::diag

#include "tracking/tracker.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/edit_distance.hpp"
#include "core/geometry.hpp"
#include "tracking/plate_crop.hpp"
#include "tracking/timing_line.hpp"
#include "tracking/vote.hpp"

namespace anpr::tracking {
namespace {

// A plate that grows (or shrinks) by more than this between its first and
// last read came nearer (or went away).
constexpr double kGrowth = 1.15;
// Without growth, a plate that moved down (up) by half its height came
// nearer (went away): roadside cameras look down the road.
constexpr double kDrift = 0.5;
// Reads at least this confident say which plate they are of.
constexpr float kSureReading = 0.8f;
// Sightings back over which a track's motion is measured and its text compared.
constexpr std::size_t kMotionWindow = 5;
// Each edit of text distance costs this much of the match score.
constexpr double kEditCost = 0.1;
// A plate may be found this many of its widths from where it was expected:
// the first steps of a track have no speed to go by, and a plate coming
// nearer can move by its own height from one frame to the next.
constexpr double kMaxJump = 1.0;

double seconds_between(const core::Timestamp& from, const core::Timestamp& to) {
    return std::chrono::duration<double>(to.monotonic - from.monotonic).count();
}

cv::Point2d centre(const cv::Rect& box) {
    return {box.x + box.width / 2.0, box.y + box.height / 2.0};
}

cv::Rect around(cv::Point2d c, double width, double height) {
    return {static_cast<int>(std::lround(c.x - width / 2)),
            static_cast<int>(std::lround(c.y - height / 2)), static_cast<int>(std::lround(width)),
            static_cast<int>(std::lround(height))};
}

/// Edits between two readings of a plate; a shorter one may be of part of it
/// (the plate half out of the picture or half hidden).
std::size_t text_edits(const std::string& a, const std::string& b) {
    return a.size() < b.size() ? core::edits_to_part_of(a, b) : core::edits_to_part_of(b, a);
}

std::string most_frequent_lane(const std::vector<Sighting>& sightings) {
    std::map<std::string, int> count;
    for (const auto& s : sightings) ++count[s.lane];
    return std::max_element(count.begin(), count.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
}

Direction direction_of(const Sighting& first, const Sighting& last) {
    const cv::Rect& a = first.read.box;
    const cv::Rect& b = last.read.box;
    if (a.height <= 0 || b.height <= 0) return Direction::unknown;
    const double growth = static_cast<double>(b.height) / a.height;
    if (growth > kGrowth) return Direction::approaching;
    if (growth < 1 / kGrowth) return Direction::receding;
    const double drift = (centre(b).y - centre(a).y) / std::max(a.height, b.height);
    if (drift > kDrift) return Direction::approaching;
    if (drift < -kDrift) return Direction::receding;
    return Direction::unknown;
}

}  // namespace

std::string_view direction_name(Direction direction) {
    switch (direction) {
        case Direction::approaching:
            return "approaching";
        case Direction::receding:
            return "receding";
        case Direction::unknown:
            break;
    }
    return "unknown";
}

Tracker::Tracker(config::TrackingConfig config, plates::PlatesConfig plates,
                 config::LanesConfig lanes)
    : config_(config), plates_(std::move(plates)), lanes_(lanes) {}

cv::Rect Tracker::expected_box(const Track& track, const core::Timestamp& time) {
    const std::size_t n = track.sightings.size();
    const Sighting& last = track.sightings.back();
    if (n < 2) return last.read.box;
    // Motion and growth over the last few sightings, not the last step alone:
    // a frame that read only part of the plate shifts its box.
    const Sighting& from = track.sightings[n > kMotionWindow ? n - 1 - kMotionWindow : 0];
    const double span = seconds_between(from.time, last.time);
    const double ahead = seconds_between(last.time, time);
    if (span <= 0 || ahead <= 0 || from.read.box.height <= 0 || last.read.box.height <= 0) {
        return last.read.box;
    }
    const cv::Point2d velocity = (centre(last.read.box) - centre(from.read.box)) / span;
    const double growth_rate =
        std::log(static_cast<double>(last.read.box.height) / from.read.box.height) / span;
    const double scale = std::clamp(std::exp(growth_rate * ahead), 0.5, 2.0);
    return around(centre(last.read.box) + velocity * ahead, last.read.box.width * scale,
                  last.read.box.height * scale);
}

double Tracker::match_score(const Track& track, const core::PlateRead& read,
                            const core::Timestamp& time) const {
    const cv::Rect expected = expected_box(track, time);
    const double overlap = core::iou(expected, read.box);
    const double jump = cv::norm(centre(read.box) - centre(expected)) /
                        std::max(1, std::max(expected.width, read.box.width));
    if (overlap < config_.min_overlap && jump > kMaxJump) return -1;
    // The text tells two vehicles at one place apart where both were read
    // surely. It is compared with the track's best read and its last few: a
    // plate coming nearer is read better frame by frame, and the reads of a
    // far, small plate may be anything.
    const auto& best = track.sightings[track.best].read;
    std::size_t edits = text_edits(best.text, read.text);
    const std::size_t n = track.sightings.size();
    for (std::size_t i = n > kMotionWindow ? n - kMotionWindow : 0; i < n; ++i) {
        edits = std::min(edits, text_edits(track.sightings[i].read.text, read.text));
    }
    const bool sure = best.confidence >= kSureReading && read.confidence >= kSureReading;
    if (sure && edits > static_cast<std::size_t>(config_.max_text_edits)) return -1;
    return std::max(overlap, 1 - jump) - kEditCost * static_cast<double>(edits);
}

void Tracker::extend(Track& track, const core::Frame& frame, const core::PlateRead& read,
                     std::string lane) {
    track.sightings.push_back({frame.index, frame.captured, read, std::move(lane)});
    const std::size_t index = track.sightings.size() - 1;
    if (index > 0 && read.confidence <= track.sightings[track.best].read.confidence) return;
    track.best = index;
    track.best_crop = plate_crop(frame.image, read.box);
}

std::optional<Passage> Tracker::passage_of(const Track& track) const {
    if (static_cast<int>(track.sightings.size()) < config_.min_frames) return std::nullopt;
    std::vector<core::PlateRead> reads;
    for (const auto& sighting : track.sightings) reads.push_back(sighting.read);
    const Vote voted = vote(reads, plates_);
    Passage passage;
    passage.source = track.source;
    passage.text = voted.text;
    passage.display = voted.display;
    passage.country = voted.country;
    passage.confidence = voted.confidence;
    passage.candidates = voted.candidates;
    passage.first = track.sightings.front();
    passage.last = track.sightings.back();
    passage.best = track.sightings[track.best];
    passage.best_crop = track.best_crop;
    passage.line = line_crossing(track.sightings, track.line_row);
    passage.direction = direction_of(passage.first, passage.last);
    passage.lane = most_frequent_lane(track.sightings);
    passage.frames_read = static_cast<int>(track.sightings.size());
    return passage;
}

std::vector<Passage> Tracker::add(const core::Frame& frame,
                                  const std::vector<core::PlateRead>& all_reads) {
    // Only reads in a lane count; each with its lane.
    std::vector<core::PlateRead> reads;
    std::vector<std::string> lanes;
    for (const auto& read : all_reads) {
        if (auto lane = lanes_.lane_of(read.box)) {
            reads.push_back(read);
            lanes.push_back(std::move(*lane));
        }
    }

    // Tracks not read for too long have ended; a clock that went back (a
    // source started again) ends them all.
    std::vector<Passage> ended;
    std::erase_if(tracks_, [&](const Track& track) {
        const double gap = seconds_between(track.sightings.back().time, frame.captured);
        if (gap >= 0 && gap <= config_.max_gap_s) return false;
        if (auto passage = passage_of(track)) ended.push_back(std::move(*passage));
        return true;
    });

    struct Pair {
        double score;
        std::size_t track;
        std::size_t read;
    };
    std::vector<Pair> pairs;
    for (std::size_t t = 0; t < tracks_.size(); ++t) {
        for (std::size_t r = 0; r < reads.size(); ++r) {
            const double score = match_score(tracks_[t], reads[r], frame.captured);
            if (score >= 0) pairs.push_back({score, t, r});
        }
    }
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const Pair& a, const Pair& b) { return a.score > b.score; });
    std::vector<bool> track_taken(tracks_.size(), false);
    std::vector<bool> read_taken(reads.size(), false);
    for (const auto& pair : pairs) {
        if (track_taken[pair.track] || read_taken[pair.read]) continue;
        track_taken[pair.track] = read_taken[pair.read] = true;
        extend(tracks_[pair.track], frame, reads[pair.read], lanes[pair.read]);
    }
    for (std::size_t r = 0; r < reads.size(); ++r) {
        if (read_taken[r]) continue;
        Track track;
        track.source = frame.source;
        track.line_row = static_cast<int>(
            std::lround(static_cast<double>(config_.timing_line) * frame.image.rows));
        extend(track, frame, reads[r], lanes[r]);
        tracks_.push_back(std::move(track));
    }
    return ended;
}

std::vector<Passage> Tracker::finish() {
    std::vector<Passage> ended;
    for (const auto& track : tracks_) {
        if (auto passage = passage_of(track)) ended.push_back(std::move(*passage));
    }
    tracks_.clear();
    return ended;
}

}  // namespace anpr::tracking

#pragma once
// A passage with every field set, for the tests of its JSON forms.

#include <chrono>

#include "tracking/passage.hpp"

namespace anpr::uplink {

inline tracking::Passage sample_passage() {
    tracking::Passage p;
    p.source = "images/passages_a.mp4";
    p.text = "1ABC123";
    p.display = "1-ABC-123";
    p.country = "BE";
    p.confidence = 0.91234f;
    p.candidates = {{"1ABC123", 0.91234f}, {"1ABC128", 0.2f}};
    p.first.frame = 12;
    p.first.read.box = {100, 200, 90, 20};
    p.last.frame = 40;
    p.last.read.box = {80, 400, 200, 44};
    p.best = p.last;
    p.best.time.utc = std::chrono::system_clock::time_point{} + std::chrono::milliseconds(1500);
    p.best_crop = cv::Mat(50, 230, CV_8UC3, cv::Scalar(200, 200, 200));
    p.direction = tracking::Direction::approaching;
    p.lane = "2";
    p.frames_read = 27;
    return p;
}

}  // namespace anpr::uplink

#include "pipeline/plate_reader.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>

#include "core/geometry.hpp"
#include "ocr/two_line.hpp"
#include "pipeline/merge_readings.hpp"
#include "pipeline/plate_ground.hpp"
#include "pipeline/rectify.hpp"

namespace anpr::pipeline {
namespace {

// The rectified plate is this many pixels high, so that characters come
// out about 40 px tall, where Tesseract's LSTM reads best; the CNN reader
// scales it down to its own input.
constexpr int kRectifiedHeight = 64;
// Two reads whose boxes overlap this much are one plate.
constexpr double kSamePlateOverlap = 0.3;
constexpr std::size_t kMaxCandidatesPerPlate = 5;
// No plate layout the unit reads has fewer characters; shorter reads are
// badges, overlays and fragments.
constexpr std::size_t kMinPlateCharacters = 4;

/// Rectified height for a quad: a plate that may carry two rows of text gets
/// twice the height, so that each row is as tall as a one-line plate's.
int rectified_height(const std::vector<cv::Point2f>& quad) {
    return core::may_hold_two_rows(quad) ? 2 * kRectifiedHeight : kRectifiedHeight;
}

/// The plate read from the stage's readings; `belief` is the localizer's
/// share in the confidence, applied to every candidate alike.
core::PlateRead to_plate_read(const std::vector<plates::Interpretation>& readings,
                              const core::PlateCandidate& candidate, float belief) {
    core::PlateRead read;
    const auto& best = readings.front();
    read.text = best.text;
    read.display = best.display;
    read.country = best.country;
    read.confidence = best.confidence * belief;
    read.box = candidate.box;
    for (std::size_t i = 0; i < readings.size() && i < kMaxCandidatesPerPlate; ++i) {
        read.candidates.push_back({readings[i].text, readings[i].confidence * belief});
    }
    return read;
}

/// Whether `wider`, read on the same plate as `kept`, holds all of kept's
/// text and more, in a country's format: both lines of a two-line plate
/// against one of them, which reads a little more surely on its own.
bool reads_more_of_it(const core::PlateRead& wider, const core::PlateRead& kept) {
    return !wider.country.empty() && wider.text.size() > kept.text.size() &&
           wider.text.find(kept.text) != std::string::npos;
}

/// What each engine sees in one candidate region, with the plate's ground
/// colour; nothing when the region holds no glyphs.
core::Result<std::vector<plates::RawText>> read_region(
    const std::vector<std::unique_ptr<ocr::Reader>>& readers, const cv::Mat& image,
    const core::PlateCandidate& candidate) {
    const cv::Mat upright = rectify(image, candidate.quad, rectified_height(candidate.quad));
    cv::Mat gray = upright;
    if (upright.channels() == 3) cv::cvtColor(upright, gray, cv::COLOR_BGR2GRAY);
    if (auto one_line = ocr::two_rows_as_one(gray)) gray = *one_line;
    const auto crop = ocr::plate_crop(gray);
    std::vector<plates::RawText> seen;
    if (!crop) return seen;  // no glyphs: no plate
    const auto ground = plate_ground(upright);
    for (const auto& reader : readers) {
        auto raw = reader->read(*crop);
        if (!raw) return raw.error();
        raw.value().ground = ground;
        seen.push_back(std::move(raw).value());
    }
    return seen;
}

}  // namespace

PlateReader::PlateReader(const config::AppConfig& config,
                         std::unique_ptr<localize::Localizer> localizer,
                         std::vector<std::unique_ptr<ocr::Reader>> ocr)
    : localizer_(std::move(localizer)),
      ocr_config_(config.ocr),
      plates_(config.plates),
      ocr_(std::move(ocr)) {}

core::Result<PlateReader> PlateReader::create(const config::AppConfig& config) {
    auto localizer = localize::make_localizer(config.localize);
    if (!localizer) return localizer.error();
    auto ocr = ocr::make_readers(config.ocr);
    if (!ocr) return ocr.error();
    return PlateReader(config, std::move(localizer).value(), std::move(ocr).value());
}

core::Result<std::vector<core::PlateRead>> PlateReader::read(const core::Frame& frame,
                                                             StageTimes* times) {
    const auto clock = [times](double StageTimes::*stage) {
        return StageTimer(times == nullptr ? nullptr : &(times->*stage));
    };
    auto candidates = [&] {
        const auto timer = clock(&StageTimes::localize_ms);
        return localizer_->find(frame);
    }();
    if (!candidates) return candidates.error();
    std::vector<core::PlateRead> reads;
    for (const auto& candidate : candidates.value()) {
        double region_ms = 0;
        auto seen = [&] {
            const StageTimer timer(&region_ms);
            return read_region(ocr_, frame.image, candidate);
        }();
        if (!seen) return seen.error();
        if (times != nullptr) {
            times->read_ms += region_ms;
            if (!seen.value().empty()) times->region_read_ms.push_back(region_ms);
        }
        auto readings = [&] {
            const auto timer = clock(&StageTimes::formats_ms);
            std::vector<std::vector<plates::Interpretation>> per_engine;
            for (const auto& raw : seen.value())
                per_engine.push_back(plates::interpret(raw, plates_));
            return merge_readings(per_engine);
        }();
        std::erase_if(readings, [](const auto& r) { return r.text.size() < kMinPlateCharacters; });
        if (readings.empty()) continue;
        // A plate-like region read well is believed; the localizer's score
        // only tempers the reader's confidence, never decides alone.
        auto read = to_plate_read(readings, candidate, 0.5f + 0.5f * candidate.score);
        if (read.confidence >= ocr_config_.min_confidence) reads.push_back(std::move(read));
    }
    std::stable_sort(reads.begin(), reads.end(),
                     [](const auto& a, const auto& b) { return a.confidence > b.confidence; });
    std::vector<core::PlateRead> distinct;
    for (auto& read : reads) {
        const auto same = std::find_if(distinct.begin(), distinct.end(), [&](const auto& d) {
            return core::overlap_of_smaller(d.box, read.box) > kSamePlateOverlap;
        });
        if (same == distinct.end()) {
            distinct.push_back(std::move(read));
        } else if (reads_more_of_it(read, *same)) {
            *same = std::move(read);
        }
    }
    std::stable_sort(distinct.begin(), distinct.end(),
                     [](const auto& a, const auto& b) { return a.confidence > b.confidence; });
    return distinct;
}

}  // namespace anpr::pipeline

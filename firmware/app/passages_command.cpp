#include <iostream>

#include "app/commands.hpp"
#include "capture/video_file.hpp"
#include "evaluation/passage_score.hpp"
#include "pipeline/plate_reader.hpp"
#include "tracking/tracker.hpp"
#include "uplink/passage_json.hpp"

namespace anpr::app {
namespace {

void print_human(const tracking::Passage& p) {
    std::cout << p.source << ": " << p.display << " (" << (p.country.empty() ? "?" : p.country)
              << ") " << tracking::direction_name(p.direction) << ", frames " << p.first.frame
              << "-" << p.last.frame << " (" << p.frames_read << " read), confidence "
              << static_cast<int>(p.confidence * 100.f + 0.5f) << "%\n";
}

/// The passages of one video, printed as they end; a frame that cannot be
/// decoded or read is named on stderr and counted, and the video goes on.
std::vector<tracking::Passage> passages_of(pipeline::PlateReader& reader,
                                           const config::AppConfig& config,
                                           capture::VideoFile& video,
                                           const PassagesOptions& options, int& failures) {
    tracking::Tracker tracker(config.tracking, config.plates, config.lanes);
    std::vector<tracking::Passage> passages;
    const auto keep = [&](std::vector<tracking::Passage> ended) {
        for (auto& passage : ended) {
            if (options.json) {
                std::cout << uplink::passage_json(passage).dump() << "\n";
            } else {
                print_human(passage);
            }
            passages.push_back(std::move(passage));
        }
    };
    while (true) {
        auto frame = video.next();
        if (!frame) {
            ++failures;
            std::cerr << "anpr passages: " << frame.error().message << "\n";
            continue;
        }
        if (!frame.value()) break;
        auto reads = reader.read(*frame.value());
        if (!reads) {
            ++failures;
            std::cerr << "anpr passages: " << frame.value()->source << " frame "
                      << frame.value()->index << ": " << reads.error().message << "\n";
            continue;
        }
        keep(tracker.add(*frame.value(), reads.value()));
    }
    keep(tracker.finish());
    return passages;
}

}  // namespace

int run_passages(const config::AppConfig& config, const PassagesOptions& options) {
    if (options.truth && options.videos.size() != 1) {
        std::cerr << "anpr passages: --truth scores one video; give exactly one\n";
        return 2;
    }
    std::optional<std::vector<evaluation::TruePassage>> truth;
    if (options.truth) {
        auto loaded = evaluation::load_passage_truth(*options.truth);
        if (!loaded) {
            std::cerr << "anpr passages: " << loaded.error().message << "\n";
            return 2;
        }
        truth = std::move(loaded).value();
    }
    auto reader = pipeline::PlateReader::create(config);
    if (!reader) {
        std::cerr << "anpr passages: " << reader.error().message << "\n";
        return 2;
    }
    int failures = 0;
    std::vector<tracking::Passage> passages;
    for (const auto& path : options.videos) {
        auto video = capture::VideoFile::open(path);
        if (!video) {
            std::cerr << "anpr passages: " << video.error().message << "\n";
            return 2;
        }
        passages = passages_of(reader.value(), config, video.value(), options, failures);
    }
    if (truth) {
        const auto report = evaluation::score_passages(*truth, passages);
        evaluation::print_passage_report(report, std::cout);
        if (options.min_recall && report.recall() < *options.min_recall) return 1;
    }
    return failures == 0 ? 0 : 1;
}

}  // namespace anpr::app

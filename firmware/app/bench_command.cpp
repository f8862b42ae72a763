#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <opencv2/core/utility.hpp>

#include "app/commands.hpp"
#include "capture/image_files.hpp"
#include "core/elapsed.hpp"
#include "core/statistics.hpp"
#include "pipeline/plate_reader.hpp"

namespace anpr::app {
namespace {

/// Milliseconds per stage, one value per frame (or per region read).
struct Samples {
    std::vector<double> decode, localize, read, read_per_region, formats, after_decode, frame;
};

double peak_resident_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

void print_row(const char* stage, const std::vector<double>& values) {
    std::printf("%-18s %10.2f %10.2f %8zu\n", stage, core::percentile(values, 0.5),
                core::percentile(values, 0.95), values.size());
}

}  // namespace

int run_bench(const config::AppConfig& config, const BenchOptions& options) {
    // One thread, as on one core of a unit: OpenCV's own thread pool is off.
    cv::setNumThreads(1);
    auto files = capture::expand_image_paths(options.paths);
    if (!files) {
        std::cerr << "anpr bench: " << files.error().message << "\n";
        return 2;
    }
    if (files.value().empty()) {
        std::cerr << "anpr bench: no JPEG or PNG image given\n";
        return 2;
    }
    auto reader = pipeline::PlateReader::create(config);
    if (!reader) {
        std::cerr << "anpr bench: " << reader.error().message << "\n";
        return 2;
    }
    Samples samples;
    int failures = 0;
    const auto run_start = std::chrono::steady_clock::now();
    for (int pass = 0; pass < options.repeat; ++pass) {
        for (const auto& file : files.value()) {
            const auto frame_start = std::chrono::steady_clock::now();
            auto frame = capture::load_frame(file, 0);
            const double decode_ms = core::ms_since(frame_start);
            if (!frame) {
                ++failures;
                std::cerr << "anpr bench: " << frame.error().message << "\n";
                continue;
            }
            pipeline::StageTimes times;
            const auto read_start = std::chrono::steady_clock::now();
            if (auto plates = reader.value().read(frame.value(), &times); !plates) {
                ++failures;
                std::cerr << "anpr bench: " << file.string() << ": " << plates.error().message
                          << "\n";
                continue;
            }
            samples.after_decode.push_back(core::ms_since(read_start));
            samples.frame.push_back(core::ms_since(frame_start));
            samples.decode.push_back(decode_ms);
            samples.localize.push_back(times.localize_ms);
            samples.read.push_back(times.read_ms);
            samples.formats.push_back(times.formats_ms);
            if (times.regions_read > 0)
                samples.read_per_region.push_back(times.read_ms / times.regions_read);
        }
    }
    const double seconds = core::ms_since(run_start) / 1000.0;
    std::printf("anpr bench: %zu images x %d, one thread, localizer %s, reader %s\n",
                files.value().size(), options.repeat, config.localize.engine.c_str(),
                config.ocr.engine.c_str());
    std::printf("%-18s %10s %10s %8s\n", "stage", "median_ms", "p95_ms", "samples");
    print_row("decode", samples.decode);
    print_row("detect", samples.localize);
    print_row("read", samples.read);
    print_row("read per region", samples.read_per_region);
    print_row("formats", samples.formats);
    print_row("frame after decode", samples.after_decode);
    print_row("frame", samples.frame);
    std::printf("frames=%zu failed=%d fps=%.1f peak_rss_mb=%.1f\n", samples.frame.size(), failures,
                seconds > 0 ? static_cast<double>(samples.frame.size()) / seconds : 0.0,
                peak_resident_mb());
    return failures == 0 ? 0 : 1;
}

}  // namespace anpr::app

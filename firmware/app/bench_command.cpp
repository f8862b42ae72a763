#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <opencv2/core/utility.hpp>

#include "app/commands.hpp"
#include "capture/image_files.hpp"
#include "capture/video_file.hpp"
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

/// Times the reading of decoded frames into the samples; counts failures.
class Timer {
  public:
    explicit Timer(pipeline::PlateReader& reader) : reader_(reader) {}

    /// Reads `frame`, decoded in `decode_ms`, and records each stage's time.
    void read(const core::Result<core::Frame>& frame, double decode_ms) {
        if (!frame) return fail(frame.error().message);
        pipeline::StageTimes times;
        const auto read_start = std::chrono::steady_clock::now();
        if (auto plates = reader_.read(frame.value(), &times); !plates) {
            return fail(frame.value().source + ": " + plates.error().message);
        }
        const double after_decode = core::ms_since(read_start);
        samples.after_decode.push_back(after_decode);
        samples.frame.push_back(decode_ms + after_decode);
        samples.decode.push_back(decode_ms);
        samples.localize.push_back(times.localize_ms);
        samples.read.push_back(times.read_ms);
        samples.formats.push_back(times.formats_ms);
        samples.read_per_region.insert(samples.read_per_region.end(), times.region_read_ms.begin(),
                                       times.region_read_ms.end());
    }

    void fail(const std::string& message) {
        ++failures;
        std::cerr << "anpr bench: " << message << "\n";
    }

    Samples samples;
    int failures = 0;

  private:
    pipeline::PlateReader& reader_;
};

/// Every frame of the video `file`, decoding timed frame by frame.
void time_video(const std::filesystem::path& file, Timer& timer) {
    auto video = capture::VideoFile::open(file);
    if (!video) return timer.fail(video.error().message);
    while (true) {
        const auto start = std::chrono::steady_clock::now();
        auto frame = video.value().next();
        const double decode_ms = core::ms_since(start);
        if (!frame) return timer.fail(frame.error().message);
        if (!frame.value()) return;
        timer.read(std::move(*frame.value()), decode_ms);
    }
}

void time_image(const std::filesystem::path& file, Timer& timer) {
    const auto start = std::chrono::steady_clock::now();
    auto frame = capture::load_frame(file, 0);
    timer.read(frame, core::ms_since(start));
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
        std::cerr << "anpr bench: no image or video given\n";
        return 2;
    }
    auto reader = pipeline::PlateReader::create(config);
    if (!reader) {
        std::cerr << "anpr bench: " << reader.error().message << "\n";
        return 2;
    }
    Timer timer(reader.value());
    const auto run_start = std::chrono::steady_clock::now();
    for (int pass = 0; pass < options.repeat; ++pass) {
        for (const auto& file : files.value()) {
            if (capture::is_video_file(file)) {
                time_video(file, timer);
            } else {
                time_image(file, timer);
            }
        }
    }
    const double seconds = core::ms_since(run_start) / 1000.0;
    const Samples& samples = timer.samples;
    std::printf("anpr bench: %zu files x %d, one thread, localizer %s, reader %s\n",
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
    std::printf("frames=%zu failed=%d fps=%.1f peak_rss_mb=%.1f\n", samples.frame.size(),
                timer.failures,
                seconds > 0 ? static_cast<double>(samples.frame.size()) / seconds : 0.0,
                peak_resident_mb());
    return timer.failures == 0 ? 0 : 1;
}

}  // namespace anpr::app

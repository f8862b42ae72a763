#include <iostream>

#include "app/commands.hpp"
#include "app/image_batch.hpp"
#include "capture/image_files.hpp"
#include "uplink/read_json.hpp"

namespace anpr::app {
namespace {

void print_human(const ImageOutcome& outcome) {
    const auto& plates = outcome.plates.value();
    if (plates.empty()) {
        std::cout << outcome.file.string() << ": no plate\n";
        return;
    }
    for (const auto& p : plates) {
        std::cout << outcome.file.string() << ": " << p.display << " ("
                  << (p.country.empty() ? "?" : p.country) << ") confidence "
                  << static_cast<int>(p.confidence * 100.f + 0.5f) << "% at [" << p.box.x << ","
                  << p.box.y << " " << p.box.width << "x" << p.box.height << "]\n";
    }
}

}  // namespace

int run_read(const config::AppConfig& config, const ReadOptions& options) {
    auto files = capture::expand_image_paths(options.paths);
    if (!files) {
        std::cerr << "anpr read: " << files.error().message << "\n";
        return 2;
    }
    auto reader = pipeline::PlateReader::create(config);
    if (!reader) {
        std::cerr << "anpr read: " << reader.error().message << "\n";
        return 2;
    }
    const int failures =
        read_images(reader.value(), files.value(), [&](const ImageOutcome& outcome) {
            if (!outcome.plates) {
                std::cerr << "anpr read: " << outcome.plates.error().message << "\n";
            } else if (options.json) {
                std::cout << uplink::image_reads_json(outcome.file.string(), outcome.ms,
                                                      outcome.plates.value())
                                 .dump()
                          << "\n";
            } else {
                print_human(outcome);
            }
        });
    return failures == 0 ? 0 : 1;
}

}  // namespace anpr::app

#include <fstream>
#include <iostream>
#include <map>

#include "app/commands.hpp"
#include "app/image_batch.hpp"
#include "evaluation/score.hpp"
#include "uplink/read_json.hpp"

namespace anpr::app {
namespace {

using ReadsByImage = std::map<std::string, evaluation::ImageReads>;

core::Result<ReadsByImage> read_now(const config::AppConfig& config,
                                    const std::filesystem::path& folder,
                                    const std::vector<evaluation::TruthEntry>& truth) {
    auto reader = pipeline::PlateReader::create(config);
    if (!reader) return reader.error();
    std::vector<std::filesystem::path> files;
    for (const auto& entry : truth) files.push_back(folder / entry.image);
    ReadsByImage reads;
    read_images(reader.value(), files, [&](const ImageOutcome& outcome) {
        auto& image = reads[outcome.file.filename().string()];
        if (!outcome.plates) {
            std::cerr << "anpr eval: " << outcome.plates.error().message << "\n";
            image.failed = true;
            return;
        }
        image.plates = outcome.plates.value();
        image.ms = outcome.ms;
    });
    return reads;
}

/// Saved `anpr read --json` lines, keyed by the image's file name.
core::Result<ReadsByImage> load_saved(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return core::Error{"cannot read '" + file.string() + "'"};
    ReadsByImage reads;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty()) continue;
        const std::string where = file.string() + ":" + std::to_string(number) + ": ";
        const auto json = nlohmann::ordered_json::parse(line, nullptr, false);
        if (json.is_discarded() || !json.is_object())
            return core::Error{where + "not a JSON object"};
        if (!json.contains("image") || !json.contains("plates") || !json.contains("ms")) {
            return core::Error{where + "expected the fields image, ms and plates"};
        }
        auto& image =
            reads[std::filesystem::path(json["image"].get<std::string>()).filename().string()];
        image.ms = json["ms"].get<double>();
        for (const auto& plate_json : json["plates"]) {
            auto plate = uplink::parse_plate_json(plate_json);
            if (!plate) return core::Error{where + plate.error().message};
            image.plates.push_back(std::move(plate).value());
        }
    }
    return reads;
}

}  // namespace

int run_eval(const config::AppConfig& config, const EvalOptions& options) {
    auto truth = evaluation::load_truth(options.truth);
    if (!truth) {
        std::cerr << "anpr eval: " << truth.error().message << "\n";
        return 2;
    }
    if (options.images && !std::filesystem::is_directory(*options.images)) {
        std::cerr << "anpr eval: no such folder: '" << options.images->string() << "'\n";
        return 2;
    }
    auto reads = options.reads ? load_saved(*options.reads)
                               : read_now(config, *options.images, truth.value());
    if (!reads) {
        std::cerr << "anpr eval: " << reads.error().message << "\n";
        return 2;
    }
    const auto report = evaluation::score(truth.value(), reads.value());
    evaluation::print_report(report, std::cout);
    if (options.min_exact && 100.0 * report.exact_folded < *options.min_exact * report.images) {
        std::cerr << "anpr eval: exact-match rate below the required " << *options.min_exact
                  << "%\n";
        return 1;
    }
    return 0;
}

}  // namespace anpr::app

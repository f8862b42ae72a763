#include "ocr/reader.hpp"

#include <string_view>

#include "core/types.hpp"
#include "ocr/character_mask.hpp"
#include "ocr/cnn_reader.hpp"
#include "ocr/tesseract_reader.hpp"

namespace anpr::ocr {
namespace {

template <class Engine>
core::Result<std::unique_ptr<Reader>> started(core::Result<std::unique_ptr<Engine>> engine) {
    if (!engine) return engine.error();
    return std::unique_ptr<Reader>(std::move(engine).value());
}

/// One engine by name; the config loader has already checked the name.
core::Result<std::unique_ptr<Reader>> make_reader(std::string_view engine,
                                                  const config::OcrConfig& config) {
    if (engine == "cnn") return started(CnnReader::create(config));
    return started(TesseractReader::create(config));
}

}  // namespace

std::optional<PlateCrop> plate_crop(const cv::Mat& gray) {
    CV_Assert(gray.type() == CV_8UC1);
    cv::Mat ink = character_mask(gray, core::kTextHeightShare);
    if (ink.empty()) return std::nullopt;
    return PlateCrop{gray, std::move(ink)};
}

core::Result<std::vector<std::unique_ptr<Reader>>> make_readers(const config::OcrConfig& config) {
    std::vector<std::unique_ptr<Reader>> readers;
    std::string_view rest = config.engine;
    while (!rest.empty()) {
        const auto plus = rest.find('+');
        auto reader = make_reader(rest.substr(0, plus), config);
        if (!reader) return reader.error();
        readers.push_back(std::move(reader).value());
        rest = plus == std::string_view::npos ? std::string_view{} : rest.substr(plus + 1);
    }
    return readers;
}

}  // namespace anpr::ocr

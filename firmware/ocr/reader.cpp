#include "ocr/reader.hpp"

#include "ocr/cnn_reader.hpp"
#include "ocr/tesseract_reader.hpp"

namespace anpr::ocr {
namespace {

template <class Engine>
core::Result<std::unique_ptr<Reader>> started(core::Result<std::unique_ptr<Engine>> engine) {
    if (!engine) return engine.error();
    return std::unique_ptr<Reader>(std::move(engine).value());
}

}  // namespace

core::Result<std::unique_ptr<Reader>> make_reader(const config::OcrConfig& config) {
    if (config.engine == "cnn") return started(CnnReader::create(config));
    return started(TesseractReader::create(config));
}

}  // namespace anpr::ocr

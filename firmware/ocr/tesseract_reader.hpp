#pragma once
/// Plate text read by Tesseract's LSTM engine as one line of upper-case
/// letters and digits, with per-character alternatives, from the plate's
/// character mask (ocr/character_mask.hpp).

#include <memory>
#include <opencv2/core.hpp>

#include "ocr/reader.hpp"

namespace tesseract {
class TessBaseAPI;
}

namespace anpr::ocr {

/// One Tesseract engine. Not thread-safe: one reader per thread.
class TesseractReader final : public Reader {
  public:
    /// Starts the engine; an Error names the missing language data or folder.
    static core::Result<std::unique_ptr<TesseractReader>> create(const config::OcrConfig& config);
    ~TesseractReader() override;
    TesseractReader(const TesseractReader&) = delete;
    TesseractReader& operator=(const TesseractReader&) = delete;

    /// Reads the crop's character mask.
    core::Result<plates::RawText> read(const PlateCrop& crop) override;

  private:
    explicit TesseractReader(std::unique_ptr<tesseract::TessBaseAPI> api);
    std::unique_ptr<tesseract::TessBaseAPI> api_;
};

}  // namespace anpr::ocr

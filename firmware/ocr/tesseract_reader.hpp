#pragma once
/// Plate text from a rectified plate crop, read by Tesseract's LSTM engine as
/// one line of upper-case letters and digits, with per-character alternatives.

#include <memory>
#include <opencv2/core.hpp>

#include "config/app_config.hpp"
#include "core/result.hpp"
#include "plates/plates.hpp"

namespace tesseract {
class TessBaseAPI;
}

namespace anpr::ocr {

/// One Tesseract engine. Not thread-safe: one reader per thread.
class TesseractReader {
  public:
    /// Starts the engine; an Error names the missing language data or folder.
    static core::Result<std::unique_ptr<TesseractReader>> create(const config::OcrConfig& config);
    ~TesseractReader();
    TesseractReader(const TesseractReader&) = delete;
    TesseractReader& operator=(const TesseractReader&) = delete;

    /// Characters seen in `plate` (8-bit grey, plate upright, text filling
    /// most of its height), left to right, each with its alternatives.
    core::Result<plates::RawText> read(const cv::Mat& plate);

  private:
    explicit TesseractReader(std::unique_ptr<tesseract::TessBaseAPI> api);
    std::unique_ptr<tesseract::TessBaseAPI> api_;
};

}  // namespace anpr::ocr

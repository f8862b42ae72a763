#pragma once
/// The plate-text reader interface, and the factory that starts the engines
/// named by `ocr.engine`.

#include <memory>
#include <opencv2/core.hpp>
#include <optional>
#include <vector>

#include "config/app_config.hpp"
#include "core/result.hpp"
#include "plates/plates.hpp"

namespace anpr::ocr {

/// One plate region as every reader gets it.
struct PlateCrop {
    cv::Mat gray;  ///< 8-bit grey, upright, cut as core::PlateCandidate::quad describes
    cv::Mat ink;   ///< its character mask (ocr/character_mask.hpp); never empty
};

/// The crop of `gray` (8-bit grey), or nothing when it holds no dark glyphs
/// on a lighter ground: then it is no plate, and no reader need look at it.
std::optional<PlateCrop> plate_crop(const cv::Mat& gray);

/// Reads the characters of one plate. Not thread-safe: one reader per thread.
class Reader {
  public:
    virtual ~Reader() = default;

    /// Characters seen in `crop`, left to right, each with its alternatives;
    /// no slots when nothing legible is there.
    virtual core::Result<plates::RawText> read(const PlateCrop& crop) = 0;
};

/// The engines `config.engine` names ("tesseract", "cnn", or both joined by
/// '+'), started; an Error names what is missing (Tesseract language data, a
/// model file) or broken.
core::Result<std::vector<std::unique_ptr<Reader>>> make_readers(const config::OcrConfig& config);

}  // namespace anpr::ocr

#pragma once
/// Reads the plates in one frame: localize, rectify, read, interpret.

#include <memory>
#include <vector>

#include "config/app_config.hpp"
#include "core/result.hpp"
#include "core/types.hpp"
#include "localize/localizer.hpp"
#include "ocr/reader.hpp"
#include "pipeline/stage_times.hpp"

namespace anpr::pipeline {

/// Holds one localizer and the OCR engines; one PlateReader per thread.
class PlateReader {
  public:
    /// An Error when the localizer or an OCR engine cannot start (model or
    /// language data missing or unusable).
    static core::Result<PlateReader> create(const config::AppConfig& config);

    /// Plates in `frame` whose confidence reaches ocr.min_confidence, best
    /// first; the time each stage took is added to `times` when given.
    core::Result<std::vector<core::PlateRead>> read(const core::Frame& frame,
                                                    StageTimes* times = nullptr);

  private:
    PlateReader(const config::AppConfig& config, std::unique_ptr<localize::Localizer> localizer,
                std::vector<std::unique_ptr<ocr::Reader>> ocr);
    std::unique_ptr<localize::Localizer> localizer_;
    config::OcrConfig ocr_config_;
    plates::PlatesConfig plates_;
    std::vector<std::unique_ptr<ocr::Reader>> ocr_;  ///< one per engine, merged per region
};

}  // namespace anpr::pipeline

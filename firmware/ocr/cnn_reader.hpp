#pragma once
/// Plate text read by the project's CTC network (models/plate_reader.onnx,
/// see models/MODELS.md) through OpenCV's cv::dnn.

#include <filesystem>
#include <memory>
#include <opencv2/dnn.hpp>

#include "ocr/reader.hpp"

namespace anpr::ocr {

class CnnReader final : public Reader {
  public:
    /// Loads `config.model` and checks it on a blank plate; an Error names the
    /// file when it is missing, not a loadable ONNX model, or of the wrong shape.
    static core::Result<std::unique_ptr<CnnReader>> create(const config::OcrConfig& config);

    /// Reads the crop's grey image.
    core::Result<plates::RawText> read(const PlateCrop& crop) override;

  private:
    explicit CnnReader(cv::dnn::Net net) : net_(std::move(net)) {}
    /// Per-step class probabilities (steps x classes) for `plate`.
    core::Result<cv::Mat> probabilities(const cv::Mat& plate);
    cv::dnn::Net net_;
};

}  // namespace anpr::ocr

#pragma once
/// The project's learned plate detector (models/plate_detector.onnx, see
/// models/MODELS.md) run through OpenCV's cv::dnn: boxes with scores and the
/// four plate corners, so the reader gets the whole plate upright.

#include <memory>
#include <opencv2/dnn.hpp>

#include "localize/localizer.hpp"

namespace anpr::localize {

class PlateDetector final : public Localizer {
  public:
    /// Loads `config.model` and runs it once on a blank frame; an Error names
    /// the file when it is missing, not a loadable ONNX model, or of the wrong shape.
    static core::Result<std::unique_ptr<PlateDetector>> create(
        const config::LocalizeConfig& config);

    /// Each candidate's quad is the whole plate's outline, corners tl, tr, br, bl.
    core::Result<std::vector<core::PlateCandidate>> find(const core::Frame& frame) override;

  private:
    PlateDetector(cv::dnn::Net net, config::LocalizeConfig config)
        : net_(std::move(net)), config_(std::move(config)) {}
    /// The network's output grid for one input blob, its shape checked.
    core::Result<cv::Mat> grid(const cv::Mat& input);
    cv::dnn::Net net_;
    config::LocalizeConfig config_;
};

/// The detector's input for a BGR frame: scaled by the returned factor to fit
/// 512x288, at the top-left of a canvas padded with grey, as [1, 3, 288, 512]
/// floats / 255 (models/MODELS.md).
std::pair<cv::Mat, double> detector_input(const cv::Mat& bgr);

}  // namespace anpr::localize

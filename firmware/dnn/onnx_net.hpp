#pragma once
/// Loading the project's ONNX models (models/MODELS.md) into OpenCV's cv::dnn,
/// with errors that name the file.

#include <filesystem>
#include <opencv2/dnn.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace anpr::dnn {

/// The network in `file`, set to run on the CPU. `role` starts every error,
/// e.g. "ocr: reader" gives "ocr: reader model 'x.onnx' not found".
core::Result<cv::dnn::Net> load_onnx_net(const std::filesystem::path& file, std::string_view role);

/// "[1, 13, 72, 128]" for an N-dimensional blob, for shape errors.
std::string shape_text(const cv::Mat& blob);

/// Whether `blob` has exactly the dimensions `expected`.
bool has_shape(const cv::Mat& blob, const std::vector<int>& expected);

/// "output shape [..], expected [..]".
std::string shape_mismatch(const cv::Mat& blob, const std::vector<int>& expected);

}  // namespace anpr::dnn

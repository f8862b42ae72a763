#include "dnn/onnx_net.hpp"

#include <system_error>

namespace anpr::dnn {
namespace {

std::string dims_text(const int* dims, int count) {
    std::string text = "[";
    for (int i = 0; i < count; ++i) text += (i ? ", " : "") + std::to_string(dims[i]);
    return text + "]";
}

}  // namespace

core::Result<cv::dnn::Net> load_onnx_net(const std::filesystem::path& file, std::string_view role) {
    const std::string named = std::string(role) + " model '" + file.string() + "'";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) return core::Error{named + " not found"};
    cv::dnn::Net net;
    try {
        net = cv::dnn::readNetFromONNX(file.string());
    } catch (const cv::Exception& e) {
        return core::Error{named + " is not a loadable ONNX model: " + e.msg};
    }
    if (net.empty()) return core::Error{named + " holds no network"};
    net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    return net;
}

std::string shape_text(const cv::Mat& blob) { return dims_text(blob.size.p, blob.dims); }

bool has_shape(const cv::Mat& blob, const std::vector<int>& expected) {
    if (blob.dims != static_cast<int>(expected.size())) return false;
    for (int i = 0; i < blob.dims; ++i) {
        if (blob.size[i] != expected[static_cast<std::size_t>(i)]) return false;
    }
    return true;
}

std::string shape_mismatch(const cv::Mat& blob, const std::vector<int>& expected) {
    return "output shape " + shape_text(blob) + ", expected " +
           dims_text(expected.data(), static_cast<int>(expected.size()));
}

}  // namespace anpr::dnn

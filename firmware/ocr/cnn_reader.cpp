#include "ocr/cnn_reader.hpp"

#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "dnn/onnx_net.hpp"
#include "ocr/ctc_decode.hpp"

namespace anpr::ocr {
namespace {

// The network's contract (models/MODELS.md): a 128x32 grey crop scaled to
// 0..1 in, per-step softmax over the CTC blank and this alphabet out.
constexpr int kInputWidth = 128;
constexpr int kInputHeight = 32;
constexpr int kSteps = 32;
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr int kClasses = static_cast<int>(kAlphabet.size()) + 1;

cv::Mat network_input(const cv::Mat& plate) {
    cv::Mat resized;
    // As in training (models/train/crop_augment.py): area averaging only when shrinking both ways.
    const bool shrinking = plate.cols >= kInputWidth && plate.rows >= kInputHeight;
    const int interpolation = shrinking ? cv::INTER_AREA : cv::INTER_LINEAR;
    cv::resize(plate, resized, cv::Size(kInputWidth, kInputHeight), 0, 0, interpolation);
    return cv::dnn::blobFromImage(resized, 1.0 / 255.0);
}

}  // namespace

core::Result<std::unique_ptr<CnnReader>> CnnReader::create(const config::OcrConfig& config) {
    const std::string file = config.model.string();
    auto net = dnn::load_onnx_net(config.model, "ocr: reader");
    if (!net) return net.error();
    std::unique_ptr<CnnReader> reader(new CnnReader(std::move(net).value()));
    // A network of the wrong shape would read garbage silently: try it once now.
    if (auto probe =
            reader->probabilities(cv::Mat(kInputHeight, kInputWidth, CV_8UC1, cv::Scalar(255)));
        !probe) {
        return core::Error{"ocr: reader model '" + file + "': " + probe.error().message};
    }
    return reader;
}

core::Result<cv::Mat> CnnReader::probabilities(const cv::Mat& plate) {
    cv::Mat out;
    try {
        net_.setInput(network_input(plate));
        out = net_.forward();
    } catch (const cv::Exception& e) {
        return core::Error{"the network failed: " + e.msg};
    }
    if (const std::vector<int> expected{1, kSteps, kClasses}; !dnn::has_shape(out, expected)) {
        return core::Error{dnn::shape_mismatch(out, expected)};
    }
    return cv::Mat(kSteps, kClasses, CV_32F, out.ptr<float>()).clone();
}

core::Result<plates::RawText> CnnReader::read(const PlateCrop& crop) {
    if (crop.gray.empty() || crop.gray.type() != CV_8UC1) {
        return core::Error{"ocr: plate image must be non-empty 8-bit grey"};
    }
    auto probs = probabilities(crop.gray);
    if (!probs) return core::Error{"ocr: " + probs.error().message};
    return ctc_greedy_decode(probs.value(), kAlphabet);
}

}  // namespace anpr::ocr

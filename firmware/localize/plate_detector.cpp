#include "localize/plate_detector.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "dnn/onnx_net.hpp"
#include "localize/detection_grid.hpp"
#include "localize/text_rows_in_plate.hpp"
#include "localize/two_row_plate.hpp"

namespace anpr::localize {
namespace {

// The network's contract (models/MODELS.md, models/train/README.md).
constexpr int kInputWidth = 512;
constexpr int kInputHeight = 288;
constexpr int kPadGrey = 127;
const std::vector<int> kGridShape{1, kGridChannels, kInputHeight / kGridStride,
                                  kInputWidth / kGridStride};
// With the detector's margins, a one-line EU plate's box (520x110 mm) is 4.3
// times as wide as high, one line of a two-line plate (about 210x65 mm) about
// 3. The detector, trained on one-line plates, boxes one line of a two-line
// plate (the corners it predicts for it are those of a one-line plate).
constexpr double kMaxOneOfTwoLinesAspect = 3.6;

bool may_be_one_of_two_lines(const cv::Rect& box) {
    return box.width <= kMaxOneOfTwoLinesAspect * box.height;
}

// `bgr` shrunk or enlarged to `size`. Area averaging from 1080p to 512x288
// (3.75x) costs 12.6 ms on one core; halving by area averaging, which has a
// fast path, then a bilinear step of less than 2x costs 1.6 ms and differs
// from it by 0.8 grey levels on average (docs/benchmarks.md).
cv::Mat scaled_to(const cv::Mat& bgr, cv::Size size) {
    cv::Mat image = bgr;
    while (image.cols >= 2 * size.width && image.rows >= 2 * size.height) {
        cv::Mat half;
        cv::resize(image, half, cv::Size(image.cols / 2, image.rows / 2), 0, 0, cv::INTER_AREA);
        image = half;
    }
    cv::Mat out;
    cv::resize(image, out, size, 0, 0, cv::INTER_LINEAR);
    return out;
}

}  // namespace

std::pair<cv::Mat, double> detector_input(const cv::Mat& bgr) {
    CV_Assert(!bgr.empty() && bgr.type() == CV_8UC3);
    const double scale = std::min(static_cast<double>(kInputWidth) / bgr.cols,
                                  static_cast<double>(kInputHeight) / bgr.rows);
    const cv::Size scaled(
        std::clamp(static_cast<int>(std::lround(bgr.cols * scale)), 1, kInputWidth),
        std::clamp(static_cast<int>(std::lround(bgr.rows * scale)), 1, kInputHeight));
    cv::Mat canvas(kInputHeight, kInputWidth, CV_8UC3, cv::Scalar::all(kPadGrey));
    scaled_to(bgr, scaled).copyTo(canvas(cv::Rect(cv::Point(0, 0), scaled)));
    // Planar floats / 255, as cv::dnn::blobFromImage makes them, at a tenth of its cost.
    cv::Mat blob({1, 3, kInputHeight, kInputWidth}, CV_32F);
    std::vector<cv::Mat> channels;
    cv::split(canvas, channels);
    for (int c = 0; c < 3; ++c) {
        cv::Mat plane(kInputHeight, kInputWidth, CV_32F, blob.ptr<float>(0, c));
        channels[static_cast<std::size_t>(c)].convertTo(plane, CV_32F, 1.0 / 255.0);
    }
    return {blob, scale};
}

core::Result<std::unique_ptr<PlateDetector>> PlateDetector::create(
    const config::LocalizeConfig& config) {
    auto net = dnn::load_onnx_net(config.model, "localize: detector");
    if (!net) return net.error();
    std::unique_ptr<PlateDetector> detector(new PlateDetector(std::move(net).value(), config));
    // A network of the wrong shape would find garbage silently: try it once now.
    const cv::Mat blank(kInputHeight, kInputWidth, CV_8UC3, cv::Scalar::all(kPadGrey));
    if (auto probe = detector->grid(detector_input(blank).first); !probe) {
        return core::Error{"localize: detector model '" + config.model.string() +
                           "': " + probe.error().message};
    }
    return detector;
}

core::Result<cv::Mat> PlateDetector::grid(const cv::Mat& input) {
    cv::Mat out;
    try {
        net_.setInput(input);
        out = net_.forward();
    } catch (const cv::Exception& e) {
        return core::Error{"the network failed: " + e.msg};
    }
    if (!dnn::has_shape(out, kGridShape)) return core::Error{dnn::shape_mismatch(out, kGridShape)};
    return out;
}

core::Result<std::vector<core::PlateCandidate>> PlateDetector::find(const core::Frame& frame) {
    if (frame.image.empty() || frame.image.type() != CV_8UC3) {
        return core::Error{"localize: frame from '" + frame.source +
                           "' is not a non-empty 8-bit BGR image"};
    }
    const auto [input, scale] = detector_input(frame.image);
    auto out = grid(input);
    if (!out) return core::Error{"localize: detector: " + out.error().message};
    std::vector<core::PlateCandidate> candidates;
    for (auto& plate : decode_detection_grid(out.value(), scale, frame.image.size(), config_)) {
        // The reader is given the plate's rows of characters, cut as the
        // classic localizer cuts them, or the whole plate where none is found.
        // (Whole plates read better on rendered frames: 100% against 96.5% on
        // the Luxembourg test set; rows read better on real photos: 72% against
        // 56% on the OpenALPR EU set, see docs/benchmarks.md.)
        // A squarish plate may hold two rows: the reader gets it whole.
        auto rows = core::may_hold_two_rows(plate.quad) ? std::vector<core::PlateCandidate>{}
                                                        : text_rows_in_plate(frame, plate, config_);
        if (may_be_one_of_two_lines(plate.box)) {
            for (const auto& row : rows) {
                if (auto two_lines = two_row_plate(frame, row)) candidates.push_back(*two_lines);
            }
        }
        for (auto& row : rows) candidates.push_back(std::move(row));
        if (rows.empty()) candidates.push_back(std::move(plate));
    }
    // Best first; each plate may have given two rows.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& a, const auto& b) { return a.score > b.score; });
    if (candidates.size() > static_cast<std::size_t>(config_.max_candidates)) {
        candidates.resize(static_cast<std::size_t>(config_.max_candidates));
    }
    return candidates;
}

}  // namespace anpr::localize

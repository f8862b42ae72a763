#include "localize/plate_detector.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <opencv2/imgcodecs.hpp>

#include "core/geometry.hpp"
#include "temp_dir.hpp"

namespace anpr::localize {
namespace {

const std::filesystem::path kShippedModel = "models/plate_detector.onnx";

config::LocalizeConfig detector_with(const std::filesystem::path& model) {
    config::LocalizeConfig config;
    config.engine = "detector";
    config.model = model;
    return config;
}

void expect_named(const core::Result<std::unique_ptr<PlateDetector>>& detector,
                  const std::string& words) {
    ASSERT_FALSE(detector.ok());
    EXPECT_NE(detector.error().message.find(words), std::string::npos) << detector.error().message;
}

TEST(PlateDetectorTest, MissingModelIsNamed) {
    expect_named(PlateDetector::create(detector_with("no/such/detector.onnx")),
                 "localize: detector model 'no/such/detector.onnx' not found");
}

TEST(PlateDetectorTest, GarbageModelIsNamed) {
    testing::TempDir dir;
    const auto model = dir.write("detector.onnx", "this is not a protobuf");
    expect_named(PlateDetector::create(detector_with(model)), model.string());
}

TEST(PlateDetectorTest, TruncatedModelIsNamed) {
    testing::TempDir dir;
    std::ifstream in(kShippedModel, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(bytes.size(), 1000u);
    bytes.resize(bytes.size() / 2);
    const auto model = dir.write("half.onnx", bytes);
    expect_named(PlateDetector::create(detector_with(model)), "half.onnx");
}

TEST(PlateDetectorTest, WronglyShapedModelIsRefused) {
    // tests/data/make_wrong_shape_model.py: the detector's input, a [1, 1, 288, 512] output.
    const auto detector =
        PlateDetector::create(detector_with("tests/data/wrong_shape_detector.onnx"));
    expect_named(detector, "wrong_shape_detector.onnx");
    expect_named(detector, "expected [1, 13, 72, 128]");
    // The reader's wrongly shaped model does not even take the detector's input.
    expect_named(PlateDetector::create(detector_with("tests/data/wrong_shape.onnx")),
                 "wrong_shape.onnx");
}

TEST(PlateDetectorTest, FactoryStartsTheConfiguredEngine) {
    EXPECT_TRUE(make_localizer(detector_with(kShippedModel)).ok());
    auto classic = detector_with("no/such/detector.onnx");
    classic.engine = "classic";  // needs no model
    EXPECT_TRUE(make_localizer(classic).ok());
    EXPECT_FALSE(make_localizer(detector_with("no/such/detector.onnx")).ok());
}

TEST(PlateDetectorTest, InputIsTheFrameLetterboxedTopLeft) {
    const cv::Mat frame(1080, 1920, CV_8UC3, cv::Scalar(255, 0, 0));  // blue
    const auto [input, scale] = detector_input(frame);
    ASSERT_EQ(input.dims, 4);
    EXPECT_EQ(input.size[1], 3);
    EXPECT_EQ(input.size[2], 288);
    EXPECT_EQ(input.size[3], 512);
    EXPECT_DOUBLE_EQ(scale, 512.0 / 1920.0);
    const auto pixel = [&](int c, int y, int x) { return input.ptr<float>(0, c, y)[x]; };
    EXPECT_FLOAT_EQ(pixel(0, 100, 100), 1.f);  // BGR order, / 255
    EXPECT_FLOAT_EQ(pixel(2, 100, 100), 0.f);
    const cv::Mat square(600, 600, CV_8UC3, cv::Scalar::all(0));
    const auto [padded, square_scale] = detector_input(square);
    EXPECT_DOUBLE_EQ(square_scale, 288.0 / 600.0);
    EXPECT_FLOAT_EQ(padded.ptr<float>(0, 1, 100)[400], 127.f / 255.f);  // right of the frame
}

TEST(PlateDetectorTest, FindsThePlateOfASampleFrame) {
    auto detector = PlateDetector::create(detector_with(kShippedModel));
    ASSERT_TRUE(detector.ok()) << detector.error().message;
    core::Frame frame;
    frame.image = cv::imread("images/fr_01.jpg");
    ASSERT_FALSE(frame.image.empty());
    auto plates = detector.value()->find(frame);
    ASSERT_TRUE(plates.ok()) << plates.error().message;
    ASSERT_FALSE(plates.value().empty());
    // images/fr_01.expect.json: the plate's box is [229, 369, 192, 51].
    EXPECT_GT(core::iou(plates.value().front().box, cv::Rect(229, 369, 192, 51)), 0.5)
        << plates.value().front().box;
    EXPECT_EQ(plates.value().front().quad.size(), 4u);
}

TEST(PlateDetectorTest, KeepsAtMostMaxCandidates) {
    core::Frame frame;
    frame.image = cv::imread("images/nl_02.jpg");  // a plate, a sign and a grille
    ASSERT_FALSE(frame.image.empty());
    const auto found_with = [&](int max_candidates) -> std::size_t {
        auto config = detector_with(kShippedModel);
        config.max_candidates = max_candidates;
        auto detector = PlateDetector::create(config);
        EXPECT_TRUE(detector.ok()) << detector.error().message;
        auto plates = detector.value()->find(frame);
        EXPECT_TRUE(plates.ok()) << plates.error().message;
        return plates.value().size();
    };
    EXPECT_GE(found_with(12), 2u);
    EXPECT_EQ(found_with(1), 1u);
}

TEST(PlateDetectorTest, FlatFrameHasNoPlate) {
    auto detector = PlateDetector::create(detector_with(kShippedModel));
    ASSERT_TRUE(detector.ok()) << detector.error().message;
    core::Frame frame;
    frame.image = cv::Mat(720, 1280, CV_8UC3, cv::Scalar(100, 100, 100));
    auto plates = detector.value()->find(frame);
    ASSERT_TRUE(plates.ok());
    EXPECT_TRUE(plates.value().empty());
    frame.image = cv::Mat();
    EXPECT_FALSE(detector.value()->find(frame).ok());
}

}  // namespace
}  // namespace anpr::localize

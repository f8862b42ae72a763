#include "ocr/cnn_reader.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <opencv2/imgcodecs.hpp>

#include "ocr/two_line.hpp"
#include "temp_dir.hpp"

namespace anpr::ocr {
namespace {

const std::filesystem::path kShippedModel = "models/plate_reader.onnx";

config::OcrConfig cnn_with(const std::filesystem::path& model) {
    config::OcrConfig config;
    config.engine = "cnn";
    config.model = model;
    return config;
}

TEST(CnnReaderTest, MissingModelIsNamed) {
    auto reader = CnnReader::create(cnn_with("no/such/reader.onnx"));
    ASSERT_FALSE(reader.ok());
    EXPECT_NE(reader.error().message.find("'no/such/reader.onnx' not found"), std::string::npos)
        << reader.error().message;
}

TEST(CnnReaderTest, GarbageModelIsNamed) {
    testing::TempDir dir;
    const auto model = dir.write("reader.onnx", "this is not a protobuf");
    auto reader = CnnReader::create(cnn_with(model));
    ASSERT_FALSE(reader.ok());
    EXPECT_NE(reader.error().message.find(model.string()), std::string::npos)
        << reader.error().message;
}

TEST(CnnReaderTest, FactoryStartsTheConfiguredEngines) {
    auto missing = make_readers(cnn_with("no/such/reader.onnx"));
    ASSERT_FALSE(missing.ok());  // the CNN engine was asked for, and its model is missing
    EXPECT_NE(missing.error().message.find("reader model"), std::string::npos);
    config::OcrConfig tesseract_only;
    tesseract_only.engine = "tesseract";
    auto tesseract = make_readers(tesseract_only);
    ASSERT_TRUE(tesseract.ok());
    EXPECT_EQ(tesseract.value().size(), 1u);
    auto by_default = make_readers(config::OcrConfig{});
    ASSERT_TRUE(by_default.ok()) << by_default.error().message;
    EXPECT_EQ(by_default.value().size(), 2u);  // tesseract+cnn
    auto cnn = make_readers(cnn_with(kShippedModel));
    ASSERT_TRUE(cnn.ok()) << cnn.error().message;
    EXPECT_EQ(cnn.value().size(), 1u);
    config::OcrConfig ensemble = cnn_with(kShippedModel);
    ensemble.engine = "tesseract+cnn";
    auto two = make_readers(ensemble);
    ASSERT_TRUE(two.ok()) << two.error().message;
    EXPECT_EQ(two.value().size(), 2u);
}

/// The shipped reader's best characters for the grey plate image `plate`.
std::string read_with_shipped_model(const cv::Mat& plate) {
    auto reader = CnnReader::create(cnn_with(kShippedModel));
    EXPECT_TRUE(reader.ok()) << reader.error().message;
    if (!reader.ok()) return "";
    const auto crop = plate_crop(plate);
    EXPECT_TRUE(crop.has_value());
    if (!crop) return "";
    auto raw = reader.value()->read(*crop);
    EXPECT_TRUE(raw.ok()) << raw.error().message;
    std::string text;
    for (const auto& slot : raw.value().slots) {
        text += slot.choices.front().ch;
        EXPECT_GT(slot.choices.front().confidence, 0.f);
    }
    return text;
}

TEST(CnnReaderTest, ShippedModelReadsARenderedPlate) {
    // The whole plate of images/fr_01.jpg, as a plate detector would frame it
    // (its box from fr_01.expect.json).
    const cv::Mat frame = cv::imread("images/fr_01.jpg", cv::IMREAD_GRAYSCALE);
    ASSERT_FALSE(frame.empty());
    EXPECT_EQ(read_with_shipped_model(frame(cv::Rect(229, 369, 192, 51)).clone()), "FY211ZP");
}

TEST(CnnReaderTest, ShippedModelReadsATwoLinePlateSetSideBySide) {
    // tests/data/make_two_line_plate.py: FR "GH-318" over "KT".
    const cv::Mat plate = cv::imread("tests/data/two_line_fr.png", cv::IMREAD_GRAYSCALE);
    ASSERT_FALSE(plate.empty());
    const auto one_line = two_rows_as_one(plate);
    ASSERT_TRUE(one_line.has_value());
    EXPECT_EQ(read_with_shipped_model(*one_line), "GH318KT");
}

TEST(CnnReaderTest, TruncatedModelIsNamed) {
    testing::TempDir dir;
    std::ifstream in(kShippedModel, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bytes.resize(bytes.size() / 2);
    const auto model = dir.write("half.onnx", bytes);
    auto reader = CnnReader::create(cnn_with(model));
    ASSERT_FALSE(reader.ok());
    EXPECT_NE(reader.error().message.find("half.onnx"), std::string::npos)
        << reader.error().message;
}

TEST(CnnReaderTest, WronglyShapedModelIsRefused) {
    // tests/data/make_wrong_shape_model.py: the reader's input, a [1, 1, 32, 128] output.
    auto reader = CnnReader::create(cnn_with("tests/data/wrong_shape.onnx"));
    ASSERT_FALSE(reader.ok());
    EXPECT_NE(reader.error().message.find("wrong_shape.onnx"), std::string::npos)
        << reader.error().message;
    EXPECT_NE(reader.error().message.find("expected [1, 32, 37]"), std::string::npos)
        << reader.error().message;
}

}  // namespace
}  // namespace anpr::ocr

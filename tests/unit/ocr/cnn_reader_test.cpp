#include "ocr/cnn_reader.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <opencv2/imgproc.hpp>

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
    auto tesseract = make_readers(config::OcrConfig{});
    ASSERT_TRUE(tesseract.ok());
    EXPECT_EQ(tesseract.value().size(), 1u);
    auto cnn = make_readers(cnn_with(kShippedModel));
    ASSERT_TRUE(cnn.ok()) << cnn.error().message;
    EXPECT_EQ(cnn.value().size(), 1u);
    config::OcrConfig ensemble = cnn_with(kShippedModel);
    ensemble.engine = "tesseract+cnn";
    auto two = make_readers(ensemble);
    ASSERT_TRUE(two.ok()) << two.error().message;
    EXPECT_EQ(two.value().size(), 2u);
}

TEST(CnnReaderTest, ShippedModelReadsARenderedPlate) {
    auto reader = CnnReader::create(cnn_with(kShippedModel));
    ASSERT_TRUE(reader.ok()) << reader.error().message;
    // A plain plate in the localizer's framing: text row filling 5/8 of the height.
    cv::Mat plate(64, 300, CV_8UC1, cv::Scalar(235));
    cv::putText(plate, "AB12CD", {40, 52}, cv::FONT_HERSHEY_DUPLEX, 1.5, cv::Scalar(15), 3);
    auto raw = reader.value()->read(plate);
    ASSERT_TRUE(raw.ok()) << raw.error().message;
    std::string text;
    for (const auto& slot : raw.value().slots) {
        text += slot.choices.front().ch;
        EXPECT_GT(slot.choices.front().confidence, 0.f);
    }
    EXPECT_EQ(text, "AB12CD");
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

TEST(CnnReaderTest, BlankRegionReadsNothing) {
    auto reader = CnnReader::create(cnn_with(kShippedModel));
    ASSERT_TRUE(reader.ok());
    auto raw = reader.value()->read(cv::Mat(64, 300, CV_8UC1, cv::Scalar(200)));
    ASSERT_TRUE(raw.ok());
    EXPECT_TRUE(raw.value().slots.empty());
}

}  // namespace
}  // namespace anpr::ocr

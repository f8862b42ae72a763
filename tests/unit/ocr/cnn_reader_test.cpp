#include "ocr/cnn_reader.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "temp_dir.hpp"

namespace anpr::ocr {
namespace {

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

TEST(CnnReaderTest, FactoryPicksTheConfiguredEngine) {
    auto reader = make_reader(cnn_with("no/such/reader.onnx"));
    ASSERT_FALSE(reader.ok());  // the CNN engine was asked for, and its model is missing
    EXPECT_NE(reader.error().message.find("reader model"), std::string::npos);
    EXPECT_TRUE(make_reader(config::OcrConfig{}).ok());  // Tesseract, the default
}

}  // namespace
}  // namespace anpr::ocr

// The learned models give the same reads on every architecture: the sample
// frames in images/ read with the detector and the CNN reader alone
// (tests/golden/cnn_only.toml) must give, plate for plate, the text, country,
// box and confidence of the reference reads made on x86-64 (made again after
// retraining a model, with the command in cnn_only.toml). ARM builds run this
// under qemu (docs/cross-builds.md): same ONNX files, different SIMD code in
// OpenCV's dnn.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "config/load.hpp"
#include "pipeline/plate_reader.hpp"

namespace anpr {
namespace {

constexpr double kMaxConfidenceDifference = 0.005;  ///< floating point may round apart
constexpr int kMaxBoxDifferencePx = 1;

std::vector<nlohmann::json> reference_reads() {
    std::vector<nlohmann::json> frames;
    std::ifstream in("tests/golden/cnn_reads.x86_64.jsonl");
    for (std::string line; std::getline(in, line);) frames.push_back(nlohmann::json::parse(line));
    return frames;
}

class SameReadsTest : public ::testing::TestWithParam<nlohmann::json> {
  protected:
    static void SetUpTestSuite() {
        auto config = config::load_config("tests/golden/cnn_only.toml");
        ASSERT_TRUE(config.ok()) << config.error().message;
        auto created = pipeline::PlateReader::create(config.value());
        ASSERT_TRUE(created.ok()) << created.error().message;
        reader_ = std::make_unique<pipeline::PlateReader>(std::move(created).value());
    }
    static void TearDownTestSuite() { reader_.reset(); }
    static std::unique_ptr<pipeline::PlateReader> reader_;
};

std::unique_ptr<pipeline::PlateReader> SameReadsTest::reader_;

TEST_P(SameReadsTest, AsOnX86) {
    const auto& reference = GetParam();
    core::Frame frame;
    frame.source = reference["image"].get<std::string>();
    frame.image = cv::imread(frame.source);
    ASSERT_FALSE(frame.image.empty()) << frame.source;
    const auto reads = reader_->read(frame);
    ASSERT_TRUE(reads.ok()) << reads.error().message;

    const auto& plates = reference["plates"];
    ASSERT_EQ(reads.value().size(), plates.size());
    for (std::size_t i = 0; i < plates.size(); ++i) {
        const auto& read = reads.value()[i];
        const auto& plate = plates[i];
        EXPECT_EQ(read.text, plate["text"].get<std::string>());
        EXPECT_EQ(read.country, plate["country"].get<std::string>());
        EXPECT_NEAR(read.confidence, plate["confidence"].get<double>(), kMaxConfidenceDifference)
            << read.text;
        const auto box = plate["box"].get<std::vector<int>>();
        EXPECT_LE(std::abs(read.box.x - box[0]), kMaxBoxDifferencePx) << read.text;
        EXPECT_LE(std::abs(read.box.y - box[1]), kMaxBoxDifferencePx) << read.text;
        EXPECT_LE(std::abs(read.box.width - box[2]), kMaxBoxDifferencePx) << read.text;
        EXPECT_LE(std::abs(read.box.height - box[3]), kMaxBoxDifferencePx) << read.text;
    }
}

INSTANTIATE_TEST_SUITE_P(
    SampleFrames, SameReadsTest, ::testing::ValuesIn(reference_reads()),
    [](const ::testing::TestParamInfo<nlohmann::json>& frame) {
        auto name = std::filesystem::path(frame.param["image"].get<std::string>()).stem().string();
        std::replace(name.begin(), name.end(), '-', '_');
        return name;
    });

}  // namespace
}  // namespace anpr

// Golden tests over the rendered sample frames in images/: each frame's
// .expect.json holds the plates drawn into it (ground truth from
// models/train/make_sample_frames.py). Every expected plate must be read with
// its exact text and country, on a box overlapping the true one, and nothing
// else (signs, overlays, grilles) may be read as a plate.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/geometry.hpp"
#include "pipeline/plate_reader.hpp"

namespace anpr {
namespace {

constexpr double kMinIou = 0.5;

std::vector<std::string> golden_frames() {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator("images")) {
        const auto name = entry.path().filename().string();
        const std::string suffix = ".expect.json";
        if (name.size() > suffix.size() && name.ends_with(suffix)) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {
  protected:
    static void SetUpTestSuite() {
        auto created = pipeline::PlateReader::create(config::AppConfig{});
        ASSERT_TRUE(created.ok()) << created.error().message;
        reader_ = std::make_unique<pipeline::PlateReader>(std::move(created).value());
    }
    static void TearDownTestSuite() { reader_.reset(); }
    static std::unique_ptr<pipeline::PlateReader> reader_;
};

std::unique_ptr<pipeline::PlateReader> GoldenTest::reader_;

TEST_P(GoldenTest, ReadsWhatWasDrawn) {
    std::ifstream in(std::filesystem::path("images") / GetParam());
    const auto expect = nlohmann::json::parse(in);
    core::Frame frame;
    frame.source = "images/" + expect["image"].get<std::string>();
    frame.image = cv::imread(frame.source);
    ASSERT_FALSE(frame.image.empty()) << frame.source;
    auto reads = reader_->read(frame);
    ASSERT_TRUE(reads.ok()) << reads.error().message;

    std::string got;
    for (const auto& r : reads.value()) got += " " + r.text + "/" + r.country;
    std::vector<cv::Rect> true_boxes;
    for (const auto& plate : expect["plates"]) {
        const auto b = plate["box"].get<std::vector<int>>();
        true_boxes.emplace_back(b[0], b[1], b[2], b[3]);
    }
    for (const auto& read : reads.value()) {
        const bool on_a_plate =
            std::any_of(true_boxes.begin(), true_boxes.end(),
                        [&](const cv::Rect& box) { return core::iou(read.box, box) >= kMinIou; });
        EXPECT_TRUE(on_a_plate) << "read " << read.text << " at " << read.box
                                << " where no plate is";
    }
    for (std::size_t i = 0; i < true_boxes.size(); ++i) {
        const auto& plate = expect["plates"][i];
        const cv::Rect& box = true_boxes[i];
        const auto found =
            std::find_if(reads.value().begin(), reads.value().end(),
                         [&](const auto& r) { return core::iou(r.box, box) >= kMinIou; });
        ASSERT_NE(found, reads.value().end())
            << "no read on the plate " << plate["text"] << "; reads:" << got;
        EXPECT_EQ(found->text, plate["text"].get<std::string>());
        EXPECT_EQ(found->country, plate["country"].get<std::string>());
    }
}

INSTANTIATE_TEST_SUITE_P(SampleFrames, GoldenTest, ::testing::ValuesIn(golden_frames()),
                         [](const ::testing::TestParamInfo<std::string>& frame) {
                             auto name = frame.param.substr(0, frame.param.find('.'));
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

}  // namespace
}  // namespace anpr

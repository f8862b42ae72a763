// `anpr passages` on the rendered videos in images/: one passage per vehicle,
// scored against the renderer's ground truth (images/README.md).
#include <gtest/gtest.h>

#include "run_command.hpp"

namespace anpr {
namespace {

class PassagesTest : public ::testing::TestWithParam<std::string> {};

TEST_P(PassagesTest, EveryVehicleOnceWithItsTextAndNothingInvented) {
    const std::string video = "images/" + GetParam();
    const auto result = testing::run_program(
        "anpr", "passages " + video + ".mp4 --truth " + video + ".json --min-recall 100");
    EXPECT_EQ(result.exit_code, 0) << result.out;
    // The score line: passages=N reported=N recall=100.0 precision=100.0 exact=100.0 ...
    EXPECT_NE(result.out.find("recall=100.0 precision=100.0 exact=100.0 duplicates=0 invented=0"),
              std::string::npos)
        << result.out;
}

INSTANTIATE_TEST_SUITE_P(RenderedVideos, PassagesTest,
                         ::testing::Values("passages_a", "passages_b", "passages_c"));

TEST(PassagesCliTest, TruthScoresOneVideoOnly) {
    const auto result = testing::run_program(
        "anpr",
        "passages images/passages_a.mp4 images/passages_b.mp4 --truth images/passages_a.json");
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.out.find("--truth scores one video"), std::string::npos) << result.out;
}

TEST(PassagesCliTest, MissingVideoIsNamed) {
    const auto result = testing::run_program("anpr", "passages no/such/video.mp4");
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.out.find("no/such/video.mp4"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace anpr

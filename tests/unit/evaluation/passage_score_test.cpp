#include "evaluation/passage_score.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "temp_dir.hpp"

namespace anpr::evaluation {
namespace {

TruePassage truly(const std::string& text, std::uint64_t first, std::uint64_t last,
                  bool misread = false) {
    return {text, "approaching", first, last, misread};
}

tracking::Passage reported(const std::string& text, std::uint64_t first, std::uint64_t last,
                           tracking::Direction direction = tracking::Direction::approaching) {
    tracking::Passage p;
    p.text = text;
    p.first.frame = first;
    p.last.frame = last;
    p.direction = direction;
    return p;
}

TEST(PassageScoreTest, EveryPassageOnceAndRight) {
    const auto report = score_passages({truly("1ABC123", 10, 60, true), truly("FY211ZP", 40, 90)},
                                       {reported("1ABC123", 20, 58), reported("FY211ZP", 50, 88)});
    EXPECT_EQ(report.found, 2);
    EXPECT_EQ(report.exact, 2);
    EXPECT_DOUBLE_EQ(report.recall(), 100.0);
    EXPECT_DOUBLE_EQ(report.precision(), 100.0);
    EXPECT_DOUBLE_EQ(report.exact_rate(), 100.0);
    EXPECT_EQ(report.direction_right, 2);
    EXPECT_EQ(report.misread_passages, 1);
    EXPECT_EQ(report.misread_exact, 1);
    EXPECT_TRUE(report.problems.empty());
}

TEST(PassageScoreTest, MissedDuplicatedInventedAndMisread) {
    const auto report = score_passages(
        {truly("1ABC123", 10, 60), truly("FY211ZP", 40, 90), truly("EL6027", 100, 150)},
        {reported("1ABC123", 12, 30), reported("1ABC123", 35, 60),  // split in two
         reported("FY211ZF", 45, 90, tracking::Direction::receding), reported("ZONE30", 200, 240)});
    EXPECT_EQ(report.truth, 3);
    EXPECT_EQ(report.reported, 4);
    EXPECT_EQ(report.found, 2);
    EXPECT_EQ(report.exact, 1);
    EXPECT_EQ(report.duplicates, 1);
    EXPECT_EQ(report.invented, 1);
    EXPECT_EQ(report.direction_right, 1);
    EXPECT_NEAR(report.recall(), 66.7, 0.1);
    EXPECT_DOUBLE_EQ(report.precision(), 50.0);
    std::ostringstream out;
    print_passage_report(report, out);
    const std::string text = out.str();
    EXPECT_NE(text.find("missed: EL6027 frames 100-150"), std::string::npos) << text;
    EXPECT_NE(text.find("reported 2 times: 1ABC123"), std::string::npos) << text;
    EXPECT_NE(text.find("read FY211ZF: FY211ZP"), std::string::npos) << text;
    EXPECT_NE(text.find("invented: ZONE30 frames 200-240"), std::string::npos) << text;
    EXPECT_NE(text.find("passages=3 reported=4 recall=66.7 precision=50.0 exact=33.3"),
              std::string::npos)
        << text;
}

TEST(PassageScoreTest, OverlappingTruthsGoToTheCloserText) {
    // Two cars side by side over the same frames.
    const auto report = score_passages({truly("1ABC123", 0, 50), truly("2XYZ789", 0, 50)},
                                       {reported("2XYZ789", 5, 45), reported("1ABC123", 5, 45)});
    EXPECT_EQ(report.exact, 2);
    EXPECT_EQ(report.duplicates, 0);
}

TEST(PassageScoreTest, LoadsTheRenderersTruth) {
    testing::TempDir dir;
    const auto file = dir.write("v.json", R"({"video": "v.mp4", "fps": 25, "passages": [
        {"text": "1ABC123", "direction": "approaching", "first_frame": 3, "last_frame": 40,
         "misread_frames": [10, 12]},
        {"text": "FY211ZP", "direction": "receding", "first_frame": 50, "last_frame": 90}]})");
    auto truth = load_passage_truth(file);
    ASSERT_TRUE(truth.ok()) << truth.error().message;
    ASSERT_EQ(truth.value().size(), 2u);
    EXPECT_EQ(truth.value()[0].text, "1ABC123");
    EXPECT_TRUE(truth.value()[0].has_misread_frames);
    EXPECT_FALSE(truth.value()[1].has_misread_frames);
    EXPECT_EQ(truth.value()[1].direction, "receding");
    EXPECT_EQ(truth.value()[1].last_frame, 90u);
}

TEST(PassageScoreTest, BadTruthIsNamed) {
    testing::TempDir dir;
    EXPECT_FALSE(load_passage_truth(dir.path() / "none.json").ok());
    const auto garbled = dir.write("g.json", "{\"passages\": [");
    auto bad = load_passage_truth(garbled);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("g.json"), std::string::npos);
    const auto missing = dir.write("m.json", R"({"passages": [{"text": "1ABC123"}]})");
    EXPECT_FALSE(load_passage_truth(missing).ok());
    const auto backwards = dir.write("b.json", R"({"passages": [{"text": "1ABC123",
        "direction": "approaching", "first_frame": 9, "last_frame": 3}]})");
    auto reversed = load_passage_truth(backwards);
    ASSERT_FALSE(reversed.ok());
    EXPECT_NE(reversed.error().message.find("ends before it starts"), std::string::npos);
}

}  // namespace
}  // namespace anpr::evaluation

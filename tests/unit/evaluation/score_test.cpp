#include "evaluation/score.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace anpr::evaluation {
namespace {

core::PlateRead plate(const std::string& text, cv::Rect box, float confidence = 0.9f) {
    core::PlateRead read;
    read.text = text;
    read.box = box;
    read.confidence = confidence;
    return read;
}

const cv::Rect kTruthBox(100, 100, 100, 25);

TEST(ScoreTest, CountsExactFoldedAndDetected) {
    const std::vector<TruthEntry> truth{{"a.jpg", "RK026AJ", kTruthBox},
                                        {"b.jpg", "RKO26AJ", kTruthBox},  // label with O for 0
                                        {"c.jpg", "1ABC123", kTruthBox},
                                        {"d.jpg", "XY12", kTruthBox}};
    std::map<std::string, ImageReads> reads;
    reads["a.jpg"] = {{plate("RK026AJ", kTruthBox)}, 10, false};
    reads["b.jpg"] = {{plate("RK026AJ", {105, 102, 100, 25})}, 20, false};
    reads["c.jpg"] = {{plate("1ABC128", {400, 400, 100, 25})}, 30, false};
    // d.jpg missing: read nothing
    const auto report = score(truth, reads);
    EXPECT_EQ(report.images, 4);
    EXPECT_EQ(report.exact_strict, 1);
    EXPECT_EQ(report.exact_folded, 2);
    EXPECT_EQ(report.detected, 2);
    EXPECT_EQ(report.with_box, 4);
    ASSERT_EQ(report.misses.size(), 2u);
    EXPECT_EQ(report.misses[0].image, "c.jpg");
    EXPECT_EQ(report.misses[0].read, "1ABC128");
    EXPECT_FALSE(report.misses[0].detected);
    EXPECT_EQ(report.misses[1].read, "");
}

TEST(ScoreTest, ScoresTheReadOnTheTrueBoxNotTheMostConfident) {
    const std::vector<TruthEntry> truth{{"a.jpg", "RK026AJ", kTruthBox}};
    std::map<std::string, ImageReads> reads;
    reads["a.jpg"] = {
        {plate("CITROEN", {0, 0, 80, 20}, 0.99f), plate("RK026AJ", kTruthBox, 0.5f)}, 10, false};
    EXPECT_EQ(score(truth, reads).exact_folded, 1);
    reads["a.jpg"] = {
        {plate("RK026AJ", {0, 0, 80, 20}, 0.99f), plate("CITROEN", kTruthBox, 0.5f)}, 10, false};
    EXPECT_EQ(score(truth, reads).exact_folded, 0);
}

TEST(ScoreTest, MedianAndP95ComeFromReadImagesOnly) {
    std::vector<TruthEntry> truth;
    std::map<std::string, ImageReads> reads;
    for (int i = 1; i <= 20; ++i) {
        const std::string name = std::to_string(i) + ".jpg";
        truth.push_back({name, "AB12", std::nullopt});
        reads[name] = {{}, static_cast<double>(i), false};
    }
    truth.push_back({"broken.jpg", "AB12", std::nullopt});
    reads["broken.jpg"] = {{}, 0, true};
    const auto report = score(truth, reads);
    EXPECT_DOUBLE_EQ(report.median_ms, 10);
    EXPECT_DOUBLE_EQ(report.p95_ms, 19);
    EXPECT_EQ(report.with_box, 0);
}

TEST(ScoreTest, LastLineSummarises) {
    const std::vector<TruthEntry> truth{{"a.jpg", "AB12", kTruthBox}, {"b.jpg", "CD34", kTruthBox}};
    std::map<std::string, ImageReads> reads;
    reads["a.jpg"] = {{plate("AB12", kTruthBox)}, 12, false};
    reads["b.jpg"] = {{plate("CD35", kTruthBox)}, 14, false};
    std::ostringstream out;
    print_report(score(truth, reads), out);
    const std::string text = out.str();
    EXPECT_NE(text.find("miss b.jpg: truth CD34, read CD35\n"), std::string::npos);
    const std::string last = text.substr(text.rfind('\n', text.size() - 2) + 1);
    EXPECT_EQ(last, "exact=50.0 read=1/2 strict=50.0 detected=2/2 median_ms=12.0 p95_ms=14.0\n");
}

TEST(ScoreTest, FoldsOAndIOnly) { EXPECT_EQ(fold_lookalikes("OI08B"), "0108B"); }

}  // namespace
}  // namespace anpr::evaluation

#include "pipeline/merge_readings.hpp"

#include <gtest/gtest.h>

namespace anpr::pipeline {
namespace {

plates::Interpretation reading(const std::string& text, const std::string& country,
                               float confidence) {
    return {text, text, country, confidence, 0};
}

TEST(MergeReadingsTest, AgreementRaisesBeliefAndRanksFirst) {
    const auto merged =
        merge_readings({{reading("RK755AJ", "SK", 0.6f), reading("RK755A", "", 0.3f)},
                        {reading("RK756AJ", "SK", 0.7f), reading("RK755AJ", "FR", 0.5f)}});
    ASSERT_EQ(merged.size(), 3u);
    EXPECT_EQ(merged[0].text, "RK755AJ");
    EXPECT_FLOAT_EQ(merged[0].confidence, 1.f - 0.4f * 0.5f);
    EXPECT_EQ(merged[0].country, "SK");  // from the more confident engine
    EXPECT_EQ(merged[1].text, "RK756AJ");
    EXPECT_EQ(merged[2].text, "RK755A");
}

TEST(MergeReadingsTest, OneEngineOrNoneIsPassedThrough) {
    const auto one = merge_readings({{reading("1ABC123", "BE", 0.8f)}});
    ASSERT_EQ(one.size(), 1u);
    EXPECT_FLOAT_EQ(one[0].confidence, 0.8f);
    EXPECT_TRUE(merge_readings({}).empty());
    EXPECT_TRUE(merge_readings({{}, {}}).empty());
}

}  // namespace
}  // namespace anpr::pipeline

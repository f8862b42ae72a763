#include "pipeline/stage_stats.hpp"

#include <gtest/gtest.h>

namespace anpr::pipeline {
namespace {

StageTimes times(double localize, double read, double formats) {
    StageTimes t;
    t.localize_ms = localize;
    t.read_ms = read;
    t.formats_ms = formats;
    return t;
}

TEST(StageStatsTest, MedianAndP95PerStage) {
    StageStats stats;
    for (int i = 1; i <= 100; ++i) stats.add(times(i, 2 * i, 0.5));
    EXPECT_EQ(stats.frames(), 100u);
    EXPECT_DOUBLE_EQ(stats.localize().median_ms, 50);
    EXPECT_DOUBLE_EQ(stats.localize().p95_ms, 95);
    EXPECT_DOUBLE_EQ(stats.read().median_ms, 100);
    EXPECT_DOUBLE_EQ(stats.formats().p95_ms, 0.5);
    EXPECT_DOUBLE_EQ(stats.frame().median_ms, 150.5);
    EXPECT_NE(stats.line().find("localize 50.0/95.0 ms, read 100.0/190.0 ms"), std::string::npos)
        << stats.line();
    EXPECT_NE(stats.line().find("over the last 100 frames"), std::string::npos);
}

TEST(StageStatsTest, KeepsOnlyTheLastFrames) {
    StageStats stats(10);
    for (int i = 0; i < 10; ++i) stats.add(times(1000, 0, 0));  // a slow start, long gone
    for (int i = 0; i < 10; ++i) stats.add(times(5, 0, 0));
    EXPECT_EQ(stats.frames(), 10u);
    EXPECT_DOUBLE_EQ(stats.localize().p95_ms, 5);
}

TEST(StageStatsTest, NothingYetIsZero) {
    const StageStats stats;
    EXPECT_EQ(stats.frames(), 0u);
    EXPECT_DOUBLE_EQ(stats.frame().median_ms, 0);
}

}  // namespace
}  // namespace anpr::pipeline

#include "timekeeping/clock_quality.hpp"

#include <gtest/gtest.h>

#include <random>

namespace anpr::timekeeping {
namespace {

// A line of `chronyc -c tracking` from a unit synchronised to its GPS's PPS.
const std::string kPpsLine =
    "50505300,PPS,1,1764411840.123456789,0.000000120,-0.000000080,0.000000300,-12.345,"
    "0.001,0.010,0.000001000,0.000050000,16.0,Normal\n";

timex synced_kernel(long maxerror_us) {
    timex kernel{};
    kernel.maxerror = maxerror_us;
    kernel.esterror = maxerror_us / 4;
    return kernel;
}

TEST(ChronyTrackingTest, ReadsChronycsCsvLine) {
    const auto tracking = parse_chrony_tracking(kPpsLine);
    ASSERT_TRUE(tracking);
    EXPECT_EQ(tracking->reference, "PPS");
    EXPECT_EQ(tracking->stratum, 1);
    EXPECT_DOUBLE_EQ(tracking->system_offset_s, 1.2e-7);
    EXPECT_DOUBLE_EQ(tracking->root_delay_s, 1e-6);
    EXPECT_DOUBLE_EQ(tracking->root_dispersion_s, 5e-5);
    EXPECT_EQ(tracking->leap_status, "Normal");
}

TEST(ChronyTrackingTest, RefusesWhatIsNotATrackingLine) {
    EXPECT_FALSE(parse_chrony_tracking(""));
    EXPECT_FALSE(parse_chrony_tracking("506 Cannot talk to daemon"));
    EXPECT_FALSE(parse_chrony_tracking("a,b,c,d,e,f,g,h,i,j,k,l,m,n"));
    EXPECT_FALSE(
        parse_chrony_tracking("0,PPS,1,0,nan,0,0,0,0,0,0.000001,0.00005,16,Normal"));  // not finite
    EXPECT_FALSE(
        parse_chrony_tracking("0,PPS,1,0,0,0,0,0,0,0,-1,0.00005,16,Normal"));  // a negative delay
}

TEST(ClockQualityTest, UnsynchronisedClockHasNoErrorBoundAndIsNotFit) {
    timex kernel{};
    kernel.status = STA_UNSYNC;
    const auto quality = judge_clock(TIME_ERROR, kernel, std::nullopt, 5.0);
    EXPECT_EQ(quality.source, ClockQuality::Source::unsynchronised);
    EXPECT_FALSE(quality.error_ms);
    EXPECT_FALSE(quality.fit_for_enforcement);
    EXPECT_STREQ(source_name(quality.source), "unsynchronised");
}

TEST(ClockQualityTest, AdjtimexRefusedIsUnsynchronisedNotPerfect) {
    // What a seccomp filter that refuses adjtimex() leaves: -1, a zeroed timex.
    const auto quality = judge_clock(-1, timex{}, std::nullopt, 5.0);
    EXPECT_EQ(quality.source, ClockQuality::Source::unsynchronised);
    EXPECT_FALSE(quality.error_ms);
    EXPECT_FALSE(quality.fit_for_enforcement);
}

TEST(ClockQualityTest, KernelMaximumErrorDecidesWithoutChrony) {
    const auto good = judge_clock(TIME_OK, synced_kernel(2000), std::nullopt, 5.0);
    EXPECT_EQ(good.source, ClockQuality::Source::ntp);
    EXPECT_DOUBLE_EQ(*good.error_ms, 2.0);
    EXPECT_TRUE(good.fit_for_enforcement);
    const auto drifting = judge_clock(TIME_OK, synced_kernel(48000), std::nullopt, 5.0);
    EXPECT_DOUBLE_EQ(*drifting.error_ms, 48.0);
    EXPECT_FALSE(drifting.fit_for_enforcement);
}

TEST(ClockQualityTest, KernelPpsDisciplineIsGpsTime) {
    timex kernel = synced_kernel(10);
    kernel.status = STA_PPSTIME | STA_PPSSIGNAL;
    const auto quality = judge_clock(TIME_OK, kernel, std::nullopt, 5.0);
    EXPECT_EQ(quality.source, ClockQuality::Source::gps);
    EXPECT_EQ(quality.reference, "PPS");
}

TEST(ClockQualityTest, ChronyOnPpsGivesGpsTimeWithItsRootDistance) {
    const auto quality =
        judge_clock(TIME_OK, synced_kernel(100000), parse_chrony_tracking(kPpsLine), 5.0);
    EXPECT_EQ(quality.source, ClockQuality::Source::gps);
    // |offset| + delay / 2 + dispersion = 0.12 us + 0.5 us + 50 us.
    EXPECT_NEAR(*quality.error_ms, 0.05062, 1e-9);
    EXPECT_TRUE(quality.fit_for_enforcement);
}

TEST(ClockQualityTest, ChronyOnAServerIsNtpAndFarServersAreNotFit) {
    const auto tracking = parse_chrony_tracking(
        "C0000201,192.0.2.1,2,1764411840.1,0.004,0.001,0.002,1.0,0.0,0.1,0.030,0.010,64,Normal");
    const auto quality = judge_clock(TIME_OK, synced_kernel(100000), tracking, 5.0);
    EXPECT_EQ(quality.source, ClockQuality::Source::ntp);
    EXPECT_NEAR(*quality.error_ms, 29.0, 1e-9);  // 4 + 15 + 10 ms
    EXPECT_FALSE(quality.fit_for_enforcement);
}

TEST(ClockQualityTest, ChronyNotSynchronisedFallsBackToTheKernel) {
    const auto tracking = parse_chrony_tracking(
        "00000000,,0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,1.0,1.0,0.0,Not synchronised");
    ASSERT_TRUE(tracking);
    timex kernel{};
    kernel.status = STA_UNSYNC;
    EXPECT_EQ(judge_clock(TIME_ERROR, kernel, tracking, 5.0).source,
              ClockQuality::Source::unsynchronised);
}

// Seeded random and mutated lines: the parser never crashes, hangs or
// accepts a line that does not have its 14 fields.
TEST(ChronyTrackingFuzzTest, RandomAndMutatedLinesAreSafe) {
    std::mt19937 random(6);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int i = 0; i < 20000; ++i) {
        std::string line = kPpsLine;
        const int edits = 1 + i % 8;
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = random() % (line.size() + 1);
            switch (random() % 3) {
                case 0:
                    line.insert(at, 1, static_cast<char>(byte(random)));
                    break;
                case 1:
                    if (at < line.size()) line.erase(at, 1);
                    break;
                default:
                    if (at < line.size()) line[at] = static_cast<char>(byte(random));
            }
        }
        if (const auto parsed = parse_chrony_tracking(line)) {
            EXPECT_GE(parsed->stratum, 0);
            EXPECT_GE(parsed->root_dispersion_s, 0);
        }
    }
}

}  // namespace
}  // namespace anpr::timekeeping

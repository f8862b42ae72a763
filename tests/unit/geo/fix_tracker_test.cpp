#include "geo/fix_tracker.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace anpr::geo {
namespace {

using namespace std::chrono_literals;

const LatLon site{50.8466, 4.3528};
const auto t0 = std::chrono::steady_clock::time_point(1000s);

GeoFix fix_at(std::chrono::steady_clock::time_point received, double lat = 50.8466) {
    GeoFix fix;
    fix.mode = GeoFix::Mode::fix_3d;
    fix.lat = lat;
    fix.lon = 4.3528;
    fix.received = received;
    return fix;
}

GeoFix no_fix_at(std::chrono::steady_clock::time_point received) {
    GeoFix fix;
    fix.received = received;
    return fix;
}

FixTracker tracker() { return FixTracker(site, 200.0, 2s); }

TEST(FixTrackerTest, NothingBeforeTheFirstReport) {
    const auto fixes = tracker();
    EXPECT_FALSE(fixes.current(t0));
    EXPECT_FALSE(fixes.last());
    EXPECT_EQ(fixes.counts().fixes, 0u);
}

TEST(FixTrackerTest, AFreshFixIsCurrent) {
    auto fixes = tracker();
    const auto change = fixes.on_report(fix_at(t0));
    EXPECT_TRUE(change.regained);
    ASSERT_TRUE(fixes.current(t0 + 1s));
    EXPECT_EQ(fixes.current(t0 + 1s)->lat, 50.8466);
    EXPECT_EQ(fixes.counts().fixes, 1u);
}

TEST(FixTrackerTest, AFixOlderThanMaxAgeIsNotCurrentAndCountsOneLoss) {
    auto fixes = tracker();
    fixes.on_report(fix_at(t0));
    EXPECT_TRUE(fixes.current(t0 + 2s));
    EXPECT_FALSE(fixes.current(t0 + 2001ms));

    EXPECT_EQ(fixes.on_tick(t0 + 1s).lost, FixChange::Loss::none);
    EXPECT_EQ(fixes.on_tick(t0 + 3s).lost, FixChange::Loss::stale);
    EXPECT_EQ(fixes.on_tick(t0 + 4s).lost, FixChange::Loss::none);  // once per loss
    EXPECT_EQ(fixes.counts().fix_losses, 1u);
    ASSERT_TRUE(fixes.last());  // still shown in the status
}

TEST(FixTrackerTest, NoFixReportEndsTheFixOnce) {
    auto fixes = tracker();
    fixes.on_report(fix_at(t0));
    EXPECT_EQ(fixes.on_report(no_fix_at(t0 + 1s)).lost, FixChange::Loss::no_fix);
    EXPECT_EQ(fixes.on_report(no_fix_at(t0 + 2s)).lost, FixChange::Loss::none);
    EXPECT_FALSE(fixes.current(t0 + 2s));
    EXPECT_EQ(fixes.counts().fix_losses, 1u);
    EXPECT_EQ(fixes.counts().fixes, 1u);

    EXPECT_TRUE(fixes.on_report(fix_at(t0 + 3s)).regained);
    EXPECT_TRUE(fixes.current(t0 + 3s));
    EXPECT_EQ(fixes.counts().fixes, 2u);
}

TEST(FixTrackerTest, NoFixAtStartIsNoLoss) {
    auto fixes = tracker();
    EXPECT_EQ(fixes.on_report(no_fix_at(t0)).lost, FixChange::Loss::none);
    EXPECT_EQ(fixes.on_tick(t0 + 10s).lost, FixChange::Loss::none);
    EXPECT_EQ(fixes.counts().fix_losses, 0u);
}

TEST(FixTrackerTest, AStaleFixThenNoFixIsOneLoss) {
    auto fixes = tracker();
    fixes.on_report(fix_at(t0));
    fixes.on_tick(t0 + 3s);
    EXPECT_EQ(fixes.on_report(no_fix_at(t0 + 4s)).lost, FixChange::Loss::none);
    EXPECT_EQ(fixes.counts().fix_losses, 1u);
}

TEST(FixTrackerTest, FarFromSiteIsCountedPerFixAndReportedOncePerEpisode) {
    auto fixes = tracker();
    const double far = 50.8466 + 1234.0 / 111'195.0;
    const auto first = fixes.on_report(fix_at(t0, far));
    ASSERT_TRUE(first.far_episode_m);
    EXPECT_NEAR(*first.far_episode_m, 1234.0, 1.0);
    EXPECT_FALSE(fixes.on_report(fix_at(t0 + 1s, far)).far_episode_m);
    EXPECT_TRUE(fixes.far_from_site());
    EXPECT_EQ(fixes.counts().far_from_site, 2u);

    const auto back = fixes.on_report(fix_at(t0 + 2s));
    EXPECT_TRUE(back.back_near_site);
    EXPECT_FALSE(fixes.far_from_site());
    EXPECT_NEAR(*fixes.site_distance_m(), 0.0, 1e-6);

    EXPECT_TRUE(fixes.on_report(fix_at(t0 + 3s, far)).far_episode_m);  // a new episode
    EXPECT_EQ(fixes.counts().far_from_site, 3u);
}

}  // namespace
}  // namespace anpr::geo

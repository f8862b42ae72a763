#include "uplink/backoff.hpp"

#include <gtest/gtest.h>

namespace anpr::uplink {
namespace {

TEST(BackoffTest, DoublesWithinTheUpperHalfUpToTheCap) {
    Backoff backoff(1.0, 30.0, 7);
    double base = 1.0;
    for (int i = 0; i < 12; ++i) {
        const double pause = backoff.next();
        EXPECT_GE(pause, base / 2) << i;
        EXPECT_LE(pause, base) << i;
        base = std::min(30.0, base * 2);
    }
    EXPECT_EQ(backoff.failures(), 12);
}

TEST(BackoffTest, ResetStartsAgainFromTheMinimum) {
    Backoff backoff(2.0, 100.0, 1);
    for (int i = 0; i < 5; ++i) backoff.next();
    backoff.reset();
    EXPECT_LE(backoff.next(), 2.0);
}

TEST(BackoffTest, HonoursRetryAfterButNotBeyondTheCap) {
    Backoff backoff(1.0, 60.0, 3);
    EXPECT_GE(backoff.next(20.0), 20.0);
    EXPECT_EQ(backoff.next(1e6), 60.0);
}

TEST(BackoffTest, JitterSpreadsUnits) {
    Backoff a(10.0, 10.0, 1);
    Backoff b(10.0, 10.0, 2);
    EXPECT_NE(a.next(), b.next());
}

TEST(BackoffTest, ManyFailuresStayFinite) {
    Backoff backoff(0.5, 300.0, 9);
    double pause = 0;
    for (int i = 0; i < 5000; ++i) pause = backoff.next();
    EXPECT_GE(pause, 150.0);
    EXPECT_LE(pause, 300.0);
}

}  // namespace
}  // namespace anpr::uplink

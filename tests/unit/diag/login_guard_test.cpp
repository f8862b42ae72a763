#include "diag/login_guard.hpp"

#include <gtest/gtest.h>

namespace anpr::diag {
namespace {

using namespace std::chrono_literals;

struct FakeClock {
    std::chrono::steady_clock::time_point now{};
    LoginGuard::Clock clock() {
        return [this] { return now; };
    }
};

TEST(LoginGuard, DelaysDoubleUpToEightSeconds) {
    FakeClock time;
    LoginGuard guard(100, 300s, time.clock());
    const std::vector<std::chrono::milliseconds> expected{500ms, 1s, 2s, 4s, 8s, 8s, 8s};
    for (const auto delay : expected) {
        EXPECT_EQ(guard.failed("ann", "10.0.0.1"), delay);
        time.now += 1s;
    }
}

TEST(LoginGuard, LocksAfterMaxFailuresUntilTheLockoutEnds) {
    FakeClock time;
    LoginGuard guard(3, 60s, time.clock());
    for (int i = 0; i < 2; ++i) guard.failed("ann", "10.0.0.1");
    EXPECT_FALSE(guard.locked_for("ann", "10.0.0.1"));
    guard.failed("ann", "10.0.0.1");
    EXPECT_EQ(guard.locked_for("ann", "10.0.0.2"), 60);
    EXPECT_EQ(guard.locked_now(), 2u);  // the name and the address
    time.now += 20500ms;
    EXPECT_EQ(guard.locked_for("ann", "10.0.0.2"), 40);  // rounded up
    time.now += 40s;
    EXPECT_FALSE(guard.locked_for("ann", "10.0.0.1"));
    EXPECT_EQ(guard.locked_now(), 0u);
    // A lock served starts the count again.
    EXPECT_EQ(guard.failed("ann", "10.0.0.1"), 500ms);
    EXPECT_FALSE(guard.locked_for("ann", "10.0.0.1"));
}

TEST(LoginGuard, SuccessResetsTheNameAndTheAddress) {
    FakeClock time;
    LoginGuard guard(3, 60s, time.clock());
    guard.failed("ann", "10.0.0.1");
    guard.failed("ann", "10.0.0.1");
    guard.succeeded("ann", "10.0.0.1");
    EXPECT_EQ(guard.failed("ann", "10.0.0.1"), 500ms);
    guard.failed("ann", "10.0.0.1");
    EXPECT_FALSE(guard.locked_for("ann", "10.0.0.1"));
}

TEST(LoginGuard, LocksAnAddressTryingManyNames) {
    FakeClock time;
    LoginGuard guard(3, 60s, time.clock());
    guard.failed("ann", "10.0.0.9");
    guard.failed("bob", "10.0.0.9");
    EXPECT_EQ(guard.failed("cid", "10.0.0.9"), 2s);
    EXPECT_EQ(guard.address_locked_for("10.0.0.9"), 60);
    EXPECT_EQ(guard.locked_for("dan", "10.0.0.9"), 60);
    EXPECT_FALSE(guard.locked_for("ann", "10.0.0.10"));  // each name failed once only
    EXPECT_FALSE(guard.address_locked_for("10.0.0.10"));
}

TEST(LoginGuard, MemoryStaysBounded) {
    FakeClock time;
    LoginGuard guard(3, 60s, time.clock());
    for (std::size_t i = 0; i < LoginGuard::kMaxTracked + 100; ++i) {
        guard.failed("name" + std::to_string(i), "addr" + std::to_string(i));
        time.now += 1ms;
    }
    guard.failed("x", "y");
    guard.failed("x", "y");
    guard.failed("x", "y");
    EXPECT_EQ(guard.locked_for("x", "y"), 60);
    time.now += 61s;
    guard.failed("fresh", "fresh");  // sweeps out the old ones
    EXPECT_FALSE(guard.locked_for("x", "y"));
}

}  // namespace
}  // namespace anpr::diag

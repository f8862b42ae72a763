#include "receiver/faults.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace anpr::receiver {
namespace {

using Kind = Fault::Kind;
using std::chrono::milliseconds;

FaultSpec parsed(const std::string& spec) {
    auto result = parse_fault_spec(spec);
    EXPECT_TRUE(result.ok()) << result.error().message;
    return result.ok() ? result.value() : FaultSpec{};
}

std::string error_of(const std::string& spec) {
    const auto result = parse_fault_spec(spec);
    return result ? "" : result.error().message;
}

TEST(ReceiverFaultsTest, ParsesEachForm) {
    const auto status = parsed("status:503");
    EXPECT_EQ(status.fault.kind, Kind::status);
    EXPECT_EQ(status.fault.status, 503u);
    EXPECT_EQ(status.count, 1u);
    EXPECT_EQ(parsed("status:429:3").count, 3u);

    const auto slow = parsed("slow:1500:2");
    EXPECT_EQ(slow.fault.kind, Kind::slow);
    EXPECT_EQ(slow.fault.delay, milliseconds(1500));
    EXPECT_EQ(slow.count, 2u);

    EXPECT_EQ(parsed("drop-before").fault.kind, Kind::drop_before);
    EXPECT_EQ(parsed("drop-before").count, 1u);
    EXPECT_EQ(parsed("drop-after:4").fault.kind, Kind::drop_after);
    EXPECT_EQ(parsed("drop-after:4").count, 4u);
}

TEST(ReceiverFaultsTest, BadSpecsAreErrorsNamingThem) {
    for (const std::string spec : {"",
                                   "explode",
                                   "status",
                                   "status:",
                                   "status:200",
                                   "status:600",
                                   "status:5o0",
                                   "status:500:0",
                                   "status:500:x",
                                   "status:500:1:1",
                                   "slow",
                                   "slow:0",
                                   "slow:-5",
                                   "slow:600001",
                                   "drop-before:0",
                                   "drop-before:",
                                   "drop-after:1:2",
                                   "drop-after:two",
                                   "Status:500",
                                   " status:500"}) {
        const auto error = error_of(spec);
        EXPECT_NE(error.find("bad fault spec '" + spec + "'"), std::string::npos)
            << "'" << spec << "': " << error;
    }
    EXPECT_EQ(error_of("status:200"),
              "bad fault spec 'status:200': CODE must be an HTTP status 400..599 (expected "
              "status:CODE[:N], slow:MS[:N], drop-before[:N] or drop-after[:N])");
}

TEST(ReceiverFaultsTest, DescribeGivesTheSpecForm) {
    EXPECT_EQ(describe(parsed("status:503:2").fault), "status:503");
    EXPECT_EQ(describe(parsed("slow:1500").fault), "slow:1500");
    EXPECT_EQ(describe(parsed("drop-before").fault), "drop-before");
    EXPECT_EQ(describe(parsed("drop-after").fault), "drop-after");
    EXPECT_EQ(describe(Fault{}), "none");
}

TEST(ReceiverFaultsTest, ScheduleRunsEachSpecForItsCountInOrderThenServesNormally) {
    FaultSchedule schedule(
        {parsed("status:503:2"), parsed("slow:100"), parsed("drop-after"), parsed("status:429")}, 0,
        1);
    std::vector<std::string> seen;
    for (int i = 0; i < 7; ++i) seen.push_back(describe(schedule.next()));
    EXPECT_EQ(seen, (std::vector<std::string>{"status:503", "status:503", "slow:100", "drop-after",
                                              "status:429", "none", "none"}));
}

TEST(ReceiverFaultsTest, NoFaultsByDefault) {
    FaultSchedule schedule;
    for (int i = 0; i < 100; ++i) EXPECT_EQ(schedule.next().kind, Kind::none);
}

TEST(ReceiverFaultsTest, RandomFaultsFollowTheScheduledOnes) {
    FaultSchedule schedule({parsed("status:503")}, 1.0, 7);
    EXPECT_EQ(describe(schedule.next()), "status:503");
    std::set<std::string> kinds;
    for (int i = 0; i < 200; ++i) kinds.insert(describe(schedule.next()));
    EXPECT_EQ(kinds, (std::set<std::string>{"status:500", "status:429", "slow:1500", "drop-before",
                                            "drop-after"}));
}

TEST(ReceiverFaultsTest, RandomFaultsComeAtTheRateAndRepeatWithTheSeed) {
    FaultSchedule first({}, 0.25, 42);
    FaultSchedule second({}, 0.25, 42);
    int faults = 0;
    for (int i = 0; i < 4000; ++i) {
        const auto fault = first.next();
        EXPECT_EQ(describe(fault), describe(second.next()));
        faults += fault.kind != Kind::none ? 1 : 0;
    }
    EXPECT_GT(faults, 850);
    EXPECT_LT(faults, 1150);
}

}  // namespace
}  // namespace anpr::receiver

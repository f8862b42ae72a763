#include "app/retention.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "temp_dir.hpp"

namespace anpr::app {
namespace {

using namespace std::chrono_literals;

uplink::MakeRecord record(const std::string& text) {
    return [text](std::uint64_t seq, const std::string&) -> core::Result<uplink::NewRecord> {
        return uplink::NewRecord{"u/" + std::to_string(seq), "{\"text\":\"" + text + "\"}", "hash"};
    };
}

// Which records are past their time is OutboxTest.RetentionPurgesOnlyOldRecordsOfItsLane.
TEST(RetentionTest, DeletesUndeliveredPassagesAndNeverAHit) {
    anpr::testing::TempDir dir;
    auto outbox = uplink::Outbox::open(dir.path() / "outbox.db", 100'000'000).value();
    outbox.add(uplink::Lane::ordinary, record("passage"));
    outbox.add(uplink::Lane::priority, record("hit"));
    Retention retention(outbox, 0.5f / 3600.f);  // half a second
    retention.start();
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (retention.purged() == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(20ms);
    }
    retention.stop();
    EXPECT_EQ(retention.purged(), 1u);
    const auto left = outbox.next_batch(10, 1 << 20).value();
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].lane, uplink::Lane::priority);
}

}  // namespace
}  // namespace anpr::app

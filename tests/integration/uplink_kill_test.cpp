// Power cuts while the unit reads and sends: `anprd` killed with SIGKILL at
// random moments, again and again, against a receiver that itself fails now
// and then. Afterwards every record the unit ever committed is in the
// receiver's store exactly once. ANPR_UPLINK_KILLS sets the number of kills
// (50 here; scripts/soak-uplink runs more).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <regex>
#include <thread>

#include "outbox_records.hpp"
#include "temp_dir.hpp"
#include "uplink_rig.hpp"

namespace anpr {
namespace {

using namespace std::chrono_literals;

int kills() {
    const char* text = std::getenv("ANPR_UPLINK_KILLS");
    return text ? std::max(1, std::atoi(text)) : 50;
}

std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(UplinkKillTest, KilledAgainAndAgainTheUnitLosesNothingAndDuplicatesNothing) {
    testing::TempDir dir;
    testing::ReceiverOptions flaky;
    flaky.fault_rate = 0.1;  // errors, slow answers and cut connections now and then
    testing::Receiver receiver(dir.path(), flaky);
    const auto common = "[unit]\nid = \"unit-0001\"\n[outbox]\npath = \"" +
                        (dir.path() / "outbox.db").string() + "\"\n[log]\nfile = \"" +
                        (dir.path() / "anprd.log").string() + "\"\n";
    const auto uplink =
        testing::uplink_section(receiver.url(), "unit", "batch = 3\ntimeout_s = 1\n");
    const auto looping = dir.write("looping.toml", common + "[capture]\nloop = true\n" + uplink);
    const auto final_run = dir.write("final.toml", common + uplink + "drain_s = 120\n");

    std::mt19937 random(20261129);
    std::uniform_int_distribution<int> lifetime_ms(150, 1500);
    for (int kill = 0; kill < kills(); ++kill) {
        auto unit = testing::ChildProcess::start(
            {testing::program_path("anprd"), "--config", looping.string()},
            dir.path() / "stdout.log");
        std::this_thread::sleep_for(std::chrono::milliseconds(lifetime_ms(random)));
        unit.signal(SIGKILL);
        ASSERT_EQ(unit.wait_for(10s), 128 + SIGKILL) << "kill " << kill;
    }
    // Power back for good: the unit reads the folder once more and sends everything.
    const auto result = testing::run_program("anprd", "--config " + final_run.string());
    ASSERT_EQ(result.exit_code, 0) << result.out;

    const auto status = testing::run_program("anpr", "--config " + final_run.string() + " outbox");
    std::smatch match;
    ASSERT_TRUE(std::regex_search(status.out, match, std::regex(R"(last sequence number (\d+))")))
        << status.out;
    const std::uint64_t produced = std::stoull(match[1]);
    EXPECT_GT(produced, 12u * 5) << "too few records were produced to mean much";
    EXPECT_TRUE(testing::outbox_records(final_run).empty()) << status.out;
    EXPECT_NE(status.out.find(" 0 dead letter(s)"), std::string::npos) << status.out;
    EXPECT_EQ(receiver.stored_ids(), testing::ids_up_to("unit-0001", produced))
        << file_text(dir.path() / "anprd.log").substr(0, 4000);
    EXPECT_EQ(receiver.counter("stored"), static_cast<std::int64_t>(produced));
    std::cout << kills() << " kills, " << produced << " records produced, "
              << receiver.counter("duplicates") << " sent again and recognised by id\n";
}

}  // namespace
}  // namespace anpr

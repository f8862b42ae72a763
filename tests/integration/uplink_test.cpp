// The uplink against the reference receiver on loopback: every read arrives
// exactly once whatever the receiver does, and TLS fails closed while reads
// keep waiting in the outbox.
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <fstream>
#include <regex>
#include <thread>

#include "outbox_records.hpp"
#include "temp_dir.hpp"
#include "uplink_rig.hpp"

namespace anpr {
namespace {

using namespace std::chrono_literals;

// images/ holds 13 frames with 12 readable plates.
constexpr std::uint64_t kSampleReads = 12;

std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// A unit config in `dir`: frames from images/, its outbox (with
/// `outbox_lines`) and log in `dir`, then `sections`.
std::filesystem::path unit_config(const testing::TempDir& dir, const std::string& sections,
                                  const std::string& outbox_lines = "") {
    return dir.write("unit.toml", "[unit]\nid = \"unit-0001\"\n[outbox]\npath = \"" +
                                      (dir.path() / "outbox.db").string() + "\"\n" + outbox_lines +
                                      "[log]\nfile = \"" + (dir.path() / "anprd.log").string() +
                                      "\"\n" + sections);
}

testing::ReceiverOptions serving_with(const std::string& server_cert) {
    testing::ReceiverOptions options;
    options.server_cert = server_cert;
    return options;
}

testing::ReceiverOptions plain_http() {
    testing::ReceiverOptions options;
    options.plain = true;
    return options;
}

testing::CommandResult run_unit(const std::filesystem::path& config) {
    return testing::run_program("anprd", "--config " + config.string());
}

/// "last sequence number N" from `anpr outbox`.
std::uint64_t last_seq(const std::filesystem::path& config) {
    const auto result = testing::run_program("anpr", "--config " + config.string() + " outbox");
    std::smatch match;
    if (!std::regex_search(result.out, match, std::regex(R"(last sequence number (\d+))"))) {
        throw std::runtime_error("anpr outbox said: " + result.out);
    }
    return std::stoull(match[1]);
}

TEST(UplinkTest, EveryReadReachesTheReceiverOnce) {
    testing::TempDir dir;
    testing::Receiver receiver(dir.path());
    const auto config = unit_config(dir, testing::uplink_section(receiver.url()));
    const auto result = run_unit(config);
    ASSERT_EQ(result.exit_code, 0) << result.out;
    EXPECT_EQ(receiver.stored_ids(), testing::ids_up_to("unit-0001", kSampleReads));
    EXPECT_EQ(receiver.counter("rejected"), 0);
    EXPECT_TRUE(testing::outbox_records(config).empty());
    EXPECT_NE(file_text(dir.path() / "anprd.log").find("12 delivered"), std::string::npos);
}

TEST(UnitEvidenceTest, TheUnitsRecordsVerifyWithItsKeyAndAnAlteredOneIsNamed) {
    testing::TempDir dir;
    const auto config = unit_config(dir, "[evidence]\nkey_dir = \"" + dir.path().string() + "\"\n");
    ASSERT_EQ(run_unit(config).exit_code, 0);
    std::vector<std::string> lines;
    for (const auto& record : testing::outbox_records(config)) lines.push_back(record.dump());
    ASSERT_EQ(lines.size(), kSampleReads);
    const auto verify = [&](const std::vector<std::string>& stream) {
        std::string text;
        for (const auto& line : stream) text += line + "\n";
        const auto file = dir.write("stream.jsonl", text);
        return testing::run_program(
            "anpr", "verify --key " + (dir.path() / "signing.pub").string() + " " + file.string());
    };
    const auto intact = verify(lines);
    EXPECT_EQ(intact.exit_code, 0) << intact.out;
    EXPECT_NE(intact.out.find("OK: 12 records of unit unit-0001, seq 1..12"), std::string::npos)
        << intact.out;

    auto altered = lines;
    auto record = nlohmann::json::parse(altered[4]);
    record["best"]["captured_utc"] = "2026-01-01T00:00:00.000Z";  // a time moved
    altered[4] = record.dump();
    const auto caught = verify(altered);
    EXPECT_EQ(caught.exit_code, 1) << caught.out;
    EXPECT_NE(caught.out.find("line 5 (seq 5"), std::string::npos) << caught.out;

    auto removed = lines;
    removed.erase(removed.begin() + 7);
    const auto gap = verify(removed);
    EXPECT_EQ(gap.exit_code, 1) << gap.out;
    EXPECT_NE(gap.out.find("line 8 (seq 9"), std::string::npos) << gap.out;
}

TEST(UplinkTest, ReceiverDownForAWhileThenBack) {
    testing::TempDir dir;
    int port = 0;
    {
        testing::Receiver first(dir.path());  // only to find a free port
        port = first.port();
    }
    const auto url = "https://localhost:" + std::to_string(port) + "/v1/reads";
    const auto config = unit_config(dir, testing::uplink_section(url, "unit", "drain_s = 60\n"));
    auto unit = testing::ChildProcess::start(
        {testing::program_path("anprd"), "--config", config.string()}, dir.path() / "stdout.log");
    // The unit reads, stores and keeps trying; the receiver comes back later.
    ASSERT_TRUE(unit.wait_for_line("(unreachable)", 60s)) << file_text(dir.path() / "stdout.log");
    std::this_thread::sleep_for(1500ms);
    testing::ReceiverOptions same_port;
    same_port.port = port;
    testing::Receiver back(dir.path(), same_port);
    ASSERT_EQ(unit.wait_for(90s), 0) << file_text(dir.path() / "stdout.log");
    EXPECT_EQ(back.stored_ids(), testing::ids_up_to("unit-0001", kSampleReads));
    EXPECT_TRUE(testing::outbox_records(config).empty());
}

TEST(UplinkTest, ErrorsSlowAnswersAndCutConnectionsLoseNothingAndStoreNothingTwice) {
    testing::TempDir dir;
    testing::ReceiverOptions faulty;
    faulty.faults = {"status:500:2", "status:429",   "status:503", "slow:2500",
                     "drop-before",  "drop-after:2", "status:500"};
    testing::Receiver receiver(dir.path(), faulty);
    const auto config =
        unit_config(dir, testing::uplink_section(receiver.url(), "unit",
                                                 "batch = 4\ntimeout_s = 1.5\ndrain_s = 60\n"));
    const auto result = run_unit(config);
    ASSERT_EQ(result.exit_code, 0) << result.out;
    EXPECT_EQ(receiver.stored_ids(), testing::ids_up_to("unit-0001", kSampleReads));
    // The cut after storing and the slow answer make the unit send again.
    EXPECT_GE(receiver.counter("duplicates"), 1);
    EXPECT_EQ(receiver.counter("stored"), static_cast<std::int64_t>(kSampleReads));
    EXPECT_TRUE(testing::outbox_records(config).empty());
    const auto log = file_text(dir.path() / "anprd.log");
    for (const char* cause : {"HTTP 500", "HTTP 429", "HTTP 503", "did not answer in time",
                              "closed the connection without an answer"}) {
        EXPECT_NE(log.find(cause), std::string::npos) << cause << "\n" << log;
    }
}

struct TlsCase {
    const char* name;
    testing::ReceiverOptions receiver;
    const char* unit_cert;
    const char* logged;  ///< the cause the unit's log must name
};

class TlsFailsClosedTest : public ::testing::TestWithParam<TlsCase> {};

TEST_P(TlsFailsClosedTest, NothingIsSentReadsWaitAndTheLogNamesTheCause) {
    const auto& tls = GetParam();
    testing::TempDir dir;
    testing::Receiver receiver(dir.path(), tls.receiver);
    const auto config =
        unit_config(dir, testing::uplink_section(receiver.url(), tls.unit_cert, "drain_s = 2\n"));
    const auto result = run_unit(config);
    ASSERT_EQ(result.exit_code, 0) << result.out;
    EXPECT_TRUE(receiver.stored_ids().empty());
    EXPECT_EQ(testing::outbox_records(config).size(), kSampleReads);
    const auto log = file_text(dir.path() / "anprd.log");
    EXPECT_NE(log.find(tls.logged), std::string::npos) << log;
}

INSTANTIATE_TEST_SUITE_P(
    Causes, TlsFailsClosedTest,
    ::testing::Values(
        TlsCase{"ExpiredServerCertificate", serving_with("server-expired"), "unit",
                "the receiver's certificate has expired"},
        TlsCase{"ServerCertificateFromAnotherCa", serving_with("server-other-ca"), "unit",
                "the receiver's certificate is not signed by the network's CA"},
        TlsCase{"WrongHostName", serving_with("server-wrong-host"), "unit",
                "the receiver's certificate is for another host name"},
        TlsCase{"UnitCertificateTheReceiverDoesNotTrust",
                {},
                "unit-other-ca",
                "the receiver refused this unit's certificate"},
        TlsCase{"PlainHttpServer", plain_http(), "unit", "the receiver does not speak TLS"}),
    [](const ::testing::TestParamInfo<TlsCase>& tested) { return std::string(tested.param.name); });

/// Runs a looping unit until its log says records were refused, then stops it.
void fill_until_refused(const testing::TempDir& dir, const std::filesystem::path& config) {
    auto unit = testing::ChildProcess::start(
        {testing::program_path("anprd"), "--config", config.string()}, dir.path() / "stdout.log");
    const auto refused = unit.wait_for_line("(not stored)", 120s);
    unit.signal(SIGTERM);
    const auto exit = unit.wait_for(30s);
    ASSERT_TRUE(refused) << file_text(dir.path() / "anprd.log");
    EXPECT_EQ(exit, 0) << "the unit must go on, and stop cleanly, when its outbox is full";
}

/// Every record committed is still there: sequence numbers 1..last, none missing.
void expect_every_committed_record(const std::filesystem::path& config) {
    const auto records = testing::outbox_records(config);
    const auto last = last_seq(config);
    ASSERT_EQ(records.size(), last);
    for (std::size_t i = 0; i < records.size(); ++i) EXPECT_EQ(records[i].at("seq"), i + 1);
}

TEST(OutboxFullTest, QuotaReachedRefusesNewReadsAndKeepsEveryCommittedOne) {
    testing::TempDir dir;
    const auto config = unit_config(dir, "[capture]\nloop = true\n", "quota_mb = 1\n");
    fill_until_refused(dir, config);
    EXPECT_NE(file_text(dir.path() / "anprd.log").find("is full"), std::string::npos);
    expect_every_committed_record(config);
    EXPECT_GT(last_seq(config), 50u);
}

TEST(OutboxFullTest, FullDiskRefusesNewReadsAndKeepsEveryCommittedOne) {
    testing::TempDir dir;
    const auto disk = dir.path() / "disk";
    std::filesystem::create_directories(disk);
    if (::mount("tmpfs", disk.c_str(), "tmpfs", 0, "size=600k") != 0) {
        GTEST_SKIP() << "cannot mount a small tmpfs here (needs root): " << std::strerror(errno);
    }
    struct Unmount {
        std::filesystem::path at;
        ~Unmount() { ::umount2(at.c_str(), MNT_DETACH); }
    } unmount{disk};
    const auto config = dir.write(
        "unit.toml", "[unit]\nid = \"unit-0001\"\n[capture]\nloop = true\n[outbox]\npath = \"" +
                         (disk / "outbox.db").string() + "\"\n[log]\nfile = \"" +
                         (dir.path() / "anprd.log").string() + "\"\n");
    fill_until_refused(dir, config);
    EXPECT_NE(file_text(dir.path() / "anprd.log").find("the disk is full"), std::string::npos)
        << file_text(dir.path() / "anprd.log");
    expect_every_committed_record(config);
}

}  // namespace
}  // namespace anpr

// Hits on the hit list as the unit raises them: an alert reaches the
// reference receiver's alert store within a second, ahead of a backlog of
// ordinary reads, and a camera enforces its purposes.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "../unit/uplink/sample_passage.hpp"
#include "app/config_option.hpp"
#include "app/record_maker.hpp"
#include "core/utc_text.hpp"
#include "evidence/signing_key.hpp"
#include "hitlist/hitlist_service.hpp"
#include "hitlist/list_document.hpp"
#include "outbox_records.hpp"
#include "temp_dir.hpp"
#include "uplink_rig.hpp"

namespace anpr {
namespace {

using namespace std::chrono_literals;

constexpr int kBacklog = 10'000;

std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// A full list, version 1, of `entries`, signed by the authority whose key
/// pair is in `dir`/authority (made here).
std::string signed_list(const testing::TempDir& dir, std::vector<hitlist::HitEntry> entries,
                        std::uint64_t version = 1) {
    static const auto authority = evidence::SigningKey::generate().value();
    if (!std::filesystem::exists(dir.path() / "authority")) {
        EXPECT_TRUE(authority.write_pair(dir.path() / "authority"));
    }
    hitlist::ListDocument list;
    list.header.version = version;
    list.header.issued = std::chrono::system_clock::now() - 1min;
    list.header.expires = std::chrono::system_clock::now() + 24h;
    list.header.key_id = evidence::key_id(authority.public_key());
    list.entries = std::move(entries);
    return hitlist::write_list_document(list, authority).value();
}

hitlist::HitEntry listed(const std::string& plate, const std::string& country,
                         hitlist::Category category, int priority) {
    return {plate,
            country,
            category,
            priority,
            "Stop the vehicle; call the dispatcher",
            std::chrono::system_clock::now() + 24h};
}

std::string hitlist_section(const testing::TempDir& dir, const std::string& extra = "") {
    return "[hitlist]\nauthority_key = \"" + (dir.path() / "authority/signing.pub").string() +
           "\"\nstore = \"" + (dir.path() / "hitlist.db").string() + "\"\n" + extra;
}

/// The list as a unit holds it after a sync, in the store `config` names.
void store_list(const std::filesystem::path& config, const std::string& list) {
    auto service = hitlist::HitlistService::create(app::config_from(config).value(), "test");
    ASSERT_TRUE(service) << service.error().message;
    ASSERT_TRUE(service.value()->apply(list, std::chrono::system_clock::now()));
}

/// `anprd` on `config`, its output in `out`, once it has found its receiver
/// down.
testing::ChildProcess unit_with_receiver_down(const std::filesystem::path& config,
                                              const std::filesystem::path& out) {
    auto unit = testing::ChildProcess::start(
        {testing::program_path("anprd"), "--config", config.string()}, out);
    EXPECT_TRUE(unit.wait_for_line("(unreachable)", 60s)) << file_text(out);
    return unit;
}

/// `count` ordinary records in the unit's outbox, made and signed as the
/// unit makes them: a backlog from a long outage.
void fill_backlog(const std::filesystem::path& config_file, int count) {
    const auto config = app::config_from(config_file).value();
    const auto maker = app::RecordMaker::create(config).value();
    auto outbox = uplink::Outbox::open(config.outbox.path, 2'000'000'000).value();
    const auto passage = uplink::sample_passage();
    const uplink::RecordMoment moment{
        std::chrono::system_clock::now(), {}, {{"lat", 51.0}, {"lon", 3.2}, {"source", "config"}}};
    for (int i = 0; i < count; ++i) {
        const auto added = outbox.add(uplink::Lane::ordinary,
                                      maker.make(passage, uplink::RecordKind::passage, moment));
        ASSERT_EQ(added.kind, uplink::AddOutcome::Kind::stored) << added.message;
    }
}

/// The latency of the receiver's only alert: from the unit's commit
/// (produced_utc) to the receiver's (received_ms), ms.
std::int64_t alert_latency_ms(const testing::Receiver& receiver) {
    const auto bodies = receiver.query_texts("SELECT body FROM alerts");
    EXPECT_EQ(bodies.size(), 1u);
    if (bodies.size() != 1) return -1;
    const auto produced =
        core::parse_utc(nlohmann::json::parse(bodies[0])["produced_utc"].get<std::string>());
    const auto received = std::stoll(receiver.query_texts("SELECT received_ms FROM alerts")[0]);
    return received - std::chrono::duration_cast<std::chrono::milliseconds>(
                          produced.value().time_since_epoch())
                          .count();
}

TEST(AlertTest, AHitOvertakesTenThousandQueuedReadsAndArrivesWithinASecond) {
    testing::TempDir dir;
    const auto hitlists = dir.path() / "hitlists";
    std::filesystem::create_directories(hitlists);
    std::ofstream(hitlists / "full.hitlist")
        << signed_list(dir, {listed("BRR7778", "DE", hitlist::Category::stolen_vehicle, 1)});
    int port = 0;
    {
        testing::Receiver first(dir.path());  // only to find a free port
        port = first.port();
    }
    const auto base = "https://localhost:" + std::to_string(port);
    // images/passages_a.mp4 at about its own pace: BRR7778 (the third car)
    // ends its passage some 6 s in. Ten records per request keep the
    // backlog draining for longer than that.
    const auto config = dir.write(
        "unit.toml",
        "[unit]\nid = \"unit-7\"\n[capture]\nsource = \"images/passages_a.mp4\"\n"
        "interval_ms = 40\n[outbox]\npath = \"" +
            (dir.path() / "outbox.db").string() + "\"\n[evidence]\nkey_dir = \"" +
            (dir.path() / "keys").string() + "\"\n" +
            testing::uplink_section(base + "/v1/reads", "unit", "batch = 10\ndrain_s = 180\n") +
            hitlist_section(dir, "url = \"" + base + "/v1/hitlist\"\nrefresh_s = 1\n"));
    fill_backlog(config, kBacklog);

    const auto out = dir.path() / "unit.log";
    auto unit = unit_with_receiver_down(config, out);
    testing::ReceiverOptions back;
    back.port = port;
    back.hitlists = hitlists;
    back.faults = {"slow:5:1000000"};  // every answer 5 ms late: a busy central system
    testing::Receiver receiver(dir.path(), back);
    ASSERT_EQ(unit.wait_for(240s), 0) << file_text(out);

    const auto alerts = receiver.query_texts("SELECT body FROM alerts");
    ASSERT_EQ(alerts.size(), 1u) << file_text(out);
    const auto alert = nlohmann::json::parse(alerts[0]);
    ASSERT_EQ(alert["hits"].size(), 1u);
    EXPECT_EQ(alert["hits"][0]["plate"], "BRR7778");
    EXPECT_EQ(alert["hits"][0]["category"], "stolen_vehicle");
    EXPECT_EQ(alert["hits"][0]["match"], "exact");
    const auto id = alert["id"].get<std::string>();
    const auto latency_ms = alert_latency_ms(receiver);
    const auto behind = std::stoll(
        receiver
            .query_texts("SELECT COUNT(*) FROM reads WHERE rowid > (SELECT rowid FROM reads "
                         "WHERE id = '" +
                         id + "')")
            .front());
    std::printf(
        "alert %s: in the receiver's alert store %lld ms after the unit stored it; %lld "
        "earlier ordinary records were stored after it\n",
        id.c_str(), static_cast<long long>(latency_ms), static_cast<long long>(behind));
    EXPECT_LT(latency_ms, 1000);
    EXPECT_GE(latency_ms, 0);
    EXPECT_GT(behind, 1000) << "the backlog was drained before the hit: nothing to overtake";
    // Nothing lost: the backlog and the three passages, each once.
    EXPECT_EQ(receiver.counter("stored"), kBacklog + 3);
    EXPECT_NE(file_text(out).find("HIT BRR7778 (DE) stolen_vehicle priority 1"), std::string::npos);
}

TEST(AlertTest, AnAlertCutsShortTheUplinksPauseAfterFailures) {
    testing::TempDir dir;
    const auto list =
        signed_list(dir, {listed("BRR7778", "DE", hitlist::Category::stolen_vehicle, 1)});
    int port = 0;
    {
        testing::Receiver first(dir.path());  // only to find a free port
        port = first.port();
    }
    // After a failure the uplink waits 10 to 20 s before it tries again.
    const auto pki = testing::test_pki();
    const auto config = dir.write(
        "unit.toml",
        "[capture]\nsource = \"images/passages_a.mp4\"\ninterval_ms = 40\n[outbox]\npath = \"" +
            (dir.path() / "outbox.db").string() + "\"\n[evidence]\nkey_dir = \"" +
            (dir.path() / "keys").string() + "\"\n" +
            "[uplink]\nurl = \"https://localhost:" + std::to_string(port) +
            "/v1/reads\"\nca_file = \"" + (pki / "ca.pem").string() + "\"\ncert_file = \"" +
            (pki / "unit.pem").string() + "\"\nkey_file = \"" + (pki / "unit.key").string() +
            "\"\nretry_min_s = 20\nretry_max_s = 20\nconnect_timeout_s = 2\ndrain_s = 120\n" +
            hitlist_section(dir));
    ASSERT_NO_FATAL_FAILURE(store_list(config, list));
    const auto out = dir.path() / "unit.log";
    auto unit = unit_with_receiver_down(config, out);
    testing::ReceiverOptions back;
    back.port = port;
    testing::Receiver receiver(dir.path(), back);
    ASSERT_EQ(unit.wait_for(180s), 0) << file_text(out);
    const auto latency_ms = alert_latency_ms(receiver);
    std::printf("alert in the receiver's alert store %lld ms after the unit stored it\n",
                static_cast<long long>(latency_ms));
    EXPECT_GE(latency_ms, 0);
    EXPECT_LT(latency_ms, 1000) << file_text(out);
    EXPECT_EQ(receiver.counter("stored"), 3);
}

TEST(AlertTest, ATrafficSafetyCameraRaisesNoCrimeAlertAndKeepsOnlyItsHits) {
    testing::TempDir dir;
    const auto list =
        signed_list(dir, {listed("BRR7778", "DE", hitlist::Category::stolen_vehicle, 1),
                          listed("2MIM282", "BE", hitlist::Category::no_insurance, 3)});
    const auto config = dir.write(
        "unit.toml", "[capture]\nsource = \"images/passages_a.mp4\"\n[outbox]\npath = \"" +
                         (dir.path() / "outbox.db").string() + "\"\n[evidence]\nkey_dir = \"" +
                         (dir.path() / "keys").string() + "\"\n" + hitlist_section(dir) +
                         "[purpose]\npurposes = [\"traffic_safety\"]\n");
    ASSERT_NO_FATAL_FAILURE(store_list(config, list));
    const auto result = testing::run_program("anprd", "--config " + config.string());
    ASSERT_EQ(result.exit_code, 0) << result.out;
    const auto records = testing::outbox_records(config);
    ASSERT_EQ(records.size(), 1u) << result.out;
    EXPECT_EQ(records[0]["text"], "2MIM282");
    ASSERT_EQ(records[0]["hits"].size(), 1u);
    EXPECT_EQ(records[0]["hits"][0]["category"], "no_insurance");
    EXPECT_NE(result.out.find("HIT 2MIM282 (BE) no_insurance"), std::string::npos) << result.out;
    for (const char* plate : {"BRR7778", "B-RR", "R68PTH", "R-68-PTH"}) {
        EXPECT_EQ(result.out.find(plate), std::string::npos) << plate << " logged:\n" << result.out;
    }
    EXPECT_NE(result.out.find("1 hit(s), 2 not uploaded (purpose)"), std::string::npos)
        << result.out;
}

TEST(AlertTest, AListTooLargeFromTheNetworkIsRefusedAndTheLastGoodOneStays) {
    testing::TempDir dir;
    std::vector<hitlist::HitEntry> many;
    for (int i = 0; i < 20'000; ++i) {
        many.push_back(
            listed("P" + std::to_string(100'000 + i), "BE", hitlist::Category::watch, 5));
    }
    const auto good = signed_list(dir, {listed("1ABC123", "BE", hitlist::Category::watch, 5)});
    const auto hitlists = dir.path() / "hitlists";
    std::filesystem::create_directories(hitlists);
    std::ofstream(hitlists / "full.hitlist") << signed_list(dir, many, 2);  // about 3 MB
    testing::ReceiverOptions options;
    options.hitlists = hitlists;
    testing::Receiver receiver(dir.path(), options);
    const auto base = "https://localhost:" + std::to_string(receiver.port());
    const auto config = dir.write(
        "unit.toml", "[outbox]\npath = \"" + (dir.path() / "outbox.db").string() +
                         "\"\n[evidence]\nkey_dir = \"" + (dir.path() / "keys").string() + "\"\n" +
                         testing::uplink_section(base + "/v1/reads") +
                         hitlist_section(dir, "url = \"" + base + "/v1/hitlist\"\nmax_mb = 1\n"));
    ASSERT_NO_FATAL_FAILURE(store_list(config, good));
    const auto result = testing::run_program("anprd", "--config " + config.string());
    ASSERT_EQ(result.exit_code, 0) << result.out;
    EXPECT_NE(result.out.find("hit list larger than hitlist.max_mb (1 MiB), cut off: refused; "
                              "keeping version 1"),
              std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("hit list: version 1,"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("1 refused"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace anpr

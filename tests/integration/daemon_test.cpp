// `anprd` as the unit runs it: config checks, and reads and passages landing in the outbox.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "outbox_records.hpp"
#include "run_command.hpp"
#include "temp_dir.hpp"
#include "uplink_rig.hpp"

namespace anpr {
namespace {

using testing::run_program;

using testing::outbox_records;

TEST(DaemonTest, ShippedConfigPassesTheCheck) {
    const auto result = run_program("anprd", "--check-config config/anpr.toml");
    EXPECT_EQ(result.exit_code, 0) << result.out;
    EXPECT_NE(result.out.find("OK"), std::string::npos);
}

TEST(DaemonTest, CheckConfigReportsEveryProblemByKey) {
    testing::TempDir dir;
    const auto config = dir.write("bad.toml",
                                  "[ocr]\nmin_confidense = 0.5\n"
                                  "[localize]\nmax_candidates = 0\n");
    const auto result = run_program("anprd", "--check-config " + config.string());
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.out.find("ocr.min_confidense"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("localize.max_candidates"), std::string::npos) << result.out;
}

/// A unit config sending to the test PKI's receiver with `key` (a test-pki
/// name), with the TOML lines `localize` in [localize].
std::string uplink_config(const std::string& key, const std::string& localize) {
    const auto pki = testing::test_pki();
    return "[unit]\nid = \"unit-0001\"\n[localize]\n" + localize +
           "[uplink]\nurl = \"https://127.0.0.1:8443/v1/reads\"\n"
           "ca_file = \"" +
           (pki / "ca.pem").string() + "\"\ncert_file = \"" + (pki / "unit.pem").string() +
           "\"\nkey_file = \"" + (pki / (key + ".key")).string() + "\"\n";
}

TEST(DaemonTest, CheckConfigChecksTheFilesItNames) {
    testing::TempDir dir;
    const auto good = dir.write("good.toml", uplink_config("unit", ""));
    const auto passed = run_program("anprd", "--check-config " + good.string());
    EXPECT_EQ(passed.exit_code, 0) << passed.out;
    EXPECT_EQ(passed.out, good.string() + ": OK\n");

    const auto bad = dir.write(
        "bad.toml",
        uplink_config("server", "max_candidates = 0\nmodel = \"no/such/detector.onnx\"\n"));
    const auto failed = run_program("anprd", "--check-config " + bad.string());
    EXPECT_EQ(failed.exit_code, 1);
    const auto pki = testing::test_pki();
    EXPECT_EQ(failed.out,
              bad.string() + ":4: localize.max_candidates: 0 is out of range 1..64\n" +
                  bad.string() +
                  ": localize.model: no/such/detector.onnx cannot be read: No such file or "
                  "directory\n" +
                  bad.string() + ": uplink.key_file: " + (pki / "server.key").string() +
                  " does not match uplink.cert_file " + (pki / "unit.pem").string() + "\n");
}

TEST(DaemonTest, MissingConfigFileIsNamed) {
    const auto result = run_program("anprd", "--config no/such.toml");
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.out.find("no/such.toml"), std::string::npos) << result.out;
}

TEST(DaemonTest, ReadsFramesIntoTheOutboxAndSkipsABrokenOne) {
    testing::TempDir dir;
    const auto frames = dir.path() / "frames";
    std::filesystem::create_directories(frames);
    std::filesystem::copy_file("images/fr_01.jpg", frames / "a.jpg");
    std::ofstream(frames / "b.jpg") << "broken";
    std::filesystem::copy_file("images/sk_01.jpg", frames / "c.jpg");
    const auto outbox = dir.path() / "out" / "outbox.db";
    const auto log = dir.path() / "out" / "anprd.log";
    const auto config = dir.write("unit.toml",
                                  "[unit]\nid = \"unit-42\"\nsite = \"e40-km12\"\n"
                                  "[capture]\nsource = \"" +
                                      frames.string() +
                                      "\"\n"
                                      "[outbox]\npath = \"" +
                                      outbox.string() +
                                      "\"\n"
                                      "[log]\nfile = \"" +
                                      log.string() + "\"\n");
    const auto result = run_program("anprd", "--config " + config.string());
    ASSERT_EQ(result.exit_code, 0) << result.out;

    const auto records = outbox_records(config);
    ASSERT_GE(records.size(), 2u) << result.out;
    std::vector<std::string> texts;
    for (const auto& r : records) {
        EXPECT_EQ(r["unit"], "unit-42");
        EXPECT_EQ(r["site"], "e40-km12");
        EXPECT_EQ(r["kind"], "still");
        EXPECT_EQ(r["best"]["captured_utc"].get<std::string>().size(), 24u);
        texts.push_back(r["text"]);
    }
    EXPECT_NE(std::find(texts.begin(), texts.end(), "FY211ZP"), texts.end());
    EXPECT_NE(std::find(texts.begin(), texts.end(), "NR289PO"), texts.end());

    std::ifstream log_in(log);
    const std::string log_text((std::istreambuf_iterator<char>(log_in)),
                               std::istreambuf_iterator<char>());
    EXPECT_NE(log_text.find("b.jpg"), std::string::npos) << "the broken frame is not logged";
    EXPECT_EQ(log_text.find("FY-211-ZP"), std::string::npos) << "a read that hit nothing is logged";
    EXPECT_EQ(log_text.find("FY211ZP"), std::string::npos) << "a read that hit nothing is logged";
    EXPECT_NE(log_text.find("read stored as unit-42/1"), std::string::npos) << log_text;
    EXPECT_NE(log_text.find("stopped: 3 frames, 1 failed, " + std::to_string(records.size()) +
                            " reads and 0 passages stored"),
              std::string::npos)
        << log_text;
}

TEST(DaemonTest, AVideoGivesOnePassagePerVehicle) {
    // images/passage_be.json: one Belgian car, 25 frames.
    testing::TempDir dir;
    const auto outbox = dir.path() / "outbox.db";
    const auto config = dir.write("unit.toml",
                                  "[capture]\nsource = \"images/passage_be.mp4\"\n"
                                  "[outbox]\npath = \"" +
                                      outbox.string() + "\"\n");
    const auto result = run_program("anprd", "--config " + config.string());
    ASSERT_EQ(result.exit_code, 0) << result.out;
    const auto records = outbox_records(config);
    ASSERT_EQ(records.size(), 1u) << result.out;
    const auto& passage = records.front();
    EXPECT_EQ(passage["kind"], "passage");
    EXPECT_EQ(passage["text"], "2NNX539");
    EXPECT_EQ(passage["country"], "BE");
    EXPECT_EQ(passage["direction"], "approaching");
    EXPECT_GE(passage["frames_read"].get<int>(), 20);
    EXPECT_FALSE(passage["best_crop_jpeg"].get<std::string>().empty());
    EXPECT_NE(result.out.find("passage stored as unit-0000/1: approaching"), std::string::npos)
        << result.out;
    EXPECT_EQ(result.out.find("NNX"), std::string::npos) << "a passage that hit nothing is logged";
}

TEST(DaemonTest, StopsCleanlyOnSigterm) {
    testing::TempDir dir;
    const auto config = dir.write("unit.toml",
                                  "[capture]\nloop = true\ninterval_ms = 100\n"
                                  "[outbox]\npath = \"" +
                                      (dir.path() / "outbox.db").string() + "\"\n");
    // A looping unit never ends by itself: timeout sends SIGTERM after 3 s
    // and passes on anprd's own exit status.
    const auto result =
        testing::run_command("timeout --preserve-status -s TERM 3 " +
                             testing::program_path("anprd") + " --config " + config.string());
    EXPECT_EQ(result.exit_code, 0) << result.out;
    EXPECT_NE(result.out.find("stopped: "), std::string::npos) << result.out;
}

TEST(DaemonTest, UnwritableOutboxStopsTheUnitLoudly) {
    testing::TempDir dir;
    const auto blocker = dir.write("blocker", "x");
    const auto config =
        dir.write("unit.toml", "[outbox]\npath = \"" + (blocker / "outbox.db").string() + "\"\n");
    const auto result = run_program("anprd", "--config " + config.string());
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.out.find("outbox"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace anpr

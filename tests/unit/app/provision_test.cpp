// `anpr provision` (app/commands.hpp) in a temp folder, with the test PKI.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "app/commands.hpp"
#include "config/load.hpp"
#include "temp_dir.hpp"
#include "test_pki.hpp"

namespace anpr::app {
namespace {

namespace fs = std::filesystem;
using anpr::testing::test_pki;

/// A well-formed diag.accounts line (its hash opens no account).
const std::string kAccount =
    "alice:$scrypt$ln=15,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    ":plates";

struct Outcome {
    int exit_code = -1;
    std::string out;
    std::string err;
};

Outcome provision(const ProvisionOptions& options) {
    ::testing::internal::CaptureStdout();
    ::testing::internal::CaptureStderr();
    Outcome outcome;
    outcome.exit_code = run_provision(options);
    outcome.out = ::testing::internal::GetCapturedStdout();
    outcome.err = ::testing::internal::GetCapturedStderr();
    return outcome;
}

std::string content_of(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

unsigned mode_of(const fs::path& file) {
    struct stat status {};
    EXPECT_EQ(::stat(file.c_str(), &status), 0) << file;
    return status.st_mode & 07777;
}

/// A unit commissioned in a fresh folder: its config is etc/anpr.toml there.
class ProvisionTest : public ::testing::Test {
  protected:
    fs::path config() const { return dir_.path() / "etc" / "anpr.toml"; }
    fs::path tls() const { return dir_.path() / "etc" / "tls"; }

    /// The options of a good commissioning, TLS files included.
    ProvisionOptions good_options() const {
        ProvisionOptions options;
        options.config = config();
        options.unit_id = anpr::testing::kPkiUnitId;
        options.site_id = "e40-km12";
        options.latitude = "50.8466123";
        options.longitude = "4.3528";
        options.heading = "271.5";
        options.lanes = {"1=0,400,960,400,960,1080,0,1080", "2=960,400,1920,400,1920,1080"};
        options.source = "rtsp://10.0.0.2/stream1";
        options.central_url = "https://central.example:8443/v1/reads";
        options.hitlist_url = "https://central.example:8443/v1/hitlist";
        options.ca = test_pki() / "ca.pem";
        options.cert = test_pki() / "unit.pem";
        options.key = test_pki() / "unit.key";
        options.authority_key = test_pki() / "authority.pub";
        options.accounts = {kAccount};
        return options;
    }

    /// An existing config, and its text to compare with afterwards.
    std::string write_config(const std::string& text) const {
        fs::create_directories(config().parent_path());
        std::ofstream(config(), std::ios::binary) << text;
        return text;
    }

    /// The config and the tls/ folder are as `before` left them.
    void expect_untouched(const std::string& before) const {
        EXPECT_EQ(content_of(config()), before);
        EXPECT_FALSE(fs::exists(tls()));
    }

    anpr::testing::TempDir dir_;
};

TEST_F(ProvisionTest, WritesAConfigTheUnitReadsBackWithTheValues) {
    const auto outcome = provision(good_options());
    ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
    EXPECT_NE(outcome.out.find("changing unit.id, unit.site, unit.latitude"), std::string::npos)
        << outcome.out;
    EXPECT_NE(outcome.out.find("installed " + (tls() / "ca.pem").string()), std::string::npos)
        << outcome.out;

    const auto loaded = config::load_config(config());
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    const auto& c = loaded.value();
    EXPECT_EQ(c.unit.id, "unit-0042");
    EXPECT_EQ(c.unit.site, "e40-km12");
    EXPECT_DOUBLE_EQ(c.unit.latitude, 50.8466123);
    EXPECT_DOUBLE_EQ(c.unit.longitude, 4.3528);
    EXPECT_DOUBLE_EQ(c.unit.heading, 271.5);
    EXPECT_EQ(c.lanes.names, (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(c.lanes.polygons[1], (std::vector<int>{960, 400, 1920, 400, 1920, 1080}));
    EXPECT_EQ(c.capture.source, "rtsp://10.0.0.2/stream1");
    EXPECT_EQ(c.uplink.url, "https://central.example:8443/v1/reads");
    EXPECT_EQ(c.hitlist.url, "https://central.example:8443/v1/hitlist");
    EXPECT_EQ(c.hitlist.authority_key, test_pki() / "authority.pub");
    EXPECT_EQ(c.diag.accounts, std::vector<std::string>{kAccount});
    EXPECT_EQ(c.uplink.ca_file, tls() / "ca.pem");
    EXPECT_EQ(c.uplink.cert_file, tls() / "unit.pem");
    EXPECT_EQ(c.uplink.key_file, tls() / "unit.key");

    EXPECT_EQ(content_of(tls() / "ca.pem"), content_of(test_pki() / "ca.pem"));
    EXPECT_EQ(content_of(tls() / "unit.pem"), content_of(test_pki() / "unit.pem"));
    EXPECT_EQ(content_of(tls() / "unit.key"), content_of(test_pki() / "unit.key"));
    EXPECT_EQ(mode_of(tls() / "ca.pem"), 0644u);
    EXPECT_EQ(mode_of(tls() / "unit.pem"), 0644u);
    EXPECT_EQ(mode_of(tls() / "unit.key"), 0640u);
    EXPECT_EQ(mode_of(config()), 0640u);
    EXPECT_EQ(content_of(config()).rfind("# Written by `anpr provision` on ", 0), 0u);
}

TEST_F(ProvisionTest, ProvisioningTwiceChangesNothing) {
    ASSERT_EQ(provision(good_options()).exit_code, 0);
    const auto written = content_of(config());
    const auto again = provision(good_options());
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(again.out, "anpr provision: " + config().string() + ": no key to change\n");
    EXPECT_EQ(content_of(config()), written);
}

TEST_F(ProvisionTest, KeyOfAnotherCertificateChangesNothing) {
    const auto before = write_config("[unit]\nid = \"unit-0042\"\n");
    auto options = good_options();
    options.key = test_pki() / "server.key";
    const auto outcome = provision(options);
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_EQ(outcome.err,
              "anpr provision: uplink.key_file: " + (test_pki() / "server.key").string() +
                  " does not match uplink.cert_file " + (test_pki() / "unit.pem").string() + "\n");
    expect_untouched(before);
}

TEST_F(ProvisionTest, LatitudeOutOfRangeOrNotANumberChangesNothing) {
    const auto before = write_config("[unit]\nlatitude = 50.0\n");
    auto options = good_options();
    options.latitude = "91";
    auto outcome = provision(options);
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_EQ(outcome.err, "anpr provision: unit.latitude: 91 is out of range -90..90\n");
    options.latitude = "abc";
    outcome = provision(options);
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_EQ(outcome.err, "anpr provision: --latitude: 'abc' is not a number\n");
    expect_untouched(before);
}

TEST_F(ProvisionTest, MissingCertificateIsNamed) {
    const auto before = write_config("");
    auto options = good_options();
    options.cert = dir_.path() / "no-such.pem";
    const auto outcome = provision(options);
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_EQ(outcome.err, "anpr provision: uplink.cert_file: " + options.cert->string() +
                               " cannot be read: No such file or directory\n");
    expect_untouched(before);
}

TEST_F(ProvisionTest, CertificateFromAnotherCaIsRefused) {
    auto options = good_options();
    options.cert = test_pki() / "unit-other-ca.pem";
    options.key = test_pki() / "unit-other-ca.key";
    const auto outcome = provision(options);
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_NE(outcome.err.find("uplink.cert_file: " + options.cert->string() +
                               " is not signed by uplink.ca_file " + options.ca->string()),
              std::string::npos)
        << outcome.err;
    EXPECT_FALSE(fs::exists(config()));
    EXPECT_FALSE(fs::exists(tls()));
}

TEST_F(ProvisionTest, CertificateMustBeForTheUnitId) {
    auto options = good_options();
    options.unit_id = "unit-0099";
    const auto outcome = provision(options);
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_NE(outcome.err.find("is for CN=unit-0042, not for unit.id unit-0099"), std::string::npos)
        << outcome.err;
    EXPECT_FALSE(fs::exists(config()));
}

TEST_F(ProvisionTest, EveryProblemIsListedAtOnce) {
    const auto before = write_config("");
    auto options = good_options();
    options.latitude = "91";
    options.longitude = "east";
    options.heading = "400";
    options.lanes = {"1=0,0,a"};
    options.accounts = {"bob:not-a-hash:plates"};
    options.key = test_pki() / "server.key";
    options.central_url = "http://central.example/v1/reads";
    const auto outcome = provision(options);
    EXPECT_EQ(outcome.exit_code, 2);
    for (const std::string expected :
         {"anpr provision: --longitude: 'east' is not a number\n",
          "anpr provision: --lane 1=0,0,a: 'a' is not a whole number\n",
          "anpr provision: --account bob: ",
          "anpr provision: unit.latitude: 91 is out of range -90..90\n",
          "anpr provision: unit.heading: 400 is out of range 0..360",
          "anpr provision: uplink.url: 'http://central.example/v1/reads' is not an https://",
          "anpr provision: uplink.key_file: "}) {
        EXPECT_NE(outcome.err.find(expected), std::string::npos) << expected << "\n" << outcome.err;
    }
    EXPECT_EQ(std::count(outcome.err.begin(), outcome.err.end(), '\n'), 7) << outcome.err;
    expect_untouched(before);
}

TEST_F(ProvisionTest, CertificateNeedsItsKey) {
    ProvisionOptions options;
    options.config = config();
    options.unit_id = anpr::testing::kPkiUnitId;
    options.cert = test_pki() / "unit.pem";
    const auto outcome = provision(options);
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_EQ(outcome.err, "anpr provision: --cert and --key go together: give both\n");
    EXPECT_FALSE(fs::exists(config()));
}

TEST_F(ProvisionTest, DryRunPrintsTheConfigAndWritesNothing) {
    auto options = good_options();
    options.dry_run = true;
    const auto outcome = provision(options);
    ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
    EXPECT_NE(outcome.out.find("id = \"unit-0042\"\n"), std::string::npos) << outcome.out;
    EXPECT_NE(outcome.err.find("anpr provision: dry run: nothing written\n"), std::string::npos)
        << outcome.err;
    EXPECT_FALSE(fs::exists(config()));
    EXPECT_FALSE(fs::exists(tls()));
}

TEST_F(ProvisionTest, KeepsTheOtherKeysAndTheModeOfAnExistingConfig) {
    write_config("[unit]\nid = \"unit-0007\"\n[ocr]\nmin_confidence = 0.5\n");
    fs::permissions(config(), fs::perms::owner_read | fs::perms::owner_write);
    ProvisionOptions options;
    options.config = config();
    options.site_id = "a12-km3";
    options.accounts = {kAccount};
    const auto outcome = provision(options);
    ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
    EXPECT_NE(outcome.out.find("changing unit.site, diag.accounts"), std::string::npos)
        << outcome.out;
    const auto loaded = config::load_config(config());
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(loaded.value().unit.id, "unit-0007");
    EXPECT_EQ(loaded.value().unit.site, "a12-km3");
    EXPECT_FLOAT_EQ(loaded.value().ocr.min_confidence, 0.5f);
    EXPECT_EQ(mode_of(config()), 0600u);
}

TEST_F(ProvisionTest, AccountReplacesTheOneOfTheSameName) {
    write_config("[diag]\naccounts = [\"" + kAccount + "\"]\n");
    ProvisionOptions options;
    options.config = config();
    options.accounts = {kAccount.substr(0, kAccount.rfind(':')) + ":plates,operate"};
    ASSERT_EQ(provision(options).exit_code, 0);
    const auto loaded = config::load_config(config());
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(loaded.value().diag.accounts, options.accounts);
}

TEST_F(ProvisionTest, ExistingConfigThatDoesNotParseIsAnError) {
    const auto before = write_config("[ocr]\nmin_confidence = 7\n");
    const auto outcome = provision(good_options());
    EXPECT_EQ(outcome.exit_code, 2);
    EXPECT_EQ(outcome.err, "anpr provision: " + config().string() +
                               ":2: ocr.min_confidence: 7 is out of range 0..1\n");
    expect_untouched(before);
}

}  // namespace
}  // namespace anpr::app

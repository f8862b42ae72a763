#include "app/config_check.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/tls_files.hpp"
#include "config/load.hpp"
#include "temp_dir.hpp"
#include "test_pki.hpp"

namespace anpr::app {
namespace {

namespace fs = std::filesystem;
using anpr::testing::test_pki;

constexpr auto kDates = CertificateDates::checked;

/// The defaults, with the test PKI's unit certificate for the uplink.
config::AppConfig config_with_uplink() {
    config::AppConfig config;
    config.unit.id = anpr::testing::kPkiUnitId;
    config.uplink.url = "https://central.example:8443/v1/reads";
    config.uplink.ca_file = test_pki() / "ca.pem";
    config.uplink.cert_file = test_pki() / "unit.pem";
    config.uplink.key_file = test_pki() / "unit.key";
    return config;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    return text;
}

TEST(ConfigCheckTest, ShippedConfigNamesNoMissingFile) {
    const auto config = config::load_config("config/anpr.toml");
    ASSERT_TRUE(config.ok()) << config.error().message;
    EXPECT_EQ(joined(check_referenced_files(config.value(), kDates)), "");
    EXPECT_EQ(joined(check_referenced_files(config_with_uplink(), kDates)), "");
}

TEST(ConfigCheckTest, MissingModelsAreNamedOnlyWhenTheirEngineNeedsThem) {
    config::AppConfig config;
    config.localize.model = "no/such/detector.onnx";
    config.ocr.model = "no/such/reader.onnx";
    EXPECT_EQ(joined(check_referenced_files(config, kDates)),
              "localize.model: no/such/detector.onnx cannot be read: No such file or directory\n"
              "ocr.model: no/such/reader.onnx cannot be read: No such file or directory\n");
    config.localize.engine = "classic";
    config.ocr.engine = "tesseract";
    EXPECT_EQ(joined(check_referenced_files(config, kDates)), "");
    config.ocr.model = "models";
    config.ocr.engine = "cnn";
    EXPECT_EQ(joined(check_referenced_files(config, kDates)), "ocr.model: models is a folder\n");
}

TEST(ConfigCheckTest, KeyOfAnotherCertificateIsNamedWithBothFiles) {
    auto config = config_with_uplink();
    config.uplink.key_file = test_pki() / "server.key";
    EXPECT_EQ(joined(check_referenced_files(config, kDates)),
              "uplink.key_file: " + (test_pki() / "server.key").string() +
                  " does not match uplink.cert_file " + (test_pki() / "unit.pem").string() + "\n");
}

TEST(ConfigCheckTest, CertificateFromAnotherCaIsRefused) {
    auto config = config_with_uplink();
    config.uplink.cert_file = test_pki() / "unit-other-ca.pem";
    config.uplink.key_file = test_pki() / "unit-other-ca.key";
    EXPECT_EQ(joined(check_referenced_files(config, kDates)),
              "uplink.cert_file: " + config.uplink.cert_file.string() +
                  " is not signed by uplink.ca_file " + config.uplink.ca_file.string() +
                  " (unable to get local issuer certificate)\n");
}

TEST(ConfigCheckTest, ExpiredCertificateAndAnotherCnAreRefused) {
    auto config = config_with_uplink();
    config.uplink.cert_file = test_pki() / "server-expired.pem";
    config.uplink.key_file = test_pki() / "server-expired.key";
    const auto cert = config.uplink.cert_file.string();
    EXPECT_EQ(joined(check_referenced_files(config, kDates)),
              "uplink.cert_file: " + cert + " expired on 2020-01-02T00:00:00Z\n" +
                  "uplink.cert_file: " + cert +
                  " is for CN=ANPR test receiver (expired), not for unit.id unit-0042 (the "
                  "network knows a unit by its certificate's CN)\n");
    // At the unit's start the clock may not be set yet: dates are not judged.
    EXPECT_EQ(joined(check_referenced_files(config, CertificateDates::not_checked)),
              "uplink.cert_file: " + cert +
                  " is for CN=ANPR test receiver (expired), not for unit.id unit-0042 (the "
                  "network knows a unit by its certificate's CN)\n");
}

TEST(ConfigCheckTest, MissingAndNonPemFilesAreNamed) {
    anpr::testing::TempDir dir;
    auto config = config_with_uplink();
    config.uplink.ca_file = dir.path() / "no-ca.pem";
    config.uplink.cert_file = dir.write("text.pem", "not a certificate\n");
    config.uplink.key_file = test_pki() / "unit.pem";
    EXPECT_EQ(joined(check_referenced_files(config, kDates)),
              "uplink.ca_file: " + config.uplink.ca_file.string() +
                  " cannot be read: No such file or directory\n"
                  "uplink.cert_file: " +
                  config.uplink.cert_file.string() + " holds no PEM certificate\n" +
                  "uplink.key_file: " + config.uplink.key_file.string() +
                  " holds no unencrypted PEM private key\n");
}

TEST(ConfigCheckTest, AuthorityKeyMustBeAnEd25519PublicKey) {
    config::AppConfig config;
    config.hitlist.authority_key = test_pki() / "authority.pub";
    EXPECT_EQ(joined(check_referenced_files(config, kDates)), "");
    config.hitlist.authority_key = test_pki() / "unit.pem";
    const auto problems = check_referenced_files(config, kDates);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(
        problems[0].rfind("hitlist.authority_key: key file '" +
                              config.hitlist.authority_key.string() + "' holds no PEM public key",
                          0),
        0u)
        << problems[0];
}

TEST(ConfigCheckTest, ShellKeyMustMatchItsCertificateFromAnyCa) {
    config::AppConfig config;
    config.diag.tls_ca = test_pki() / "other-ca.pem";  // signs technicians, not the unit
    config.diag.tls_cert = test_pki() / "server.pem";
    config.diag.tls_key = test_pki() / "server.key";
    EXPECT_EQ(joined(check_referenced_files(config, kDates)), "");
    config.diag.tls_key = test_pki() / "unit.key";
    EXPECT_EQ(joined(check_referenced_files(config, kDates)),
              "diag.tls_key: " + config.diag.tls_key.string() + " does not match diag.tls_cert " +
                  config.diag.tls_cert.string() + "\n");
}

TEST(ConfigCheckTest, TlsFilesNotSetAreNotChecked) {
    EXPECT_TRUE(check_tls_files({{"a", ""}, {"b", ""}, {"c", ""}, true, "unit-1"}).empty());
}

TEST(ConfigCheckTest, FileReportsKeysAndFilesTogether) {
    anpr::testing::TempDir dir;
    const auto file = dir.write("unit.toml",
                                "[unit]\nid = \"unit-0042\"\n"
                                "[localize]\nmax_candidates = 0\n"
                                "model = \"no/such.onnx\"\n"
                                "[uplink]\nurl = \"https://central.example/v1/reads\"\n"
                                "ca_file = \"" +
                                    (test_pki() / "ca.pem").string() + "\"\ncert_file = \"" +
                                    (test_pki() / "unit.pem").string() + "\"\nkey_file = \"" +
                                    (test_pki() / "server.key").string() + "\"\n");
    const auto problems = check_config_file(file);
    ASSERT_EQ(problems.size(), 3u) << joined(problems);
    EXPECT_EQ(problems[0], file.string() + ":4: localize.max_candidates: 0 is out of range 1..64");
    EXPECT_EQ(problems[1], file.string() +
                               ": localize.model: no/such.onnx cannot be read: No such file or "
                               "directory");
    EXPECT_EQ(problems[2],
              file.string() + ": uplink.key_file: " + (test_pki() / "server.key").string() +
                  " does not match uplink.cert_file " + (test_pki() / "unit.pem").string());
}

TEST(ConfigCheckTest, FileThatIsNoTomlGetsItsSyntaxErrorOnly) {
    anpr::testing::TempDir dir;
    const auto file = dir.write("unit.toml", "[localize]\nmodel = \n");
    const auto problems = check_config_file(file);
    ASSERT_EQ(problems.size(), 1u) << joined(problems);
    EXPECT_EQ(problems[0].rfind(file.string() + ":2:", 0), 0u) << problems[0];
}

TEST(ConfigCheckTest, GoodFileHasNoProblems) {
    EXPECT_TRUE(check_config_file("config/anpr.toml").empty());
}

}  // namespace
}  // namespace anpr::app

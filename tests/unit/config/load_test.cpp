#include "config/load.hpp"

#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

namespace anpr::config {
namespace {

core::Result<AppConfig> parse(std::string_view text) { return parse_config(text, "test.toml"); }

std::string printed(const AppConfig& config) {
    std::ostringstream out;
    print_config(config, out);
    return out.str();
}

/// The error message for `text`, which must not parse.
std::string error_of(std::string_view text) {
    const auto result = parse(text);
    EXPECT_FALSE(result.ok()) << "parsed without error:\n" << text;
    return result.ok() ? "" : result.error().message;
}

std::size_t line_count(const std::string& message) {
    return message.empty() ? 0 : std::count(message.begin(), message.end(), '\n') + 1;
}

/// A config with every member away from its default, strings that need escaping included.
AppConfig unusual_config() {
    AppConfig config;
    config.unit = {"unit-42", "site_7.b", 50.8466123, -4.3528, 271.5};
    config.log = {"debug", "logs/\"quoted\" \\ dir/anprd.log"};
    config.capture = {"frames/é", true, 250};
    config.localize = {"classic", "/opt/anpr/detector.onnx", 0.5f, 5, 60, 600};
    config.ocr = {"cnn", "/opt/anpr/reader.onnx", "/usr/share/tessdata", "eng+deu", 0.1f};
    config.plates.countries = {"NL", "BE"};
    config.plates.unformatted_factor = 0.3f;
    config.plates.max_corrections = 0;
    config.outbox = {"/var/lib/anpr/outbox.db", 200, 4};
    config.uplink = {"https://central.example:8443/v1/reads",
                     "/etc/anpr/ca.pem",
                     "/etc/anpr/unit.pem",
                     "/etc/anpr/unit.key",
                     20,
                     2.5f,
                     12.f,
                     0.25f,
                     60.f,
                     0.f};
    return config;
}

TEST(ConfigTest, EmptyTextKeepsDefaults) {
    const auto result = parse("");
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(printed(result.value()), printed(AppConfig{}));
}

TEST(ConfigTest, ReadsEverySection) {
    const auto result = parse(R"(
[unit]
id = "unit-42"
site = "site_7.b"
[log]
level = "debug"
file = "logs/anprd.log"
[capture]
source = "frames"
loop = true
interval_ms = 250
[localize]
engine = "classic"
model = "/opt/anpr/detector.onnx"
min_score = 0.5
max_candidates = 5
min_plate_width = 60
max_plate_width = 600
[ocr]
engine = "cnn"
model = "/opt/anpr/reader.onnx"
tessdata = "/usr/share/tessdata"
language = "eng+deu"
min_confidence = 0.5
[plates]
countries = ["NL", "BE"]
unformatted_factor = 0.25
max_corrections = 1
[outbox]
path = "/var/lib/anpr/outbox.db"
)");
    ASSERT_TRUE(result.ok()) << result.error().message;
    const AppConfig& config = result.value();
    EXPECT_EQ(config.unit.id, "unit-42");
    EXPECT_EQ(config.unit.site, "site_7.b");
    EXPECT_EQ(config.log.level, "debug");
    EXPECT_EQ(config.log.file, "logs/anprd.log");
    EXPECT_EQ(config.capture.source, "frames");
    EXPECT_TRUE(config.capture.loop);
    EXPECT_EQ(config.capture.interval_ms, 250);
    EXPECT_EQ(config.localize.engine, "classic");
    EXPECT_EQ(config.localize.model, "/opt/anpr/detector.onnx");
    EXPECT_FLOAT_EQ(config.localize.min_score, 0.5f);
    EXPECT_EQ(config.localize.max_candidates, 5);
    EXPECT_EQ(config.localize.min_plate_width, 60);
    EXPECT_EQ(config.localize.max_plate_width, 600);
    EXPECT_EQ(config.ocr.engine, "cnn");
    EXPECT_EQ(config.ocr.model, "/opt/anpr/reader.onnx");
    EXPECT_EQ(config.ocr.tessdata, "/usr/share/tessdata");
    EXPECT_EQ(config.ocr.language, "eng+deu");
    EXPECT_FLOAT_EQ(config.ocr.min_confidence, 0.5f);
    EXPECT_EQ(config.plates.countries, (std::vector<std::string>{"NL", "BE"}));
    EXPECT_FLOAT_EQ(config.plates.unformatted_factor, 0.25f);
    EXPECT_EQ(config.plates.max_corrections, 1);
    EXPECT_EQ(config.outbox.path, "/var/lib/anpr/outbox.db");
}

TEST(ConfigTest, AbsentKeysKeepTheirDefaults) {
    const auto result = parse("[ocr]\nlanguage = \"deu\"\n");
    ASSERT_TRUE(result.ok()) << result.error().message;
    AppConfig expected;
    expected.ocr.language = "deu";
    EXPECT_EQ(printed(result.value()), printed(expected));
}

TEST(ConfigTest, IntegerIsTakenWhereANumberIsExpected) {
    const auto result = parse("[ocr]\nmin_confidence = 1\n");
    ASSERT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(result.value().ocr.min_confidence, 1.0f);
}

TEST(ConfigTest, MisspelledKeyIsNamedWithTheNearestKnownKey) {
    EXPECT_EQ(error_of("[ocr]\nmin_confidense = 0.5\n"),
              "test.toml:2: unknown key 'ocr.min_confidense' (did you mean 'ocr.min_confidence'?)");
}

TEST(ConfigTest, KeyInTheWrongSectionPointsToTheRightOne) {
    EXPECT_EQ(error_of("[ocr]\nmin_plate_width = 60\n"),
              "test.toml:2: unknown key 'ocr.min_plate_width' "
              "(did you mean 'localize.min_plate_width'?)");
}

TEST(ConfigTest, FarOffKeyGetsNoSuggestion) {
    EXPECT_EQ(error_of("[ocr]\nbrightness = 3\n"), "test.toml:2: unknown key 'ocr.brightness'");
}

TEST(ConfigTest, UnknownSectionIsNamed) {
    EXPECT_EQ(error_of("\n[ocrr]\nengine = \"tesseract\"\n"),
              "test.toml:2: unknown section 'ocrr' (did you mean 'ocr'?)");
}

TEST(ConfigTest, KeyOutsideAnySectionIsUnknown) {
    EXPECT_EQ(error_of("level = \"info\"\n"), "test.toml:1: unknown key 'level'");
}

TEST(ConfigTest, SectionThatIsNotATableIsAnError) {
    EXPECT_EQ(error_of("ocr = 5\n"), "test.toml:1: ocr: expected a table, got integer");
}

TEST(ConfigTest, WrongTypeNamesExpectedAndActualType) {
    EXPECT_EQ(error_of("[ocr]\nmin_confidence = \"high\"\n"),
              "test.toml:2: ocr.min_confidence: expected a number, got string");
    EXPECT_EQ(error_of("[capture]\nloop = 1\n"),
              "test.toml:2: capture.loop: expected a boolean, got integer");
    EXPECT_EQ(error_of("[log]\nfile = 3\n"),
              "test.toml:2: log.file: expected a string, got integer");
}

TEST(ConfigTest, FloatIsNotTakenWhereAnIntegerIsExpected) {
    EXPECT_EQ(error_of("[localize]\nmax_candidates = 2.5\n"),
              "test.toml:2: localize.max_candidates: expected an integer, got float");
}

TEST(ConfigTest, OutOfRangeValuesNameTheRange) {
    EXPECT_EQ(error_of("[localize]\nmax_candidates = 0\n"),
              "test.toml:2: localize.max_candidates: 0 is out of range 1..64");
    EXPECT_EQ(error_of("[ocr]\nmin_confidence = 1.5\n"),
              "test.toml:2: ocr.min_confidence: 1.5 is out of range 0..1");
    EXPECT_EQ(error_of("[ocr]\nmin_confidence = nan\n"),
              "test.toml:2: ocr.min_confidence: nan is out of range 0..1");
    EXPECT_EQ(error_of("[capture]\ninterval_ms = 9999999999\n"),
              "test.toml:2: capture.interval_ms: 9999999999 is too large");
    EXPECT_EQ(error_of("[plates]\nunformatted_factor = 1e300\n"),
              "test.toml:2: plates.unformatted_factor: 1e+300 is too large");
}

TEST(ConfigTest, BadEnumerationListsTheAllowedValues) {
    EXPECT_EQ(error_of("[log]\nlevel = \"verbose\"\n"),
              "test.toml:2: log.level: 'verbose' is not allowed "
              "(allowed: trace, debug, info, warn, error, critical, off)");
    EXPECT_EQ(error_of("[localize]\nengine = \"onnx\"\n"),
              "test.toml:2: localize.engine: 'onnx' is not allowed (allowed: detector, classic)");
    EXPECT_EQ(
        error_of("[ocr]\nengine = \"lstm\"\n"),
        "test.toml:2: ocr.engine: 'lstm' is not allowed (allowed: tesseract, cnn, tesseract+cnn)");
}

TEST(ConfigTest, UnknownCountryIsAnError) {
    const std::string message = error_of("[plates]\ncountries = [\"BE\", \"XX\", \"YY\"]\n");
    EXPECT_EQ(message.rfind("test.toml:2: plates.countries: 'XX' is not allowed (allowed: ", 0), 0u)
        << message;
    EXPECT_NE(message.find("'YY' is not allowed"), std::string::npos) << message;
    EXPECT_EQ(line_count(message), 1u);
}

TEST(ConfigTest, CountriesMustBeStrings) {
    EXPECT_EQ(
        error_of("[plates]\ncountries = [\"BE\", 3]\n"),
        "test.toml:2: plates.countries: expected an array of strings, got integer at index 1");
    EXPECT_EQ(error_of("[plates]\ncountries = \"BE\"\n"),
              "test.toml:2: plates.countries: expected an array of strings, got string");
}

TEST(ConfigTest, UnitIdAndSiteAreNonEmptyPlainNames) {
    EXPECT_EQ(error_of("[unit]\nid = \"\"\n"), "test.toml:2: unit.id: must not be empty");
    EXPECT_EQ(
        error_of("[unit]\nsite = \"gate 3/north\"\n"),
        "test.toml:2: unit.site: 'gate 3/north' may only hold A-Z, a-z, 0-9, '.', '_' and '-'");
}

TEST(ConfigTest, LanesAreNamedPolygons) {
    auto loaded = parse(
        "[lanes]\nnames = [\"1\", \"2\"]\npolygons = [[0, 0, 10, 0, 10, 10], [10, 0, 20, 0, 20, "
        "10, 10, 10]]\n");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(loaded.value().lanes.names, (std::vector<std::string>{"1", "2"}));
    ASSERT_EQ(loaded.value().lanes.polygons.size(), 2u);
    EXPECT_EQ(loaded.value().lanes.polygons[1].size(), 8u);
    EXPECT_EQ(
        error_of("[lanes]\nnames = [\"1\"]\npolygons = [[0, 0, 10, 0]]\n"),
        "test.toml:3: lanes.polygons: polygon 0 must be x, y pairs of 3 points or more, got 4 "
        "numbers");
    EXPECT_EQ(error_of("[lanes]\nnames = [\"1\", \"2\"]\npolygons = [[0, 0, 10, 0, 10, 10]]\n"),
              "test.toml:3: lanes.polygons: 1 polygons for 2 lanes.names: one each");
    EXPECT_EQ(error_of("[lanes]\nnames = [\"1\"]\npolygons = [[0, 0, 10, \"x\", 10, 10]]\n"),
              "test.toml:3: lanes.polygons: expected an integer, got string at index 0, 3");
}

TEST(ConfigTest, MaxPlateWidthBelowMinIsAnError) {
    EXPECT_EQ(
        error_of("[localize]\nmin_plate_width = 100\nmax_plate_width = 50\n"),
        "test.toml:3: localize.max_plate_width: 50 is less than localize.min_plate_width (100)");
    // Without a line of its own in the file, the rule still names the key.
    EXPECT_EQ(
        error_of("[localize]\nmin_plate_width = 900\n"),
        "test.toml: localize.max_plate_width: 800 is less than localize.min_plate_width (900)");
}

TEST(ConfigTest, ReconnectPausesAreOrdered) {
    EXPECT_EQ(error_of("[capture]\nreconnect_min_s = 2\nreconnect_max_s = 1.5\n"),
              "test.toml:3: capture.reconnect_max_s: 1.5 is less than capture.reconnect_min_s (2)");
    EXPECT_EQ(error_of("[capture]\nstream_timeout_s = 0.1\n").find("capture.stream_timeout_s"),
              std::string("test.toml:2: ").size());
}

TEST(ConfigTest, UplinkSendsOnlyOverTls) {
    EXPECT_EQ(error_of("[uplink]\nurl = \"http://central.example/v1/reads\"\n"),
              "test.toml:2: uplink.url: 'http://central.example/v1/reads' is not an https:// "
              "address: the unit sends reads only over TLS");
}

TEST(ConfigTest, UplinkNeedsItsCertificates) {
    EXPECT_EQ(
        error_of("[uplink]\nurl = \"https://central.example/v1/reads\"\n"
                 "ca_file = \"/etc/anpr/ca.pem\"\n"),
        "test.toml:2: uplink.url: mutual TLS needs uplink.cert_file, uplink.key_file as well");
    EXPECT_EQ(error_of("[uplink]\nretry_min_s = 10\nretry_max_s = 5\n"),
              "test.toml:3: uplink.retry_max_s: 5 is less than uplink.retry_min_s (10)");
}

TEST(ConfigTest, PositionIsInDegrees) {
    EXPECT_EQ(error_of("[unit]\nlatitude = 91\n"),
              "test.toml:2: unit.latitude: 91 is out of range -90..90");
    const auto parsed = parse("[unit]\nlatitude = 50.8466123\nlongitude = 4.3528\n");
    ASSERT_TRUE(parsed.ok());
    EXPECT_DOUBLE_EQ(parsed.value().unit.latitude, 50.8466123);
}

TEST(ConfigTest, HeadingIsACompassDirectionOrNotKnown) {
    EXPECT_DOUBLE_EQ(AppConfig{}.unit.heading, -1.0) << "not known unless configured";
    for (const double heading : {0.0, 90.5, 359.9, -1.0}) {
        const auto parsed = parse("[unit]\nheading = " + std::to_string(heading) + "\n");
        ASSERT_TRUE(parsed.ok()) << parsed.error().message;
        EXPECT_DOUBLE_EQ(parsed.value().unit.heading, heading);
    }
    EXPECT_EQ(error_of("[unit]\nheading = 400\n"),
              "test.toml:2: unit.heading: 400 is out of range 0..360 (360 excluded; negative: not "
              "known)");
    EXPECT_EQ(error_of("[unit]\nheading = 360\n"),
              "test.toml:2: unit.heading: 360 is out of range 0..360 (360 excluded; negative: not "
              "known)");
    EXPECT_EQ(error_of("[unit]\nheading = nan\n"),
              "test.toml:2: unit.heading: nan is out of range 0..360 (360 excluded; negative: not "
              "known)");
    EXPECT_EQ(error_of("[unit]\nheading = \"north\"\n"),
              "test.toml:2: unit.heading: expected a number, got string");
}

TEST(ConfigTest, ReportsEveryProblemAtOnceInFileOrder) {
    const std::string message = error_of(R"([unit]
id = "a b"
[ocr]
min_confidence = 2
engine = "lstm"
[plates]
max_corections = 1
[outbox]
path = 7
)");
    EXPECT_EQ(line_count(message), 5u) << message;
    EXPECT_EQ(
        message,
        "test.toml:2: unit.id: 'a b' may only hold A-Z, a-z, 0-9, '.', '_' and '-'\n"
        "test.toml:4: ocr.min_confidence: 2 is out of range 0..1\n"
        "test.toml:5: ocr.engine: 'lstm' is not allowed (allowed: tesseract, cnn, tesseract+cnn)\n"
        "test.toml:7: unknown key 'plates.max_corections' "
        "(did you mean 'plates.max_corrections'?)\n"
        "test.toml:9: outbox.path: expected a string, got integer");
}

TEST(ConfigTest, SyntaxErrorNamesLineAndColumn) {
    const std::string message = error_of("[ocr]\nlanguage = \"eng\"\nmin_confidence = \n");
    EXPECT_EQ(message.rfind("test.toml:3:18: ", 0), 0u) << message;
    EXPECT_EQ(line_count(message), 1u);
}

TEST(ConfigTest, MissingFileIsNamed) {
    const auto result = load_config("config/no-such-file.toml");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().message,
              "cannot read config file 'config/no-such-file.toml': No such file or directory");
}

TEST(ConfigTest, FileProblemsNameTheFile) {
    const std::string path = testing::TempDir() + "config_test_bad.toml";
    std::ofstream(path) << "[ocr]\nmin_confidence = 1.5\n";
    const auto result = load_config(path);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().message, path + ":2: ocr.min_confidence: 1.5 is out of range 0..1");
}

TEST(ConfigTest, PrintedConfigReadsBackTheSame) {
    for (const AppConfig& config : {AppConfig{}, unusual_config()}) {
        const std::string text = printed(config);
        const auto result = parse(text);
        ASSERT_TRUE(result.ok()) << result.error().message << "\n" << text;
        EXPECT_EQ(printed(result.value()), text);
        // Exact, not approximate: the printed float must read back to the same bits.
        EXPECT_EQ(result.value().ocr.min_confidence, config.ocr.min_confidence);
        EXPECT_EQ(result.value().plates.unformatted_factor, config.plates.unformatted_factor);
        EXPECT_EQ(result.value().log.file, config.log.file);
        EXPECT_EQ(result.value().capture.source, config.capture.source);
    }
}

TEST(ConfigTest, PrintedFloatsAreShort) {
    EXPECT_NE(printed(AppConfig{}).find("min_confidence = 0.35\n"), std::string::npos);
    AppConfig whole;
    whole.ocr.min_confidence = 1.0f;
    EXPECT_NE(printed(whole).find("min_confidence = 1.0\n"), std::string::npos);
}

TEST(ConfigTest, ShippedConfigParsesToTheDefaults) {
    const auto result = load_config("config/anpr.toml");
    ASSERT_TRUE(result.ok()) << result.error().message;
    AppConfig expected;
    expected.log.file = "out/anprd.log";  // the one value the shipped file sets on purpose
    EXPECT_EQ(printed(result.value()), printed(expected));
}

TEST(ConfigTest, ShippedConfigShowsEveryKey) {
    const toml::table shipped = toml::parse_file("config/anpr.toml");
    std::ostringstream out;
    print_config(AppConfig{}, out);
    const toml::table every_key = toml::parse(out.str());
    std::size_t keys = 0;
    for (auto&& [section, table] : every_key) {
        for (auto&& [key, value] : *table.as_table()) {
            const std::string name = std::string(section.str()) + "." + std::string(key.str());
            EXPECT_TRUE(shipped.at_path(name)) << name << " is missing from config/anpr.toml";
            ++keys;
        }
    }
    EXPECT_GT(keys, 15u);
}

}  // namespace
}  // namespace anpr::config

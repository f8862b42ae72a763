// `anpr hitlist-sign` as the list authority runs it: a CSV of entries
// becomes a signed list a unit takes, and a wrong line is named.
#include <gtest/gtest.h>

#include <fstream>

#include "evidence/signing_key.hpp"
#include "hitlist/list_document.hpp"
#include "run_command.hpp"
#include "temp_dir.hpp"

namespace anpr {
namespace {

using testing::run_program;

std::string file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class HitlistSignCliTest : public ::testing::Test {
  protected:
    testing::TempDir dir;
    void SetUp() override {
        ASSERT_EQ(
            run_program("anpr", "keygen --out " + (dir.path() / "authority").string()).exit_code,
            0);
    }
    std::string key() const { return (dir.path() / "authority/signing.key").string(); }
    evidence::PublicKey public_key() const {
        return evidence::PublicKey::load(dir.path() / "authority/signing.pub").value();
    }
};

TEST_F(HitlistSignCliTest, AFullListAndADeltaAUnitWouldTake) {
    const auto entries = dir.write("entries.csv",
                                   "# plate,country,category,priority,expires_utc,action\n"
                                   "1ABC123,BE,stolen_vehicle,1,2030-01-01T00:00:00Z,Stop, then "
                                   "call the dispatcher\n"
                                   "AB123CD,FR,no_insurance,5,2030-01-01T00:00:00Z,Fine\n");
    const auto full = dir.path() / "full.hitlist";
    const auto made = run_program("anpr", "hitlist-sign --key " + key() + " --version 3 --out " +
                                              full.string() + " " + entries.string());
    ASSERT_EQ(made.exit_code, 0) << made.out;
    EXPECT_NE(made.out.find("hit list version 3 (full): 2 entries"), std::string::npos) << made.out;
    auto list = hitlist::read_list_document(file_bytes(full), public_key(), 1 << 20);
    ASSERT_TRUE(list) << list.error().message;
    ASSERT_EQ(list.value().entries.size(), 2u);
    EXPECT_EQ(list.value().entries[0].action, "Stop, then call the dispatcher");

    const auto changes = dir.write(
        "changes.csv", "-,AB123CD,FR,no_insurance\n2XYZ999,,watch,7,2030-01-01T00:00:00Z,Note\n");
    const auto delta = dir.path() / "delta-3.hitlist";
    ASSERT_EQ(
        run_program("anpr", "hitlist-sign --key " + key() + " --version 4 --delta-from 3 --out " +
                                delta.string() + " " + changes.string())
            .exit_code,
        0);
    auto read = hitlist::read_list_document(file_bytes(delta), public_key(), 1 << 20);
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read.value().header.base_version, 3u);
    EXPECT_EQ(read.value().removals.size(), 1u);
    EXPECT_EQ(read.value().entries.size(), 1u);
}

TEST_F(HitlistSignCliTest, AWrongLineIsNamedAndNothingIsWritten) {
    const auto out = dir.path() / "full.hitlist";
    for (const auto& [csv, expected] : std::vector<std::pair<std::string, std::string>>{
             {"1ABC123,BE,stolen,1,2030-01-01T00:00:00Z,Stop\n", ":1: unknown category 'stolen'"},
             {"1ABC123,BE,watch,x,2030-01-01T00:00:00Z,Stop\n", "priority 'x' is not a number"},
             {"1ABC123,BE,watch,1,soon,Stop\n", "expires_utc 'soon'"},
             {"1abc-123,BE,watch,1,2030-01-01T00:00:00Z,Stop\n", "a unit would refuse this list"},
             {"1ABC123,BE\n", "an entry is plate,country,category"},
             {"1ABC123,BE,watch,1,2030-01-01T00:00:00Z,Arr\xeat\n",
              "entry 1 (1ABC123) holds text that is not UTF-8"}}) {
        const auto entries = dir.write("entries.csv", csv);
        const auto result =
            run_program("anpr", "hitlist-sign --key " + key() + " --version 1 --out " +
                                    out.string() + " " + entries.string());
        EXPECT_EQ(result.exit_code, 2) << csv;
        EXPECT_NE(result.out.find(expected), std::string::npos) << result.out;
        EXPECT_FALSE(std::filesystem::exists(out)) << csv;
    }
}

}  // namespace
}  // namespace anpr

// `anpr keygen` and `anpr verify` as the coordination cell and a verifier run
// them: a key made, a stream of signed records checked, a tampered one caught.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "evidence/record_chain.hpp"
#include "run_command.hpp"
#include "temp_dir.hpp"

namespace anpr {
namespace {

using testing::run_program;

/// Five records of unit-0007, seq 1..5, signed with the key in `folder`.
std::vector<std::string> signed_stream(const std::filesystem::path& folder) {
    const auto key = evidence::SigningKey::load(folder / "signing.key").value();
    std::vector<std::string> lines;
    std::string prev_hash(evidence::kNoPrevHash);
    for (std::uint64_t seq = 1; seq <= 5; ++seq) {
        nlohmann::ordered_json record{{"schema", "anpr.read/2"},
                                      {"id", "unit-0007/" + std::to_string(seq)},
                                      {"seq", seq},
                                      {"unit", "unit-0007"},
                                      {"text", "1ABC12" + std::to_string(seq)},
                                      {"position", {{"lat", 50.8466123}, {"lon", 4.3528}}}};
        auto signed_record = evidence::sign_record(record, prev_hash, key).value();
        prev_hash = signed_record.hash;
        lines.push_back(signed_record.text);
    }
    return lines;
}

std::string write_lines(const testing::TempDir& dir, const std::string& name,
                        const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    return dir.write(name, text).string();
}

class VerifyCommandTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto made = run_program("anpr", "keygen --out " + keys_.string());
        ASSERT_EQ(made.exit_code, 0) << made.out;
        ASSERT_NE(made.out.find("key_id "), std::string::npos) << made.out;
        lines_ = signed_stream(keys_);
    }

    testing::TempDir dir_;
    std::filesystem::path keys_ = dir_.path() / "keys";
    std::string public_key_ = (keys_ / "signing.pub").string();
    std::vector<std::string> lines_;
};

TEST_F(VerifyCommandTest, KeygenWritesAPrivateKeyOnlyItsOwnerReads) {
    namespace fs = std::filesystem;
    EXPECT_EQ(fs::status(keys_ / "signing.key").permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_TRUE(fs::exists(keys_ / "signing.pub"));
}

TEST_F(VerifyCommandTest, KeygenRefusesToOverwriteAKey) {
    const auto again = run_program("anpr", "keygen --out " + keys_.string());
    EXPECT_EQ(again.exit_code, 2) << again.out;
    EXPECT_NE(again.out.find("already exists"), std::string::npos) << again.out;
}

TEST_F(VerifyCommandTest, IntactStreamIsOk) {
    auto with_blank = lines_;
    with_blank.insert(with_blank.begin() + 2, "");
    const auto file = write_lines(dir_, "reads.jsonl", with_blank);
    const auto result = run_program("anpr", "verify --key " + public_key_ + " " + file);
    EXPECT_EQ(result.exit_code, 0) << result.out;
    EXPECT_NE(result.out.find("OK: 5 records of unit unit-0007, seq 1..5, chain intact"),
              std::string::npos)
        << result.out;
}

TEST_F(VerifyCommandTest, ReadsStandardInput) {
    const auto file = write_lines(dir_, "reads.jsonl", {lines_.begin() + 2, lines_.end()});
    const auto result = testing::run_command(testing::program_path("anpr") + " verify --key " +
                                             public_key_ + " - < " + file);
    EXPECT_EQ(result.exit_code, 0) << result.out;
    EXPECT_NE(result.out.find("chain starts at seq 3; its predecessor is not in the stream"),
              std::string::npos)
        << result.out;
}

TEST_F(VerifyCommandTest, TamperedRecordIsNamedByLine) {
    auto tampered = lines_;
    const auto at = tampered[3].find("1ABC124");
    ASSERT_NE(at, std::string::npos);
    tampered[3].replace(at, 7, "1ABC125");
    const auto file = write_lines(dir_, "reads.jsonl", tampered);
    const auto result = run_program("anpr", "verify --key " + public_key_ + " " + file);
    EXPECT_EQ(result.exit_code, 1) << result.out;
    EXPECT_NE(result.out.find("line 4 (seq 4, id unit-0007/4): signature does not match"),
              std::string::npos)
        << result.out;
}

TEST_F(VerifyCommandTest, RemovedRecordIsNamedByLine) {
    auto removed = lines_;
    removed.erase(removed.begin() + 1);
    const auto file = write_lines(dir_, "reads.jsonl", removed);
    const auto result = run_program("anpr", "verify --key " + public_key_ + " " + file);
    EXPECT_EQ(result.exit_code, 1) << result.out;
    EXPECT_NE(result.out.find("line 2 (seq 3, id unit-0007/3): sequence jumps from 1 to 3"),
              std::string::npos)
        << result.out;
}

TEST_F(VerifyCommandTest, MissingKeyOrFileIsExitTwo) {
    const auto file = write_lines(dir_, "reads.jsonl", lines_);
    const auto no_key =
        run_program("anpr", "verify --key " + dir_.path().string() + "/missing.pub " + file);
    EXPECT_EQ(no_key.exit_code, 2) << no_key.out;
    EXPECT_NE(no_key.out.find("missing.pub"), std::string::npos) << no_key.out;
    const auto no_file = run_program(
        "anpr", "verify --key " + public_key_ + " " + dir_.path().string() + "/missing.jsonl");
    EXPECT_EQ(no_file.exit_code, 2) << no_file.out;
    EXPECT_NE(no_file.out.find("missing.jsonl"), std::string::npos) << no_file.out;
}

}  // namespace
}  // namespace anpr

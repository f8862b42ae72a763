#include "evidence/chain_verifier.hpp"

#include <gtest/gtest.h>

#include "evidence/base64.hpp"
#include "sample_stream.hpp"

namespace anpr::evidence {
namespace {

using nlohmann::json;

/// The first break in `lines` (numbered from 1), or nullopt with the
/// verifier's summary in `summary`.
std::optional<Break> verify(const PublicKey& key, const std::vector<std::string>& lines,
                            ChainSummary* summary = nullptr) {
    ChainVerifier verifier(key);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (auto at = verifier.add_line(lines[i], i + 1)) return at;
    }
    if (summary != nullptr) *summary = verifier.summary();
    return std::nullopt;
}

/// `line` with its first `from` replaced by `to`.
std::string replaced(std::string line, const std::string& from, const std::string& to) {
    const auto at = line.find(from);
    EXPECT_NE(at, std::string::npos) << from << " not in " << line;
    return line.replace(at, from.size(), to);
}

class ChainVerifierTest : public ::testing::Test {
  protected:
    SigningKey key_ = SigningKey::generate().value();
    std::vector<std::string> lines_ = signed_lines(key_, 20);
};

TEST_F(ChainVerifierTest, UntouchedStreamIsIntact) {
    ChainSummary summary;
    EXPECT_EQ(verify(key_.public_key(), lines_, &summary), std::nullopt);
    EXPECT_EQ(summary.records, 20u);
    EXPECT_EQ(summary.unit, "unit-0042");
    EXPECT_EQ(summary.first_seq, 1u);
    EXPECT_EQ(summary.last_seq, 20u);
    EXPECT_TRUE(summary.starts_at_first_record);
}

TEST_F(ChainVerifierTest, OneChangedDigitBreaksAtThatLine) {
    const struct {
        std::size_t line;
        std::string from, to;
    } edits[] = {
        {7, R"("text":"1ABC107")", R"("text":"1ABC108")"},
        {12, R"("captured_utc":"2026-11-29T18:58:22.169Z")",
         R"("captured_utc":"2026-11-29T18:58:22.168Z")"},
        {15, R"("lat":50.8466123)", R"("lat":50.8466124)"},
        {18, R"("seq":18)", R"("seq":19)"},
    };
    for (const auto& edit : edits) {
        auto lines = lines_;
        lines[edit.line - 1] = replaced(lines[edit.line - 1], edit.from, edit.to);
        const auto at = verify(key_.public_key(), lines);
        ASSERT_TRUE(at) << edit.from;
        EXPECT_EQ(at->line, edit.line);
        EXPECT_EQ(at->reason, "signature does not match: record altered, or signed by another key");
    }
}

TEST_F(ChainVerifierTest, RemovedRecordBreaksAtTheNextLine) {
    lines_.erase(lines_.begin() + 9);  // seq 10
    const auto at = verify(key_.public_key(), lines_);
    ASSERT_TRUE(at);
    EXPECT_EQ(describe(*at),
              "line 10 (seq 11, id unit-0042/11): sequence jumps from 9 to 11: record 10 missing");
}

TEST_F(ChainVerifierTest, SeveralRemovedRecordsAreCounted) {
    lines_.erase(lines_.begin() + 4, lines_.begin() + 7);  // seq 5, 6, 7
    EXPECT_EQ(verify(key_.public_key(), lines_)->reason,
              "sequence jumps from 4 to 8: records 5..7 missing");
}

TEST_F(ChainVerifierTest, ReorderedPairBreaksAtTheFirstOfThem) {
    std::swap(lines_[4], lines_[5]);
    const auto at = verify(key_.public_key(), lines_);
    ASSERT_TRUE(at);
    EXPECT_EQ(at->line, 5u);
    EXPECT_EQ(at->seq, 6u);
}

TEST_F(ChainVerifierTest, RecordRepeatedOrGoingBackIsABreak) {
    auto repeated = lines_;
    repeated.insert(repeated.begin() + 3, lines_[2]);
    EXPECT_EQ(describe(*verify(key_.public_key(), repeated)),
              "line 4 (seq 3, id unit-0042/3): sequence repeats 3: a record appears twice");
    auto back = lines_;
    back.insert(back.begin() + 5, lines_[1]);
    EXPECT_EQ(verify(key_.public_key(), back)->reason,
              "sequence goes back from 5 to 2: records out of order");
}

TEST_F(ChainVerifierTest, AnotherKeyBreaksAtLineOne) {
    const auto other = SigningKey::generate().value();
    const auto at = verify(other.public_key(), lines_);
    ASSERT_TRUE(at);
    EXPECT_EQ(at->line, 1u);
    EXPECT_EQ(at->reason, "signed with another key (key_id " + key_id(key_.public_key()) +
                              ", expected " + key_id(other.public_key()) + ")");
}

TEST_F(ChainVerifierTest, ForgeryUnderTheUnitsKeyIdIsASignatureBreak) {
    const auto attacker = SigningKey::generate().value();
    auto forged = json::parse(lines_[7]);
    forged["text"] = "9ZZZ999";
    forged["signature"] = base64_encode(attacker.sign(signed_content(forged)).value());
    lines_[7] = forged.dump();
    const auto at = verify(key_.public_key(), lines_);
    ASSERT_TRUE(at);
    EXPECT_EQ(at->line, 8u);
    EXPECT_EQ(at->reason, "signature does not match: record altered, or signed by another key");
}

// A record the unit's key did sign, but not the one the next record follows:
// only the chain tells it apart.
TEST_F(ChainVerifierTest, ReplacedRecordBreaksThePrevHashOfTheNext) {
    auto other = sample_record(6);
    other["text"] = "9ZZZ999";
    lines_[5] = sign_record(other, record_hash(json::parse(lines_[4])), key_).value().text;
    const auto at = verify(key_.public_key(), lines_);
    ASSERT_TRUE(at);
    EXPECT_EQ(describe(*at),
              "line 7 (seq 7, id unit-0042/7): prev_hash does not match the record before it: a "
              "record was removed, inserted or reordered");
}

TEST_F(ChainVerifierTest, ExcerptStartsAnywhereAndSaysSo) {
    const std::vector<std::string> excerpt(lines_.begin() + 16, lines_.end());
    ChainSummary summary;
    EXPECT_EQ(verify(key_.public_key(), excerpt, &summary), std::nullopt);
    EXPECT_EQ(summary.first_seq, 17u);
    EXPECT_EQ(summary.last_seq, 20u);
    EXPECT_FALSE(summary.starts_at_first_record);
}

TEST_F(ChainVerifierTest, AnotherUnitsRecordIsABreak) {
    const auto other_unit =
        signed_lines(key_, 1, 21, record_hash(json::parse(lines_.back())), "unit-0043");
    lines_.push_back(other_unit.front());
    EXPECT_EQ(verify(key_.public_key(), lines_)->reason,
              "record of unit unit-0043 in a stream of unit unit-0042");
}

TEST_F(ChainVerifierTest, LineThatIsNotJsonIsNamed) {
    lines_[2] = lines_[2].substr(0, 100);
    const auto at = verify(key_.public_key(), lines_);
    ASSERT_TRUE(at);
    EXPECT_EQ(at->line, 3u);
    EXPECT_EQ(describe(*at), "line 3: not JSON (syntax error at byte 101)");
}

TEST_F(ChainVerifierTest, MissingOrMistypedFieldsAreNamed) {
    auto record = json::parse(lines_[0]);
    record.erase("prev_hash");
    EXPECT_EQ(verify(key_.public_key(), {record.dump()})->reason, "field 'prev_hash' missing");
    record = json::parse(lines_[0]);
    record["seq"] = -1;
    EXPECT_EQ(verify(key_.public_key(), {record.dump()})->reason,
              "field 'seq' is not a positive integer");
    record["seq"] = 1.0;
    EXPECT_EQ(verify(key_.public_key(), {record.dump()})->reason,
              "field 'seq' is not a positive integer");
    record = json::parse(lines_[0]);
    record["signature"] = "AAAA";
    EXPECT_EQ(verify(key_.public_key(), {record.dump()})->reason,
              "field 'signature' is not the base64 of 64 bytes");
    EXPECT_EQ(verify(key_.public_key(), {"[1,2]"})->reason, "not a JSON object");
}

TEST_F(ChainVerifierTest, MemberNamedTwiceIsRefused) {
    // JSON parsers differ on which of two values they keep: refuse both.
    const auto line =
        replaced(lines_[0], R"("text":"1ABC101",)", R"("text":"1ABC101","text":"1ABC101",)");
    const auto at = verify(key_.public_key(), {line});
    ASSERT_TRUE(at);
    EXPECT_EQ(at->reason,
              "member 'text' appears twice in one object: readers would disagree on its value");
    EXPECT_EQ(at->seq, 1u);
}

TEST_F(ChainVerifierTest, DeepNestingIsRefusedWithoutRecursion) {
    const std::string deep = std::string(200000, '[') + std::string(200000, ']');
    const auto line = replaced(lines_[0], R"("lane":"")", R"("lane":)" + deep);
    EXPECT_EQ(verify(key_.public_key(), {line})->reason, "nested deeper than 8 levels");
    const std::string deep_object =
        std::string(20, '[') + R"({"a":{"a":1}})" + std::string(20, ']');
    EXPECT_EQ(verify(key_.public_key(), {deep_object})->reason, "nested deeper than 8 levels");
}

TEST_F(ChainVerifierTest, ReformattedRecordsStillVerify) {
    // Members reordered and spaced out, as a database export may write them.
    for (auto& line : lines_) line = json::parse(line).dump(1);
    EXPECT_EQ(verify(key_.public_key(), lines_), std::nullopt);
}

}  // namespace
}  // namespace anpr::evidence

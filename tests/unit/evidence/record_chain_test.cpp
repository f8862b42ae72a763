#include "evidence/record_chain.hpp"

#include <gtest/gtest.h>

#include "evidence/base64.hpp"
#include "evidence/canonical_json.hpp"
#include "sample_stream.hpp"

namespace anpr::evidence {
namespace {

using nlohmann::json;

TEST(RecordChainTest, SignedRecordCarriesPrevHashKeyIdAndSignatureLast) {
    const auto key = SigningKey::generate().value();
    const auto signed_record = sign_record(sample_record(1), kNoPrevHash, key).value();
    const auto& record = signed_record.json;
    EXPECT_EQ(record.front(), "anpr.read/2");  // the caller's fields keep their order
    EXPECT_EQ(record["prev_hash"], std::string(kNoPrevHash));
    EXPECT_EQ(record["key_id"], key_id(key.public_key()));
    const auto signature = base64_decode(record["signature"].get<std::string>());
    ASSERT_TRUE(signature);
    EXPECT_EQ(signature->size(), 64u);
    EXPECT_EQ(record.back(), record["signature"]);
    EXPECT_EQ(signed_record.text, record.dump());
    EXPECT_EQ(signed_record.hash, sha256_hex(canonical_json(json::parse(signed_record.text))));
    EXPECT_TRUE(
        key.public_key().verify(signed_content(json::parse(signed_record.text)), *signature));
}

TEST(RecordChainTest, TheSignatureCoversTheCanonicalFormNotTheText) {
    const auto key = SigningKey::generate().value();
    const auto signed_record = sign_record(sample_record(3), kNoPrevHash, key).value();
    // Re-written by another library: other member order, whitespace.
    const auto reordered = json::parse(json::parse(signed_record.text).dump(2));
    const auto signature = base64_decode(reordered["signature"].get<std::string>()).value();
    EXPECT_TRUE(key.public_key().verify(signed_content(reordered), signature));
    EXPECT_EQ(record_hash(reordered), signed_record.hash);
}

TEST(RecordChainTest, EachRecordNamesTheHashOfTheOneBefore) {
    const auto key = SigningKey::generate().value();
    const auto first = sign_record(sample_record(1), kNoPrevHash, key).value();
    const auto second = sign_record(sample_record(2), first.hash, key).value();
    EXPECT_EQ(second.json["prev_hash"], first.hash);
    EXPECT_NE(second.hash, first.hash);
}

TEST(RecordChainTest, RefusesWhatCannotBeSignedSoundly) {
    const auto key = SigningKey::generate().value();
    auto already = sample_record(1);
    already["signature"] = "x";
    EXPECT_NE(sign_record(already, kNoPrevHash, key).error().message.find("'signature'"),
              std::string::npos);
    EXPECT_FALSE(sign_record(nlohmann::ordered_json::array(), kNoPrevHash, key).ok());
    EXPECT_NE(sign_record(sample_record(1), "abc", key).error().message.find("64 lower-case hex"),
              std::string::npos);
    auto latin1 = sample_record(1);
    latin1["source"] = "cam\xe9ra";
    EXPECT_NE(sign_record(latin1, kNoPrevHash, key).error().message.find("cannot sign"),
              std::string::npos);
}

TEST(RecordChainTest, CropHashIsTheHashOfTheJpegBytes) {
    EXPECT_EQ(crop_sha256(base64_encode("abc")).value(),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(crop_sha256("").value(), "");
    const auto bad = crop_sha256("not base64!");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("best_crop_jpeg"), std::string::npos);
}

TEST(Base64Test, DecodesOnlyTheOneCanonicalSpelling) {
    for (const std::string& bytes :
         std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10", 3)})
        EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes);
    EXPECT_EQ(base64_encode("ab"), "YWI=");
    EXPECT_FALSE(base64_decode("YWJ="));    // unused bits set
    EXPECT_FALSE(base64_decode("YW I="));   // whitespace
    EXPECT_FALSE(base64_decode("YWI"));     // no padding
    EXPECT_FALSE(base64_decode("YWI=\n"));  // line break
    EXPECT_FALSE(base64_decode("Y=WI"));    // padding inside
    EXPECT_FALSE(base64_decode("YW-_"));    // URL alphabet
}

}  // namespace
}  // namespace anpr::evidence

#include "tracking/vote.hpp"

#include <gtest/gtest.h>

#include "plate_read.hpp"

namespace anpr::tracking {
namespace {

core::PlateRead read_as(const std::string& text, float confidence,
                        const std::string& country = "") {
    return testing::plate_read(text, confidence, {}, country);
}

TEST(VoteTest, NoReadsNoText) { EXPECT_TRUE(vote({}, plates::PlatesConfig{}).text.empty()); }

TEST(VoteTest, EachCharacterGoesToTheMajority) {
    // Every frame misreads a different character; no frame is right whole.
    const std::vector<core::PlateRead> reads{read_as("1ABG123", 0.8f), read_as("1A8C123", 0.8f),
                                             read_as("1ABC128", 0.8f), read_as("IABC123", 0.8f),
                                             read_as("1ABC123", 0.5f)};
    const Vote voted = vote(reads, plates::PlatesConfig{});
    EXPECT_EQ(voted.text, "1ABC123");
    EXPECT_EQ(voted.country, "BE");
    EXPECT_EQ(voted.display, "1-ABC-123");
    ASSERT_FALSE(voted.candidates.empty());
    EXPECT_EQ(voted.candidates.front().text, "1ABC123");
    EXPECT_GT(voted.confidence, 0.f);
    EXPECT_LE(voted.confidence, 0.8f);
}

TEST(VoteTest, ConfidentFramesOutweighManyUnsureOnes) {
    const std::vector<core::PlateRead> reads{read_as("FY211ZP", 0.9f), read_as("FY211ZP", 0.9f),
                                             read_as("FY211ZR", 0.2f), read_as("FY211ZR", 0.2f),
                                             read_as("FY211ZR", 0.2f)};
    EXPECT_EQ(vote(reads, plates::PlatesConfig{}).text, "FY211ZP");
}

TEST(VoteTest, RunnersUpDoNotOutvoteTheReading) {
    // Every frame reads 2NNX539 and offers the same look-alike swaps close behind.
    std::vector<core::PlateRead> reads;
    for (int i = 0; i < 5; ++i) {
        auto read = read_as("2NNX539", 0.99f, "BE");
        read.candidates = {{"2NNX539", 0.99f}, {"ZNNX539", 0.91f}, {"ZNNXS39", 0.81f}};
        reads.push_back(read);
    }
    const Vote voted = vote(reads, plates::PlatesConfig{});
    EXPECT_EQ(voted.text, "2NNX539");
    EXPECT_EQ(voted.country, "BE");
}

TEST(VoteTest, LengthIsVotedFirst) {
    // A frame that cut the last character off does not shift the others.
    const std::vector<core::PlateRead> reads{read_as("FY211ZP", 0.7f), read_as("FY211Z", 0.9f),
                                             read_as("FY211ZP", 0.7f)};
    EXPECT_EQ(vote(reads, plates::PlatesConfig{}).text, "FY211ZP");
}

TEST(VoteTest, KeepsTheCountryTheFramesReadTheTextWith) {
    // "EL6027" fits Luxembourg and Germany; the frames saw the yellow ground.
    const std::vector<core::PlateRead> reads{read_as("EL6027", 0.9f, "LU"),
                                             read_as("EL6027", 0.8f, "LU")};
    const Vote voted = vote(reads, plates::PlatesConfig{});
    EXPECT_EQ(voted.country, "LU");
    EXPECT_EQ(voted.display, plates::display_form("EL6027", "LU"));
}

}  // namespace
}  // namespace anpr::tracking

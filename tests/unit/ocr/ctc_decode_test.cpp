#include "ocr/ctc_decode.hpp"

#include <gtest/gtest.h>

namespace anpr::ocr {
namespace {

constexpr std::string_view kAlphabet = "AB1";  // classes: 0 blank, 1 'A', 2 'B', 3 '1'

/// One row per step; each row's listed class gets `p`, the rest share what is left.
cv::Mat steps(const std::vector<std::pair<int, float>>& best) {
    cv::Mat probs(static_cast<int>(best.size()), 4, CV_32F);
    for (int t = 0; t < probs.rows; ++t) {
        const auto [cls, p] = best[static_cast<std::size_t>(t)];
        for (int c = 0; c < 4; ++c) probs.at<float>(t, c) = c == cls ? p : (1.f - p) / 3.f;
    }
    return probs;
}

std::string text_of(const plates::RawText& raw) {
    std::string text;
    for (const auto& slot : raw.slots) text += slot.choices.front().ch;
    return text;
}

TEST(CtcDecodeTest, CollapsesRepeatsAndDropsBlanks) {
    const auto raw = ctc_greedy_decode(
        steps({{0, .9f}, {1, .9f}, {1, .8f}, {0, .9f}, {1, .7f}, {3, .6f}, {0, .9f}}), kAlphabet);
    EXPECT_EQ(text_of(raw), "AA1");
}

TEST(CtcDecodeTest, ConfidenceIsTheRunsPeak) {
    const auto raw = ctc_greedy_decode(steps({{2, .5f}, {2, .95f}, {2, .6f}}), kAlphabet);
    ASSERT_EQ(raw.slots.size(), 1u);
    EXPECT_EQ(raw.slots[0].choices[0].ch, 'B');
    EXPECT_FLOAT_EQ(raw.slots[0].choices[0].confidence, .95f);
}

TEST(CtcDecodeTest, AlternativesComeFromThePeakStepBestFirstWithoutTheBlank) {
    cv::Mat probs = (cv::Mat_<float>(1, 4) << 0.05f, 0.15f, 0.6f, 0.2f);
    const auto raw = ctc_greedy_decode(probs, kAlphabet);
    ASSERT_EQ(raw.slots.size(), 1u);
    const auto& choices = raw.slots[0].choices;
    ASSERT_EQ(choices.size(), 3u);
    EXPECT_EQ(choices[0].ch, 'B');
    EXPECT_EQ(choices[1].ch, '1');
    EXPECT_EQ(choices[2].ch, 'A');
    const auto pruned = ctc_greedy_decode(probs, kAlphabet, 0.18f);
    EXPECT_EQ(pruned.slots[0].choices.size(), 2u);
}

TEST(CtcDecodeTest, AllBlankReadsNothing) {
    EXPECT_TRUE(ctc_greedy_decode(steps({{0, .9f}, {0, .9f}}), kAlphabet).slots.empty());
}

}  // namespace
}  // namespace anpr::ocr

namespace anpr::ocr {
namespace {

TEST(CtcDecodeTest, LeadingBlanksThenACharacter) {
    // Blank at the first steps: the run that starts there is a blank run.
    const auto raw = ctc_greedy_decode(steps({{0, .9f}, {0, .95f}, {2, .8f}, {2, .9f}}), kAlphabet);
    ASSERT_EQ(raw.slots.size(), 1u);
    EXPECT_EQ(raw.slots[0].choices[0].ch, 'B');
    EXPECT_FLOAT_EQ(raw.slots[0].choices[0].confidence, .9f);
}

}  // namespace
}  // namespace anpr::ocr

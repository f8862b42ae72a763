#include "hitlist/look_alike.hpp"

#include <gtest/gtest.h>

namespace anpr::hitlist {
namespace {

TEST(LookAlikeTest, EachGroupSharesOneClass) {
    for (const char c : std::string("0ODQ")) EXPECT_EQ(look_alike_class(c), '0') << c;
    for (const auto& [a, b] : {std::pair{'1', 'I'}, std::pair{'8', 'B'}, std::pair{'5', 'S'},
                               std::pair{'2', 'Z'}, std::pair{'6', 'G'}}) {
        EXPECT_EQ(look_alike_class(a), look_alike_class(b)) << a << b;
    }
    EXPECT_NE(look_alike_class('A'), look_alike_class('4'));
    EXPECT_EQ(look_alike_class('X'), 'X');
}

TEST(LookAlikeTest, SwapsSayWhereAndWhat) {
    const auto swaps = look_alike_swaps("1A8C1Z3", "1ABC123", 3);
    ASSERT_TRUE(swaps);
    ASSERT_EQ(swaps->size(), 2u);
    EXPECT_EQ((*swaps)[0].position, 2u);
    EXPECT_EQ((*swaps)[0].read, '8');
    EXPECT_EQ((*swaps)[0].listed, 'B');
    EXPECT_EQ((*swaps)[1].position, 5u);
    EXPECT_EQ((*swaps)[1].read, 'Z');
    EXPECT_EQ((*swaps)[1].listed, '2');
}

TEST(LookAlikeTest, EqualTextsNeedNoSwap) {
    const auto swaps = look_alike_swaps("1ABC123", "1ABC123", 0);
    ASSERT_TRUE(swaps);
    EXPECT_TRUE(swaps->empty());
}

TEST(LookAlikeTest, OtherCharactersLengthsOrTooManySwapsAreNoMatch) {
    EXPECT_FALSE(look_alike_swaps("1ABC124", "1ABC123", 3));
    EXPECT_FALSE(look_alike_swaps("1ABC12", "1ABC123", 3));
    EXPECT_FALSE(look_alike_swaps("IA8C1Z3", "1ABC123", 2));
    EXPECT_TRUE(look_alike_swaps("IA8C1Z3", "1ABC123", 3));
}

}  // namespace
}  // namespace anpr::hitlist

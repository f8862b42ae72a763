#include "diag/password.hpp"

#include <gtest/gtest.h>

namespace anpr::diag {
namespace {

config::ShellAccount account_for(const std::string& hash) {
    auto account = config::parse_shell_account("tech:" + hash + ":plates");
    EXPECT_TRUE(account.ok()) << account.error().message;
    return account.ok() ? account.value() : config::ShellAccount{};
}

TEST(Password, HashesInPhcFormAndMatchesOnlyItsPassword) {
    const auto hash = hash_password("correct horse battery", 10);
    ASSERT_TRUE(hash.ok()) << hash.error().message;
    EXPECT_EQ(hash.value().rfind("$scrypt$ln=10,r=8,p=1$", 0), 0u);
    EXPECT_EQ(hash.value().find('='), hash.value().find("ln=") + 2);  // no base64 padding
    const auto account = account_for(hash.value());
    EXPECT_EQ(account.salt.size(), 16u);
    EXPECT_EQ(account.key.size(), 32u);
    EXPECT_TRUE(password_matches(account, "correct horse battery"));
    EXPECT_FALSE(password_matches(account, "correct horse batterY"));
    EXPECT_FALSE(password_matches(account, ""));
}

TEST(Password, SaltsEachHash) {
    EXPECT_NE(hash_password("same password", 10).value(),
              hash_password("same password", 10).value());
}

TEST(Password, DefaultCostIsFifteen) {
    const auto hash = hash_password("a slow but good one");
    ASSERT_TRUE(hash.ok());
    EXPECT_TRUE(password_matches(account_for(hash.value()), "a slow but good one"));
    EXPECT_EQ(account_for(hash.value()).log2_cost, 15);
}

TEST(Password, ATamperedHashMatchesNothing) {
    auto account = account_for(hash_password("correct horse battery", 10).value());
    account.key[0] = static_cast<char>(account.key[0] ^ 1);
    EXPECT_FALSE(password_matches(account, "correct horse battery"));
    account = account_for(hash_password("correct horse battery", 10).value());
    account.salt[3] = static_cast<char>(account.salt[3] ^ 0x40);
    EXPECT_FALSE(password_matches(account, "correct horse battery"));
    account = account_for(hash_password("correct horse battery", 10).value());
    account.log2_cost = 11;
    EXPECT_FALSE(password_matches(account, "correct horse battery"));
}

}  // namespace
}  // namespace anpr::diag

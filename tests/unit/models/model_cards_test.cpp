// Every model file shipped in models/ has a card in models/MODELS.md whose
// sha256 is the file's: a retrained model cannot slip in without its card.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <regex>
#include <sstream>

namespace anpr {
namespace {

const std::filesystem::path kModels = "models";

std::string sha256_of(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
    std::ostringstream hex;
    for (unsigned int i = 0; i < length; ++i)
        hex << std::hex << std::setw(2) << std::setfill('0') << int{digest[i]};
    return hex.str();
}

/// File name -> sha256 from the cards: each card is a "## " section with the
/// table rows "| File | `models/x.onnx` |" and "| sha256 | `<hex>` |".
std::map<std::string, std::string> card_hashes() {
    std::ifstream in(kModels / "MODELS.md");
    std::map<std::string, std::string> hashes;
    const std::regex file_row(R"(^\| File \| `models/([^`]+)` \|)");
    const std::regex sha_row(R"(^\| sha256 \| `([0-9a-f]{64})` \|)");
    std::string file;
    for (std::string line; std::getline(in, line);) {
        std::smatch match;
        if (line.starts_with("## ")) file.clear();
        if (std::regex_search(line, match, file_row)) file = match[1];
        if (std::regex_search(line, match, sha_row) && !file.empty()) hashes[file] = match[1];
    }
    return hashes;
}

TEST(ModelCardsTest, EveryShippedModelMatchesItsCard) {
    const auto hashes = card_hashes();
    int models = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kModels)) {
        if (entry.path().extension() != ".onnx") continue;
        ++models;
        const auto name = entry.path().filename().string();
        const auto card = hashes.find(name);
        ASSERT_NE(card, hashes.end())
            << name << " has no card with a File and sha256 row in models/MODELS.md";
        EXPECT_EQ(sha256_of(entry.path()), card->second) << name << " differs from its card";
    }
    for (const auto& [name, hash] : hashes) {
        EXPECT_TRUE(std::filesystem::exists(kModels / name)) << "card for a missing file: " << name;
    }
    RecordProperty("models", models);
}

}  // namespace
}  // namespace anpr

// Mutated records fed to the verifier and to canonical_json, from fixed
// seeds: nothing crashes or hangs, and every mutation that changes what a
// signed record says is a break at its line.
#include <gtest/gtest.h>

#include <bit>
#include <random>

#include "evidence/canonical_json.hpp"
#include "evidence/chain_verifier.hpp"
#include "sample_stream.hpp"

namespace anpr::evidence {
namespace {

using nlohmann::json;

class Mutator {
  public:
    explicit Mutator(std::uint64_t seed) : random_(seed) {}

    std::size_t below(std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
    }

    std::string mutate(const std::string& line) {
        switch (below(7)) {
            case 0:
                return flip_byte(line);
            case 1:
                return line.substr(0, below(line.size()));
            case 2:
                return replace_field(line);
            case 3:
                return insert_text(line, std::string(below(3000) + 1, '[') + "1");
            case 4:
                return insert_text(line, line.substr(below(line.size()), below(40)));
            case 5:
                return deep_value(below(2000) + 1);
            default:
                return flip_byte(flip_byte(line));
        }
    }

    /// Arrays and objects nested `depth` deep, whole and valid.
    std::string deep_value(std::size_t depth) {
        std::string open, close;
        for (std::size_t i = 0; i < depth; ++i) {
            const bool object = below(2) == 1;
            open += object ? R"({"seq":)" : "[";
            close += object ? "}" : "]";
        }
        return open + "1" + std::string(close.rbegin(), close.rend());
    }

    /// Any JSON value, nested at most `depth` deep, strings valid UTF-8.
    json random_value(int depth) {
        switch (below(depth > 0 ? 10 : 8)) {
            case 0:
                return nullptr;
            case 1:
                return below(2) == 1;
            case 2:
                return static_cast<std::int64_t>(random_());
            case 3:
                return random_();
            case 4:
                return std::bit_cast<double>(random_());
            case 5:
                return static_cast<double>(below(2'000'000'000)) / 1e7;
            case 6:
                return random_string();
            case 7:
                return std::string("1ABC10") + std::to_string(below(10));
            case 8: {
                json array = json::array();
                for (std::size_t i = below(4); i > 0; --i) array.push_back(random_value(depth - 1));
                return array;
            }
            default: {
                json object = json::object();
                for (std::size_t i = below(4); i > 0; --i)
                    object[random_string()] = random_value(depth - 1);
                return object;
            }
        }
    }

  private:
    std::string flip_byte(std::string line) {
        const auto at = below(line.size());
        line[at] = static_cast<char>(line[at] ^ static_cast<char>(1 + below(255)));
        return line;
    }

    std::string insert_text(std::string line, const std::string& text) {
        return line.insert(below(line.size()), text);
    }

    std::string random_string() {
        static const std::string pieces[] = {"a",          "Z",    "0",         "\"",     "\\",
                                             "\n",         "\x01", "\x7f",      "\u00e9", "\u20ac",
                                             "\U0001F600", "seq",  "signature", ""};
        std::string text;
        for (std::size_t i = below(6); i > 0; --i) text += pieces[below(std::size(pieces))];
        return text;
    }

    // A random value in place of a random member, at the top or one level down.
    std::string replace_field(const std::string& line) {
        json record = json::parse(line);
        std::vector<json::json_pointer> members;
        for (const auto& [name, value] : record.items()) {
            members.emplace_back("/" + name);
            if (value.is_object())
                for (const auto& [inner, ignored] : value.items())
                    members.emplace_back("/" + name + "/" + inner);
        }
        // Infinities and NaN have no JSON text: nlohmann writes null for them.
        record[members[below(members.size())]] = random_value(3);
        return record.dump();
    }

    std::mt19937_64 random_;
};

/// The canonical form of `text` when it parses, "" otherwise; exercises
/// canonical_json on whatever the parser accepts.
std::string meaning(const std::string& text) {
    const json value = json::parse(text, nullptr, false);
    return value.is_discarded() ? "" : canonical_json(value);
}

TEST(FuzzTest, MutatedRecordsBreakTheChainAtTheirLine) {
    const auto key = SigningKey::generate().value();
    const auto lines = signed_lines(key, 2);
    const std::string meanings[] = {meaning(lines[0]), meaning(lines[1])};
    const ChainVerifier fresh(key.public_key());
    ChainVerifier after_first = fresh;
    ASSERT_EQ(after_first.add_line(lines[0], 1), std::nullopt);
    std::size_t breaks = 0, harmless = 0;
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        Mutator mutator(seed);
        for (int i = 0; i < 1000; ++i) {
            const std::size_t target = mutator.below(lines.size());
            const std::string mutated = mutator.mutate(lines[target]);
            auto verifier = target == 0 ? fresh : after_first;
            if (const auto at = verifier.add_line(mutated, target + 1)) {
                ASSERT_EQ(at->line, target + 1)
                    << "seed " << seed << " #" << i << ": " << describe(*at) << "\n"
                    << mutated;
                ++breaks;
                continue;
            }
            // Only a different spelling of the same record, such as 0e0 for
            // 0.0, may pass: the signature covers what it says, and the next
            // record still follows it.
            ASSERT_EQ(meaning(mutated), meanings[target]) << "seed " << seed << " #" << i;
            if (target == 0) {
                ASSERT_EQ(verifier.add_line(lines[1], 2), std::nullopt);
            }
            ++harmless;
        }
    }
    EXPECT_GT(breaks, 2900u) << harmless << " harmless";
}

TEST(FuzzTest, CanonicalFormOfRandomValuesReadsBackTheSame) {
    Mutator mutator(4);
    for (int i = 0; i < 2000; ++i) {
        const json value = mutator.random_value(6);
        const std::string form = canonical_json(value);
        ASSERT_EQ(canonical_json(json::parse(form)), form) << form;
    }
    for (int i = 0; i < 20; ++i) {
        const json deep = json::parse(mutator.deep_value(mutator.below(2000) + 1));
        const std::string form = canonical_json(deep);
        ASSERT_EQ(canonical_json(json::parse(form)), form);
    }
}

}  // namespace
}  // namespace anpr::evidence

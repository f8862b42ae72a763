#include "plates/formats.hpp"

#include <algorithm>
#include <array>
#include <cassert>

#include "plates/plates.hpp"

namespace anpr::plates {
namespace {

bool is_kind(char p) { return p == 'L' || p == '9' || p == 'N' || p == 'X'; }

std::string repeat(char c, int n) { return std::string(static_cast<std::size_t>(n), c); }

/// A serial number without a leading zero, as German and older French plates print it.
std::string number(int digits) { return "N" + repeat('9', digits - 1); }

std::vector<Format> belgian() {
    return {Format("N-LLL-999"), Format("LLL-999"), Format("999-LLL")};
}

std::vector<Format> dutch() {
    constexpr std::array<std::string_view, 14> sidecodes{
        "LL-99-99", "99-99-LL", "99-LL-99", "LL-99-LL", "LL-LL-99", "99-LL-LL", "99-LLL-9",
        "9-LLL-99", "LL-999-L", "L-999-LL", "LLL-99-L", "L-99-LLL", "9-LL-999", "999-LL-9"};
    // From sidecode 4 (1978) on, letter series skip vowels (no words on plates) and
    // C and Q; older series did not, so there the rule would reject real plates.
    // Those older series (1951-1978) are rare on the road today: where a text
    // fits one of them and a current layout of another country, the current one wins.
    constexpr std::size_t first_without_vowels = 3;
    constexpr float historic_prior = 0.9f;
    std::vector<Format> formats;
    for (std::size_t i = 0; i < sidecodes.size(); ++i) {
        const bool historic = i < first_without_vowels;
        formats.emplace_back(sidecodes[i], historic ? "" : "AEIOUCQ",
                             historic ? historic_prior : 1.f);
    }
    return formats;
}

std::vector<Format> french() {
    // SIV (2009 on) never prints I, O or U: they pass for 1, 0 and V.
    std::vector<Format> formats{Format("LL-999-LL", "IOU")};
    // FNI: serial, letter series, two-digit department.
    for (int digits = 1; digits <= 4; ++digits) {
        for (int letters = 2; letters <= 3; ++letters) {
            formats.emplace_back(number(digits) + " " + repeat('L', letters) + " 99");
        }
    }
    return formats;
}

std::vector<Format> german() {
    // The text does not say where the district ends ("MAB1234": M-AB or MA-B?).
    // Without a district list the split is fixed: the second group takes two
    // letters whenever it can ("M-AB 1234", "BN-AB 123", "B-A 1234").
    std::vector<Format> formats;
    for (int letters = 2; letters <= 5; ++letters) {
        const int second = std::min(2, letters - 1);
        const std::string prefix = repeat('L', letters - second) + "-" + repeat('L', second) + " ";
        for (int digits = 1; digits <= 4 && letters + digits <= 8; ++digits) {
            formats.emplace_back(prefix + number(digits));
        }
    }
    return formats;
}

std::vector<Format> luxembourgish() {
    std::vector<Format> formats{Format("LL 9999"), Format("L 9999")};
    // Old all-digit plates: any run of digits fits them, so they rank below a clean
    // read of another layout, but above a look-alike swap into one (see interpret.cpp).
    constexpr float all_digit_prior = 0.85f;
    for (int digits = 4; digits <= 6; ++digits) {
        formats.emplace_back(number(digits), "", all_digit_prior);
    }
    return formats;
}

std::vector<Format> czech() {
    // Current plates skip G, O, Q and W; the Czechoslovak district plates predate that.
    return {Format("NLX 9999", "GOQW"), Format("LL 99-99"), Format("LLL 99-99")};
}

std::vector<Format> british() {
    // I and Q are not issued in any of these series.
    constexpr std::string_view excluded = "IQ";
    std::vector<Format> formats{Format("LL99 LLL", excluded)};
    for (int digits = 1; digits <= 3; ++digits) {
        formats.emplace_back("L" + number(digits) + " LLL", excluded);  // prefix, 1983-2001
    }
    for (int digits = 1; digits <= 3; ++digits) {
        formats.emplace_back("LLL " + number(digits) + "L", excluded);  // suffix, 1963-1983
    }
    return formats;
}

std::vector<Country> build_countries() {
    using enum PlateGround;
    std::vector<Country> table{
        {"BE", {"B"}, {white}, belgian()},
        {"NL", {"NL"}, {yellow}, dutch()},
        {"FR", {"F"}, {white}, french()},
        {"DE", {"D"}, {white}, german()},
        {"LU", {"L"}, {yellow}, luxembourgish()},
        {"CZ", {"CZ"}, {white}, czech()},
        {"SK", {"SK"}, {white}, {Format("LL-999LL")}},
        {"UK", {"UK", "GB"}, {white, yellow}, british()},  // white front, yellow rear
    };
    // Stable: only layouts of equal length compete for a text, and their order
    // is the preference.
    for (Country& country : table) {
        std::stable_sort(country.formats.begin(), country.formats.end(),
                         [](const Format& a, const Format& b) { return a.length() < b.length(); });
    }
    return table;
}

}  // namespace

Format::Format(std::string_view pattern, std::string_view excluded_letters, float prior)
    : pattern_(pattern), prior_(prior) {
    for (char p : pattern_) {
        if (is_kind(p)) kinds_ += p;
    }
    for (char c : excluded_letters) excluded_ |= std::uint32_t{1} << (c - 'A');
    assert(kinds_.size() <= max_format_length);
}

bool Format::fits(std::string_view text) const {
    if (text.size() != length()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!allows(i, text[i])) return false;
    }
    return true;
}

std::string Format::display(std::string_view text) const {
    std::string out;
    out.reserve(pattern_.size());
    std::size_t next = 0;
    for (char p : pattern_) {
        out += is_kind(p) ? text[next++] : p;
    }
    return out;
}

float Country::ground_factor(PlateGround ground) const {
    // A colour read off a dirty or badly lit plate can be wrong: it lowers a
    // layout's rank, never rules it out.
    constexpr float other_ground = 0.7f;
    if (ground == PlateGround::unknown) return 1.f;
    return std::find(grounds.begin(), grounds.end(), ground) != grounds.end() ? 1.f : other_ground;
}

std::span<const Format> Country::formats_of_length(std::size_t length) const {
    const auto first =
        std::lower_bound(formats.begin(), formats.end(), length,
                         [](const Format& format, std::size_t n) { return format.length() < n; });
    const auto last =
        std::upper_bound(first, formats.end(), length,
                         [](std::size_t n, const Format& format) { return n < format.length(); });
    return {first, last};
}

const std::vector<Country>& countries() {
    static const std::vector<Country> table = build_countries();
    return table;
}

const Country* find_country(std::string_view code) {
    for (const Country& country : countries()) {
        if (country.code == code) return &country;
    }
    return nullptr;
}

const std::vector<std::string>& known_countries() {
    static const std::vector<std::string> codes = [] {
        std::vector<std::string> out;
        for (const Country& country : countries()) out.push_back(country.code);
        return out;
    }();
    return codes;
}

std::string display_form(const std::string& text, const std::string& country) {
    if (const Country* found = find_country(country)) {
        for (const Format& format : found->formats_of_length(text.size())) {
            if (format.fits(text)) return format.display(text);
        }
    }
    return text;
}

}  // namespace anpr::plates

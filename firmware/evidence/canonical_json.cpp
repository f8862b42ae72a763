#include "evidence/canonical_json.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace anpr::evidence {
namespace {

// Python's float repr: the shortest round-trip digits, plain notation while
// the decimal point falls within (-4, 16] places of the first digit.
void write_double(double value, std::string& out) {
    if (!std::isfinite(value)) {
        out += "null";
        return;
    }
    std::array<char, 32> buffer{};
    const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                   std::chars_format::scientific)
                         .ptr;
    std::string_view text(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
    if (text.front() == '-') {
        out += '-';
        text.remove_prefix(1);
    }
    // text is "d[.ddd]e±xx"
    const auto e = text.find('e');
    std::string digits(1, text.front());
    if (e > 1) digits.append(text.substr(2, e - 2));
    const int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
    const int point = exponent + 1;  // the decimal point's place after the first digit
    const int count = static_cast<int>(digits.size());
    if (point > -4 && point <= 16) {
        if (point <= 0) {
            out += "0.";
            out.append(static_cast<std::size_t>(-point), '0');
            out += digits;
        } else if (point >= count) {
            out += digits;
            out.append(static_cast<std::size_t>(point - count), '0');
            out += ".0";
        } else {
            out.append(digits, 0, static_cast<std::size_t>(point));
            out += '.';
            out.append(digits, static_cast<std::size_t>(point));
        }
        return;
    }
    out += digits.front();
    if (count > 1) {
        out += '.';
        out.append(digits, 1);
    }
    out += exponent < 0 ? "e-" : "e+";
    const int magnitude = std::abs(exponent);
    if (magnitude < 10) out += '0';
    out += std::to_string(magnitude);
}

void write(const nlohmann::json& value, std::string& out) {
    switch (value.type()) {
        case nlohmann::json::value_t::object: {
            out += '{';
            bool first = true;
            // nlohmann::json keeps members in a std::map: sorted by UTF-8 bytes.
            for (auto it = value.begin(); it != value.end(); ++it) {
                if (!first) out += ',';
                first = false;
                out += nlohmann::json(it.key()).dump();
                out += ':';
                write(it.value(), out);
            }
            out += '}';
            return;
        }
        case nlohmann::json::value_t::array: {
            out += '[';
            bool first = true;
            for (const auto& element : value) {
                if (!first) out += ',';
                first = false;
                write(element, out);
            }
            out += ']';
            return;
        }
        case nlohmann::json::value_t::number_float:
            write_double(value.get<double>(), out);
            return;
        default:
            // Strings (escaped as JCS escapes them, UTF-8 checked), integers,
            // booleans and null: nlohmann's compact dump is already canonical.
            out += value.dump();
            return;
    }
}

}  // namespace

std::string canonical_json(const nlohmann::json& value) {
    std::string out;
    write(value, out);
    return out;
}

}  // namespace anpr::evidence

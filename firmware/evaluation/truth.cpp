#include "evaluation/truth.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

namespace anpr::evaluation {
namespace {

constexpr const char* kHeader = "image,plate_text,x,y,w,h";

std::vector<std::string> split_fields(const std::string& line) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    return fields;
}

std::optional<int> parse_int(const std::string& text) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

/// The box of a row, absent when all four cells are empty.
core::Result<std::optional<cv::Rect>> parse_box(const std::vector<std::string>& fields) {
    if (fields[2].empty() && fields[3].empty() && fields[4].empty() && fields[5].empty()) {
        return std::optional<cv::Rect>{};
    }
    int values[4];
    for (int i = 0; i < 4; ++i) {
        const auto value = parse_int(fields[static_cast<std::size_t>(2 + i)]);
        if (!value)
            return core::Error{"box value '" + fields[static_cast<std::size_t>(2 + i)] +
                               "' is not an integer"};
        values[i] = *value;
    }
    if (values[2] <= 0 || values[3] <= 0)
        return core::Error{"box width and height must be positive"};
    return std::optional<cv::Rect>{cv::Rect(values[0], values[1], values[2], values[3])};
}

}  // namespace

core::Result<std::vector<TruthEntry>> parse_truth(const std::string& csv,
                                                  const std::string& origin) {
    std::stringstream stream(csv);
    std::string line;
    int line_number = 0;
    std::vector<TruthEntry> entries;
    while (std::getline(stream, line)) {
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const std::string where = origin + ":" + std::to_string(line_number) + ": ";
        if (line_number == 1) {
            if (line != kHeader)
                return core::Error{where + "expected the header '" + kHeader + "'"};
            continue;
        }
        if (line.empty()) continue;
        const auto fields = split_fields(line);
        if (fields.size() != 6) {
            return core::Error{where + "expected 6 fields, found " + std::to_string(fields.size())};
        }
        if (fields[0].empty()) return core::Error{where + "empty image name"};
        auto box = parse_box(fields);
        if (!box) return core::Error{where + box.error().message};
        entries.push_back({fields[0], fields[1], box.value()});
    }
    if (line_number == 0) return core::Error{origin + ": empty ground-truth file"};
    return entries;
}

core::Result<std::vector<TruthEntry>> load_truth(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return core::Error{"cannot read ground truth '" + file.string() + "'"};
    std::stringstream text;
    text << in.rdbuf();
    return parse_truth(text.str(), file.string());
}

}  // namespace anpr::evaluation

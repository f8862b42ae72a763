#include "receiver/hitlist_folder.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

namespace anpr::receiver {
namespace {

using nlohmann::json;

core::Error file_error(const std::filesystem::path& file, const std::string& what) {
    return core::Error{"hit list '" + file.string() + "': " + what};
}

/// A positive integer member of the header, or nullopt.
std::optional<std::uint64_t> positive(const json& header, const char* name) {
    const auto value = header.find(name);
    if (value == header.end() || !value->is_number_unsigned()) return std::nullopt;
    const auto number = value->get<std::uint64_t>();
    return number > 0 ? std::optional(number) : std::nullopt;
}

/// The version the header line names; for a delta (`base` set), also
/// checks that its "base_version" is `base` and its version newer.
core::Result<std::uint64_t> header_version(const std::filesystem::path& file,
                                           const std::string& line,
                                           std::optional<std::uint64_t> base) {
    const json header = json::parse(line, nullptr, false);
    if (!header.is_object()) return file_error(file, "its first line is not a JSON object");
    const auto version = positive(header, "version");
    if (!version) return file_error(file, "its header has no positive integer \"version\"");
    if (!base) return *version;
    const auto base_version = header.find("base_version");
    if (base_version == header.end() || *base_version != *base)
        return file_error(file, "its header's \"base_version\" is not " + std::to_string(*base) +
                                    ", the version its name says it applies to");
    if (*version <= *base)
        return file_error(file, "its \"version\" " + std::to_string(*version) +
                                    " is not newer than its \"base_version\"");
    return *version;
}

/// The first line of `in`, which holds `size` bytes, without its newline.
core::Result<std::string> first_line(const std::filesystem::path& file, std::ifstream& in,
                                     std::uintmax_t size) {
    // At most kMaxHeaderBytes: fits a 32-bit size_t.
    std::string start(
        static_cast<std::size_t>(std::min<std::uintmax_t>(size, HitlistFolder::kMaxHeaderBytes)),
        '\0');
    if (!in.read(start.data(), static_cast<std::streamsize>(start.size())))
        return file_error(file, "cannot read its header");
    const auto end = start.find('\n');
    if (end == std::string::npos && size > start.size())
        return file_error(file, "its first line is longer than " +
                                    std::to_string(HitlistFolder::kMaxHeaderBytes) + " bytes");
    return start.substr(0, end);
}

/// The file when it exists and its version is newer than `have`; nullopt
/// when it does not exist or is not newer. `base`: see header_version.
core::Result<std::optional<Hitlist>> read_if_newer(const std::filesystem::path& file,
                                                   std::optional<std::uint64_t> base,
                                                   std::uint64_t have) {
    // One open file throughout: a file renamed into place meanwhile is not mixed in.
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    if (!in) {
        std::error_code error;
        if (!std::filesystem::exists(file, error) && !error) return std::optional<Hitlist>{};
        return file_error(file, "cannot open it");
    }
    const auto end = in.tellg();
    if (end <= 0) return file_error(file, "is empty or cannot be read");
    const auto size = static_cast<std::uintmax_t>(end);
    if (size > HitlistFolder::kMaxFileBytes)
        return file_error(file, "is " + std::to_string(size) + " bytes, over the limit of " +
                                    std::to_string(HitlistFolder::kMaxFileBytes));
    in.seekg(0);
    const auto line = first_line(file, in, size);
    if (!line) return line.error();
    const auto version = header_version(file, line.value(), base);
    if (!version) return version.error();
    if (version.value() <= have) return std::optional<Hitlist>{};

    // At most kMaxFileBytes (checked above): fits a 32-bit size_t.
    Hitlist hitlist{file.filename().string(), version.value(),
                    std::string(static_cast<std::size_t>(size), '\0')};
    in.seekg(0);
    if (!in.read(hitlist.bytes.data(), static_cast<std::streamsize>(size)))
        return file_error(file, "cannot read it (did it shrink while being read?)");
    return std::optional(std::move(hitlist));
}

}  // namespace

core::Result<std::optional<Hitlist>> HitlistFolder::for_unit_holding(std::uint64_t have) const {
    std::error_code error;
    if (!std::filesystem::is_directory(folder_, error))
        return core::Error{"hit list folder '" + folder_.string() + "' is gone"};
    auto delta =
        read_if_newer(folder_ / ("delta-" + std::to_string(have) + ".hitlist"), have, have);
    if (!delta || delta.value()) return delta;
    return read_if_newer(folder_ / "full.hitlist", std::nullopt, have);
}

}  // namespace anpr::receiver

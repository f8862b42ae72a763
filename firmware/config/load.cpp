#include "config/load.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <limits>
#include <memory>
#include <system_error>
#include <utility>

#include "config/schema.hpp"
#include "config/shell_account.hpp"
#include "core/edit_distance.hpp"

namespace anpr::config {
namespace {

/// Collects every problem in one text, so that a person fixes them all in one go.
class Report {
  public:
    explicit Report(const std::string& origin) : origin_(origin) {}

    /// `where` may be empty (line 0) for problems no single line causes.
    void add(const toml::source_region& where, std::string text) {
        problems_.push_back({where.begin.line, std::move(text)});
    }
    bool empty() const { return problems_.empty(); }

    /// One line per problem, in file order; those without a line last.
    core::Error error() const {
        auto sorted = problems_;
        const auto order = [](const Entry& entry) {
            return entry.line == 0 ? std::numeric_limits<toml::source_index>::max() : entry.line;
        };
        std::stable_sort(sorted.begin(), sorted.end(),
                         [&](const Entry& a, const Entry& b) { return order(a) < order(b); });
        std::string message;
        for (const auto& entry : sorted) {
            if (!message.empty()) message += '\n';
            message += origin_;
            if (entry.line != 0) message += ":" + std::to_string(entry.line);
            message += ": " + entry.text;
        }
        return core::Error{message};
    }

  private:
    struct Entry {
        toml::source_index line;
        std::string text;
    };
    std::string origin_;
    std::vector<Entry> problems_;
};

/// A suggestion and how far it is from what was written.
struct Candidate {
    std::string name;
    std::size_t distance;
};

/// " (did you mean 'x'?)" for the nearest candidate (the first, on ties), or ""
/// when none is near enough to `written` to be a typo of it.
std::string did_you_mean(std::string_view written, const std::vector<Candidate>& candidates) {
    const auto nearest = std::min_element(
        candidates.begin(), candidates.end(),
        [](const Candidate& a, const Candidate& b) { return a.distance < b.distance; });
    if (nearest == candidates.end() ||
        nearest->distance > std::max<std::size_t>(1, written.size() / 4)) {
        return "";
    }
    return " (did you mean '" + nearest->name + "'?)";
}

std::string unknown_section(std::string_view section) {
    std::vector<Candidate> candidates;
    for (const auto& binding : schema::bindings()) {
        if (candidates.empty() || candidates.back().name != binding.section) {
            candidates.push_back(
                {std::string(binding.section), core::edit_distance(section, binding.section)});
        }
    }
    return did_you_mean(section, candidates);
}

/// Also finds a right key in the wrong section, counting the move as one edit.
std::string unknown_key(std::string_view section, std::string_view key) {
    std::vector<Candidate> candidates;
    for (const auto& binding : schema::bindings()) {
        const std::size_t moved = binding.section == section ? 0 : 1;
        candidates.push_back({binding.full_name(), core::edit_distance(key, binding.name) + moved});
    }
    return did_you_mean(key, candidates);
}

bool is_section(std::string_view name) {
    const auto& bindings = schema::bindings();
    return std::any_of(bindings.begin(), bindings.end(),
                       [&](const schema::Binding& binding) { return binding.section == name; });
}

const schema::Binding* find_binding(std::string_view section, std::string_view key) {
    const auto& bindings = schema::bindings();
    const auto found = std::find_if(
        bindings.begin(), bindings.end(),
        [&](const schema::Binding& b) { return b.section == section && b.name == key; });
    return found == bindings.end() ? nullptr : &*found;
}

void read_section(std::string_view section, const toml::table& table, AppConfig& config,
                  Report& report) {
    for (auto&& [key, value] : table) {
        const std::string name = std::string(section) + "." + std::string(key.str());
        const auto* binding = find_binding(section, key.str());
        if (binding == nullptr) {
            report.add(key.source(),
                       "unknown key '" + name + "'" + unknown_key(section, key.str()));
        } else if (auto problem = binding->read(value, config)) {
            report.add(value.source(), name + ": " + *problem);
        }
    }
}

}  // namespace

core::Result<AppConfig> parse_config(std::string_view toml_text, const std::string& origin) {
    toml::table root;
    try {
        root = toml::parse(toml_text, std::string_view{origin});
    } catch (const toml::parse_error& error) {
        const auto& where = error.source().begin;
        return core::Error{origin + ":" + std::to_string(where.line) + ":" +
                           std::to_string(where.column) + ": " + std::string(error.description())};
    }

    AppConfig config;
    Report report(origin);
    for (auto&& [key, node] : root) {
        const std::string_view section = key.str();
        if (!is_section(section)) {
            const char* what = node.is_table() ? "unknown section '" : "unknown key '";
            report.add(key.source(), what + std::string(section) + "'" + unknown_section(section));
        } else if (const auto* table = node.as_table()) {
            read_section(section, *table, config, report);
        } else {
            report.add(node.source(), std::string(section) + ": expected a table, got " +
                                          std::string(schema::type_name(node)));
        }
    }
    // Only a config whose every key was taken: otherwise a rule could compare a
    // value from the file with a default that stood in for a rejected one.
    if (report.empty()) {
        for (const auto& rule : schema::cross_checks()) {
            if (auto problem = rule.check(config)) {
                const auto* node = root.at_path(rule.key).node();
                report.add(node ? node->source() : toml::source_region{},
                           std::string(rule.key) + ": " + *problem);
            }
        }
    }
    if (!report.empty()) return report.error();
    return config;
}

core::Result<AppConfig> load_config(const std::filesystem::path& file) {
    const auto cannot_read = [&file] {
        return core::Error{"cannot read config file '" + file.string() +
                           "': " + std::generic_category().message(errno)};
    };
    struct Close {
        void operator()(std::FILE* stream) const { std::fclose(stream); }
    };
    // stdio rather than ifstream: it says why a read failed (errno), not just that it did.
    const std::unique_ptr<std::FILE, Close> stream(std::fopen(file.c_str(), "rb"));
    if (!stream) return cannot_read();
    std::string text;
    char buffer[4096];
    while (const std::size_t got = std::fread(buffer, 1, sizeof buffer, stream.get())) {
        text.append(buffer, got);
    }
    if (std::ferror(stream.get())) return cannot_read();
    return parse_config(text, file.string());
}

AppConfig redact_secrets(AppConfig config) {
    for (auto& text : config.diag.accounts) {
        auto account = parse_shell_account(text);
        if (!account) {
            text = "<redacted: not an account>";
            continue;
        }
        account.value().hash = "<redacted>";
        text = shell_account_text(account.value());
    }
    return config;
}

void print_config(const AppConfig& config, std::ostream& out) {
    std::string_view section;
    for (const auto& binding : schema::bindings()) {
        if (binding.section != section) {
            if (!section.empty()) out << '\n';
            out << '[' << binding.section << "]\n";
            section = binding.section;
        }
        out << binding.name << " = " << binding.write(config) << '\n';
    }
}

}  // namespace anpr::config

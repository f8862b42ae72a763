#include "receiver/json_schema.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace anpr::receiver {
namespace detail {

using nlohmann::json;

struct Bound {
    double value = 0;
    std::string text;  // as the schema writes it, for messages
};

struct Pattern {
    std::string source;
    std::regex regex;
};

struct Node {
    std::optional<bool> boolean;  // a `true` or `false` schema: nothing else applies
    std::string ref;              // a name in the root $defs, "" when none
    std::vector<std::string> types;
    std::optional<json> const_value;
    std::optional<json> enum_values;
    std::vector<std::string> required;
    std::map<std::string, std::unique_ptr<Node>> properties;
    std::unique_ptr<Node> additional_properties;
    std::unique_ptr<Node> items;
    std::optional<std::size_t> min_items;
    std::optional<std::size_t> max_items;
    std::optional<std::size_t> min_length;
    std::optional<std::size_t> max_length;
    std::optional<Pattern> pattern;
    std::optional<Bound> minimum;
    std::optional<Bound> maximum;
};

struct CompiledSchema {
    Node root;
    std::map<std::string, Node> defs;
};

}  // namespace detail

namespace {

using detail::Node;
using nlohmann::json;
using Pointer = json::json_pointer;

const std::set<std::string, std::less<>> kTypeNames = {"object", "array",   "string", "integer",
                                                       "number", "boolean", "null"};
const std::set<std::string, std::less<>> kAnnotations = {
    "$schema", "$id", "title", "description", "contentEncoding", "contentMediaType"};
constexpr std::string_view kDefsPrefix = "#/$defs/";

std::string where_text(const Pointer& where) {
    return where.empty() ? "(root)" : where.to_string();
}

core::Error schema_error(const Pointer& where, const std::string& what) {
    return core::Error{"schema " + where_text(where) + ": " + what};
}

core::Result<std::size_t> count_value(const json& value, const Pointer& where) {
    const bool counts =
        value.is_number_unsigned() || (value.is_number_integer() && value.get<std::int64_t>() >= 0);
    if (!counts) return schema_error(where, "must be a non-negative integer");
    return value.get<std::size_t>();
}

core::Result<detail::Bound> bound_value(const json& value, const Pointer& where) {
    if (!value.is_number()) return schema_error(where, "must be a number");
    return detail::Bound{value.get<double>(), value.dump()};
}

/// Turns schema JSON into Nodes, checking every keyword and its value.
class Compiler {
  public:
    explicit Compiler(std::set<std::string> def_names) : def_names_(std::move(def_names)) {}

    core::Status compile(const json& schema, const Pointer& where, Node& node) const {
        if (schema.is_boolean()) {
            node.boolean = schema.get<bool>();
            return core::Ok{};
        }
        if (!schema.is_object())
            return schema_error(where, "a schema must be an object or boolean");
        for (const auto& [name, value] : schema.items()) {
            if (kAnnotations.contains(name)) continue;
            if (name == "$defs" && where.empty()) continue;  // compiled by JsonSchema::compile
            if (auto status = keyword(name, value, where / name, node); !status) return status;
        }
        return core::Ok{};
    }

  private:
    core::Status keyword(const std::string& name, const json& value, const Pointer& where,
                         Node& node) const {
        if (name == "type") return types(value, where, node);
        if (name == "const") {
            node.const_value = value;
            return core::Ok{};
        }
        if (name == "enum") {
            if (!value.is_array() || value.empty())
                return schema_error(where, "must be a non-empty array");
            node.enum_values = value;
            return core::Ok{};
        }
        if (name == "required") return required(value, where, node);
        if (name == "properties") return properties(value, where, node);
        if (name == "additionalProperties") return child(value, where, node.additional_properties);
        if (name == "items") return child(value, where, node.items);
        if (name == "pattern") return pattern(value, where, node);
        if (name == "$ref") return ref(value, where, node);
        if (name == "minimum" || name == "maximum") {
            auto bound = bound_value(value, where);
            if (!bound) return bound.error();
            (name == "minimum" ? node.minimum : node.maximum) = std::move(bound).value();
            return core::Ok{};
        }
        std::optional<std::size_t>* count = name == "minItems"    ? &node.min_items
                                            : name == "maxItems"  ? &node.max_items
                                            : name == "minLength" ? &node.min_length
                                            : name == "maxLength" ? &node.max_length
                                                                  : nullptr;
        if (count == nullptr) return schema_error(where, "unsupported keyword '" + name + "'");
        auto parsed = count_value(value, where);
        if (!parsed) return parsed.error();
        *count = parsed.value();
        return core::Ok{};
    }

    static core::Status types(const json& value, const Pointer& where, Node& node) {
        const json names = value.is_array() ? value : json::array({value});
        if (names.empty()) return schema_error(where, "must name at least one type");
        for (const auto& type : names) {
            if (!type.is_string() || !kTypeNames.contains(type.get<std::string>()))
                return schema_error(where, "unknown type " + type.dump());
            node.types.push_back(type.get<std::string>());
        }
        return core::Ok{};
    }

    static core::Status required(const json& value, const Pointer& where, Node& node) {
        if (!value.is_array()) return schema_error(where, "must be an array of property names");
        for (const auto& property : value) {
            if (!property.is_string())
                return schema_error(where, "must be an array of property names");
            node.required.push_back(property.get<std::string>());
        }
        return core::Ok{};
    }

    core::Status properties(const json& value, const Pointer& where, Node& node) const {
        if (!value.is_object()) return schema_error(where, "must be an object of schemas");
        for (const auto& [property, schema] : value.items()) {
            if (auto status = child(schema, where / property, node.properties[property]); !status)
                return status;
        }
        return core::Ok{};
    }

    core::Status child(const json& schema, const Pointer& where,
                       std::unique_ptr<Node>& slot) const {
        slot = std::make_unique<Node>();
        return compile(schema, where, *slot);
    }

    static core::Status pattern(const json& value, const Pointer& where, Node& node) {
        if (!value.is_string()) return schema_error(where, "must be a string");
        const auto source = value.get<std::string>();
        try {
            node.pattern = detail::Pattern{source, std::regex(source, std::regex::ECMAScript)};
        } catch (const std::regex_error& e) {
            return schema_error(where, "invalid pattern " + source + ": " + e.what());
        }
        return core::Ok{};
    }

    core::Status ref(const json& value, const Pointer& where, Node& node) const {
        const std::string target = value.is_string() ? value.get<std::string>() : "";
        if (!target.starts_with(kDefsPrefix))
            return schema_error(where, "only \"#/$defs/NAME\" references are supported");
        node.ref = target.substr(kDefsPrefix.size());
        if (!def_names_.contains(node.ref))
            return schema_error(where, "no $defs entry named '" + node.ref + "'");
        return core::Ok{};
    }

    std::set<std::string> def_names_;
};

bool is_integer(const json& value) {
    if (value.is_number_integer()) return true;
    if (!value.is_number_float()) return false;
    const double number = value.get<double>();
    return std::isfinite(number) && std::floor(number) == number;
}

std::string type_of(const json& value) {
    if (value.is_number()) return is_integer(value) ? "integer" : "number";
    return value.type_name();  // object, array, string, boolean, null
}

bool has_type(const json& value, const std::string& type) {
    if (type == "integer") return is_integer(value);
    if (type == "number") return value.is_number();
    return type_of(value) == type;
}

std::size_t code_points(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string joined(const std::vector<std::string>& words, const std::string& separator) {
    std::string out;
    for (const auto& word : words) out += (out.empty() ? "" : separator) + word;
    return out;
}

core::Error violation(const Pointer& where, const std::string& rule) {
    return core::Error{where_text(where) + ": " + rule};
}

/// Applies a compiled schema to an instance, stopping at the first violation.
class Validator {
  public:
    explicit Validator(const detail::CompiledSchema& schema) : schema_(schema) {}

    core::Status check(const Node& node, const json& value, const Pointer& where, int depth) const {
        if (depth > JsonSchema::kMaxDepth)
            return violation(where, "nested deeper than " + std::to_string(JsonSchema::kMaxDepth) +
                                        " schema levels");
        if (node.boolean) {
            if (*node.boolean) return core::Ok{};
            return violation(where, "is not allowed (false schema)");
        }
        if (!node.ref.empty()) {
            auto status = check(schema_.defs.at(node.ref), value, where, depth + 1);
            if (!status) return status;
        }
        if (!node.types.empty() &&
            std::none_of(node.types.begin(), node.types.end(),
                         [&](const std::string& type) { return has_type(value, type); }))
            return violation(
                where, "expected type " + joined(node.types, " or ") + ", got " + type_of(value));
        if (node.const_value && value != *node.const_value)
            return violation(where, "must be " + node.const_value->dump());
        if (node.enum_values && std::find(node.enum_values->begin(), node.enum_values->end(),
                                          value) == node.enum_values->end()) {
            std::vector<std::string> choices;
            for (const auto& choice : *node.enum_values) choices.push_back(choice.dump());
            return violation(where, "must be one of " + joined(choices, ", "));
        }
        if (value.is_string())
            return check_string(node, value.get_ref<const std::string&>(), where);
        if (value.is_number()) return check_number(node, value.get<double>(), where);
        if (value.is_object()) return check_object(node, value, where, depth);
        if (value.is_array()) return check_array(node, value, where, depth);
        return core::Ok{};
    }

  private:
    static core::Status check_string(const Node& node, const std::string& text,
                                     const Pointer& where) {
        const std::size_t length = code_points(text);
        if (node.min_length && length < *node.min_length)
            return violation(where, "has " + std::to_string(length) +
                                        " characters, fewer than minLength " +
                                        std::to_string(*node.min_length));
        if (node.max_length && length > *node.max_length)
            return violation(where, "has " + std::to_string(length) +
                                        " characters, more than maxLength " +
                                        std::to_string(*node.max_length));
        if (!node.pattern) return core::Ok{};
        const std::string& source = node.pattern->source;
        if (text.size() > JsonSchema::kMaxPatternInput)
            return violation(where, "is longer than " +
                                        std::to_string(JsonSchema::kMaxPatternInput) +
                                        " bytes, too long to check against pattern " + source);
        bool matched = false;
        try {
            matched = std::regex_search(text, node.pattern->regex);
        } catch (const std::regex_error&) {
            return violation(where, "could not be checked against pattern " + source);
        }
        if (!matched) return violation(where, "does not match pattern " + source);
        return core::Ok{};
    }

    static core::Status check_number(const Node& node, double number, const Pointer& where) {
        if (node.minimum && number < node.minimum->value)
            return violation(where, "is less than minimum " + node.minimum->text);
        if (node.maximum && number > node.maximum->value)
            return violation(where, "is greater than maximum " + node.maximum->text);
        return core::Ok{};
    }

    core::Status check_object(const Node& node, const json& object, const Pointer& where,
                              int depth) const {
        for (const auto& name : node.required) {
            if (!object.contains(name))
                return violation(where / name, "required property is missing");
        }
        for (const auto& [name, value] : object.items()) {
            const auto declared = node.properties.find(name);
            const bool additional = declared == node.properties.end();
            const Node* rule =
                additional ? node.additional_properties.get() : declared->second.get();
            if (rule == nullptr) continue;
            if (additional && rule->boolean == false)
                return violation(where / name,
                                 "property is not allowed (additionalProperties: false)");
            if (auto status = check(*rule, value, where / name, depth + 1); !status) return status;
        }
        return core::Ok{};
    }

    core::Status check_array(const Node& node, const json& array, const Pointer& where,
                             int depth) const {
        if (node.min_items && array.size() < *node.min_items)
            return violation(where, "has " + std::to_string(array.size()) +
                                        " items, fewer than minItems " +
                                        std::to_string(*node.min_items));
        if (node.max_items && array.size() > *node.max_items)
            return violation(where, "has " + std::to_string(array.size()) +
                                        " items, more than maxItems " +
                                        std::to_string(*node.max_items));
        if (!node.items) return core::Ok{};
        for (std::size_t i = 0; i < array.size(); ++i) {
            if (auto status = check(*node.items, array[i], where / i, depth + 1); !status)
                return status;
        }
        return core::Ok{};
    }

    const detail::CompiledSchema& schema_;
};

}  // namespace

core::Result<JsonSchema> JsonSchema::compile(const json& document) {
    auto compiled = std::make_shared<detail::CompiledSchema>();
    const Pointer root;
    const json* defs =
        document.is_object() && document.contains("$defs") ? &document.at("$defs") : nullptr;
    if (defs != nullptr && !defs->is_object())
        return schema_error(root / "$defs", "must be an object of schemas");
    std::set<std::string> def_names;
    if (defs != nullptr) {
        for (const auto& [name, schema] : defs->items()) def_names.insert(name);
    }
    const Compiler compiler(std::move(def_names));
    if (defs != nullptr) {
        for (const auto& [name, schema] : defs->items()) {
            auto status = compiler.compile(schema, root / "$defs" / name, compiled->defs[name]);
            if (!status) return status.error();
        }
    }
    if (auto status = compiler.compile(document, root, compiled->root); !status)
        return status.error();
    return JsonSchema(std::move(compiled));
}

core::Result<JsonSchema> JsonSchema::load(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return core::Error{"cannot open schema file '" + file.string() + "'"};
    json document;
    try {
        document = json::parse(in);
    } catch (const json::parse_error& e) {
        return core::Error{"schema file '" + file.string() + "' is not JSON: " + e.what()};
    }
    auto schema = compile(document);
    if (!schema)
        return core::Error{"schema file '" + file.string() + "': " + schema.error().message};
    return schema;
}

core::Status JsonSchema::validate(const json& instance) const {
    return Validator(*compiled_).check(compiled_->root, instance, Pointer{}, 0);
}

}  // namespace anpr::receiver

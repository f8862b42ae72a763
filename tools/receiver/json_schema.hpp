#pragma once
/// A JSON Schema (2020-12) validator for exactly the keywords the record schemas
/// use: Debian 12 packages no C++ validator. A schema with any other keyword is
/// refused when it is loaded, so that no rule is ever silently skipped.
///
/// Supported: type, const, enum, required, properties, additionalProperties,
/// items, minItems, maxItems, minLength, maxLength, pattern, minimum, maximum,
/// $ref to "#/$defs/NAME" (root $defs only), boolean schemas; ignored as
/// annotations: $schema, $id, title, description, contentEncoding,
/// contentMediaType.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace anpr::receiver {

namespace detail {
struct CompiledSchema;
}  // namespace detail

class JsonSchema {
  public:
    /// Compiles a schema document; an Error names the unsupported keyword or
    /// malformed value and where it sits in the schema (a JSON pointer).
    static core::Result<JsonSchema> compile(const nlohmann::json& document);

    /// Reads and compiles a schema file; an Error names the file.
    static core::Result<JsonSchema> load(const std::filesystem::path& file);

    /// Ok, or the first violation found as "<JSON pointer>: <rule>", e.g.
    /// "/plate/text: does not match pattern ^[A-Z0-9]{1,16}$". The pointer
    /// names the offending value (for a missing required property, where it
    /// should be); the instance itself is written "(root)".
    core::Status validate(const nlohmann::json& instance) const;

    /// std::regex matches recursively, one stack frame or more per character:
    /// a string longer than this is not matched against a pattern but fails it.
    static constexpr std::size_t kMaxPatternInput = 4096;

    /// Nesting of schema applications ($ref, properties, items) beyond this
    /// fails validation instead of overflowing the stack on a recursive $ref.
    static constexpr int kMaxDepth = 128;

  private:
    explicit JsonSchema(std::shared_ptr<const detail::CompiledSchema> compiled)
        : compiled_(std::move(compiled)) {}
    std::shared_ptr<const detail::CompiledSchema> compiled_;
};

}  // namespace anpr::receiver

#pragma once
/// The record schemas the receiver accepts, found by the name each record
/// gives in its "schema" field, so that new kinds of record (an alert, say)
/// are one line in kRecordSchemas and one schema file.

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.hpp"
#include "receiver/json_schema.hpp"

namespace anpr::receiver {

/// Schema name -> file name in the schema folder (--schemas).
inline const std::map<std::string, std::string> kRecordSchemas = {
    {"anpr.read/1", "read-record.schema.json"},
    {"anpr.read/2", "read-record-2.schema.json"},
    {"anpr.audit/1", "audit-record-1.schema.json"},
};

class SchemaRegistry {
  public:
    /// Loads each of `files` from `folder`; an Error names the first file
    /// that is missing, not JSON, or uses a keyword the validator lacks.
    static core::Result<SchemaRegistry> load(
        const std::filesystem::path& folder,
        const std::map<std::string, std::string>& files = kRecordSchemas);

    /// Ok, or why `record` does not validate against the schema it names,
    /// as "<JSON pointer>: <rule>"; a record naming no known schema fails at
    /// "/schema".
    core::Status validate(const nlohmann::json& record) const;

  private:
    std::map<std::string, JsonSchema> schemas_;
};

}  // namespace anpr::receiver

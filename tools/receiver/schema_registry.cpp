#include "receiver/schema_registry.hpp"

namespace anpr::receiver {

core::Result<SchemaRegistry> SchemaRegistry::load(const std::filesystem::path& folder,
                                                  const std::map<std::string, std::string>& files) {
    SchemaRegistry registry;
    for (const auto& [name, file] : files) {
        auto schema = JsonSchema::load(folder / file);
        if (!schema) return core::Error{name + ": " + schema.error().message};
        registry.schemas_.emplace(name, std::move(schema).value());
    }
    return registry;
}

core::Status SchemaRegistry::validate(const nlohmann::json& record) const {
    if (!record.is_object()) {
        return core::Error{std::string("(root): expected type object, got ") + record.type_name()};
    }
    const auto name = record.find("schema");
    if (name == record.end()) return core::Error{"/schema: required property is missing"};
    if (!name->is_string()) return core::Error{"/schema: must be a string naming a schema"};
    const auto schema = schemas_.find(name->get<std::string>());
    if (schema == schemas_.end()) return core::Error{"/schema: unknown schema " + name->dump()};
    return schema->second.validate(record);
}

}  // namespace anpr::receiver

#include "diag/service_registry.hpp"

namespace anpr::diag {

void ServiceRegistry::add(ServiceEntry entry) { entries_.push_back(std::move(entry)); }

const ServiceEntry* ServiceRegistry::find(std::string_view name) const {
    for (const auto& entry : entries_) {
        if (entry.name == name) return &entry;
    }
    return nullptr;
}

std::string ServiceRegistry::names() const {
    std::string list;
    for (const auto& entry : entries_) list += (list.empty() ? "" : ", ") + entry.name;
    return list;
}

}  // namespace anpr::diag

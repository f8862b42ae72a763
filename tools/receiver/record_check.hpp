#pragma once
/// One record of a batch, checked: against the schema it names, then against
/// the receiver's own rules beyond what a schema can say.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "receiver/schema_registry.hpp"

namespace anpr::receiver {

/// One hit-list match a record reports in its "hits", as the alert log shows
/// it: strings as they are, other values as JSON, "?" where missing.
struct AlertHit {
    std::string plate;
    std::string category;
    std::string priority;
};

/// A record fit to store, with the columns the store indexes it by.
struct AcceptedRecord {
    std::string id;  ///< the idempotency key
    std::string schema;
    std::optional<std::string> unit;
    std::optional<std::int64_t> seq;
    std::string body;            ///< the record as compact JSON
    std::vector<AlertHit> hits;  ///< its "hits"; any make the record an alert
};

/// The record ready to store, or why it is rejected ("<JSON pointer>: <rule>").
/// Beyond its schema, every record needs a string "id", and where it has a
/// "unit" and a "seq", the id must be "<unit>/<seq>" (so that a unit cannot
/// make two different reads share one idempotency key), and seq must fit the
/// store's 64-bit INTEGER.
core::Result<AcceptedRecord> check_record(const SchemaRegistry& schemas,
                                          const nlohmann::json& record);

}  // namespace anpr::receiver

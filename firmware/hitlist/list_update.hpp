#pragma once
/// Whether a verified list may replace the active one, and the list the
/// unit holds after it: a newer version only (no rollback), not expired, and
/// a delta only onto the version it was made from.

#include <chrono>
#include <optional>

#include "core/result.hpp"
#include "hitlist/hit_store.hpp"
#include "hitlist/list_document.hpp"

namespace anpr::hitlist {

/// The whole list after `document` is applied to `active` (none: the unit
/// holds no list), or why the document is refused.
core::Result<StoredList> updated_list(const std::optional<StoredList>& active,
                                      const ListDocument& document,
                                      std::chrono::system_clock::time_point now);

}  // namespace anpr::hitlist

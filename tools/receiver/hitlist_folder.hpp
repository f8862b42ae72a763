#pragma once
/// The hit lists the receiver serves (--hitlists DIR), as the list authority
/// writes them: DIR/full.hitlist is the current list, DIR/delta-<M>.hitlist
/// takes a unit from version M to the version its header names. The authority
/// may replace a file at any moment, so each is read when asked for. Only a
/// file's first line, its JSON header, is read here, for "version" (and a
/// delta's "base_version"); signatures are the unit's to check.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/result.hpp"

namespace anpr::receiver {

/// One hit list file, ready to send.
struct Hitlist {
    std::string name;           ///< its name in the folder, e.g. "delta-41.hitlist"
    std::uint64_t version = 0;  ///< the "version" its header names
    std::string bytes;          ///< the whole file
};

class HitlistFolder {
  public:
    static constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{512} << 20;
    static constexpr std::size_t kMaxHeaderBytes = 64 * 1024;

    explicit HitlistFolder(std::filesystem::path folder) : folder_(std::move(folder)) {}

    /// What a unit that holds version `have` (0: none) needs: the delta from
    /// `have` where there is one, else the full list when its version is
    /// newer; nullopt when the unit is up to date. An Error names the file
    /// that cannot be read, is over kMaxFileBytes, or has no valid header, or
    /// the folder when it is gone.
    core::Result<std::optional<Hitlist>> for_unit_holding(std::uint64_t have) const;

    const std::filesystem::path& folder() const { return folder_; }

  private:
    std::filesystem::path folder_;
};

}  // namespace anpr::receiver

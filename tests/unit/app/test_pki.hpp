#pragma once
// The test certificates of scripts/make-test-pki for unit "unit-0042", made
// once per test program, and an Ed25519 public key for hitlist.authority_key.

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "evidence/signing_key.hpp"
#include "temp_dir.hpp"

namespace anpr::testing {

inline constexpr const char* kPkiUnitId = "unit-0042";

/// The folder holding ca.pem, unit.pem/.key, unit-other-ca.pem/.key,
/// server.pem/.key, server-expired.pem/.key and authority.pub.
inline const std::filesystem::path& test_pki() {
    static const TempDir dir;
    static const std::filesystem::path pki = [] {
        const auto path = dir.path() / "pki";
        const std::string command =
            "scripts/make-test-pki " + path.string() + " " + kPkiUnitId + " >/dev/null";
        if (std::system(command.c_str()) != 0) throw std::runtime_error("make-test-pki failed");
        const auto key = evidence::SigningKey::generate();
        if (!key || !key.value().write_pair(dir.path() / "authority")) {
            throw std::runtime_error("cannot make the authority's key");
        }
        std::filesystem::copy_file(dir.path() / "authority" / evidence::kPublicKeyFile,
                                   path / "authority.pub");
        return path;
    }();
    return pki;
}

}  // namespace anpr::testing

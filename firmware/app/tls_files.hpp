#pragma once
/// Checks on the PEM files of a TLS identity (the uplink's, the shell's)
/// before they are used: each readable and of the right kind, the key the
/// certificate's, the certificates valid now, the unit's signed by the CA.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace anpr::app {

/// One file as the config names it, for messages: its key
/// ("uplink.cert_file") and its path.
struct ConfigFile {
    std::string key;
    std::filesystem::path path;  ///< empty: not set, not checked
};

/// A CA, a certificate and the certificate's private key, used together.
struct TlsFiles {
    ConfigFile ca;
    ConfigFile cert;
    ConfigFile key;
    /// Whether `ca` must have signed `cert`: true for the uplink (the network
    /// CA signs units and receiver alike), false for the shell (its tls_ca
    /// signs the technicians, not the unit).
    bool cert_signed_by_ca = true;
    /// When set, the certificate's subject CN must be this unit id: the
    /// central network knows a unit by its certificate's CN.
    std::optional<std::string> unit_id;
    /// Whether the certificates must be valid now. Not at a unit's start: a
    /// board without a battery-backed clock starts with the wrong time, and
    /// the unit must read (and keep its reads) until its clock is set.
    bool check_dates = true;
};

/// Every problem with `files`, one line each naming the key and the path:
/// a file that cannot be read, or holds no PEM certificate (ca, cert) or no
/// unencrypted PEM private key (key); a certificate expired or not yet valid
/// (with check_dates), or for another CN than `unit_id`; a key that is not the certificate's; a
/// certificate `ca` did not sign. Files not set are not checked. `ca` may
/// hold several CA certificates, and `cert` the certificate's chain after it.
std::vector<std::string> check_tls_files(const TlsFiles& files);

}  // namespace anpr::app

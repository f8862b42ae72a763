#include "uplink/network_session.hpp"

#include <unistd.h>

#include <cerrno>
#include <mutex>
#include <system_error>

namespace anpr::uplink {
namespace {

core::Status readable(const std::filesystem::path& path, const char* key) {
    if (::access(path.c_str(), R_OK) == 0) return core::Ok{};
    return core::Error{"uplink." + std::string(key) + " '" + path.string() + "' cannot be read: " +
                       std::error_code(errno, std::generic_category()).message()};
}

}  // namespace

core::Result<CurlHandle> network_session(const config::UplinkConfig& tls, const std::string& url,
                                         const std::string& user_agent) {
    if (auto ok = readable(tls.ca_file, "ca_file"); !ok) return ok.error();
    if (auto ok = readable(tls.cert_file, "cert_file"); !ok) return ok.error();
    if (auto ok = readable(tls.key_file, "key_file"); !ok) return ok.error();
    static std::once_flag curl_ready;
    std::call_once(curl_ready, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    CurlHandle handle(curl_easy_init(), curl_easy_cleanup);
    if (!handle) return core::Error{"libcurl could not start"};
    CURL* easy = handle.get();
    const auto ms = [](float seconds) { return static_cast<long>(seconds * 1000.f); };
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    // Plates never travel in clear text, and never to a redirect target.
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    // Only the network's own CA is trusted, not the public store.
    curl_easy_setopt(easy, CURLOPT_CAINFO, tls.ca_file.c_str());
    curl_easy_setopt(easy, CURLOPT_CAPATH, nullptr);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(easy, CURLOPT_SSLCERT, tls.cert_file.c_str());
    curl_easy_setopt(easy, CURLOPT_SSLKEY, tls.key_file.c_str());
    // A roadside unit talks to the receiver directly: no proxy from the environment.
    curl_easy_setopt(easy, CURLOPT_PROXY, "");
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, ms(tls.connect_timeout_s));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, ms(tls.timeout_s));
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, user_agent.c_str());
    return handle;
}

}  // namespace anpr::uplink

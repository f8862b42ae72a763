#pragma once
/// The uplink's test bench on loopback: the test PKI, the reference receiver
/// started and stopped as a real process, what it stored, and unit configs
/// that send to it.

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "run_command.hpp"

namespace anpr::testing {

/// The test certificates (scripts/make-test-pki), made once per build tree.
inline std::filesystem::path test_pki() {
    static const std::filesystem::path dir = [] {
        const std::filesystem::path pki = std::string(ANPR_BIN_DIR) + "/../test-pki";
        const auto made = run_command("scripts/make-test-pki " + pki.string());
        if (made.exit_code != 0) throw std::runtime_error("make-test-pki failed: " + made.out);
        return pki;
    }();
    return dir;
}

struct ReceiverOptions {
    std::string server_cert = "server";  ///< test-pki name of its certificate and key
    bool plain = false;                  ///< plain HTTP instead of TLS
    std::vector<std::string> faults;     ///< --fault specs, in order
    double fault_rate = 0.0;
    std::optional<int> port;  ///< a given port (to come back on); none: a free one
    std::optional<std::filesystem::path> hitlists;  ///< --hitlists: the lists it serves
};

/// `anpr-receiver` on 127.0.0.1, storing in `dir`/receiver.db.
class Receiver {
  public:
    explicit Receiver(const std::filesystem::path& dir, const ReceiverOptions& options = {})
        : db_(dir / "receiver.db"), log_(dir / "receiver.log") {
        const auto pki = test_pki();
        std::vector<std::string> argv{program_path("anpr-receiver"),
                                      "--listen",
                                      "127.0.0.1:" + std::to_string(options.port.value_or(0)),
                                      "--db",
                                      db_.string(),
                                      "--schemas",
                                      "docs"};
        if (options.plain) {
            argv.push_back("--plain");
        } else {
            for (const auto& arg :
                 {std::string("--cert"), (pki / (options.server_cert + ".pem")).string(),
                  std::string("--key"), (pki / (options.server_cert + ".key")).string(),
                  std::string("--client-ca"), (pki / "ca.pem").string()}) {
                argv.push_back(arg);
            }
        }
        if (options.hitlists) {
            argv.push_back("--hitlists");
            argv.push_back(options.hitlists->string());
        }
        for (const auto& fault : options.faults) {
            argv.push_back("--fault");
            argv.push_back(fault);
        }
        if (options.fault_rate > 0) {
            argv.push_back("--fault-rate");
            argv.push_back(std::to_string(options.fault_rate));
            argv.push_back("--seed");
            argv.push_back("7");
        }
        process_.emplace(ChildProcess::start(argv, log_));
        const auto port =
            process_->wait_for_line(R"(listening on 127\.0\.0\.1:(\d+))", std::chrono::seconds(20));
        if (!port) throw std::runtime_error("the receiver did not start: see " + log_.string());
        port_ = std::stoi(*port);
    }

    int port() const { return port_; }
    /// The endpoint by host name, as a unit's certificate check sees it.
    std::string url() const { return "https://localhost:" + std::to_string(port_) + "/v1/reads"; }
    const std::filesystem::path& log() const { return log_; }

    /// Stops it cleanly and waits.
    void stop() {
        if (!process_) return;
        process_->signal(SIGTERM);
        process_->wait_for(std::chrono::seconds(20));
        process_.reset();
    }

    /// Ids of the records it stored, in id order.
    std::vector<std::string> stored_ids() const {
        return query_texts("SELECT id FROM reads ORDER BY id");
    }
    /// A counter of its store: "batches", "stored", "duplicates", "rejected".
    std::int64_t counter(const std::string& name) const {
        const auto values = query_texts("SELECT value FROM counters WHERE name = '" + name + "'");
        return values.empty() ? 0 : std::stoll(values.front());
    }

    /// The first column of each row `sql` selects from its store, as text.
    std::vector<std::string> query_texts(const std::string& sql) const {
        std::vector<std::string> values;
        if (!std::filesystem::exists(db_)) return values;
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(db_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
            sqlite3_close(db);
            throw std::runtime_error("cannot open " + db_.string());
        }
        sqlite3_busy_timeout(db, 5000);
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK) {
            while (sqlite3_step(statement) == SQLITE_ROW) {
                const auto* text = sqlite3_column_text(statement, 0);
                values.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
            }
        }
        sqlite3_finalize(statement);
        sqlite3_close(db);
        return values;
    }

  private:
    std::filesystem::path db_;
    std::filesystem::path log_;
    std::optional<ChildProcess> process_;
    int port_ = 0;
};

/// The [uplink] section of a unit sending to `url` with test certificate
/// `unit_cert`, quick to try again, and `extra` lines appended to it.
inline std::string uplink_section(const std::string& url, const std::string& unit_cert = "unit",
                                  const std::string& extra = "") {
    const auto pki = test_pki();
    return "[uplink]\nurl = \"" + url + "\"\nca_file = \"" + (pki / "ca.pem").string() +
           "\"\ncert_file = \"" + (pki / (unit_cert + ".pem")).string() + "\"\nkey_file = \"" +
           (pki / (unit_cert + ".key")).string() +
           "\"\nretry_min_s = 0.05\nretry_max_s = 0.3\nconnect_timeout_s = 2\n" + extra;
}

/// Ids "<unit>/1" ... "<unit>/<last>", sorted as the receiver's store sorts them.
inline std::vector<std::string> ids_up_to(const std::string& unit, std::uint64_t last) {
    std::vector<std::string> ids;
    for (std::uint64_t seq = 1; seq <= last; ++seq) ids.push_back(unit + "/" + std::to_string(seq));
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace anpr::testing

// anpr-receiver: the reference central receiver, the other end of the unit's
// uplink, for tests and pilot deployments. See docs/receiver.md.
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "logging/logging.hpp"
#include "receiver/faults.hpp"
#include "receiver/http_handler.hpp"
#include "receiver/record_store.hpp"
#include "receiver/schema_registry.hpp"
#include "receiver/server.hpp"
#include "receiver/tls.hpp"

namespace {

namespace net = boost::asio;
using namespace anpr::receiver;

constexpr int kUsageError = 2;
constexpr int kStartError = 1;

struct Options {
    std::string listen;
    std::filesystem::path db;
    std::filesystem::path schemas;
    std::filesystem::path cert;
    std::filesystem::path key;
    std::filesystem::path client_ca;
    std::filesystem::path hitlists;  ///< "": none served
    bool plain = false;
    std::vector<std::string> faults;
    double fault_rate = 0;
    std::optional<std::uint64_t> seed;
};

/// "HOST:PORT" with HOST an IPv4 address or a bracketed IPv6 one.
anpr::core::Result<net::ip::tcp::endpoint> parse_listen(const std::string& text) {
    const auto bad = anpr::core::Error{"--listen '" + text +
                                       "': expected HOST:PORT with HOST an IP address, "
                                       "e.g. 127.0.0.1:0 or [::1]:8443"};
    const auto colon = text.rfind(':');
    if (colon == std::string::npos) return bad;
    std::string host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    boost::system::error_code error;
    const auto address = net::ip::make_address(host, error);
    const std::string port = text.substr(colon + 1);
    if (error || port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos || std::stoul(port) > 65535)
        return bad;
    return net::ip::tcp::endpoint(address, static_cast<unsigned short>(std::stoul(port)));
}

/// Exactly one of --plain and the three TLS options; "" when so.
std::string tls_choice_error(const Options& options) {
    const int given = !options.cert.empty() + !options.key.empty() + !options.client_ca.empty();
    if (options.plain && given > 0) return "--plain excludes --cert, --key and --client-ca";
    if (!options.plain && given == 0)
        return "give --cert, --key and --client-ca (mutual TLS), or --plain";
    if (options.plain || given == 3) return "";
    std::string missing;
    for (const auto& [name, path] :
         {std::pair{"--cert", &options.cert}, std::pair{"--key", &options.key},
          std::pair{"--client-ca", &options.client_ca}}) {
        if (path->empty()) missing += (missing.empty() ? "" : ", ") + std::string(name);
    }
    return "--cert, --key and --client-ca go together; missing " + missing;
}

int serve(const Options& options, const net::ip::tcp::endpoint& endpoint, FaultSchedule& faults) {
    const auto log = anpr::logging::logger("receiver");
    const auto fail = [&](const std::string& message) {
        log->critical("{}", message);
        return kStartError;
    };
    auto schemas = SchemaRegistry::load(options.schemas);
    if (!schemas) return fail(schemas.error().message);
    auto store = RecordStore::open(options.db);
    if (!store) return fail(store.error().message);
    std::optional<net::ssl::context> tls;
    if (!options.plain) {
        auto made = make_server_tls(options.cert, options.key, options.client_ca);
        if (!made) return fail(made.error().message);
        tls.emplace(std::move(made).value());
    }
    std::optional<HitlistFolder> hitlists;
    if (!options.hitlists.empty()) hitlists.emplace(options.hitlists);
    RequestHandler handler(schemas.value(), store.value(), faults, hitlists);

    net::io_context io;
    auto server = Server::listen(io, endpoint, tls ? &*tls : nullptr, handler);
    if (!server) return fail(server.error().message);
    net::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code error, int signal) {
        if (error) return;
        log->info("signal {}: finishing the requests in progress, then exiting", signal);
        server.value()->stop();
        // Back to the default action: a second signal ends the process at once.
        signals.clear();
    });
    server.value()->start();
    std::cout << "listening on " << endpoint_text(server.value()->local_endpoint()) << std::endl;
    log->info("serving {} with schemas from {}, storing into {}",
              options.plain ? "plain HTTP" : "HTTPS (mutual TLS)", options.schemas.string(),
              options.db.string());
    if (hitlists) log->info("serving hit lists from {}", hitlists->folder().string());
    io.run();

    if (const auto counters = store.value().counters())
        log->info("stopped: {} batches, {} stored, {} duplicates, {} rejected, {} alerts",
                  counters.value().batches, counters.value().stored, counters.value().duplicates,
                  counters.value().rejected, counters.value().alerts);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"anpr-receiver: the reference central receiver of the units' read records"};
    Options options;
    cli.add_option("--listen", options.listen, "HOST:PORT to listen on; port 0 picks a free one")
        ->required();
    cli.add_option("--db", options.db, "SQLite database file (created when missing)")->required();
    cli.add_option("--schemas", options.schemas, "folder of the record schema files")
        ->required()
        ->check(CLI::ExistingDirectory);
    cli.add_option("--cert", options.cert, "server certificate chain (PEM)")
        ->check(CLI::ExistingFile);
    cli.add_option("--key", options.key, "server private key (PEM)")->check(CLI::ExistingFile);
    cli.add_option("--client-ca", options.client_ca,
                   "CA (PEM) that units' client certificates must chain to")
        ->check(CLI::ExistingFile);
    cli.add_option("--hitlists", options.hitlists,
                   "folder of the hit lists to serve at GET /v1/hitlist (full.hitlist, "
                   "delta-<M>.hitlist); without it none are served")
        ->check(CLI::ExistingDirectory);
    cli.add_flag("--plain", options.plain, "serve plain HTTP instead of HTTPS (tests only)");
    cli.add_option("--fault", options.faults,
                   "status:CODE[:N], slow:MS[:N], drop-before[:N] or drop-after[:N]; "
                   "applied to successive POST /v1/reads in the order given");
    cli.add_option("--fault-rate", options.fault_rate,
                   "after the --fault ones, the chance of a random fault per request")
        ->check(CLI::Range(0.0, 1.0));
    cli.add_option("--seed", options.seed, "seed of the random faults (default: random, logged)");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = cli.exit(e);
        return code == 0 ? 0 : kUsageError;
    }
    if (const auto error = tls_choice_error(options); !error.empty()) {
        std::cerr << "anpr-receiver: " << error << "\n";
        return kUsageError;
    }
    const auto endpoint = parse_listen(options.listen);
    if (!endpoint) {
        std::cerr << "anpr-receiver: " << endpoint.error().message << "\n";
        return kUsageError;
    }
    std::vector<FaultSpec> scheduled;
    for (const auto& spec : options.faults) {
        auto parsed = parse_fault_spec(spec);
        if (!parsed) {
            std::cerr << "anpr-receiver: " << parsed.error().message << "\n";
            return kUsageError;
        }
        scheduled.push_back(parsed.value());
    }

    if (auto logging = anpr::logging::setup_logging({}); !logging) {
        std::cerr << "anpr-receiver: " << logging.error().message << "\n";
        return kStartError;
    }
    const std::uint64_t seed = options.seed ? *options.seed : std::random_device{}();
    if (options.fault_rate > 0)
        anpr::logging::logger("receiver")
            ->info("random faults at rate {} with --seed {}", options.fault_rate, seed);
    FaultSchedule faults(std::move(scheduled), options.fault_rate, seed);
    return serve(options, endpoint.value(), faults);
}

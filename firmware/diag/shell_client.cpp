#include "diag/shell_client.hpp"

#include <openssl/x509v3.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <istream>

namespace anpr::diag {
namespace {

using boost::asio::ip::tcp;
constexpr std::size_t kMaxLineBytes = 1 << 20;

core::Result<std::pair<std::string, std::string>> split_address(std::string_view address) {
    const auto colon = address.rfind(':');
    if (colon == std::string_view::npos || colon + 1 == address.size()) {
        return core::Error{"'" + std::string(address) + "' is not HOST:PORT"};
    }
    std::string host(address.substr(0, colon));
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    return std::pair{host, std::string(address.substr(colon + 1))};
}

}  // namespace

struct ShellClient::Impl {
    boost::asio::io_context io;
    tcp::socket socket{io};
    std::unique_ptr<boost::asio::ssl::context> tls_context;
    std::optional<boost::asio::ssl::stream<tcp::socket&>> tls;
    boost::asio::streambuf input{kMaxLineBytes};
    std::string unit_id;
    std::chrono::milliseconds reply_timeout{};

    /// Runs the operation `start` begins until it completes or `timeout`
    /// passes (then the socket is closed); its error, or timed_out.
    template <class Start>
    boost::system::error_code run(Start start, std::chrono::milliseconds timeout) {
        std::optional<boost::system::error_code> result;
        start([&result](const boost::system::error_code& failed) { result = failed; });
        io.restart();
        io.run_for(timeout);
        if (result) return *result;
        boost::system::error_code ignored;
        socket.close(ignored);
        io.restart();
        io.run();
        return boost::asio::error::timed_out;
    }

    template <class Use>
    void with_stream(Use use) {
        if (tls) {
            use(*tls);
        } else {
            use(socket);
        }
    }

    core::Status make_tls(const ShellClientOptions& options, const std::string& host);
};

core::Status ShellClient::Impl::make_tls(const ShellClientOptions& options,
                                         const std::string& host) {
    using boost::asio::ssl::context;
    tls_context = std::make_unique<context>(context::tls_client);
    tls_context->set_options(context::default_workarounds | context::no_sslv2 | context::no_sslv3 |
                             context::no_tlsv1 | context::no_tlsv1_1);
    tls_context->set_verify_mode(boost::asio::ssl::verify_peer);
    boost::system::error_code failed;
    tls_context->load_verify_file(options.ca->string(), failed);
    if (failed)
        return core::Error{"cannot use --ca '" + options.ca->string() + "': " + failed.message()};
    if (options.cert) {
        tls_context->use_certificate_chain_file(options.cert->string(), failed);
        if (failed) {
            return core::Error{"cannot use --cert '" + options.cert->string() +
                               "': " + failed.message()};
        }
    }
    if (options.key) {
        tls_context->use_private_key_file(options.key->string(), context::pem, failed);
        if (failed) {
            return core::Error{"cannot use --key '" + options.key->string() +
                               "': " + failed.message()};
        }
    }
    tls.emplace(socket, *tls_context);
    // The unit's certificate must be for the name or address dialled.
    X509_VERIFY_PARAM* param = SSL_get0_param(tls->native_handle());
    boost::system::error_code not_ip;
    boost::asio::ip::make_address(host, not_ip);
    if (!not_ip) {
        X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
    } else {
        X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
        SSL_set_tlsext_host_name(tls->native_handle(), host.c_str());
    }
    return core::Ok{};
}

core::Result<std::unique_ptr<ShellClient>> ShellClient::connect(const ShellClientOptions& options) {
    auto address = split_address(options.address);
    if (!address) return address.error();
    const auto& [host, port] = address.value();
    if (options.cert.has_value() != options.key.has_value() ||
        (options.cert.has_value() && !options.ca.has_value())) {
        return core::Error{"--cert and --key go together, and with --ca"};
    }
    auto impl = std::make_unique<Impl>();
    impl->reply_timeout = options.reply_timeout;

    tcp::resolver resolver(impl->io);
    tcp::resolver::results_type endpoints;
    auto failed = impl->run(
        [&](auto done) {
            resolver.async_resolve(host, port,
                                   [&endpoints, done](const boost::system::error_code& error,
                                                      tcp::resolver::results_type found) {
                                       endpoints = std::move(found);
                                       done(error);
                                   });
        },
        options.connect_timeout);
    if (failed) return core::Error{"cannot find " + options.address + ": " + failed.message()};
    failed = impl->run(
        [&](auto done) {
            boost::asio::async_connect(impl->socket, endpoints,
                                       [done](const boost::system::error_code& error,
                                              const tcp::endpoint&) { done(error); });
        },
        options.connect_timeout);
    if (failed)
        return core::Error{"cannot connect to " + options.address + ": " + failed.message()};
    if (options.ca) {
        if (auto made = impl->make_tls(options, host); !made) return made.error();
        failed = impl->run(
            [&](auto done) {
                impl->tls->async_handshake(boost::asio::ssl::stream_base::client, done);
            },
            options.connect_timeout);
        if (failed) {
            return core::Error{"TLS handshake with " + options.address +
                               " failed: " + failed.message()};
        }
    }
    std::unique_ptr<ShellClient> client(new ShellClient(std::move(impl)));
    auto hello = client->read_line(options.connect_timeout);
    if (!hello)
        return core::Error{"no greeting from " + options.address + ": " + hello.error().message};
    static constexpr std::string_view kHello = "HELLO anpr-shell/1 unit=";
    if (hello.value().rfind("BYE ", 0) == 0) {
        return core::Error{options.address + " turned us away: " + hello.value().substr(4)};
    }
    if (hello.value().rfind(kHello, 0) != 0) {
        return core::Error{options.address + " is not an anpr shell (it said '" +
                           hello.value().substr(0, 80) + "')"};
    }
    client->impl_->unit_id = hello.value().substr(kHello.size());
    return client;
}

ShellClient::ShellClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ShellClient::~ShellClient() = default;

const std::string& ShellClient::unit_id() const { return impl_->unit_id; }

core::Status ShellClient::write(std::string_view bytes) {
    const auto failed = impl_->run(
        [&](auto done) {
            impl_->with_stream([&](auto& stream) {
                boost::asio::async_write(
                    stream, boost::asio::buffer(bytes.data(), bytes.size()),
                    [done](const boost::system::error_code& error, std::size_t) { done(error); });
            });
        },
        impl_->reply_timeout);
    if (failed) return core::Error{"cannot send to the shell: " + failed.message()};
    return core::Ok{};
}

core::Result<std::string> ShellClient::read_line(std::chrono::milliseconds timeout) {
    std::size_t bytes = 0;
    const auto failed = impl_->run(
        [&](auto done) {
            impl_->with_stream([&](auto& stream) {
                boost::asio::async_read_until(
                    stream, impl_->input, '\n',
                    [&bytes, done](const boost::system::error_code& error, std::size_t read) {
                        bytes = read;
                        done(error);
                    });
            });
        },
        timeout);
    if (failed == boost::asio::error::eof) return core::Error{"the shell closed the connection"};
    if (failed) return core::Error{"no answer from the shell: " + failed.message()};
    std::string line(bytes, '\0');
    std::istream(&impl_->input).read(line.data(), static_cast<std::streamsize>(bytes));
    line.pop_back();
    return line;
}

core::Result<ShellAnswer> ShellClient::read_answer() {
    ShellAnswer answer;
    while (true) {
        auto line = read_line(impl_->reply_timeout);
        if (!line) return line.error();
        const auto& text = line.value();
        if (text.rfind("| ", 0) == 0) {
            answer.body.push_back(text.substr(2));
        } else if (text == "OK") {
            answer.ok = true;
            return answer;
        } else if (text.rfind("ERR ", 0) == 0) {
            answer.message = text.substr(4);
            return answer;
        } else if (text.rfind("BYE ", 0) == 0) {
            answer.bye = true;
            answer.message = text.substr(4);
            return answer;
        } else {
            return core::Error{"the shell said something unexpected: '" + text.substr(0, 80) + "'"};
        }
    }
}

core::Result<ShellAnswer> ShellClient::request(std::string_view line) {
    if (auto sent = write(std::string(line) + "\n"); !sent) return sent.error();
    return read_answer();
}

}  // namespace anpr::diag

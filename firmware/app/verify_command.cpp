#include <fstream>
#include <iostream>

#include "app/commands.hpp"
#include "evidence/chain_verifier.hpp"

namespace anpr::app {
namespace {

bool is_blank(const std::string& line) {
    return line.find_first_not_of(" \t\r") == std::string::npos;
}

}  // namespace

int run_verify(const VerifyOptions& options) {
    auto key = evidence::PublicKey::load(options.key);
    if (!key) {
        std::cerr << "anpr verify: " << key.error().message << "\n";
        return 2;
    }
    const bool from_stdin = options.records == "-";
    std::ifstream file;
    if (!from_stdin) {
        file.open(options.records, std::ios::binary);
        if (!file) {
            std::cerr << "anpr verify: cannot read '" << options.records.string() << "'\n";
            return 2;
        }
    }
    std::istream& in = from_stdin ? std::cin : file;

    evidence::ChainVerifier verifier(std::move(key).value());
    std::size_t line_number = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_number;
        if (is_blank(line)) continue;
        if (auto at = verifier.add_line(line, line_number)) {
            std::cout << describe(*at) << "\n";
            return 1;
        }
    }
    if (in.bad()) {
        std::cerr << "anpr verify: reading failed after line " << line_number << "\n";
        return 2;
    }
    const auto& chain = verifier.summary();
    if (chain.records == 0) {
        std::cout << "no records: nothing verified\n";
        return 1;
    }
    std::cout << "OK: " << chain.records << " records of unit " << chain.unit << ", seq "
              << chain.first_seq << ".." << chain.last_seq << ", chain intact\n";
    if (chain.starts_at_first_record)
        std::cout << "chain starts at seq " << chain.first_seq
                  << " with the unit's first signed record\n";
    else
        std::cout << "chain starts at seq " << chain.first_seq
                  << "; its predecessor is not in the stream\n";
    return 0;
}

}  // namespace anpr::app

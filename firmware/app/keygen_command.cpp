#include <iostream>

#include "app/commands.hpp"
#include "evidence/signing_key.hpp"

namespace anpr::app {

int run_keygen(const KeygenOptions& options) {
    auto key = evidence::SigningKey::generate();
    if (!key) {
        std::cerr << "anpr keygen: " << key.error().message << "\n";
        return 2;
    }
    if (auto written = key.value().write_pair(options.out); !written) {
        std::cerr << "anpr keygen: " << written.error().message << "\n";
        return 2;
    }
    std::cout << "wrote " << (options.out / evidence::kPrivateKeyFile).string()
              << " (private: keep it on the unit, mode 0600) and "
              << (options.out / evidence::kPublicKeyFile).string()
              << " (register it with the coordination cell); key_id "
              << evidence::key_id(key.value().public_key()) << "\n";
    return 0;
}

}  // namespace anpr::app

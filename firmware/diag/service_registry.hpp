#pragma once
/// The unit's services by name, for the diagnostics shell: `status` and
/// `status NAME` print what each says of itself, `restart NAME` stops and
/// starts one, and `help` lists them. Each service keeps its own
/// start/stop/status; the registry only knows how to reach them.

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace anpr::diag {

struct ServiceEntry {
    std::string name;
    std::function<void(std::ostream&)> status;
    /// Stops and starts the service; empty when it cannot be restarted alone.
    std::function<void()> restart;
};

/// Filled while the unit starts, read-only once the shell runs.
class ServiceRegistry {
  public:
    void add(ServiceEntry entry);

    /// A service with the usual name(), start(), stop() and status(ostream&).
    template <class Service>
    void add_service(Service& service, bool restartable) {
        ServiceEntry entry{service.name(), [&service](std::ostream& out) { service.status(out); },
                           nullptr};
        if (restartable) {
            entry.restart = [&service] {
                service.stop();
                service.start();
            };
        }
        add(std::move(entry));
    }

    const std::vector<ServiceEntry>& entries() const { return entries_; }
    /// nullptr when no service has that name.
    const ServiceEntry* find(std::string_view name) const;
    /// "capture, clock, gps, ..." for messages.
    std::string names() const;

  private:
    std::vector<ServiceEntry> entries_;
};

}  // namespace anpr::diag

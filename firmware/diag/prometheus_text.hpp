#pragma once
/// Prometheus' text exposition format (version 0.0.4): the metrics page a
/// fleet's Prometheus scrapes from each unit.

#include <string>
#include <utility>
#include <vector>

namespace anpr::diag {

using Labels = std::vector<std::pair<std::string, std::string>>;

class PrometheusText {
  public:
    /// A family's HELP and TYPE lines ("counter" or "gauge"); its samples follow.
    PrometheusText& family(const std::string& name, const std::string& type,
                           const std::string& help);
    /// One sample of the family last begun; label values are escaped.
    PrometheusText& sample(const std::string& name, double value, const Labels& labels = {});
    /// A family of one unlabelled sample.
    PrometheusText& counter(const std::string& name, const std::string& help, double value);
    PrometheusText& gauge(const std::string& name, const std::string& help, double value);

    const std::string& text() const { return text_; }

  private:
    std::string text_;
};

}  // namespace anpr::diag

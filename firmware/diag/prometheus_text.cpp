#include "diag/prometheus_text.hpp"

#include <cmath>
#include <cstdio>

namespace anpr::diag {
namespace {

std::string escaped(const std::string& value, bool in_label) {
    std::string out;
    for (const char c : value) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '"' && in_label) {
            out += "\\\"";
        } else {
            out += c;
        }
    }
    return out;
}

std::string number(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", value);
    return text;
}

}  // namespace

PrometheusText& PrometheusText::family(const std::string& name, const std::string& type,
                                       const std::string& help) {
    text_ += "# HELP " + name + " " + escaped(help, false) + "\n# TYPE " + name + " " + type + "\n";
    return *this;
}

PrometheusText& PrometheusText::sample(const std::string& name, double value,
                                       const Labels& labels) {
    text_ += name;
    if (!labels.empty()) {
        text_ += '{';
        for (std::size_t i = 0; i < labels.size(); ++i) {
            text_ +=
                (i ? "," : "") + labels[i].first + "=\"" + escaped(labels[i].second, true) + "\"";
        }
        text_ += '}';
    }
    text_ += " " + number(value) + "\n";
    return *this;
}

PrometheusText& PrometheusText::counter(const std::string& name, const std::string& help,
                                        double value) {
    return family(name, "counter", help).sample(name, value);
}

PrometheusText& PrometheusText::gauge(const std::string& name, const std::string& help,
                                      double value) {
    return family(name, "gauge", help).sample(name, value);
}

}  // namespace anpr::diag

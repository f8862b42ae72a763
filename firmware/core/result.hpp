#pragma once
/// Result<T>: a value or an Error, in the spirit of std::expected (C++23),
/// which GCC 12's libstdc++ does not offer in C++20 mode.

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace anpr::core {

/// An error a caller can show to a person: what went wrong, naming the thing.
struct Error {
    std::string message;
};

template <class T>
class [[nodiscard]] Result {
  public:
    Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
    Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return checked(); }
    T& value() & { return const_cast<T&>(checked()); }
    T&& value() && { return std::move(const_cast<T&>(checked())); }

    const Error& error() const { return std::get<Error>(state_); }

  private:
    const T& checked() const {
        if (!ok()) throw std::logic_error("Result::value() on error: " + error().message);
        return std::get<T>(state_);
    }
    std::variant<T, Error> state_;
};

/// Result of an operation that yields nothing but may fail.
struct Ok {};
using Status = Result<Ok>;

}  // namespace anpr::core

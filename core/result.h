#pragma once

// Errors are values. Every fallible call in Mandate returns a Result<T>: either the value or an
// Error whose `code` is one of the API's stable codes. The HTTP layer maps codes to statuses in
// exactly one place; nothing below it knows about HTTP.

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace mandate::core {

// The stable error codes of the contract (shared/api.md, "Errors"). Add, never rename.
enum class ErrorCode {
  kBadJson,
  kUnauthenticated,
  kForbidden,
  kNotFound,
  kConflict,
  kVersionConflict,
  kPayloadTooLarge,
  kHeadersTooLarge,
  kUnsupportedMediaType,
  kValidationFailed,
  kUnknownField,
  kUnknownAgency,
  kIdempotencyKeyReused,
  kTopSecretTransferForbidden,
  kApprovalRequired,
  kRateLimited,
  kInternal,
  kMethodNotAllowed,        // 405: a known path, another method.
  kTooManyAssignments,      // 422: one command would create more assignments than allowed.
  kSignInFailed,            // 401: the user name, the password or the code is wrong (never which).
  kSecondFactorRequired,    // 401: the password was right; a one-time code is needed too.
  kPasswordChangeRequired,  // 403: a first password must be changed before anything else.
  kSecondFactorEnrolmentRequired,  // 403: the roles need a second factor; enrol one first.
  kCsrfFailed,  // 403: a cookie-authenticated write without the session's X-CSRF-Token.
  // Not an API code: the log itself is damaged (undecodable value, gap, broken chain).
  kCorrupt,
};

// The wire spelling of a code, e.g. "validation_failed".
const char* error_code_name(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // A sentence for people; never parsed.
  std::string field;    // The request field at fault, or empty.

  bool operator==(const Error&) const = default;
};

inline Error make_error(ErrorCode code, std::string message, std::string field = {}) {
  return Error{code, std::move(message), std::move(field)};
}

// A value or an Error. Thread-compatible, like any value type.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Precondition: ok(). Calling these on an error is a bug.
  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }

  // Precondition: !ok().
  const Error& error() const { return std::get<1>(data_); }
  Error&& take_error() { return std::get<1>(std::move(data_)); }

 private:
  std::variant<T, Error> data_;
};

// The Result of a call that yields nothing but success or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }
  Error&& take_error() { return std::move(*error_); }

 private:
  std::optional<Error> error_;
};

inline Status ok_status() { return Status(); }

// Bugs, not errors: a broken invariant stops the process with a message.
[[noreturn]] inline void check_failed(const char* expr, const char* file, int line,
                                      const char* message) {
  std::cerr << "CHECK failed: " << expr << " at " << file << ":" << line << ": " << message
            << std::endl;
  std::abort();
}

}  // namespace mandate::core

#define MANDATE_CHECK(cond, message)                                                \
  do {                                                                              \
    if (!(cond)) ::mandate::core::check_failed(#cond, __FILE__, __LINE__, message); \
  } while (false)

#define MANDATE_CONCAT_INNER(a, b) a##b
#define MANDATE_CONCAT(a, b) MANDATE_CONCAT_INNER(a, b)

// Returns the error of a Status or Result expression from the enclosing function.
#define RETURN_IF_ERROR(expr)                                       \
  do {                                                              \
    auto&& mandate_status_ = (expr);                                \
    if (!mandate_status_.ok()) return mandate_status_.take_error(); \
  } while (false)

// `ASSIGN_OR_RETURN(auto x, load())` declares x from the value, or returns the error.
#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(MANDATE_CONCAT(mandate_result_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.take_error();     \
  lhs = std::move(tmp).value()

#pragma once

// Time-based one-time passwords (RFC 6238: HMAC-SHA-1, 30-second steps from the epoch, six
// digits), with liboath, for the second factor. A code is accepted one step either side of
// now, for clocks that drift; the step it matched is returned so that the caller can refuse a
// code used before (core::RecordSignIn).
//
// Thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace mandate::http {

inline constexpr unsigned kTotpStepSeconds = 30;
inline constexpr unsigned kTotpDigits = 6;

// A new key: 20 random bytes (RFC 4226's recommended length), in base32 without padding.
std::string new_totp_secret();

// The otpauth:// URI an authenticator app reads (by hand or from a QR code).
std::string totp_uri(std::string_view secret_base32, std::string_view user);

// The time step `code` matched at `now`, or nullopt when it matches none in the window or the
// key is not base32.
std::optional<uint64_t> totp_step_of(std::string_view secret_base32, std::string_view code,
                                     core::Instant now);

// The code of `secret_base32` at `now` (what an authenticator app shows), or "" when the key is
// not base32.
std::string totp_code(std::string_view secret_base32, core::Instant now);

}  // namespace mandate::http

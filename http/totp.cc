#include "http/totp.h"

#include <cctype>
#include <cstdlib>
#include <memory>

#include <liboath/oath.h>

#include "events/digest.h"

namespace mandate::http {
namespace {

constexpr size_t kSecretBytes = 20;
constexpr size_t kWindow = 1;

void init_once() {
  static const int rc = oath_init();
  (void)rc;
}

struct Freed {
  void operator()(char* p) const { std::free(p); }
};

// The raw key, or nullopt when `base32` is not base32.
std::optional<std::string> key_of(std::string_view base32) {
  init_once();
  char* out = nullptr;
  size_t length = 0;
  if (base32.empty() ||
      oath_base32_decode(base32.data(), base32.size(), &out, &length) != OATH_OK) {
    return std::nullopt;
  }
  std::unique_ptr<char, Freed> owned(out);
  return std::string(out, length);
}

time_t seconds_of(core::Instant now) { return static_cast<time_t>(now.micros / 1'000'000); }

std::string uri_escape(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace

std::string new_totp_secret() {
  init_once();
  const std::string key = events::random_bytes(kSecretBytes);
  char* out = nullptr;
  size_t length = 0;
  if (oath_base32_encode(key.data(), key.size(), &out, &length) != OATH_OK) return {};
  std::unique_ptr<char, Freed> owned(out);
  std::string secret(out, length);
  while (!secret.empty() && secret.back() == '=') secret.pop_back();
  return secret;
}

std::string totp_uri(std::string_view secret_base32, std::string_view user) {
  return "otpauth://totp/Mandate:" + uri_escape(user) + "?secret=" + std::string(secret_base32) +
         "&issuer=Mandate&algorithm=SHA1&digits=6&period=30";
}

std::optional<uint64_t> totp_step_of(std::string_view secret_base32, std::string_view code,
                                     core::Instant now) {
  if (code.size() != kTotpDigits) return std::nullopt;
  for (char c : code) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const auto key = key_of(secret_base32);
  if (!key) return std::nullopt;
  int offset = 0;
  const std::string otp(code);
  const int rc = oath_totp_validate2(key->data(), key->size(), seconds_of(now), kTotpStepSeconds,
                                     OATH_TOTP_DEFAULT_START_TIME, kWindow, &offset, otp.c_str());
  if (rc < 0) return std::nullopt;
  const int64_t step = seconds_of(now) / kTotpStepSeconds + offset;
  return step < 0 ? std::nullopt : std::optional<uint64_t>(static_cast<uint64_t>(step));
}

std::string totp_code(std::string_view secret_base32, core::Instant now) {
  const auto key = key_of(secret_base32);
  if (!key) return {};
  char otp[kTotpDigits + 1] = {};
  if (oath_totp_generate(key->data(), key->size(), seconds_of(now), kTotpStepSeconds,
                         OATH_TOTP_DEFAULT_START_TIME, kTotpDigits, otp) != OATH_OK) {
    return {};
  }
  return otp;
}

}  // namespace mandate::http

#pragma once

// Passwords as Argon2id hashes (RFC 9106), with libargon2. The parameters are RFC 9106 §4's
// second recommended option with one lane: 3 passes over 64 MiB, a 16-byte random salt and a
// 32-byte tag; about 190 ms on the reference machine (docs/security.md). They are written into
// every encoded hash, so a later change of kArgon2 applies to new passwords and old hashes
// still verify.
//
// Thread-safe; each call takes 64 MiB for its duration. Callers bound how many run at once
// (App's password pool).

#include <cstdint>
#include <string>
#include <string_view>

namespace mandate::http {

struct Argon2Parameters {
  uint32_t passes = 3;
  uint32_t memory_kib = 64 * 1024;
  uint32_t lanes = 1;
  uint32_t salt_bytes = 16;
  uint32_t tag_bytes = 32;
};

inline constexpr Argon2Parameters kArgon2{};

// The encoded Argon2id hash of `password` with a fresh salt ("$argon2id$v=19$m=65536,t=3,p=1$...").
std::string hash_password(std::string_view password);

// Whether `password` matches `encoded`. False for a malformed `encoded`.
bool verify_password(const std::string& encoded, std::string_view password);

// A hash of a random password no one knows, with the same parameters: a sign-in for a name
// that has no password is verified against it, so that it takes as long as one that has.
const std::string& decoy_hash();

}  // namespace mandate::http

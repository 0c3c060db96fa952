#pragma once

// A signed chain head: "at `position` the chain's hash was `hash`", signed at `signed_at` with
// an Ed25519 key. `mandate checkpoint sign` writes one; an incident export carries one.

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/time.h"

namespace mandate::tools {

struct SignedHead {
  uint64_t position = 0;
  std::string hash;        // Lowercase hex.
  std::string signed_at;   // An instant, as the API writes them.
  std::string subject;     // What else the signature covers (e.g. an export's digest), or "".
  std::string public_key;  // Raw Ed25519 public key, lowercase hex.
  std::string signature;   // Lowercase hex.
};

// Signs (position, hash, now, subject) with the private key in `key_path`.
core::Result<SignedHead> sign_head(const std::string& key_path, uint64_t position,
                                   const std::string& hash, core::Instant now,
                                   const std::string& subject = {});

// True when the signature holds for the head's fields and its own public key. Who that key
// belongs to is for the caller to check against a key kept elsewhere.
bool signature_holds(const SignedHead& head);

nlohmann::json to_json(const SignedHead& head);
core::Result<SignedHead> signed_head_from_json(const nlohmann::json& json);

}  // namespace mandate::tools

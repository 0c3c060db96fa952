#pragma once

// Ed25519 keys and signatures (OpenSSL), for signed chain heads: a head signed today and kept
// elsewhere lets anyone prove later that the log still extends it.

#include <string>
#include <string_view>

#include "core/result.h"

namespace mandate::tools {

// Writes a new private key to `path` (PEM, mode 0600) and its public key to `path`.pub (PEM).
// Refuses to overwrite an existing key.
core::Status generate_key(const std::string& path);

// The signature (64 bytes, lowercase hex) of `message` with the private key in `key_path`.
core::Result<std::string> sign(const std::string& key_path, std::string_view message);

// The raw public key (32 bytes, lowercase hex) of a private or public PEM key file.
core::Result<std::string> public_key_hex(const std::string& key_path);

// True when `signature_hex` is a valid signature of `message` by the raw public key
// `public_key_hex`.
bool verify_signature(std::string_view public_key_hex, std::string_view message,
                      std::string_view signature_hex);

std::string base64_encode(std::string_view bytes);
core::Result<std::string> base64_decode(std::string_view text);

core::Result<std::string> hex_decode(std::string_view hex);

}  // namespace mandate::tools

#pragma once

#include <string>
#include <string_view>

namespace mandate::events {

// Lowercase hex of SHA-256(bytes): token hashes, request fingerprints.
std::string sha256_hex(std::string_view bytes);

}  // namespace mandate::events

namespace mandate::events {

// `bytes` bytes from the operating system's CSPRNG, as lowercase hex. Aborts if the generator
// fails: a predictable token is worse than no server.
std::string random_hex(size_t bytes);

}  // namespace mandate::events

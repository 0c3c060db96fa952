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
// The same, raw.
std::string random_bytes(size_t bytes);

// Whether `a` and `b` are equal, in a time that depends only on their lengths: for comparing a
// secret a client sent with the one expected.
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace mandate::events

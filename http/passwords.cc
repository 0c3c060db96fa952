#include "http/passwords.h"

#include <argon2.h>

#include "events/digest.h"

namespace mandate::http {

std::string hash_password(std::string_view password) {
  const std::string salt = events::random_bytes(kArgon2.salt_bytes);
  std::string encoded(argon2_encodedlen(kArgon2.passes, kArgon2.memory_kib, kArgon2.lanes,
                                        kArgon2.salt_bytes, kArgon2.tag_bytes, Argon2_id),
                      '\0');
  const int rc = argon2id_hash_encoded(kArgon2.passes, kArgon2.memory_kib, kArgon2.lanes,
                                       password.data(), password.size(), salt.data(), salt.size(),
                                       kArgon2.tag_bytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) return {};  // Only out of memory; the caller refuses an empty hash.
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool verify_password(const std::string& encoded, std::string_view password) {
  if (!encoded.starts_with("$argon2id$")) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

const std::string& decoy_hash() {
  static const std::string decoy = hash_password(events::random_hex(32));
  return decoy;
}

}  // namespace mandate::http

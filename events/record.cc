#include "events/record.h"

#include <cstring>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "events/digest.h"

namespace mandate::events {
namespace {

constexpr char kMagic[3] = {'M', 'D', 'E'};

}  // namespace

namespace {

// SHA-256 fetched once, and one digest context per thread: setting them up per hash costs more
// than hashing a typical envelope.
const EVP_MD* sha256_md() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  MANDATE_CHECK(md != nullptr, "OpenSSL has no SHA-256");
  return md;
}

EVP_MD_CTX* thread_digest_context() {
  struct Owned {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Owned() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Owned owned;
  MANDATE_CHECK(owned.ctx != nullptr, "out of memory");
  return owned.ctx;
}

}  // namespace

Hash chain_hash(const Hash& previous, std::string_view bytes) {
  Hash out;
  EVP_MD_CTX* ctx = thread_digest_context();
  EVP_DigestInit_ex2(ctx, sha256_md(), nullptr);
  EVP_DigestUpdate(ctx, previous.data(), previous.size());
  EVP_DigestUpdate(ctx, bytes.data(), bytes.size());
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx, out.data(), &len);
  return out;
}

Hash sha256_of(std::initializer_list<std::string_view> parts) {
  Hash out;
  EVP_MD_CTX* ctx = thread_digest_context();
  EVP_DigestInit_ex2(ctx, sha256_md(), nullptr);
  for (const auto part : parts) EVP_DigestUpdate(ctx, part.data(), part.size());
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx, out.data(), &len);
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  Hash out;
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), out.data(), &len, EVP_sha256(), nullptr);
  return to_hex(out);
}

std::string random_bytes(size_t bytes) {
  std::string raw(bytes, '\0');
  MANDATE_CHECK(
      RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) == 1,
      "the random generator failed");
  return raw;
}

std::string random_hex(size_t bytes) { return to_hex(random_bytes(bytes)); }

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

std::string make_record(const Hash& hash, std::string_view envelope_words) {
  std::string value;
  value.reserve(kRecordPrefixSize + envelope_words.size());
  value.append(kMagic, sizeof kMagic);
  value.push_back(static_cast<char>(kRecordFormat));
  value.append(4, '\0');
  value.append(reinterpret_cast<const char*>(hash.data()), hash.size());
  value.append(envelope_words);
  return value;
}

core::Result<RecordParts> split_record(std::string_view value) {
  if (value.size() < kRecordPrefixSize || std::memcmp(value.data(), kMagic, sizeof kMagic) != 0) {
    return core::make_error(core::ErrorCode::kCorrupt, "not an event record");
  }
  if (static_cast<uint8_t>(value[3]) != kRecordFormat) {
    return core::make_error(core::ErrorCode::kCorrupt,
                            "event record format " +
                                std::to_string(static_cast<uint8_t>(value[3])) +
                                " is not known to this build");
  }
  if ((value.size() - kRecordPrefixSize) % 8 != 0) {
    return core::make_error(core::ErrorCode::kCorrupt, "event record is not word-aligned");
  }
  RecordParts parts;
  std::memcpy(parts.hash.data(), value.data() + kRecordHeaderSize, kHashSize);
  parts.envelope = value.substr(kRecordPrefixSize);
  return parts;
}

}  // namespace mandate::events

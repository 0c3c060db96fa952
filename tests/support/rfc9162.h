#pragma once

// RFC 9162 (Certificate Transparency 2.0, section 2.1) written for the tests, apart from the
// server's events/merkle.cc, so that the server's tree and proofs are held against the RFC and
// not against themselves: the Merkle tree hash of a list of entries, and the RFC's verification
// algorithms for inclusion (2.1.3.2) and consistency (2.1.4.2) proofs. Hashes are 32 raw bytes.

#include <cstdint>
#include <string>
#include <vector>

#include <openssl/sha.h>

namespace mandate::testing::rfc9162 {

using Digest = std::string;  // 32 raw bytes.

inline Digest sha256(const std::string& bytes) {
  unsigned char out[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), out);
  return Digest(reinterpret_cast<const char*>(out), sizeof out);
}
inline Digest leaf(const std::string& entry) { return sha256(std::string(1, '\0') + entry); }
inline Digest node(const Digest& l, const Digest& r) {
  return sha256(std::string(1, '\1') + l + r);
}

// MTH(D[begin:end]) by the RFC's definition.
inline Digest mth(const std::vector<std::string>& entries, size_t begin, size_t end) {
  if (end == begin) return sha256("");
  if (end - begin == 1) return leaf(entries[begin]);
  size_t k = 1;
  while (k * 2 < end - begin) k *= 2;
  return node(mth(entries, begin, begin + k), mth(entries, begin + k, end));
}

inline bool verify_inclusion(uint64_t index, uint64_t size, const Digest& leaf_hash,
                             const std::vector<Digest>& path, const Digest& root) {
  if (index >= size) return false;
  uint64_t fn = index, sn = size - 1;
  Digest r = leaf_hash;
  for (const auto& p : path) {
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      r = node(p, r);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = node(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

inline bool verify_consistency(uint64_t first, uint64_t second, const Digest& first_hash,
                               const Digest& second_hash, const std::vector<Digest>& proof) {
  if (first == second) return proof.empty() && first_hash == second_hash;
  if (first == 0 || first > second || proof.empty()) return false;
  std::vector<Digest> path;
  if ((first & (first - 1)) == 0) path.push_back(first_hash);
  for (const auto& p : proof) path.push_back(p);
  uint64_t fn = first - 1, sn = second - 1;
  while ((fn & 1) == 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Digest fr = path[0], sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    const Digest& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      fr = node(c, fr);
      sr = node(c, sr);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = node(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == first_hash && sr == second_hash && sn == 0;
}

// Hex to raw bytes (a proof as the HTTP API gives it).
inline Digest from_hex(const std::string& hex) {
  Digest out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

}  // namespace mandate::testing::rfc9162

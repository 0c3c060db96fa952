#include "tools/signing.h"

#include <cstdio>
#include <filesystem>
#include <memory>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include "events/record.h"

namespace mandate::tools {
namespace {

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct ContextFree {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
struct FileClose {
  void operator()(FILE* file) const { std::fclose(file); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using File = std::unique_ptr<FILE, FileClose>;

core::Error failed(const std::string& message) {
  return core::make_error(core::ErrorCode::kValidationFailed, message);
}

// A private key, or (when the file holds only a public one and `public_ok`) a public key.
core::Result<Key> read_key(const std::string& path, bool public_ok) {
  File in(std::fopen(path.c_str(), "r"));
  if (!in) return failed("cannot read the key " + path);
  Key key(PEM_read_PrivateKey(in.get(), nullptr, nullptr, nullptr));
  if (!key && public_ok) {
    std::rewind(in.get());
    key.reset(PEM_read_PUBKEY(in.get(), nullptr, nullptr, nullptr));
  }
  if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
    return failed(path + " is not an Ed25519 " + (public_ok ? "key" : "private key") + " (PEM)");
  }
  return key;
}

core::Status write_pem(const std::string& path, EVP_PKEY* key, bool private_key) {
  File out(std::fopen(path.c_str(), "wx"));
  if (!out) return failed("cannot create " + path + " (it must not exist)");
  if (private_key) ::fchmod(fileno(out.get()), 0600);
  const int written =
      private_key ? PEM_write_PrivateKey(out.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                  : PEM_write_PUBKEY(out.get(), key);
  if (written != 1) return failed("cannot write " + path);
  return core::ok_status();
}

}  // namespace

core::Status generate_key(const std::string& path) {
  if (std::filesystem::exists(path) || std::filesystem::exists(path + ".pub")) {
    return failed(path + " or " + path + ".pub exists; a key is never overwritten");
  }
  Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!key) return failed("cannot generate an Ed25519 key");
  RETURN_IF_ERROR(write_pem(path, key.get(), true));
  return write_pem(path + ".pub", key.get(), false);
}

core::Result<std::string> sign(const std::string& key_path, std::string_view message) {
  ASSIGN_OR_RETURN(Key key, read_key(key_path, false));
  std::unique_ptr<EVP_MD_CTX, ContextFree> context(EVP_MD_CTX_new());
  unsigned char signature[64];
  size_t length = sizeof signature;
  if (!context || EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
      EVP_DigestSign(context.get(), signature, &length,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    return failed("cannot sign with " + key_path);
  }
  return events::to_hex(std::string_view(reinterpret_cast<const char*>(signature), length));
}

core::Result<std::string> public_key_hex(const std::string& key_path) {
  ASSIGN_OR_RETURN(Key key, read_key(key_path, true));
  unsigned char raw[32];
  size_t length = sizeof raw;
  if (EVP_PKEY_get_raw_public_key(key.get(), raw, &length) != 1) {
    return failed("cannot read the public key of " + key_path);
  }
  return events::to_hex(std::string_view(reinterpret_cast<const char*>(raw), length));
}

bool verify_signature(std::string_view public_key_hex, std::string_view message,
                      std::string_view signature_hex) {
  auto raw = hex_decode(public_key_hex);
  auto signature = hex_decode(signature_hex);
  if (!raw.ok() || !signature.ok() || raw->size() != 32 || signature->size() != 64) return false;
  Key key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                      reinterpret_cast<const unsigned char*>(raw->data()), 32));
  std::unique_ptr<EVP_MD_CTX, ContextFree> context(EVP_MD_CTX_new());
  return key && context &&
         EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
         EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature->data()),
                          64, reinterpret_cast<const unsigned char*>(message.data()),
                          message.size()) == 1;
}

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

core::Result<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return failed("not base64");
  std::string out(3 * (text.size() / 4), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return failed("not base64");
  // EVP_DecodeBlock counts the padding as zero bytes.
  size_t padding = 0;
  if (!text.empty() && text.back() == '=') ++padding;
  if (text.size() > 1 && text[text.size() - 2] == '=') ++padding;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

core::Result<std::string> hex_decode(std::string_view hex) {
  if (hex.size() % 2 != 0) return failed("not hex");
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return failed("not lowercase hex");
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

}  // namespace mandate::tools

#include "tools/signed_note.h"

#include "tools/signing.h"

namespace mandate::tools {
namespace {

constexpr char kEd25519Type = 0x01;  // The signed-note signature type of Ed25519.
constexpr std::string_view kSignaturePrefix = "\u2014 ";  // An em dash and a space.

std::string_view bytes_of(const events::Hash& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}

core::Result<std::string> raw_public_key(const std::string& key_path) {
  ASSIGN_OR_RETURN(auto hex, public_key_hex(key_path));
  return hex_decode(hex);
}

bool valid_name(std::string_view name) {
  return !name.empty() && name.find_first_of(" +\n") == std::string_view::npos;
}

}  // namespace

std::string checkpoint_body(std::string_view origin, uint64_t size, const events::Hash& root,
                            std::string_view extension) {
  std::string body(origin);
  body += "\n" + std::to_string(size) + "\n" + base64_encode(bytes_of(root)) + "\n";
  if (!extension.empty()) body += std::string(extension) + "\n";
  return body;
}

std::string note_key_id(std::string_view name, std::string_view raw_public_key) {
  const std::string type(1, kEd25519Type);
  const auto digest = events::sha256_of({name, "\n", type, raw_public_key});
  return std::string(bytes_of(digest).substr(0, 4));
}

core::Result<std::string> sign_note(std::string_view body, std::string_view name,
                                    const std::string& key_path) {
  if (!valid_name(name)) {
    return core::make_error(core::ErrorCode::kValidationFailed,
                            "a note's key name must be non-empty, without spaces or +");
  }
  ASSIGN_OR_RETURN(auto public_key, raw_public_key(key_path));
  ASSIGN_OR_RETURN(auto signature_hex, sign(key_path, body));
  ASSIGN_OR_RETURN(auto signature, hex_decode(signature_hex));
  std::string note(body);
  note += "\n";
  note += kSignaturePrefix;
  note += std::string(name) + " " + base64_encode(note_key_id(name, public_key) + signature) + "\n";
  return note;
}

core::Result<std::string> note_verifier_key(std::string_view name, const std::string& key_path) {
  ASSIGN_OR_RETURN(auto public_key, raw_public_key(key_path));
  return std::string(name) + "+" + events::to_hex(note_key_id(name, public_key)) + "+" +
         base64_encode(std::string(1, kEd25519Type) + public_key);
}

}  // namespace mandate::tools

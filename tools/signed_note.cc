#include "tools/signed_note.h"

#include <algorithm>
#include <vector>

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

core::Result<CheckpointNote> parse_checkpoint_note(std::string_view text) {
  auto malformed = [](const std::string& why) {
    return core::make_error(core::ErrorCode::kValidationFailed, "not a checkpoint note: " + why);
  };
  const size_t blank = text.find("\n\n");
  if (blank == std::string_view::npos) return malformed("no empty line before the signatures");
  CheckpointNote note;
  note.body = std::string(text.substr(0, blank + 1));
  std::vector<std::string_view> lines;
  const std::string_view body = note.body;
  for (size_t at = 0; at < body.size();) {
    const size_t end = body.find('\n', at);
    lines.push_back(body.substr(at, end - at));
    at = end + 1;
  }
  if (lines.size() < 3) return malformed("fewer than three lines");
  note.origin = std::string(lines[0]);
  if (!valid_name(note.origin)) return malformed("the origin is empty or holds a space or +");
  if (lines[1].empty() || lines[1].size() > 19 ||
      lines[1].find_first_not_of("0123456789") != std::string_view::npos) {
    return malformed("the size is not a number");
  }
  note.size = std::stoull(std::string(lines[1]));
  auto root = base64_decode(lines[2]);
  if (!root.ok() || root->size() != note.root.size()) return malformed("the root is not 32 bytes");
  std::copy(root->begin(), root->end(), note.root.begin());
  if (lines.size() > 3) note.extension = std::string(lines[3]);

  // "— <name> <base64>" lines, each ending in a newline.
  for (size_t at = blank + 2; at < text.size();) {
    const size_t end = text.find('\n', at);
    if (end == std::string_view::npos) return malformed("a signature line without its newline");
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    if (!line.starts_with(kSignaturePrefix)) return malformed("a line that is not a signature");
    line.remove_prefix(kSignaturePrefix.size());
    const size_t space = line.find(' ');
    if (space == std::string_view::npos) return malformed("a signature without its key name");
    auto bytes = base64_decode(line.substr(space + 1));
    if (!bytes.ok() || bytes->size() < 5) return malformed("a signature that is not base64");
    note.signatures.emplace_back(std::string(line.substr(0, space)), std::move(bytes).value());
  }
  if (note.signatures.empty()) return malformed("no signature");
  return note;
}

core::Result<CheckpointNote> open_checkpoint_note(std::string_view text,
                                                  const std::string& public_key_path) {
  ASSIGN_OR_RETURN(auto note, parse_checkpoint_note(text));
  ASSIGN_OR_RETURN(auto public_key, raw_public_key(public_key_path));
  const std::string key_id = note_key_id(note.origin, public_key);
  for (const auto& [name, bytes] : note.signatures) {
    if (name != note.origin || bytes.size() != 68 || bytes.substr(0, 4) != key_id) continue;
    if (verify_signature(events::to_hex(public_key), note.body, events::to_hex(bytes.substr(4)))) {
      return note;
    }
  }
  return core::make_error(core::ErrorCode::kForbidden,
                          "no signature by " + note.origin + " with that key holds on the note");
}

}  // namespace mandate::tools

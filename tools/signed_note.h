#pragma once

// Checkpoints of the Merkle tree in the C2SP formats that transparency-log verifiers read:
// tlog-checkpoint (the origin, the tree size, the root in base64, extension lines) signed as a
// C2SP signed-note with an Ed25519 key (docs/proofs.md). Go's golang.org/x/mod/sumdb/note and
// the C2SP tools verify them with the key this file's note_verifier_key() prints.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "events/record.h"

namespace mandate::tools {

// "<origin>\n<size>\n<base64 root>\n" and, when given, one extension line (without newline).
std::string checkpoint_body(std::string_view origin, uint64_t size, const events::Hash& root,
                            std::string_view extension = {});

// The signed-note key id of an Ed25519 key: the first 4 bytes of
// SHA-256(name ‖ "\n" ‖ 0x01 ‖ the 32-byte public key).
std::string note_key_id(std::string_view name, std::string_view raw_public_key);

// The note: `body`, a blank line, and "— <name> <base64(key id ‖ signature)>\n", the signature
// Ed25519 over `body` with the private key in `key_path`. `name` must be non-empty and hold no
// space or "+".
core::Result<std::string> sign_note(std::string_view body, std::string_view name,
                                    const std::string& key_path);

// The verifier key "<name>+<hex key id>+<base64(0x01 ‖ public key)>" of a key file.
core::Result<std::string> note_verifier_key(std::string_view name, const std::string& key_path);

// A checkpoint note read back.
struct CheckpointNote {
  std::string origin;
  uint64_t size = 0;
  events::Hash root{};
  std::string extension;  // The first extension line, or "".
  std::string body;       // The signed text: up to the empty line, its last newline included.
  // Each signature line's key name and decoded bytes (key id ‖ signature), in order.
  std::vector<std::pair<std::string, std::string>> signatures;
};

// Splits a signed checkpoint note into its fields and signatures, checking nothing of the
// signatures; kValidationFailed for text that is not one.
core::Result<CheckpointNote> parse_checkpoint_note(std::string_view text);

// Parses a signed checkpoint note and checks that a signature on it, by the key name its origin
// gives, holds for the Ed25519 public key in `public_key_path` (PEM).
core::Result<CheckpointNote> open_checkpoint_note(std::string_view text,
                                                  const std::string& public_key_path);

}  // namespace mandate::tools

// checkpoint_note: a checkpoint note's text (a C2SP signed note, docs/proofs.md), read by
// parse_checkpoint_note as `mandate checkpoint check` reads a file someone handed over.
//
// Asserts: no crash, UB or escaped exception; a note that parses keeps its signed text apart
// from its signatures, and the same fields written out again parse to the same fields.

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "tools/signed_note.h"
#include "tools/signing.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mandate;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto note = tools::parse_checkpoint_note(text);
  if (!note.ok()) {
    FUZZ_CHECK(note.error().code == core::ErrorCode::kValidationFailed);
    return 0;
  }
  FUZZ_CHECK(text.starts_with(note->body));
  FUZZ_CHECK(!note->body.empty() && note->body.back() == '\n');
  FUZZ_CHECK(!note->signatures.empty());
  std::string again =
      tools::checkpoint_body(note->origin, note->size, note->root, note->extension) + "\n";
  for (const auto& [name, bytes] : note->signatures) {
    again += "\u2014 " + name + " " + tools::base64_encode(bytes) + "\n";
  }
  auto reread = tools::parse_checkpoint_note(again);
  FUZZ_CHECK(reread.ok());
  FUZZ_CHECK(reread->origin == note->origin && reread->size == note->size &&
             reread->root == note->root && reread->extension == note->extension &&
             reread->signatures == note->signatures);
  return 0;
}

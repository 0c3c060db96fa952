// capnpc-mandate: a Cap'n Proto compiler plugin that writes, from events/schema/payload.capnp,
// the core structs of every event (core/event_types.h), their codec
// (events/payload_codec_generated.cc) and their API JSON (http/event_json_generated.cc), under
// the directory capnp runs it in:
//
//   capnp compile -o capnpc-mandate:<dir> --src-prefix=<root> <root>/events/schema/payload.capnp
//
// Why a plugin and what the annotations mean: docs/decisions/event-description.md and
// events/schema/describe.capnp. A schema the generator cannot map (an event without $type, a
// type core has no form for, ...) is reported line by line and fails with status 1, so the
// build stops rather than writing code that disagrees with the log.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <capnp/schema.capnp.h>
#include <capnp/serialize.h>
#include <kj/exception.h>
#include <unistd.h>

#include "codegen/emit.h"
#include "codegen/model.h"

namespace {

// Writes `text` to `path` unless the file already holds it, so that an unchanged schema does not
// make the build recompile what includes the file.
bool write_if_changed(const std::string& path, const std::string& text) {
  {
    std::ifstream in(path, std::ios::binary);
    if (in) {
      std::string old((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (old == text) return true;
    }
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace

int main() {
  try {
    capnp::ReaderOptions options;
    options.traversalLimitInWords = uint64_t{1} << 30;  // The request of a whole schema.
    capnp::StreamFdMessageReader message(STDIN_FILENO, options);
    auto request = message.getRoot<capnp::schema::CodeGeneratorRequest>();

    std::vector<std::string> errors;
    const mandate::codegen::Model model = mandate::codegen::read_model(request, errors);
    for (const auto& e : errors) std::cerr << "capnpc-mandate: payload.capnp: " << e << "\n";
    if (!errors.empty()) return 1;

    const std::pair<const char*, std::string> files[] = {
        {"core/event_types.h", mandate::codegen::emit_core_header(model)},
        {"events/payload_codec_generated.cc", mandate::codegen::emit_codec(model)},
        {"http/event_json_generated.cc", mandate::codegen::emit_json(model)},
    };
    for (const auto& [path, text] : files) {
      if (!write_if_changed(path, text)) {
        std::cerr << "capnpc-mandate: cannot write " << path << "\n";
        return 1;
      }
    }
    return 0;
  } catch (const kj::Exception& e) {
    std::cerr << "capnpc-mandate: " << e.getDescription().cStr() << "\n";
    return 1;
  }
}

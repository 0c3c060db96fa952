// plan_file: a plan file's text (plans/*.json: an agencies file, an array, or one plan, an
// object), read by parse_plan_file as `mandate import` and `serve --seed` read it.
//
// Asserts: no crash, UB or escaped exception; an error names the file. A file that reads well
// reads the same from its own JSON dumped again (what `import --url` sends as the body).

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "tools/plan_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mandate;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto file = tools::parse_plan_file("fuzz.json", text);
  if (!file.ok()) {
    FUZZ_CHECK(file.error().message.starts_with("fuzz.json: "));
    return 0;
  }
  auto again = tools::parse_plan_file("fuzz.json", file->json.dump());
  FUZZ_CHECK(again.ok() && again->content == file->content);
  return 0;
}

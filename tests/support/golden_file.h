#pragma once

// Fixtures that pin a value's outside form (bytes on disk, JSON of the API). A test compares
// what the code produces with the committed file; with MANDATE_WRITE_GOLDEN=1 in the
// environment it writes the file instead, once, for the fixture to be reviewed and committed.

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>

namespace mandate::testing {

// Whether this run writes the fixtures rather than checking them.
inline bool writing_golden_files() {
  const char* flag = std::getenv("MANDATE_WRITE_GOLDEN");
  return flag != nullptr && std::string(flag) == "1";
}

// The whole file, or nullopt when it cannot be read.
inline std::optional<std::string> read_golden_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Replaces the file with `bytes`; false when it cannot be written.
inline bool write_golden_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  return static_cast<bool>(out);
}

}  // namespace mandate::testing

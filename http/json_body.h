#pragma once

// Reading command bodies: the media type, the nesting depth (checked before parsing, so a
// hostile body cannot exhaust the stack), well-formed UTF-8 JSON, and then typed fields, with
// every field that the command does not know refused by name.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/time.h"
#include "http/server.h"

namespace mandate::http {

// Deeper bodies are refused before parsing. No command needs more than a handful of levels.
inline constexpr size_t kMaxJsonDepth = 32;

// Limits on what a body may hold (docs/api.md, "Limits and timeouts"), in characters (Unicode
// code points, not bytes). A field named `name` or `title`, at any depth, is a name; every other
// string is free text. Fields that name an aggregate (kIdFields) must be slugs, which are at
// most 64 characters (core/id.h).
inline constexpr size_t kMaxNameLength = 500;
inline constexpr size_t kMaxTextLength = 10'000;
inline constexpr size_t kMaxListItems = 1'000;

// The body of a command as a JSON object. kUnsupportedMediaType unless Content-Type is
// application/json; kBadJson when it is not well-formed UTF-8 JSON or nests deeper than
// kMaxJsonDepth; kValidationFailed when it is not an object. An empty body is `{}`.
core::Result<nlohmann::json> parse_command_body(const Request& request);

// Parses JSON text with the same depth limit (plan files, tests).
core::Result<nlohmann::json> parse_json_text(std::string_view text);

// Reads the fields of one JSON object, remembering which were read, so that finish() can
// refuse the rest as unknown. Paths in errors are `prefix` + name, e.g. "tasks[2].lead".
// Every string read is held to the limits above, and a non-empty string in a field that names an
// aggregate (`id`, `agency`, `parent`, `plan`, `lead`, `issuer`, `focal_agency`, `transfer`,
// `to`, the items of
// `coordinators`, where "*" also stands for every agency) must be a slug: kValidationFailed naming
// the field otherwise, so that no such value reaches the store. Arrays hold at most kMaxListItems.
// Not thread-safe; `object` must outlive the reader.
class FieldReader {
 public:
  FieldReader(const nlohmann::json& object, std::string prefix = {});

  core::Result<std::string> required_string(std::string_view name);
  // Absent and null read as nullopt.
  core::Result<std::optional<std::string>> optional_string(std::string_view name);
  // Absent or null read as "".
  core::Result<std::string> string_or_empty(std::string_view name);
  core::Result<std::optional<core::Date>> optional_date(std::string_view name);
  core::Result<core::Date> required_date(std::string_view name);
  core::Result<std::optional<core::Instant>> optional_instant(std::string_view name);
  core::Result<core::Instant> required_instant(std::string_view name);
  core::Result<std::optional<int64_t>> optional_integer(std::string_view name, int64_t min,
                                                        int64_t max);
  // Absent or null read as `fallback`.
  core::Result<bool> bool_or(std::string_view name, bool fallback);
  core::Result<std::vector<std::string>> string_list(std::string_view name, bool required);
  // The raw value of a nested object or array, or nullptr when absent or null.
  core::Result<const nlohmann::json*> optional_object(std::string_view name);
  core::Result<const nlohmann::json*> optional_array(std::string_view name);

  // kUnknownField naming the first field that was never read.
  core::Status finish() const;

  std::string path(std::string_view name) const;

 private:
  const nlohmann::json* find(std::string_view name);

  const nlohmann::json& object_;
  std::string prefix_;
  std::set<std::string, std::less<>> read_;
};

// A FieldReader for `value` at `path`, or kValidationFailed when it is not an object.
core::Result<FieldReader> object_reader(const nlohmann::json& value, std::string path);

// What `parse` reads from the fields of `body`, with every field it did not read refused
// (kUnknownField): how each command route reads its body.
template <typename T>
core::Result<T> read_fields(core::Result<T> (*parse)(FieldReader&), const nlohmann::json& body) {
  FieldReader reader(body);
  ASSIGN_OR_RETURN(T value, parse(reader));
  RETURN_IF_ERROR(reader.finish());
  return value;
}

}  // namespace mandate::http

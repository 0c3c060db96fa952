#include "http/json_body.h"

#include <algorithm>
#include <array>

#include "core/id.h"

namespace mandate::http {
namespace {

using core::ErrorCode;
using nlohmann::json;

// Depth of brackets outside strings; stops counting once past the limit.
bool nests_deeper_than(std::string_view text, size_t limit) {
  size_t depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

core::Error wrong_type(const std::string& path, const char* expected) {
  return core::make_error(ErrorCode::kValidationFailed, path + " must be " + expected, path);
}

// Fields whose value is an aggregate's id; checked as slugs wherever they appear.
constexpr std::array<std::string_view, 9> kIdFields = {
    "id", "agency", "parent", "plan", "lead", "issuer", "focal_agency", "transfer", "to"};
constexpr std::array<std::string_view, 1> kIdListFields = {"coordinators"};
constexpr std::string_view kEveryAgency = "*";
constexpr std::array<std::string_view, 2> kNameFields = {"name", "title"};

template <size_t N>
bool one_of(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Code points in valid UTF-8 (the parser has checked it): the bytes that do not continue one.
size_t characters(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// The limits on one string read as `name` (the field's own name) at `path`.
core::Status check_string(std::string_view name, bool id, const std::string& path,
                          const std::string& value) {
  if (id) {
    // "*" in a list of agencies stands for all of them (plan files).
    if (value.empty() || core::is_slug(value) || value == kEveryAgency) return core::ok_status();
    return core::make_error(ErrorCode::kValidationFailed,
                            path + " must match [a-z0-9][a-z0-9._-]{0,63}", path);
  }
  const size_t limit = one_of(kNameFields, name) ? kMaxNameLength : kMaxTextLength;
  if (value.size() <= limit || characters(value) <= limit) return core::ok_status();
  return core::make_error(ErrorCode::kValidationFailed,
                          path + " is longer than " + std::to_string(limit) + " characters", path);
}

core::Status check_list_size(const std::string& path, const json& array) {
  if (array.size() <= kMaxListItems) return core::ok_status();
  return core::make_error(ErrorCode::kValidationFailed,
                          path + " holds more than " + std::to_string(kMaxListItems) + " items",
                          path);
}

}  // namespace

core::Result<json> parse_json_text(std::string_view text) {
  if (nests_deeper_than(text, kMaxJsonDepth)) {
    return core::make_error(ErrorCode::kBadJson,
                            "JSON nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  // The parser's own messages may quote the offending bytes, which need not be UTF-8: the
  // answer names the byte offset instead.
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    return core::make_error(
        ErrorCode::kBadJson,
        "the body is not well-formed UTF-8 JSON (at byte " + std::to_string(e.byte) + ")");
  } catch (const json::out_of_range&) {
    return core::make_error(ErrorCode::kBadJson, "the body holds a number too large to represent");
  } catch (const json::exception&) {
    return core::make_error(ErrorCode::kBadJson, "the body is not well-formed UTF-8 JSON");
  }
}

core::Result<json> parse_command_body(const Request& request) {
  const auto content_type = request[boost::beast::http::field::content_type];
  const std::string_view media = content_type.substr(0, content_type.find(';'));
  if (request.body().empty() && content_type.empty()) return json::object();
  if (media != "application/json") {
    return core::make_error(ErrorCode::kUnsupportedMediaType, "send the body as application/json");
  }
  ASSIGN_OR_RETURN(json value, parse_json_text(request.body()));
  if (!value.is_object()) {
    return core::make_error(ErrorCode::kValidationFailed, "the body must be a JSON object");
  }
  return value;
}

FieldReader::FieldReader(const json& object, std::string prefix)
    : object_(object), prefix_(std::move(prefix)) {}

std::string FieldReader::path(std::string_view name) const {
  return prefix_.empty() ? std::string(name) : prefix_ + "." + std::string(name);
}

const json* FieldReader::find(std::string_view name) {
  read_.emplace(name);
  auto it = object_.find(name);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

core::Result<std::string> FieldReader::required_string(std::string_view name) {
  const json* v = find(name);
  if (v == nullptr) {
    return core::make_error(ErrorCode::kValidationFailed, path(name) + " is required", path(name));
  }
  if (!v->is_string()) return wrong_type(path(name), "a string");
  std::string value = v->get<std::string>();
  RETURN_IF_ERROR(check_string(name, one_of(kIdFields, name), path(name), value));
  return value;
}

core::Result<std::optional<std::string>> FieldReader::optional_string(std::string_view name) {
  const json* v = find(name);
  if (v == nullptr) return std::optional<std::string>();
  if (!v->is_string()) return wrong_type(path(name), "a string");
  std::string value = v->get<std::string>();
  RETURN_IF_ERROR(check_string(name, one_of(kIdFields, name), path(name), value));
  return std::optional<std::string>(std::move(value));
}

core::Result<std::string> FieldReader::string_or_empty(std::string_view name) {
  ASSIGN_OR_RETURN(auto v, optional_string(name));
  return v.value_or(std::string());
}

core::Result<std::optional<core::Date>> FieldReader::optional_date(std::string_view name) {
  ASSIGN_OR_RETURN(auto text, optional_string(name));
  if (!text) return std::optional<core::Date>();
  auto date = core::parse_date(*text);
  if (!date) return wrong_type(path(name), "a date YYYY-MM-DD");
  return std::optional<core::Date>(*date);
}

core::Result<core::Date> FieldReader::required_date(std::string_view name) {
  ASSIGN_OR_RETURN(auto text, required_string(name));
  auto date = core::parse_date(text);
  if (!date) return wrong_type(path(name), "a date YYYY-MM-DD");
  return *date;
}

core::Result<std::optional<core::Instant>> FieldReader::optional_instant(std::string_view name) {
  ASSIGN_OR_RETURN(auto text, optional_string(name));
  if (!text) return std::optional<core::Instant>();
  auto instant = core::parse_instant(*text);
  if (!instant) return wrong_type(path(name), "an RFC 3339 instant");
  return std::optional<core::Instant>(*instant);
}

core::Result<core::Instant> FieldReader::required_instant(std::string_view name) {
  ASSIGN_OR_RETURN(auto text, required_string(name));
  auto instant = core::parse_instant(text);
  if (!instant) return wrong_type(path(name), "an RFC 3339 instant");
  return *instant;
}

core::Result<bool> FieldReader::bool_or(std::string_view name, bool fallback) {
  const json* v = find(name);
  if (v == nullptr) return fallback;
  if (!v->is_boolean()) return wrong_type(path(name), "true or false");
  return v->get<bool>();
}

core::Result<std::optional<int64_t>> FieldReader::optional_integer(std::string_view name,
                                                                   int64_t min, int64_t max) {
  const json* v = find(name);
  if (v == nullptr) return std::optional<int64_t>();
  const std::string range = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (v->is_number_integer()) {
    // A huge unsigned number does not fit int64: compare as unsigned first.
    if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(max)) {
      return wrong_type(path(name), range.c_str());
    }
    const int64_t n = v->get<int64_t>();
    if (n < min || n > max) return wrong_type(path(name), range.c_str());
    return std::optional<int64_t>(n);
  }
  return wrong_type(path(name), range.c_str());
}

core::Result<std::vector<std::string>> FieldReader::string_list(std::string_view name,
                                                                bool required) {
  const json* v = find(name);
  std::vector<std::string> out;
  if (v == nullptr) {
    if (required) {
      return core::make_error(ErrorCode::kValidationFailed, path(name) + " is required",
                              path(name));
    }
    return out;
  }
  if (!v->is_array()) return wrong_type(path(name), "an array of strings");
  RETURN_IF_ERROR(check_list_size(path(name), *v));
  for (size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    const std::string item_path = path(name) + "[" + std::to_string(i) + "]";
    if (!item.is_string()) return wrong_type(item_path, "a string");
    std::string value = item.get<std::string>();
    RETURN_IF_ERROR(check_string(name, one_of(kIdListFields, name), item_path, value));
    out.push_back(std::move(value));
  }
  return out;
}

core::Result<const json*> FieldReader::optional_object(std::string_view name) {
  const json* v = find(name);
  if (v != nullptr && !v->is_object()) return wrong_type(path(name), "an object");
  return v;
}

core::Result<const json*> FieldReader::optional_array(std::string_view name) {
  const json* v = find(name);
  if (v != nullptr && !v->is_array()) return wrong_type(path(name), "an array");
  if (v != nullptr) RETURN_IF_ERROR(check_list_size(path(name), *v));
  return v;
}

core::Status FieldReader::finish() const {
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (read_.find(it.key()) == read_.end()) {
      return core::make_error(ErrorCode::kUnknownField,
                              path(it.key()) + " is not a field of this request", path(it.key()));
    }
  }
  return core::ok_status();
}

core::Result<FieldReader> object_reader(const json& value, std::string path) {
  if (!value.is_object()) return wrong_type(path, "an object");
  return FieldReader(value, std::move(path));
}

}  // namespace mandate::http

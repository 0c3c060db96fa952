#pragma once

// Every command route's body reader, by route, for the fuzzer (fuzz/json_body_fuzz.cc). Each
// runs on a parsed body what its route runs before the command is decided (field types, limits,
// ids, unknown fields refused) and says whether the body was accepted. The routes call the same
// functions, so what the fuzzer reads is read exactly as the server reads it.
//
// Thread-safety: pure functions.

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "http/json_body.h"

namespace mandate::http {

struct BodyReader {
  std::string_view route;  // "POST /v1/tasks/{id+}/progress"
  core::Status (*read)(const nlohmann::json& body);
};

// A route's reader from its parse function: one that reads a FieldReader (read_fields, as
// aggregate_command does) or one that reads the whole body.
template <auto parse>
core::Status accepts_fields(const nlohmann::json& body) {
  auto value = read_fields(parse, body);
  return value.ok() ? core::ok_status() : core::Status(value.take_error());
}
template <auto parse>
core::Status accepts_body(const nlohmann::json& body) {
  auto value = parse(body);
  return value.ok() ? core::ok_status() : core::Status(value.take_error());
}

// Each beside its routes, in http/routes_*.cc.
std::vector<BodyReader> directory_body_readers();
std::vector<BodyReader> plan_body_readers();
std::vector<BodyReader> task_body_readers();
std::vector<BodyReader> transfer_body_readers();
std::vector<BodyReader> incident_body_readers();
std::vector<BodyReader> inspection_body_readers();
std::vector<BodyReader> backup_body_readers();

// All of the above, in that order.
std::vector<BodyReader> body_readers();

}  // namespace mandate::http

#include "core/field_rules.h"

#include <algorithm>
#include <string>

#include "core/id.h"

namespace mandate::core {

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  });
}

Status require_text(std::string_view text, std::string_view field) {
  if (!is_blank(text)) return ok_status();
  return make_error(ErrorCode::kValidationFailed, std::string(field) + " is required",
                    std::string(field));
}

Status require_slug(std::string_view id, std::string_view field) {
  if (is_slug(id)) return ok_status();
  return make_error(ErrorCode::kValidationFailed,
                    std::string(field) + " must match [a-z0-9][a-z0-9._-]{0,63}",
                    std::string(field));
}

Status require_agency(const Directory& directory, std::string_view agency, std::string_view field) {
  if (is_blank(agency)) {
    return make_error(ErrorCode::kValidationFailed, std::string(field) + " is required",
                      std::string(field));
  }
  if (!directory.agency_exists(agency)) {
    return make_error(ErrorCode::kUnknownAgency, "no agency " + std::string(agency),
                      std::string(field));
  }
  return ok_status();
}

Result<PlanFacts> require_plan(const Directory& directory, std::string_view plan,
                               std::string_view field) {
  RETURN_IF_ERROR(require_slug(plan, field));
  PlanFacts facts = directory.plan_facts(plan);
  if (facts.focal_agency.empty()) {
    return make_error(ErrorCode::kValidationFailed, "no plan " + std::string(plan),
                      std::string(field));
  }
  return facts;
}

bool is_country_code(std::string_view code) {
  return code.size() == 2 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

Status require_country_code(std::string_view code, std::string_view field) {
  if (is_country_code(code)) return ok_status();
  return make_error(ErrorCode::kValidationFailed,
                    std::string(field) + " must be an ISO 3166-1 alpha-2 code such as \"LA\"",
                    std::string(field));
}

Status require_acting_for(const Caller& caller, std::string_view agency, std::string_view field) {
  if (caller.is_admin() || (!caller.agency.empty() && caller.agency == agency)) {
    return ok_status();
  }
  return make_error(ErrorCode::kForbidden,
                    "the caller acts for its own agency only, not for " + std::string(agency),
                    std::string(field));
}

Error id_taken(std::string_view kind, std::string_view id) {
  return make_error(ErrorCode::kConflict,
                    std::string(kind) + " id " + std::string(id) + " is already taken", "id");
}

}  // namespace mandate::core

#pragma once

// Rules on command fields that several aggregates share (agencies, users, transfers,
// incidents), so that each rule lives in one place. Every function returns ok or an Error whose
// `field` is the JSON path given by the caller, so that the same rule can name "agency" in one
// body and "to" in another.
//
// Thread-compatible: pure functions.

#include <string_view>

#include "core/caller.h"
#include "core/directory.h"
#include "core/result.h"

namespace mandate::core {

// True when `text` is empty or holds only ASCII whitespace: such a value is treated as absent.
bool is_blank(std::string_view text);

// kValidationFailed "<field> is required" when `text` is blank.
Status require_text(std::string_view text, std::string_view field);

// kValidationFailed when `id` is not a slug (core/id.h).
Status require_slug(std::string_view id, std::string_view field);

// kValidationFailed when `agency` is blank; kUnknownAgency when `directory` knows no such
// agency.
Status require_agency(const Directory& directory, std::string_view agency, std::string_view field);

// The facts of plan `plan`: kValidationFailed (`field`) when it is not a slug or `directory`
// knows no such plan.
Result<PlanFacts> require_plan(const Directory& directory, std::string_view plan,
                               std::string_view field);

// True for two ASCII uppercase letters: the shape of an ISO 3166-1 alpha-2 code ("LA", "IT").
// Whether the code is assigned to a country is not checked; the list changes and is data.
bool is_country_code(std::string_view code);

// kValidationFailed when `code` is not is_country_code().
Status require_country_code(std::string_view code, std::string_view field);

// kForbidden (with `field`, which may be empty) unless the caller belongs to `agency` or is an
// admin: an officer files and completes transfers and reports incidents for its own agency only.
Status require_acting_for(const Caller& caller, std::string_view agency, std::string_view field);

// The kConflict (field "id") answered to a creating command whose stream already exists. It
// says only that the id is taken, never what holds it: the caller may not be allowed to know.
Error id_taken(std::string_view kind, std::string_view id);

}  // namespace mandate::core

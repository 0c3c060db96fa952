#pragma once

// The serve flags that name a province's offices and the breach chain's deadlines:
//   --authorities committee=ID,committee_office=ID,police_division=ID,ministry_division=ID
//   --incident-deadlines report=24h,receive=24h,committee=48h,ministry=48h,partner=72h
// Each takes any subset of its keys; the others keep their defaults (core/directory.h,
// core/incident.h). Unknown keys, repeated keys, ids that are not slugs and durations that are
// not whole hours from 1 to 8760 are refused, with the reason in `why`.

#include <optional>
#include <string>
#include <string_view>

#include "core/directory.h"
#include "core/incident.h"
#include "core/sign_in.h"

namespace mandate::tools {

std::optional<core::Authorities> parse_authorities(std::string_view text, std::string* why);
std::optional<core::IncidentDeadlines> parse_incident_deadlines(std::string_view text,
                                                                std::string* why);

// The flags of signing in, with durations as a whole number and a unit (30s, 15m, 12h):
//   --session-limits idle=30m,max=12h
//   --sign-in-throttle free=3,delay=1s,max-delay=60s,lock-after=10,lock=15m,source-lock-after=50
// (the defaults of core/sign_in.h). delay=0s turns the growing delay off.
std::optional<core::SessionLimits> parse_session_limits(std::string_view text, std::string* why);
std::optional<core::ThrottleSettings> parse_sign_in_throttle(std::string_view text,
                                                             std::string* why);

}  // namespace mandate::tools

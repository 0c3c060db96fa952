#pragma once

// Errors on the wire: every error is application/problem+json with a stable code. This is the
// one place that maps an ErrorCode to an HTTP status.

#include <string>

#include "core/result.h"
#include "http/server.h"

namespace mandate::http {

unsigned status_of(core::ErrorCode code);

// {"type","title","status","code","detail","field"?} with the status of the code.
Response problem(const core::Error& error);

// For rejections before any request was parsed (limits, malformed HTTP), by status.
Response problem_for_status(unsigned status, const std::string& detail);

}  // namespace mandate::http

#include "http/problem.h"

#include <nlohmann/json.hpp>

namespace mandate::http {
namespace {

const char* title_of(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kBadJson:
      return "The body is not valid JSON";
    case core::ErrorCode::kUnauthenticated:
      return "Authentication required";
    case core::ErrorCode::kForbidden:
      return "Not allowed";
    case core::ErrorCode::kNotFound:
      return "Not found";
    case core::ErrorCode::kConflict:
      return "The command does not fit the current state";
    case core::ErrorCode::kVersionConflict:
      return "The resource has changed";
    case core::ErrorCode::kPayloadTooLarge:
      return "The body is too large";
    case core::ErrorCode::kHeadersTooLarge:
      return "The headers are too large";
    case core::ErrorCode::kUnsupportedMediaType:
      return "Unsupported media type";
    case core::ErrorCode::kValidationFailed:
      return "Validation failed";
    case core::ErrorCode::kUnknownField:
      return "Unknown field";
    case core::ErrorCode::kUnknownAgency:
      return "Unknown agency";
    case core::ErrorCode::kIdempotencyKeyReused:
      return "Idempotency key reused";
    case core::ErrorCode::kTopSecretTransferForbidden:
      return "Top Secret never leaves";
    case core::ErrorCode::kApprovalRequired:
      return "Approval required";
    case core::ErrorCode::kRateLimited:
      return "Too many requests";
    case core::ErrorCode::kSignInFailed:
      return "Sign-in failed";
    case core::ErrorCode::kSecondFactorRequired:
      return "A one-time code is required";
    case core::ErrorCode::kPasswordChangeRequired:
      return "Change your password first";
    case core::ErrorCode::kSecondFactorEnrolmentRequired:
      return "Enrol a second factor first";
    case core::ErrorCode::kCsrfFailed:
      return "Cross-site request refused";
    case core::ErrorCode::kInternal:
      return "Internal error";
    case core::ErrorCode::kMethodNotAllowed:
      return "Method not allowed";
    case core::ErrorCode::kTooManyAssignments:
      return "Too many assignments";
    case core::ErrorCode::kCorrupt:
      return "The log is damaged";
  }
  return "Error";
}

}  // namespace

unsigned status_of(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kBadJson:
      return 400;
    case core::ErrorCode::kUnauthenticated:
      return 401;
    case core::ErrorCode::kForbidden:
      return 403;
    case core::ErrorCode::kNotFound:
      return 404;
    case core::ErrorCode::kConflict:
      return 409;
    case core::ErrorCode::kVersionConflict:
      return 412;
    case core::ErrorCode::kPayloadTooLarge:
      return 413;
    case core::ErrorCode::kUnsupportedMediaType:
      return 415;
    case core::ErrorCode::kValidationFailed:
    case core::ErrorCode::kUnknownField:
    case core::ErrorCode::kUnknownAgency:
    case core::ErrorCode::kIdempotencyKeyReused:
    case core::ErrorCode::kTopSecretTransferForbidden:
    case core::ErrorCode::kApprovalRequired:
      return 422;
    case core::ErrorCode::kMethodNotAllowed:
      return 405;
    case core::ErrorCode::kTooManyAssignments:
      return 422;
    case core::ErrorCode::kRateLimited:
      return 429;
    case core::ErrorCode::kSignInFailed:
    case core::ErrorCode::kSecondFactorRequired:
      return 401;
    case core::ErrorCode::kPasswordChangeRequired:
    case core::ErrorCode::kSecondFactorEnrolmentRequired:
    case core::ErrorCode::kCsrfFailed:
      return 403;
    case core::ErrorCode::kHeadersTooLarge:
      return 431;
    case core::ErrorCode::kInternal:
    case core::ErrorCode::kCorrupt:
      return 500;
  }
  return 500;
}

Response problem(const core::Error& error) {
  const unsigned status = status_of(error.code);
  // A damaged log is an internal error to clients; the detail stays in the server's log.
  const auto code =
      error.code == core::ErrorCode::kCorrupt ? core::ErrorCode::kInternal : error.code;
  nlohmann::json body = {
      {"type", std::string("https://mandate.invalid/problems/") + core::error_code_name(code)},
      {"title", title_of(code)},
      {"status", status},
      {"code", core::error_code_name(code)},
      {"detail", error.message}};
  if (!error.field.empty()) body["field"] = error.field;
  Response response{static_cast<boost::beast::http::status>(status), 11};
  response.set(boost::beast::http::field::content_type, "application/problem+json");
  response.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

Response problem_for_status(unsigned status, const std::string& detail) {
  core::ErrorCode code = core::ErrorCode::kBadJson;
  switch (status) {
    case 413:
      code = core::ErrorCode::kPayloadTooLarge;
      break;
    case 431:
      code = core::ErrorCode::kHeadersTooLarge;
      break;
    case 429:
      code = core::ErrorCode::kRateLimited;
      break;
    default:
      break;
  }
  Response response = problem(core::make_error(code, detail));
  if (status == 429) response.set(boost::beast::http::field::retry_after, "1");
  return response;
}

}  // namespace mandate::http

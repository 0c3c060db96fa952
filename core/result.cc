#include "core/result.h"

namespace mandate::core {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadJson:
      return "bad_json";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kVersionConflict:
      return "version_conflict";
    case ErrorCode::kPayloadTooLarge:
      return "payload_too_large";
    case ErrorCode::kHeadersTooLarge:
      return "headers_too_large";
    case ErrorCode::kUnsupportedMediaType:
      return "unsupported_media_type";
    case ErrorCode::kValidationFailed:
      return "validation_failed";
    case ErrorCode::kUnknownField:
      return "unknown_field";
    case ErrorCode::kUnknownAgency:
      return "unknown_agency";
    case ErrorCode::kIdempotencyKeyReused:
      return "idempotency_key_reused";
    case ErrorCode::kTopSecretTransferForbidden:
      return "top_secret_transfer_forbidden";
    case ErrorCode::kApprovalRequired:
      return "approval_required";
    case ErrorCode::kRateLimited:
      return "rate_limited";
    case ErrorCode::kSignInFailed:
      return "sign_in_failed";
    case ErrorCode::kSecondFactorRequired:
      return "second_factor_required";
    case ErrorCode::kPasswordChangeRequired:
      return "password_change_required";
    case ErrorCode::kSecondFactorEnrolmentRequired:
      return "second_factor_enrolment_required";
    case ErrorCode::kCsrfFailed:
      return "csrf_failed";
    case ErrorCode::kInternal:
      return "internal";
    case ErrorCode::kMethodNotAllowed:
      return "method_not_allowed";
    case ErrorCode::kTooManyAssignments:
      return "too_many_assignments";
    case ErrorCode::kCorrupt:
      return "corrupt";
  }
  return "internal";
}

}  // namespace mandate::core

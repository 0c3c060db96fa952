#pragma once

// The value kept under an idempotency key: the command's fingerprint and the result of its
// first append, so that a repeat answers exactly as the first one did.

#include <string>
#include <string_view>

#include "core/result.h"
#include "events/store.h"

namespace mandate::events {

std::string encode_idempotent_answer(std::string_view fingerprint, const AppendResult& result);

// The first result (with replayed = true) when `fingerprint` matches the stored one;
// kIdempotencyKeyReused when it does not; kCorrupt when the value is malformed.
core::Result<AppendResult> decode_idempotent_answer(std::string_view stored,
                                                    std::string_view fingerprint);

}  // namespace mandate::events

#pragma once

// A transfer of classified information (chuyển giao tin mật) to or from a partner country's
// competent bodies, stream "transfer:<id>".
//
// Outbound: requested -> approved (by the competent person, whose approval's document number is
// recorded) -> completed, or requested -> rejected. Top Secret never leaves: an outbound
// top_secret transfer is refused before anything else about its document is looked at, so no
// such stream can ever exist. Inbound: recorded once, on receipt, in status received; nothing
// more happens to it.
//
// A transfer classified above the caller's clearance does not exist for that caller, whatever
// its roles; an officer with no other role sees only its own agency's.
//
// Thread-compatible: plain values and pure functions.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "core/caller.h"
#include "core/decision.h"
#include "core/directory.h"
#include "core/event.h"
#include "core/result.h"
#include "core/time.h"
#include "core/vocabulary.h"

namespace mandate::core {

struct TransferState {
  uint64_t version = 0;  // Events folded; 0: the transfer does not exist.
  std::string id;
  std::string agency;
  Direction direction = Direction::kOutbound;
  std::string partner;
  std::string plan;  // May be empty.
  TransferDocument document;
  Channel channel = Channel::kDiplomatic;
  std::string purpose;
  TransferStatus status = TransferStatus::kRequested;
  Instant recorded_at;      // When it was requested (outbound) or its receipt recorded (inbound).
  std::string recorded_by;  // The user who filed it.
  std::string approval_ref;
  std::string approval_note;
  std::string approved_by;
  std::optional<Instant> approved_at;
  std::string rejection_reason;
  std::string rejected_by;
  std::optional<Instant> rejected_at;
  std::optional<Date> completed_on;
  std::string completed_by;

  bool operator==(const TransferState&) const = default;
};

// Folds one event of the transfer's stream into `state` and sets state.version = event.version.
// Events of other aggregates change nothing else.
void evolve(TransferState& state, const RecordedEvent& event);

// True when the caller may know the transfer exists: it clears the document's classification
// and, when confined to its own agency, the transfer is its agency's.
bool may_see(const Caller& caller, const TransferState& state);

// POST /v1/transfers with direction "outbound": asks approval to send a document abroad.
struct RequestTransfer {
  std::string id;
  std::string agency;
  std::string partner;  // ISO 3166-1 alpha-2, e.g. "LA".
  std::string plan;     // May be empty.
  TransferDocument document;
  Channel channel = Channel::kDiplomatic;
  std::string purpose;
};

// POST /v1/transfers with direction "inbound": a document received from the partner.
struct RecordInboundTransfer {
  std::string id;
  std::string agency;
  std::string partner;
  std::string plan;
  TransferDocument document;
  Channel channel = Channel::kDiplomatic;
  std::string purpose;
};

struct ApproveTransfer {
  std::string approval_ref;  // The approval's document number.
  std::string note;          // Optional.
};

struct RejectTransfer {
  std::string reason;
};

struct CompleteTransfer {
  Date completed_on;
};

using TransferCommand = std::variant<RequestTransfer, RecordInboundTransfer, ApproveTransfer,
                                     RejectTransfer, CompleteTransfer>;

// Decides `command` against the transfer `state`; events go to "transfer:<id>" with the state's
// version expected.
//
// RequestTransfer -> TransferRequested (status requested); RecordInboundTransfer ->
// TransferReceived (status received). In order: kConflict (field "id") when the id is taken;
// kForbidden unless may(kRequestTransfers), and (field "agency") unless the caller is of
// `agency` or an admin; for an outbound top_secret document kTopSecretTransferForbidden (field
// "document.classification"); kValidationFailed for "id" (not a slug), kValidationFailed /
// kUnknownAgency for "agency", kValidationFailed for "partner" (not two uppercase letters),
// "plan" (given and not a slug), "document.ref", "document.title" (blank),
// "document.classification" (above the caller's clearance: one may not file what one may not
// know) and "purpose" (blank).
//
// The other commands: kNotFound when the transfer does not exist or !may_see(); then
// ApproveTransfer -> TransferApproved and RejectTransfer -> TransferRejected: kForbidden unless
// may(kDecideTransfers); kValidationFailed for a blank "approval_ref" / "reason"; kConflict
// unless the transfer is outbound and requested.
// CompleteTransfer -> TransferCompleted: kForbidden unless may(kRequestTransfers) and the caller
// is of the transfer's agency or an admin; kValidationFailed ("completed_on") when after the
// day of `now` or before the day of the approval; kConflict when inbound or completed;
// kApprovalRequired when requested or rejected.
Result<Decision> decide(const TransferState& state, const TransferCommand& command,
                        const Caller& caller, Instant now, const Directory& directory);

}  // namespace mandate::core

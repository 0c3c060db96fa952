#pragma once

// A transfer of classified information (chuyển giao tin mật) to or from a partner country's
// competent bodies, stream "transfer:<id>".
//
// Outbound: requested -> approved -> completed, or requested -> rejected. Secret and
// Confidential documents leave only with the written consent of the competent person (003:64):
// for an agency under the People's Committee (or the Committee itself), its Chairman, on the
// proposal the Committee Office prepares with the Provincial Police's opinion, so such a request
// goes requested -> proposed -> approved (003:65); for any other body, the competent person of
// the body it belongs to, its parent in the directory (003:66). The approval records its
// document's number, date and signer; the user who requested a transfer never approves it.
// Top Secret never leaves (003:63): an outbound top_secret transfer is refused before anything
// else about its document is looked at, so no such stream can ever exist. Inbound: recorded
// once, with the day it was received, in status received; nothing more happens to it.
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
  std::optional<Date> received_on;  // Inbound: the day of receipt.
  std::string proposal_note;
  std::string police_opinion;
  std::string proposed_by;
  std::optional<Instant> proposed_at;
  std::string approval_ref;
  std::string approval_note;
  std::string approved_by;
  std::optional<Instant> approved_at;
  std::optional<Date> approved_on;  // The approval document's date.
  std::string signed_by;            // Who signed it, as the document names them.
  std::string rejection_reason;
  std::string rejected_by;
  std::optional<Instant> rejected_at;
  std::optional<Date> completed_on;
  std::string completed_by;
  bool cipher_protected = false;

  bool operator==(const TransferState&) const = default;
};

// The day a transfer happened, which the statistics and the year filter count it in: the day it
// was completed (outbound) or received (inbound); absent for an outbound one not completed.
std::optional<Date> day_of_transfer(const TransferState& state);

// Who decides on an outbound request of `agency` (003:64-66): the People's Committee, after its
// Office's proposal, for the Committee and every agency under it; otherwise the agency's parent
// (itself when it is a root).
struct CompetentApprover {
  std::string agency;
  bool needs_proposal = false;

  bool operator==(const CompetentApprover&) const = default;
};
CompetentApprover competent_approver(std::string_view agency, const Directory& directory);

// Folds one event of the transfer's stream into `state` and sets state.version = event.version.
// Events of other aggregates change nothing else.
void evolve(TransferState& state, const RecordedEvent& event);

// True when the caller may know the transfer exists: it clears the document's classification
// and, when confined to its own agency, the transfer is its agency's.
bool may_see(const Caller& caller, const TransferState& state);
// The same, and also the People's Committee Office, whose officers see the requests they must
// propose though they are of another agency (003:65). Decisions and the transfer routes ask
// this one; the views count only what may_see() above shows.
bool may_see(const Caller& caller, const TransferState& state, const Directory& directory);

// True when the next step of the transfer is the caller's to take: the Committee Office's
// proposal, or the competent approver's decision (not on a request of their own). What an
// approver's screen lists (GET /v1/transfers?awaiting=me).
bool awaits(const Caller& caller, const TransferState& state, const Directory& directory);

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
  std::optional<Date> received_on;  // Absent: today.
};

// POST /v1/transfers/{id}/propose: the Committee Office's proposal, with the police's opinion.
struct ProposeTransfer {
  std::string note;  // Optional.
  std::string police_opinion;
};

struct ApproveTransfer {
  std::string approval_ref;  // The approval's document number.
  Date approved_on;          // The approval's date.
  std::string signed_by;     // Its signer.
  std::string note;          // Optional.
};

struct RejectTransfer {
  std::string reason;
};

struct CompleteTransfer {
  Date completed_on;
  bool cipher_protected = false;
};

using TransferCommand = std::variant<RequestTransfer, RecordInboundTransfer, ProposeTransfer,
                                     ApproveTransfer, RejectTransfer, CompleteTransfer>;

// Decides `command` against the transfer `state`; events go to "transfer:<id>" with the state's
// version expected.
//
// RequestTransfer -> TransferRequested (status requested); RecordInboundTransfer ->
// TransferReceived (status received). In order: kConflict (field "id") when the id is taken;
// kForbidden unless may(kRequestTransfers), and (field "agency") unless the caller is of
// `agency` or an admin; for an outbound top_secret document kTopSecretTransferForbidden (field
// "document.classification"); kValidationFailed for "id" (not a slug), kValidationFailed /
// kUnknownAgency for "agency", kValidationFailed for "partner" (not two uppercase letters),
// "plan" (given and not a slug, no such plan, or a plan whose agreement is with another partner),
// "document.ref", "document.title" (blank), "document.classification" (above the caller's
// clearance: one may not file what one may not know), "purpose" (blank) and, inbound,
// "received_on" (after today). "Today" is the day of `now` in the directory's time zone.
//
// The other commands: kNotFound when the transfer does not exist or !may_see(); then
// ProposeTransfer -> TransferProposed: kForbidden unless the caller is an officer or coordinator
// of the Committee Office; kValidationFailed for a blank "police_opinion"; kConflict unless the
// transfer is outbound, requested and one the Committee decides.
// ApproveTransfer -> TransferApproved and RejectTransfer -> TransferRejected: kForbidden unless
// the caller is an approver of the competent agency (an admin is not: the law names the
// competent person), and unless the caller is not the user who requested it;
// kValidationFailed for a blank "approval_ref", "signed_by" / "reason", an "approved_on" after
// today or before the day of the request; kConflict unless the transfer is outbound and
// awaiting a decision (requested, or proposed where the Committee decides); approving a
// Committee decision before the proposal is kConflict too.
// CompleteTransfer -> TransferCompleted: kForbidden unless may(kRequestTransfers) and the caller
// is of the transfer's agency or an admin; kValidationFailed ("completed_on") when after today
// or before the approval's date; kConflict when inbound or completed; kApprovalRequired when
// not approved.
Result<Decision> decide(const TransferState& state, const TransferCommand& command,
                        const Caller& caller, Instant now, const Directory& directory);

}  // namespace mandate::core

#include "core/transfer.h"

#include <string_view>
#include <type_traits>
#include <utility>

#include "core/access.h"
#include "core/field_rules.h"

namespace mandate::core {
namespace {

template <typename Opened>
void open_transfer(TransferState& state, const Opened& e, Direction direction,
                   TransferStatus status, const RecordedEvent& event) {
  state = TransferState{};
  state.id = e.id;
  state.agency = e.agency;
  state.direction = direction;
  state.partner = e.partner;
  state.plan = e.plan;
  state.document = e.document;
  state.channel = e.channel;
  state.purpose = e.purpose;
  state.status = status;
  state.recorded_at = event.recorded_at;
  state.recorded_by = event.actor.user;
}

void apply(TransferState& state, const TransferRequested& e, const RecordedEvent& event) {
  open_transfer(state, e, Direction::kOutbound, TransferStatus::kRequested, event);
}

void apply(TransferState& state, const TransferReceived& e, const RecordedEvent& event) {
  open_transfer(state, e, Direction::kInbound, TransferStatus::kReceived, event);
  // Before the day of receipt was asked for, the record's day is the best there is.
  state.received_on = e.received_on.value_or(date_of(event.recorded_at));
}

void apply(TransferState& state, const TransferProposed& e, const RecordedEvent& event) {
  state.status = TransferStatus::kProposed;
  state.proposal_note = e.note;
  state.police_opinion = e.police_opinion;
  state.proposed_by = event.actor.user;
  state.proposed_at = event.recorded_at;
}

void apply(TransferState& state, const TransferApproved& e, const RecordedEvent& event) {
  state.status = TransferStatus::kApproved;
  state.approval_ref = e.approval_ref;
  state.approval_note = e.note;
  state.approved_by = event.actor.user;
  state.approved_at = event.recorded_at;
  state.approved_on = e.approved_on.value_or(date_of(event.recorded_at));
  state.signed_by = e.signed_by;
}

void apply(TransferState& state, const TransferRejected& e, const RecordedEvent& event) {
  state.status = TransferStatus::kRejected;
  state.rejection_reason = e.reason;
  state.rejected_by = event.actor.user;
  state.rejected_at = event.recorded_at;
}

void apply(TransferState& state, const TransferCompleted& e, const RecordedEvent& event) {
  state.status = TransferStatus::kCompleted;
  state.completed_on = e.completed_on;
  state.completed_by = event.actor.user;
  state.cipher_protected = e.cipher_protected;
}

template <typename Other>
void apply(TransferState&, const Other&, const RecordedEvent&) {}

Decision one_event(const TransferState& state, std::string_view id, EventData event) {
  return single_stream(transfer_stream(id), state.version,
                       {NewEvent{std::move(event), std::nullopt}});
}

Error validation(std::string message, std::string field) {
  return make_error(ErrorCode::kValidationFailed, std::move(message), std::move(field));
}

Error conflict(std::string message) { return make_error(ErrorCode::kConflict, std::move(message)); }

// The day against which the dates of a transfer are judged: the day of `now` in the server's
// time zone, so that a transfer completed at 06:00 in Hà Nội is not "tomorrow".
Date today(Instant now, const Directory& directory) {
  return local_date_of(now, directory.utc_offset_minutes());
}

// A transfer under a plan is one under the plan's agreement, so the plan must exist and be
// with the same partner.
Status check_plan(const std::string& plan, const std::string& partner, const Directory& directory) {
  if (plan.empty()) return ok_status();
  ASSIGN_OR_RETURN(const PlanFacts facts, require_plan(directory, plan, "plan"));
  if (facts.partner != partner) {
    return validation("plan " + plan + " is not an agreement with " + partner, "plan");
  }
  return ok_status();
}

// RequestTransfer and RecordInboundTransfer carry the same fields and obey the same rules; only
// the direction and the event differ.
template <typename Filing>
Status check_filing(const TransferState& state, const Filing& c, Direction direction,
                    const Caller& caller, Instant now, const Directory& directory) {
  if (!may(caller, Action::kRequestTransfers)) {
    return make_error(ErrorCode::kForbidden, "only an officer files transfers");
  }
  RETURN_IF_ERROR(require_acting_for(caller, c.agency, "agency"));
  // Top Secret never leaves: this comes before any other rule on the document, so that the
  // answer to such a request is always this one.
  if (direction == Direction::kOutbound &&
      c.document.classification == Classification::kTopSecret) {
    return make_error(ErrorCode::kTopSecretTransferForbidden,
                      "Top Secret information may never be transferred to a foreign party",
                      "document.classification");
  }
  RETURN_IF_ERROR(require_slug(c.id, "id"));
  RETURN_IF_ERROR(require_agency(directory, c.agency, "agency"));
  RETURN_IF_ERROR(require_country_code(c.partner, "partner"));
  RETURN_IF_ERROR(check_plan(c.plan, c.partner, directory));
  RETURN_IF_ERROR(require_text(c.document.ref, "document.ref"));
  RETURN_IF_ERROR(require_text(c.document.title, "document.title"));
  if (!may_know(caller, c.document.classification)) {
    return validation("the document is classified above the caller's clearance",
                      "document.classification");
  }
  RETURN_IF_ERROR(require_text(c.purpose, "purpose"));
  if constexpr (std::is_same_v<Filing, RecordInboundTransfer>) {
    if (c.received_on && *c.received_on > today(now, directory)) {
      return validation("received_on is after today, " + format_date(today(now, directory)),
                        "received_on");
    }
  }
  // Last, so that a filing refused for any other reason answers alike whether the id is free or
  // held by a transfer the caller may not know of (docs/api.md, "A create's id").
  if (state.version != 0) return id_taken("transfer", c.id);
  return ok_status();
}

Result<Decision> decide_one(const TransferState& state, const RequestTransfer& c,
                            const Caller& caller, Instant now, const Directory& directory) {
  RETURN_IF_ERROR(check_filing(state, c, Direction::kOutbound, caller, now, directory));
  return one_event(
      state, c.id,
      TransferRequested{c.id, c.agency, c.partner, c.plan, c.document, c.channel, c.purpose});
}

Result<Decision> decide_one(const TransferState& state, const RecordInboundTransfer& c,
                            const Caller& caller, Instant now, const Directory& directory) {
  RETURN_IF_ERROR(check_filing(state, c, Direction::kInbound, caller, now, directory));
  return one_event(state, c.id,
                   TransferReceived{c.id, c.agency, c.partner, c.plan, c.document, c.channel,
                                    c.purpose, c.received_on.value_or(today(now, directory))});
}

// Existence and visibility answer alike, so that a caller cannot tell a transfer it may not
// know of from one that does not exist.
Status check_visible(const TransferState& state, const Caller& caller, const Directory& directory) {
  if (state.version == 0 || !may_see(caller, state, directory)) {
    return make_error(ErrorCode::kNotFound, "no such transfer");
  }
  return ok_status();
}

// The competent person, and only they, decide; never the user who asked (003:64-66). An admin
// has no agency and is nobody's competent person.
Status require_competent_approver(const TransferState& state, const Caller& caller,
                                  const CompetentApprover& competent) {
  if (!caller.has_role(Role::kApprover)) {
    return make_error(ErrorCode::kForbidden, "only an approver approves or rejects transfers");
  }
  if (caller.agency != competent.agency) {
    return make_error(
        ErrorCode::kForbidden,
        "transfers of " + state.agency + " are decided by the approvers of " + competent.agency);
  }
  if (caller.user == state.recorded_by) {
    return make_error(ErrorCode::kForbidden, "the user who requested a transfer never decides it");
  }
  return ok_status();
}

// Approval and rejection decide a request, once; where the Committee decides, the Chairman
// approves what the Office proposed.
Status check_awaiting_decision(const TransferState& state, bool approving,
                               const CompetentApprover& competent) {
  if (state.direction == Direction::kInbound) {
    return conflict("transfer " + state.id + " is inbound and needs no approval");
  }
  if (state.status != TransferStatus::kRequested && state.status != TransferStatus::kProposed) {
    return conflict("transfer " + state.id + " is " + std::string(name_of(state.status)) +
                    ", not awaiting a decision");
  }
  if (approving && state.status == TransferStatus::kRequested && competent.needs_proposal) {
    return conflict("transfer " + state.id +
                    " awaits the People's Committee Office's proposal, with the police's opinion");
  }
  return ok_status();
}

Result<Decision> decide_one(const TransferState& state, const ProposeTransfer& c,
                            const Caller& caller, Instant, const Directory& directory) {
  const Authorities authorities = directory.authorities();
  if (caller.agency != authorities.committee_office ||
      !(caller.has_role(Role::kOfficer) || caller.has_role(Role::kCoordinator))) {
    return make_error(ErrorCode::kForbidden, "the People's Committee Office proposes transfers");
  }
  RETURN_IF_ERROR(require_text(c.police_opinion, "police_opinion"));
  if (state.direction == Direction::kInbound) {
    return conflict("transfer " + state.id + " is inbound and needs no approval");
  }
  if (!competent_approver(state.agency, directory).needs_proposal) {
    return conflict("transfer " + state.id + " of " + state.agency +
                    " is not decided by the People's Committee and needs no proposal");
  }
  if (state.status != TransferStatus::kRequested) {
    return conflict("transfer " + state.id + " is " + std::string(name_of(state.status)) +
                    ", not awaiting a proposal");
  }
  return one_event(state, state.id, TransferProposed{c.note, c.police_opinion});
}

Result<Decision> decide_one(const TransferState& state, const ApproveTransfer& c,
                            const Caller& caller, Instant now, const Directory& directory) {
  const CompetentApprover competent = competent_approver(state.agency, directory);
  RETURN_IF_ERROR(require_competent_approver(state, caller, competent));
  RETURN_IF_ERROR(require_text(c.approval_ref, "approval_ref"));
  RETURN_IF_ERROR(require_text(c.signed_by, "signed_by"));
  if (c.approved_on > today(now, directory)) {
    return validation("approved_on is after today, " + format_date(today(now, directory)),
                      "approved_on");
  }
  const Date requested_on = local_date_of(state.recorded_at, directory.utc_offset_minutes());
  if (c.approved_on < requested_on) {
    return validation("approved_on is before the request on " + format_date(requested_on),
                      "approved_on");
  }
  RETURN_IF_ERROR(check_awaiting_decision(state, /*approving=*/true, competent));
  return one_event(state, state.id,
                   TransferApproved{c.approval_ref, c.note, c.approved_on, c.signed_by});
}

Result<Decision> decide_one(const TransferState& state, const RejectTransfer& c,
                            const Caller& caller, Instant, const Directory& directory) {
  const CompetentApprover competent = competent_approver(state.agency, directory);
  RETURN_IF_ERROR(require_competent_approver(state, caller, competent));
  RETURN_IF_ERROR(require_text(c.reason, "reason"));
  RETURN_IF_ERROR(check_awaiting_decision(state, /*approving=*/false, competent));
  return one_event(state, state.id, TransferRejected{c.reason});
}

Result<Decision> decide_one(const TransferState& state, const CompleteTransfer& c,
                            const Caller& caller, Instant now, const Directory& directory) {
  if (!may(caller, Action::kRequestTransfers)) {
    return make_error(ErrorCode::kForbidden, "only an officer completes transfers");
  }
  RETURN_IF_ERROR(require_acting_for(caller, state.agency, ""));
  if (c.completed_on > today(now, directory)) {
    return validation("completed_on is after today, " + format_date(today(now, directory)),
                      "completed_on");
  }
  if (state.approved_on.has_value() && c.completed_on < *state.approved_on) {
    return validation("completed_on is before the approval on " + format_date(*state.approved_on),
                      "completed_on");
  }
  if (state.direction == Direction::kInbound) {
    return conflict("transfer " + state.id + " is inbound; it was complete when received");
  }
  switch (state.status) {
    case TransferStatus::kApproved:
      return one_event(state, state.id, TransferCompleted{c.completed_on, c.cipher_protected});
    case TransferStatus::kCompleted:
      return conflict("transfer " + state.id + " is already completed");
    case TransferStatus::kRejected:
      return make_error(ErrorCode::kApprovalRequired,
                        "transfer " + state.id + " was rejected; it may not be sent");
    case TransferStatus::kRequested:
    case TransferStatus::kProposed:
    case TransferStatus::kReceived:
      break;
  }
  return make_error(ErrorCode::kApprovalRequired,
                    "transfer " + state.id + " awaits the competent person's approval");
}

}  // namespace

void evolve(TransferState& state, const RecordedEvent& event) {
  std::visit([&](const auto& e) { apply(state, e, event); }, event.data);
  state.version = event.version;
}

std::optional<Date> day_of_transfer(const TransferState& state) {
  return state.direction == Direction::kInbound ? state.received_on : state.completed_on;
}

CompetentApprover competent_approver(std::string_view agency, const Directory& directory) {
  const std::string committee = directory.authorities().committee;
  // The tree has no cycle (an agency is registered under one that exists), but a bound keeps a
  // damaged directory from looping.
  constexpr int kMaxDepth = 64;
  std::string at(agency);
  for (int depth = 0; depth < kMaxDepth && !at.empty(); ++depth) {
    if (at == committee) return {committee, true};
    at = directory.agency_parent(at);
  }
  std::string parent = directory.agency_parent(agency);
  return {parent.empty() ? std::string(agency) : std::move(parent), false};
}

bool may_see(const Caller& caller, const TransferState& state) {
  return may_know(caller, state.document.classification) &&
         may_see_agency_scoped(caller, state.agency);
}

bool may_see(const Caller& caller, const TransferState& state, const Directory& directory) {
  if (may_see(caller, state)) return true;
  // Cheap tests first: the walk up the agency tree reads the store.
  return may_know(caller, state.document.classification) &&
         state.direction == Direction::kOutbound &&
         caller.agency == directory.authorities().committee_office &&
         competent_approver(state.agency, directory).needs_proposal;
}

bool awaits(const Caller& caller, const TransferState& state, const Directory& directory) {
  // Only a request awaiting its proposal or decision awaits anyone; that is most of the
  // register decided without the walk up the agency tree.
  if (state.version == 0 || state.direction != Direction::kOutbound ||
      (state.status != TransferStatus::kRequested && state.status != TransferStatus::kProposed) ||
      !may_know(caller, state.document.classification)) {
    return false;
  }
  const CompetentApprover competent = competent_approver(state.agency, directory);
  if (state.status == TransferStatus::kRequested && competent.needs_proposal) {
    // The Office sees the requests it must propose (may_see above).
    return caller.agency == directory.authorities().committee_office &&
           (caller.has_role(Role::kOfficer) || caller.has_role(Role::kCoordinator));
  }
  return may_see(caller, state) && caller.has_role(Role::kApprover) &&
         caller.agency == competent.agency && caller.user != state.recorded_by;
}

Result<Decision> decide(const TransferState& state, const TransferCommand& command,
                        const Caller& caller, Instant now, const Directory& directory) {
  return std::visit(
      [&](const auto& c) -> Result<Decision> {
        using C = std::decay_t<decltype(c)>;
        if constexpr (!std::is_same_v<C, RequestTransfer> &&
                      !std::is_same_v<C, RecordInboundTransfer>) {
          RETURN_IF_ERROR(check_visible(state, caller, directory));
        }
        return decide_one(state, c, caller, now, directory);
      },
      command);
}

}  // namespace mandate::core

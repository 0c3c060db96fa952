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
}

void apply(TransferState& state, const TransferApproved& e, const RecordedEvent& event) {
  state.status = TransferStatus::kApproved;
  state.approval_ref = e.approval_ref;
  state.approval_note = e.note;
  state.approved_by = event.actor.user;
  state.approved_at = event.recorded_at;
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

// The day against which completed_on is judged: the UTC day of `now`.
Date today(Instant now) { return date_of(now); }

// RequestTransfer and RecordInboundTransfer carry the same fields and obey the same rules; only
// the direction and the event differ.
template <typename Filing>
Status check_filing(const TransferState& state, const Filing& c, Direction direction,
                    const Caller& caller, const Directory& directory) {
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
  if (!c.plan.empty()) RETURN_IF_ERROR(require_slug(c.plan, "plan"));
  RETURN_IF_ERROR(require_text(c.document.ref, "document.ref"));
  RETURN_IF_ERROR(require_text(c.document.title, "document.title"));
  if (!may_know(caller, c.document.classification)) {
    return validation("the document is classified above the caller's clearance",
                      "document.classification");
  }
  RETURN_IF_ERROR(require_text(c.purpose, "purpose"));
  // Last, so that a filing refused for any other reason answers alike whether the id is free or
  // held by a transfer the caller may not know of (docs/api.md, "A create's id").
  if (state.version != 0) return id_taken("transfer", c.id);
  return ok_status();
}

Result<Decision> decide_one(const TransferState& state, const RequestTransfer& c,
                            const Caller& caller, Instant, const Directory& directory) {
  RETURN_IF_ERROR(check_filing(state, c, Direction::kOutbound, caller, directory));
  return one_event(
      state, c.id,
      TransferRequested{c.id, c.agency, c.partner, c.plan, c.document, c.channel, c.purpose});
}

Result<Decision> decide_one(const TransferState& state, const RecordInboundTransfer& c,
                            const Caller& caller, Instant, const Directory& directory) {
  RETURN_IF_ERROR(check_filing(state, c, Direction::kInbound, caller, directory));
  return one_event(
      state, c.id,
      TransferReceived{c.id, c.agency, c.partner, c.plan, c.document, c.channel, c.purpose});
}

// Existence and visibility answer alike, so that a caller cannot tell a transfer it may not
// know of from one that does not exist.
Status check_visible(const TransferState& state, const Caller& caller) {
  if (state.version == 0 || !may_see(caller, state)) {
    return make_error(ErrorCode::kNotFound, "no such transfer");
  }
  return ok_status();
}

Status require_approver(const Caller& caller) {
  if (may(caller, Action::kDecideTransfers)) return ok_status();
  return make_error(ErrorCode::kForbidden, "only an approver approves or rejects transfers");
}

// Approval and rejection decide a request, once.
Status check_awaiting_decision(const TransferState& state) {
  if (state.direction == Direction::kInbound) {
    return conflict("transfer " + state.id + " is inbound and needs no approval");
  }
  if (state.status != TransferStatus::kRequested) {
    return conflict("transfer " + state.id + " is " + std::string(name_of(state.status)) +
                    ", not awaiting a decision");
  }
  return ok_status();
}

Result<Decision> decide_one(const TransferState& state, const ApproveTransfer& c,
                            const Caller& caller, Instant, const Directory&) {
  RETURN_IF_ERROR(require_approver(caller));
  RETURN_IF_ERROR(require_text(c.approval_ref, "approval_ref"));
  RETURN_IF_ERROR(check_awaiting_decision(state));
  return one_event(state, state.id, TransferApproved{c.approval_ref, c.note});
}

Result<Decision> decide_one(const TransferState& state, const RejectTransfer& c,
                            const Caller& caller, Instant, const Directory&) {
  RETURN_IF_ERROR(require_approver(caller));
  RETURN_IF_ERROR(require_text(c.reason, "reason"));
  RETURN_IF_ERROR(check_awaiting_decision(state));
  return one_event(state, state.id, TransferRejected{c.reason});
}

Result<Decision> decide_one(const TransferState& state, const CompleteTransfer& c,
                            const Caller& caller, Instant now, const Directory&) {
  if (!may(caller, Action::kRequestTransfers)) {
    return make_error(ErrorCode::kForbidden, "only an officer completes transfers");
  }
  RETURN_IF_ERROR(require_acting_for(caller, state.agency, ""));
  if (c.completed_on > today(now)) {
    return validation("completed_on is after today, " + format_date(today(now)), "completed_on");
  }
  if (state.approved_at.has_value() && c.completed_on < date_of(*state.approved_at)) {
    return validation(
        "completed_on is before the approval on " + format_date(date_of(*state.approved_at)),
        "completed_on");
  }
  if (state.direction == Direction::kInbound) {
    return conflict("transfer " + state.id + " is inbound; it was complete when received");
  }
  switch (state.status) {
    case TransferStatus::kApproved:
      return one_event(state, state.id, TransferCompleted{c.completed_on});
    case TransferStatus::kCompleted:
      return conflict("transfer " + state.id + " is already completed");
    case TransferStatus::kRejected:
      return make_error(ErrorCode::kApprovalRequired,
                        "transfer " + state.id + " was rejected; it may not be sent");
    case TransferStatus::kRequested:
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

bool may_see(const Caller& caller, const TransferState& state) {
  return may_know(caller, state.document.classification) &&
         may_see_agency_scoped(caller, state.agency);
}

Result<Decision> decide(const TransferState& state, const TransferCommand& command,
                        const Caller& caller, Instant now, const Directory& directory) {
  return std::visit(
      [&](const auto& c) -> Result<Decision> {
        using C = std::decay_t<decltype(c)>;
        if constexpr (!std::is_same_v<C, RequestTransfer> &&
                      !std::is_same_v<C, RecordInboundTransfer>) {
          RETURN_IF_ERROR(check_visible(state, caller));
        }
        return decide_one(state, c, caller, now, directory);
      },
      command);
}

}  // namespace mandate::core

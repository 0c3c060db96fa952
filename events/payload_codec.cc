#include "events/payload_codec.h"

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include <capnp/any.h>
#include <kj/exception.h>

#include "events/payload_codec_events.h"

// The dispatch between core::EventData and the Body union, and the decoder's error policy: a
// member this build does not know, an enum value it does not know and a malformed message are
// all kCorrupt, never an exception. The mapping of each event type is in payload_codec_events.cc;
// texts, enums and nested values in payload_codec_values.cc.

namespace mandate::events {
namespace {

using codec::decode;
using codec::encode;

template <typename Event>
core::Result<core::EventData> as_event(Event event) {
  return core::EventData(std::move(event));
}

template <typename Event>
core::Result<core::EventData> as_event(core::Result<Event> event) {
  if (!event.ok()) return event.take_error();
  return core::EventData(std::move(event).value());
}

core::Error corrupt(std::string what) {
  return core::make_error(core::ErrorCode::kCorrupt, std::move(what));
}

core::Result<core::EventData> decode_member(schema::Body::Reader body) {
  // Every member is a struct, and encode_payload always sets one. Cap'n Proto reads a null
  // pointer as a struct of defaults, so without this a body that was never written would
  // decode as an AgencyRegistered with empty fields.
  auto pointers = capnp::AnyStruct::Reader(body).getPointerSection();
  if (pointers.size() == 0 || pointers[0].isNull()) return corrupt("the body holds no event");

  // No `default:` so that -Wswitch names a member this switch forgets. A discriminant that no
  // case knows was written by a newer schema and falls through to the error below.
  switch (body.which()) {
    case schema::Body::AGENCY_REGISTERED:
      return as_event(decode(body.getAgencyRegistered()));
    case schema::Body::USER_REGISTERED:
      return as_event(decode(body.getUserRegistered()));
    case schema::Body::TOKEN_ISSUED:
      return as_event(decode(body.getTokenIssued()));
    case schema::Body::TOKEN_REVOKED:
      return as_event(decode(body.getTokenRevoked()));
    case schema::Body::PLAN_DRAFTED:
      return as_event(decode(body.getPlanDrafted()));
    case schema::Body::PLAN_TASK_ADDED:
      return as_event(decode(body.getPlanTaskAdded()));
    case schema::Body::PLAN_ISSUED:
      return as_event(decode(body.getPlanIssued()));
    case schema::Body::TASK_ASSIGNED:
      return as_event(decode(body.getTaskAssigned()));
    case schema::Body::TASK_ACKNOWLEDGED:
      return as_event(decode(body.getTaskAcknowledged()));
    case schema::Body::TASK_PROGRESS_REPORTED:
      return as_event(decode(body.getTaskProgressReported()));
    case schema::Body::TASK_SUBMITTED:
      return as_event(decode(body.getTaskSubmitted()));
    case schema::Body::TASK_APPROVED:
      return as_event(decode(body.getTaskApproved()));
    case schema::Body::TASK_RETURNED:
      return as_event(decode(body.getTaskReturned()));
    case schema::Body::TASK_EXTENDED:
      return as_event(decode(body.getTaskExtended()));
    case schema::Body::TASK_REVISED:
      return as_event(decode(body.getTaskRevised()));
    case schema::Body::TASK_CANCELLED:
      return as_event(decode(body.getTaskCancelled()));
    case schema::Body::DIFFICULTY_RAISED:
      return as_event(decode(body.getDifficultyRaised()));
    case schema::Body::GUIDANCE_GIVEN:
      return as_event(decode(body.getGuidanceGiven()));
    case schema::Body::TRANSFER_REQUESTED:
      return as_event(decode(body.getTransferRequested()));
    case schema::Body::TRANSFER_RECEIVED:
      return as_event(decode(body.getTransferReceived()));
    case schema::Body::TRANSFER_APPROVED:
      return as_event(decode(body.getTransferApproved()));
    case schema::Body::TRANSFER_REJECTED:
      return as_event(decode(body.getTransferRejected()));
    case schema::Body::TRANSFER_COMPLETED:
      return as_event(decode(body.getTransferCompleted()));
    case schema::Body::INCIDENT_REPORTED:
      return as_event(decode(body.getIncidentReported()));
    case schema::Body::INCIDENT_RECEIVED:
      return as_event(decode(body.getIncidentReceived()));
    case schema::Body::INCIDENT_ESCALATED:
      return as_event(decode(body.getIncidentEscalated()));
    case schema::Body::FINDING_ADDED:
      return as_event(decode(body.getFindingAdded()));
    case schema::Body::INCIDENT_CLOSED:
      return as_event(decode(body.getIncidentClosed()));
    case schema::Body::PLAN_YEAR_OPENED:
      return as_event(decode(body.getPlanYearOpened()));
    case schema::Body::PLAN_AUDIENCE_WIDENED:
      return as_event(decode(body.getPlanAudienceWidened()));
    case schema::Body::TASK_DUE_SET:
      return as_event(decode(body.getTaskDueSet()));
    case schema::Body::TRANSFER_PROPOSED:
      return as_event(decode(body.getTransferProposed()));
    case schema::Body::INSPECTION_PLANNED:
      return as_event(decode(body.getInspectionPlanned()));
    case schema::Body::INSPECTION_FINDING_RECORDED:
      return as_event(decode(body.getInspectionFindingRecorded()));
    case schema::Body::INSPECTION_CLOSED:
      return as_event(decode(body.getInspectionClosed()));
    case schema::Body::PASSWORD_SET:
      return as_event(decode(body.getPasswordSet()));
    case schema::Body::SIGNED_IN:
      return as_event(decode(body.getSignedIn()));
    case schema::Body::SIGN_IN_FAILED:
      return as_event(decode(body.getSignInFailed()));
    case schema::Body::SIGN_IN_LOCKED:
      return as_event(decode(body.getSignInLocked()));
    case schema::Body::SIGNED_OUT:
      return as_event(decode(body.getSignedOut()));
    case schema::Body::SECOND_FACTOR_ENROLLED:
      return as_event(decode(body.getSecondFactorEnrolled()));
    case schema::Body::SECOND_FACTOR_RESET:
      return as_event(decode(body.getSecondFactorReset()));
    case schema::Body::SECOND_FACTOR_POLICY_SET:
      return as_event(decode(body.getSecondFactorPolicySet()));
  }
  return corrupt("union member @" + std::to_string(static_cast<uint16_t>(body.which())) +
                 " is not one this build knows (written by a newer schema?)");
}

}  // namespace

void encode_payload(const core::EventData& data, schema::Body::Builder body) {
  std::visit([&body](const auto& event) { encode(event, body); }, data);
}

core::Result<core::EventData> decode_payload(schema::Body::Reader body) {
  // Every error of decode_member is kCorrupt; Cap'n Proto throws on a malformed message.
  std::string problem;
  try {
    auto decoded = decode_member(body);
    if (decoded.ok()) return decoded;
    problem = decoded.error().message;
  } catch (const kj::Exception& e) {
    problem = std::string("malformed message: ") + e.getDescription().cStr();
  }
  return corrupt("payload: " + problem);
}

}  // namespace mandate::events

#pragma once

// One `encode` and one `decode` per event type, for the dispatch in events/payload_codec.cc.
// Internal to the codec; nothing else includes this header.
//
// `encode` sets its event's member of the Body union. `decode` reads that member back; it
// returns a Result only when the event holds an enum, the one thing a well-formed message can
// hold that this build may not know (an error with code kCorrupt). A malformed message makes
// Cap'n Proto throw kj::Exception, which decode_payload catches.

#include "core/event.h"
#include "core/result.h"
#include "events/schema/payload.capnp.h"

namespace mandate::events::codec {

// ---- Agencies, users, tokens ----
void encode(const core::AgencyRegistered& from, schema::Body::Builder body);
core::AgencyRegistered decode(schema::AgencyRegistered::Reader from);
void encode(const core::UserRegistered& from, schema::Body::Builder body);
core::Result<core::UserRegistered> decode(schema::UserRegistered::Reader from);
void encode(const core::TokenIssued& from, schema::Body::Builder body);
core::TokenIssued decode(schema::TokenIssued::Reader from);
void encode(const core::TokenRevoked& from, schema::Body::Builder body);
core::TokenRevoked decode(schema::TokenRevoked::Reader from);

// ---- Plans ----
void encode(const core::PlanDrafted& from, schema::Body::Builder body);
core::PlanDrafted decode(schema::PlanDrafted::Reader from);
void encode(const core::PlanYearOpened& from, schema::Body::Builder body);
core::PlanYearOpened decode(schema::PlanYearOpened::Reader from);
void encode(const core::PlanAudienceWidened& from, schema::Body::Builder body);
core::PlanAudienceWidened decode(schema::PlanAudienceWidened::Reader from);
void encode(const core::TaskDueSet& from, schema::Body::Builder body);
core::TaskDueSet decode(schema::TaskDueSet::Reader from);
void encode(const core::PlanTaskAdded& from, schema::Body::Builder body);
core::PlanTaskAdded decode(schema::PlanTaskAdded::Reader from);
void encode(const core::PlanIssued& from, schema::Body::Builder body);
core::PlanIssued decode(schema::PlanIssued::Reader from);

// ---- Tasks ----
void encode(const core::TaskAssigned& from, schema::Body::Builder body);
core::TaskAssigned decode(schema::TaskAssigned::Reader from);
void encode(const core::TaskAcknowledged& from, schema::Body::Builder body);
core::TaskAcknowledged decode(schema::TaskAcknowledged::Reader from);
void encode(const core::TaskProgressReported& from, schema::Body::Builder body);
core::TaskProgressReported decode(schema::TaskProgressReported::Reader from);
void encode(const core::TaskSubmitted& from, schema::Body::Builder body);
core::TaskSubmitted decode(schema::TaskSubmitted::Reader from);
void encode(const core::TaskApproved& from, schema::Body::Builder body);
core::TaskApproved decode(schema::TaskApproved::Reader from);
void encode(const core::TaskReturned& from, schema::Body::Builder body);
core::TaskReturned decode(schema::TaskReturned::Reader from);
void encode(const core::TaskExtended& from, schema::Body::Builder body);
core::TaskExtended decode(schema::TaskExtended::Reader from);
void encode(const core::TaskRevised& from, schema::Body::Builder body);
core::TaskRevised decode(schema::TaskRevised::Reader from);
void encode(const core::TaskCancelled& from, schema::Body::Builder body);
core::TaskCancelled decode(schema::TaskCancelled::Reader from);

// ---- Difficulties ----
void encode(const core::DifficultyRaised& from, schema::Body::Builder body);
core::DifficultyRaised decode(schema::DifficultyRaised::Reader from);
void encode(const core::GuidanceGiven& from, schema::Body::Builder body);
core::GuidanceGiven decode(schema::GuidanceGiven::Reader from);

// ---- Transfers ----
void encode(const core::TransferRequested& from, schema::Body::Builder body);
core::Result<core::TransferRequested> decode(schema::TransferRequested::Reader from);
void encode(const core::TransferReceived& from, schema::Body::Builder body);
core::Result<core::TransferReceived> decode(schema::TransferReceived::Reader from);
void encode(const core::TransferApproved& from, schema::Body::Builder body);
core::TransferApproved decode(schema::TransferApproved::Reader from);
void encode(const core::TransferRejected& from, schema::Body::Builder body);
core::TransferRejected decode(schema::TransferRejected::Reader from);
void encode(const core::TransferCompleted& from, schema::Body::Builder body);
core::TransferCompleted decode(schema::TransferCompleted::Reader from);
void encode(const core::TransferProposed& from, schema::Body::Builder body);
core::TransferProposed decode(schema::TransferProposed::Reader from);

// ---- Incidents ----
void encode(const core::IncidentReported& from, schema::Body::Builder body);
core::Result<core::IncidentReported> decode(schema::IncidentReported::Reader from);
void encode(const core::IncidentReceived& from, schema::Body::Builder body);
core::IncidentReceived decode(schema::IncidentReceived::Reader from);
void encode(const core::IncidentEscalated& from, schema::Body::Builder body);
core::IncidentEscalated decode(schema::IncidentEscalated::Reader from);
void encode(const core::FindingAdded& from, schema::Body::Builder body);
core::Result<core::FindingAdded> decode(schema::FindingAdded::Reader from);
void encode(const core::IncidentClosed& from, schema::Body::Builder body);
core::IncidentClosed decode(schema::IncidentClosed::Reader from);

// ---- Inspections ----
void encode(const core::InspectionPlanned& from, schema::Body::Builder body);
core::Result<core::InspectionPlanned> decode(schema::InspectionPlanned::Reader from);
void encode(const core::InspectionFindingRecorded& from, schema::Body::Builder body);
core::Result<core::InspectionFindingRecorded> decode(
    schema::InspectionFindingRecorded::Reader from);
void encode(const core::InspectionClosed& from, schema::Body::Builder body);
core::InspectionClosed decode(schema::InspectionClosed::Reader from);

// ---- Signing in ----
void encode(const core::PasswordSet& from, schema::Body::Builder body);
core::PasswordSet decode(schema::PasswordSet::Reader from);
void encode(const core::SignedIn& from, schema::Body::Builder body);
core::SignedIn decode(schema::SignedIn::Reader from);
void encode(const core::SignInFailed& from, schema::Body::Builder body);
core::SignInFailed decode(schema::SignInFailed::Reader from);
void encode(const core::SignInLocked& from, schema::Body::Builder body);
core::SignInLocked decode(schema::SignInLocked::Reader from);
void encode(const core::SignedOut& from, schema::Body::Builder body);
core::SignedOut decode(schema::SignedOut::Reader from);
void encode(const core::SecondFactorEnrolled& from, schema::Body::Builder body);
core::SecondFactorEnrolled decode(schema::SecondFactorEnrolled::Reader from);
void encode(const core::SecondFactorReset& from, schema::Body::Builder body);
core::SecondFactorReset decode(schema::SecondFactorReset::Reader from);
void encode(const core::SecondFactorPolicySet& from, schema::Body::Builder body);
core::Result<core::SecondFactorPolicySet> decode(schema::SecondFactorPolicySet::Reader from);

}  // namespace mandate::events::codec

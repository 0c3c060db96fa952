#include "events/payload_codec_events.h"

#include <utility>

#include "events/payload_codec_values.h"

namespace mandate::events::codec {
namespace {

// TransferRequested and TransferReceived have the same fields (outbound and inbound).
template <typename Transfer, typename Builder>
void write_transfer(const Transfer& from, Builder to) {
  to.setId(to_wire(from.id));
  to.setAgency(to_wire(from.agency));
  to.setPartner(to_wire(from.partner));
  to.setPlan(to_wire(from.plan));
  write(from.document, to.initDocument());
  to.setChannel(to_wire(from.channel));
  to.setPurpose(to_wire(from.purpose));
}

template <typename Transfer, typename Reader>
core::Result<Transfer> read_transfer(Reader from) {
  ASSIGN_OR_RETURN(core::TransferDocument document, read(from.getDocument()));
  ASSIGN_OR_RETURN(core::Channel channel, from_wire(from.getChannel()));
  return Transfer{.id = from_wire(from.getId()),
                  .agency = from_wire(from.getAgency()),
                  .partner = from_wire(from.getPartner()),
                  .plan = from_wire(from.getPlan()),
                  .document = std::move(document),
                  .channel = channel,
                  .purpose = from_wire(from.getPurpose())};
}

}  // namespace

// ---- Agencies, users, tokens ----

void encode(const core::AgencyRegistered& from, schema::Body::Builder body) {
  auto to = body.initAgencyRegistered();
  to.setId(to_wire(from.id));
  to.setName(to_wire(from.name));
  to.setParent(to_wire(from.parent));
  to.setKind(to_wire(from.kind));
}

core::AgencyRegistered decode(schema::AgencyRegistered::Reader from) {
  return {.id = from_wire(from.getId()),
          .name = from_wire(from.getName()),
          .parent = from_wire(from.getParent()),
          .kind = from_wire(from.getKind())};
}

void encode(const core::UserRegistered& from, schema::Body::Builder body) {
  auto to = body.initUserRegistered();
  to.setId(to_wire(from.id));
  to.setName(to_wire(from.name));
  to.setAgency(to_wire(from.agency));
  write_roles(from.roles, to.initRoles(from.roles.size()));
  to.setClearance(to_wire(from.clearance));
}

core::Result<core::UserRegistered> decode(schema::UserRegistered::Reader from) {
  ASSIGN_OR_RETURN(auto roles, read_roles(from.getRoles()));
  ASSIGN_OR_RETURN(core::Clearance clearance, from_wire(from.getClearance()));
  return core::UserRegistered{.id = from_wire(from.getId()),
                              .name = from_wire(from.getName()),
                              .agency = from_wire(from.getAgency()),
                              .roles = std::move(roles),
                              .clearance = clearance};
}

void encode(const core::TokenIssued& from, schema::Body::Builder body) {
  auto to = body.initTokenIssued();
  to.setTokenId(to_wire(from.token_id));
  to.setTokenSha256(to_wire(from.token_sha256));
}

core::TokenIssued decode(schema::TokenIssued::Reader from) {
  return {.token_id = from_wire(from.getTokenId()),
          .token_sha256 = from_wire(from.getTokenSha256())};
}

void encode(const core::TokenRevoked& from, schema::Body::Builder body) {
  body.initTokenRevoked().setTokenId(to_wire(from.token_id));
}

core::TokenRevoked decode(schema::TokenRevoked::Reader from) {
  return {.token_id = from_wire(from.getTokenId())};
}

// ---- Plans ----

void encode(const core::PlanDrafted& from, schema::Body::Builder body) {
  auto to = body.initPlanDrafted();
  to.setId(to_wire(from.id));
  to.setCode(to_wire(from.code));
  to.setTitle(to_wire(from.title));
  to.setIssuer(to_wire(from.issuer));
  to.setHasIssuedOn(from.issued_on.has_value());
  if (from.issued_on) to.setIssuedOn(from.issued_on->days);
  to.setFocalAgency(to_wire(from.focal_agency));
  write_texts(from.basis, to.initBasis(from.basis.size()));
  to.setHasAgreement(from.agreement.has_value());
  if (from.agreement) write(*from.agreement, to.initAgreement());
  write_each(from.phases, to.initPhases(from.phases.size()));
  write_each(from.tasks, to.initTasks(from.tasks.size()));
  write_texts(from.audience, to.initAudience(from.audience.size()));
}

core::PlanDrafted decode(schema::PlanDrafted::Reader from) {
  return {.id = from_wire(from.getId()),
          .code = from_wire(from.getCode()),
          .title = from_wire(from.getTitle()),
          .issuer = from_wire(from.getIssuer()),
          .issued_on = present_if(from.getHasIssuedOn(), core::Date{from.getIssuedOn()}),
          .focal_agency = from_wire(from.getFocalAgency()),
          .basis = read_texts(from.getBasis()),
          .agreement = present_if(from.getHasAgreement(), read(from.getAgreement())),
          .phases = read_each(from.getPhases()),
          .tasks = read_each(from.getTasks()),
          .audience = read_texts(from.getAudience())};
}

void encode(const core::PlanTaskAdded& from, schema::Body::Builder body) {
  write(from.task, body.initPlanTaskAdded().initTask());
}

core::PlanTaskAdded decode(schema::PlanTaskAdded::Reader from) {
  return {.task = read(from.getTask())};
}

std::vector<int32_t> read_years(capnp::List<int32_t>::Reader from) {
  std::vector<int32_t> years;
  years.reserve(from.size());
  for (int32_t y : from) years.push_back(y);
  return years;
}

void encode(const core::PlanIssued& from, schema::Body::Builder body) {
  auto to = body.initPlanIssued();
  write_texts(from.task_ids, to.initTaskIds(from.task_ids.size()));
  auto years = to.initYears(from.years.size());
  for (unsigned i = 0; i < from.years.size(); ++i) years.set(i, from.years[i]);
}

core::PlanIssued decode(schema::PlanIssued::Reader from) {
  return {.task_ids = read_texts(from.getTaskIds()), .years = read_years(from.getYears())};
}

void encode(const core::PlanYearOpened& from, schema::Body::Builder body) {
  auto to = body.initPlanYearOpened();
  to.setYear(from.year);
  write_texts(from.task_ids, to.initTaskIds(from.task_ids.size()));
}

core::PlanYearOpened decode(schema::PlanYearOpened::Reader from) {
  return {.year = from.getYear(), .task_ids = read_texts(from.getTaskIds())};
}

void encode(const core::PlanAudienceWidened& from, schema::Body::Builder body) {
  auto to = body.initPlanAudienceWidened();
  write_texts(from.agencies, to.initAgencies(from.agencies.size()));
}

core::PlanAudienceWidened decode(schema::PlanAudienceWidened::Reader from) {
  return {.agencies = read_texts(from.getAgencies())};
}

// ---- Tasks ----

void encode(const core::TaskAssigned& from, schema::Body::Builder body) {
  auto to = body.initTaskAssigned();
  to.setId(to_wire(from.id));
  to.setPlan(to_wire(from.plan));
  to.setDefinition(to_wire(from.definition));
  to.setHasPhase(from.phase.has_value());
  if (from.phase) to.setPhase(to_wire(*from.phase));
  to.setSection(to_wire(from.section));
  to.setTitle(to_wire(from.title));
  to.setDescription(to_wire(from.description));
  to.setLead(to_wire(from.lead));
  write_texts(from.coordinators, to.initCoordinators(from.coordinators.size()));
  to.setUndated(!from.due_on.has_value());
  if (from.due_on) to.setDueOn(from.due_on->days);
  to.setHasOccurrenceYear(from.occurrence_year.has_value());
  if (from.occurrence_year) to.setOccurrenceYear(*from.occurrence_year);
  to.setKind(to_wire(from.kind));
  to.setRequest(from.request);
  to.setFocalAgency(to_wire(from.focal_agency));
}

core::TaskAssigned decode(schema::TaskAssigned::Reader from) {
  return {.id = from_wire(from.getId()),
          .plan = from_wire(from.getPlan()),
          .definition = from_wire(from.getDefinition()),
          .phase = present_if(from.getHasPhase(), from_wire(from.getPhase())),
          .section = from_wire(from.getSection()),
          .title = from_wire(from.getTitle()),
          .description = from_wire(from.getDescription()),
          .lead = from_wire(from.getLead()),
          .coordinators = read_texts(from.getCoordinators()),
          .due_on = present_if(!from.getUndated(), core::Date{from.getDueOn()}),
          .occurrence_year = present_if(from.getHasOccurrenceYear(), from.getOccurrenceYear()),
          .kind = task_kind_from_wire(from.getKind()),
          .request = from.getRequest(),
          .focal_agency = from_wire(from.getFocalAgency())};
}

void encode(const core::TaskAcknowledged& from, schema::Body::Builder body) {
  auto to = body.initTaskAcknowledged();
  to.setAgency(to_wire(from.agency));
  to.setRevision(from.revision);
}

core::TaskAcknowledged decode(schema::TaskAcknowledged::Reader from) {
  return {.agency = from_wire(from.getAgency()), .revision = from.getRevision()};
}

void encode(const core::TaskProgressReported& from, schema::Body::Builder body) {
  auto to = body.initTaskProgressReported();
  to.setAgency(to_wire(from.agency));
  to.setNote(to_wire(from.note));
  to.setHasPercent(from.percent.has_value());
  if (from.percent) to.setPercent(*from.percent);
}

core::TaskProgressReported decode(schema::TaskProgressReported::Reader from) {
  return {.agency = from_wire(from.getAgency()),
          .note = from_wire(from.getNote()),
          .percent = present_if(from.getHasPercent(), from.getPercent())};
}

void encode(const core::TaskSubmitted& from, schema::Body::Builder body) {
  auto to = body.initTaskSubmitted();
  to.setAgency(to_wire(from.agency));
  to.setSubmission(from.submission);
  to.setNote(to_wire(from.note));
  write_each(from.evidence, to.initEvidence(from.evidence.size()));
}

core::TaskSubmitted decode(schema::TaskSubmitted::Reader from) {
  return {.agency = from_wire(from.getAgency()),
          .submission = from.getSubmission(),
          .note = from_wire(from.getNote()),
          .evidence = read_each(from.getEvidence())};
}

void encode(const core::TaskApproved& from, schema::Body::Builder body) {
  auto to = body.initTaskApproved();
  to.setSubmission(from.submission);
  to.setNote(to_wire(from.note));
  to.setAgency(to_wire(from.agency));
}

core::TaskApproved decode(schema::TaskApproved::Reader from) {
  return {.submission = from.getSubmission(),
          .note = from_wire(from.getNote()),
          .agency = from_wire(from.getAgency())};
}

void encode(const core::TaskReturned& from, schema::Body::Builder body) {
  auto to = body.initTaskReturned();
  to.setSubmission(from.submission);
  to.setReason(to_wire(from.reason));
  to.setAgency(to_wire(from.agency));
}

core::TaskReturned decode(schema::TaskReturned::Reader from) {
  return {.submission = from.getSubmission(),
          .reason = from_wire(from.getReason()),
          .agency = from_wire(from.getAgency())};
}

void encode(const core::TaskDueSet& from, schema::Body::Builder body) {
  auto to = body.initTaskDueSet();
  to.setHasPreviousDueOn(from.previous_due_on.has_value());
  if (from.previous_due_on) to.setPreviousDueOn(from.previous_due_on->days);
  to.setDueOn(from.due_on.days);
}

core::TaskDueSet decode(schema::TaskDueSet::Reader from) {
  return {.previous_due_on =
              present_if(from.getHasPreviousDueOn(), core::Date{from.getPreviousDueOn()}),
          .due_on = core::Date{from.getDueOn()}};
}

void encode(const core::TaskExtended& from, schema::Body::Builder body) {
  auto to = body.initTaskExtended();
  to.setPreviousDueOn(from.previous_due_on.days);
  to.setDueOn(from.due_on.days);
  to.setReason(to_wire(from.reason));
}

core::TaskExtended decode(schema::TaskExtended::Reader from) {
  return {.previous_due_on = core::Date{from.getPreviousDueOn()},
          .due_on = core::Date{from.getDueOn()},
          .reason = from_wire(from.getReason())};
}

void encode(const core::TaskRevised& from, schema::Body::Builder body) {
  auto to = body.initTaskRevised();
  to.setHasDescription(from.description.has_value());
  if (from.description) to.setDescription(to_wire(*from.description));
  write_texts(from.coordinators_added, to.initCoordinatorsAdded(from.coordinators_added.size()));
  write_texts(from.coordinators_removed,
              to.initCoordinatorsRemoved(from.coordinators_removed.size()));
}

core::TaskRevised decode(schema::TaskRevised::Reader from) {
  return {.description = present_if(from.getHasDescription(), from_wire(from.getDescription())),
          .coordinators_added = read_texts(from.getCoordinatorsAdded()),
          .coordinators_removed = read_texts(from.getCoordinatorsRemoved())};
}

void encode(const core::TaskCancelled& from, schema::Body::Builder body) {
  body.initTaskCancelled().setReason(to_wire(from.reason));
}

core::TaskCancelled decode(schema::TaskCancelled::Reader from) {
  return {.reason = from_wire(from.getReason())};
}

// ---- Difficulties ----

void encode(const core::DifficultyRaised& from, schema::Body::Builder body) {
  auto to = body.initDifficultyRaised();
  to.setId(to_wire(from.id));
  to.setTask(to_wire(from.task));
  to.setAgency(to_wire(from.agency));
  to.setText(to_wire(from.text));
}

core::DifficultyRaised decode(schema::DifficultyRaised::Reader from) {
  return {.id = from_wire(from.getId()),
          .task = from_wire(from.getTask()),
          .agency = from_wire(from.getAgency()),
          .text = from_wire(from.getText())};
}

void encode(const core::GuidanceGiven& from, schema::Body::Builder body) {
  body.initGuidanceGiven().setText(to_wire(from.text));
}

core::GuidanceGiven decode(schema::GuidanceGiven::Reader from) {
  return {.text = from_wire(from.getText())};
}

// ---- Transfers ----

void encode(const core::TransferRequested& from, schema::Body::Builder body) {
  write_transfer(from, body.initTransferRequested());
}

core::Result<core::TransferRequested> decode(schema::TransferRequested::Reader from) {
  return read_transfer<core::TransferRequested>(from);
}

void encode(const core::TransferReceived& from, schema::Body::Builder body) {
  auto to = body.initTransferReceived();
  write_transfer(from, to);
  to.setHasReceivedOn(from.received_on.has_value());
  if (from.received_on) to.setReceivedOn(from.received_on->days);
}

core::Result<core::TransferReceived> decode(schema::TransferReceived::Reader from) {
  ASSIGN_OR_RETURN(auto received, read_transfer<core::TransferReceived>(from));
  received.received_on = present_if(from.getHasReceivedOn(), core::Date{from.getReceivedOn()});
  return received;
}

void encode(const core::TransferApproved& from, schema::Body::Builder body) {
  auto to = body.initTransferApproved();
  to.setApprovalRef(to_wire(from.approval_ref));
  to.setNote(to_wire(from.note));
  to.setHasApprovedOn(from.approved_on.has_value());
  if (from.approved_on) to.setApprovedOn(from.approved_on->days);
  to.setSignedBy(to_wire(from.signed_by));
}

core::TransferApproved decode(schema::TransferApproved::Reader from) {
  return {.approval_ref = from_wire(from.getApprovalRef()),
          .note = from_wire(from.getNote()),
          .approved_on = present_if(from.getHasApprovedOn(), core::Date{from.getApprovedOn()}),
          .signed_by = from_wire(from.getSignedBy())};
}

void encode(const core::TransferProposed& from, schema::Body::Builder body) {
  auto to = body.initTransferProposed();
  to.setNote(to_wire(from.note));
  to.setPoliceOpinion(to_wire(from.police_opinion));
}

core::TransferProposed decode(schema::TransferProposed::Reader from) {
  return {.note = from_wire(from.getNote()), .police_opinion = from_wire(from.getPoliceOpinion())};
}

void encode(const core::TransferRejected& from, schema::Body::Builder body) {
  body.initTransferRejected().setReason(to_wire(from.reason));
}

core::TransferRejected decode(schema::TransferRejected::Reader from) {
  return {.reason = from_wire(from.getReason())};
}

void encode(const core::TransferCompleted& from, schema::Body::Builder body) {
  auto to = body.initTransferCompleted();
  to.setCompletedOn(from.completed_on.days);
  to.setCipherProtected(from.cipher_protected);
}

core::TransferCompleted decode(schema::TransferCompleted::Reader from) {
  return {.completed_on = core::Date{from.getCompletedOn()},
          .cipher_protected = from.getCipherProtected()};
}

// ---- Incidents ----

void encode(const core::IncidentReported& from, schema::Body::Builder body) {
  auto to = body.initIncidentReported();
  to.setId(to_wire(from.id));
  to.setAgency(to_wire(from.agency));
  to.setKind(to_wire(from.kind));
  to.setClassification(to_wire(from.classification));
  to.setPartner(to_wire(from.partner));
  write_each(from.documents, to.initDocuments(from.documents.size()));
  to.setDiscoveredAt(from.discovered_at.micros);
  to.setSummary(to_wire(from.summary));
  to.setPlan(to_wire(from.plan));
  to.setTransfer(to_wire(from.transfer));
}

core::Result<core::IncidentReported> decode(schema::IncidentReported::Reader from) {
  ASSIGN_OR_RETURN(core::IncidentKind kind, from_wire(from.getKind()));
  ASSIGN_OR_RETURN(core::Classification classification, from_wire(from.getClassification()));
  return core::IncidentReported{.id = from_wire(from.getId()),
                                .agency = from_wire(from.getAgency()),
                                .kind = kind,
                                .classification = classification,
                                .partner = from_wire(from.getPartner()),
                                .documents = read_each(from.getDocuments()),
                                .discovered_at = core::Instant{from.getDiscoveredAt()},
                                .summary = from_wire(from.getSummary()),
                                .plan = from_wire(from.getPlan()),
                                .transfer = from_wire(from.getTransfer())};
}

void encode(const core::IncidentReceived&, schema::Body::Builder body) {
  body.initIncidentReceived();
}

core::IncidentReceived decode(schema::IncidentReceived::Reader) { return {}; }

void encode(const core::IncidentEscalated& from, schema::Body::Builder body) {
  auto to = body.initIncidentEscalated();
  to.setTo(to_wire(from.to));
  to.setNote(to_wire(from.note));
}

core::IncidentEscalated decode(schema::IncidentEscalated::Reader from) {
  return {.to = from_wire(from.getTo()), .note = from_wire(from.getNote())};
}

void encode(const core::FindingAdded& from, schema::Body::Builder body) {
  auto to = body.initFindingAdded();
  to.setKind(to_wire(from.kind));
  to.setText(to_wire(from.text));
}

core::Result<core::FindingAdded> decode(schema::FindingAdded::Reader from) {
  ASSIGN_OR_RETURN(core::FindingKind kind, from_wire(from.getKind()));
  return core::FindingAdded{.kind = kind, .text = from_wire(from.getText())};
}

void encode(const core::IncidentClosed& from, schema::Body::Builder body) {
  body.initIncidentClosed().setConclusion(to_wire(from.conclusion));
}

core::IncidentClosed decode(schema::IncidentClosed::Reader from) {
  return {.conclusion = from_wire(from.getConclusion())};
}

// ---- Inspections ----

void encode(const core::InspectionPlanned& from, schema::Body::Builder body) {
  auto to = body.initInspectionPlanned();
  to.setId(to_wire(from.id));
  to.setPlan(to_wire(from.plan));
  to.setInspectingAgency(to_wire(from.inspecting_agency));
  to.setAgency(to_wire(from.agency));
  to.setKind(to_wire(from.kind));
  to.setScheduledOn(from.scheduled_on.days);
  write_texts(from.team, to.initTeam(from.team.size()));
  to.setScope(to_wire(from.scope));
}

core::Result<core::InspectionPlanned> decode(schema::InspectionPlanned::Reader from) {
  ASSIGN_OR_RETURN(core::InspectionKind kind, from_wire(from.getKind()));
  return core::InspectionPlanned{.id = from_wire(from.getId()),
                                 .plan = from_wire(from.getPlan()),
                                 .inspecting_agency = from_wire(from.getInspectingAgency()),
                                 .agency = from_wire(from.getAgency()),
                                 .kind = kind,
                                 .scheduled_on = core::Date{from.getScheduledOn()},
                                 .team = read_texts(from.getTeam()),
                                 .scope = from_wire(from.getScope())};
}

void encode(const core::InspectionFindingRecorded& from, schema::Body::Builder body) {
  auto to = body.initInspectionFindingRecorded();
  to.setNumber(from.number);
  to.setText(to_wire(from.text));
  to.setSeverity(to_wire(from.severity));
  to.setHasRemedyDueOn(from.remedy_due_on.has_value());
  if (from.remedy_due_on) to.setRemedyDueOn(from.remedy_due_on->days);
  to.setFollowUpTask(to_wire(from.follow_up_task));
}

core::Result<core::InspectionFindingRecorded> decode(
    schema::InspectionFindingRecorded::Reader from) {
  ASSIGN_OR_RETURN(core::FindingSeverity severity, from_wire(from.getSeverity()));
  return core::InspectionFindingRecorded{
      .number = from.getNumber(),
      .text = from_wire(from.getText()),
      .severity = severity,
      .remedy_due_on = present_if(from.getHasRemedyDueOn(), core::Date{from.getRemedyDueOn()}),
      .follow_up_task = from_wire(from.getFollowUpTask())};
}

void encode(const core::InspectionClosed& from, schema::Body::Builder body) {
  body.initInspectionClosed().setConclusion(to_wire(from.conclusion));
}

core::InspectionClosed decode(schema::InspectionClosed::Reader from) {
  return {.conclusion = from_wire(from.getConclusion())};
}

// ---- Signing in ----

void encode(const core::PasswordSet& from, schema::Body::Builder body) {
  auto to = body.initPasswordSet();
  to.setHash(to_wire(from.hash));
  to.setMustChange(from.must_change);
  to.setKeptSession(to_wire(from.kept_session));
}

core::PasswordSet decode(schema::PasswordSet::Reader from) {
  return {.hash = from_wire(from.getHash()),
          .must_change = from.getMustChange(),
          .kept_session = from_wire(from.getKeptSession())};
}

void encode(const core::SignedIn& from, schema::Body::Builder body) {
  auto to = body.initSignedIn();
  to.setSessionId(to_wire(from.session_id));
  to.setSessionSha256(to_wire(from.session_sha256));
  to.setSource(to_wire(from.source));
  to.setSecondFactor(from.second_factor);
  to.setTotpStep(from.totp_step);
}

core::SignedIn decode(schema::SignedIn::Reader from) {
  return {.session_id = from_wire(from.getSessionId()),
          .session_sha256 = from_wire(from.getSessionSha256()),
          .source = from_wire(from.getSource()),
          .second_factor = from.getSecondFactor(),
          .totp_step = from.getTotpStep()};
}

void encode(const core::SignInFailed& from, schema::Body::Builder body) {
  auto to = body.initSignInFailed();
  to.setSource(to_wire(from.source));
  to.setReason(to_wire(from.reason));
}

core::SignInFailed decode(schema::SignInFailed::Reader from) {
  return {.source = from_wire(from.getSource()), .reason = from_wire(from.getReason())};
}

void encode(const core::SignInLocked& from, schema::Body::Builder body) {
  auto to = body.initSignInLocked();
  to.setSource(to_wire(from.source));
  to.setUntil(from.until.micros);
  to.setFailures(from.failures);
}

core::SignInLocked decode(schema::SignInLocked::Reader from) {
  return {.source = from_wire(from.getSource()),
          .until = core::Instant{from.getUntil()},
          .failures = from.getFailures()};
}

void encode(const core::SignedOut& from, schema::Body::Builder body) {
  body.initSignedOut().setSessionId(to_wire(from.session_id));
}

core::SignedOut decode(schema::SignedOut::Reader from) {
  return {.session_id = from_wire(from.getSessionId())};
}

void encode(const core::SecondFactorEnrolled& from, schema::Body::Builder body) {
  auto to = body.initSecondFactorEnrolled();
  to.setSecretBase32(to_wire(from.secret_base32));
  to.setTotpStep(from.totp_step);
}

core::SecondFactorEnrolled decode(schema::SecondFactorEnrolled::Reader from) {
  return {.secret_base32 = from_wire(from.getSecretBase32()), .totp_step = from.getTotpStep()};
}

void encode(const core::SecondFactorReset&, schema::Body::Builder body) {
  body.initSecondFactorReset();
}

core::SecondFactorReset decode(schema::SecondFactorReset::Reader) { return {}; }

void encode(const core::SecondFactorPolicySet& from, schema::Body::Builder body) {
  write_roles(from.roles, body.initSecondFactorPolicySet().initRoles(from.roles.size()));
}

core::Result<core::SecondFactorPolicySet> decode(schema::SecondFactorPolicySet::Reader from) {
  ASSIGN_OR_RETURN(auto roles, read_roles(from.getRoles()));
  return core::SecondFactorPolicySet{.roles = std::move(roles)};
}

}  // namespace mandate::events::codec

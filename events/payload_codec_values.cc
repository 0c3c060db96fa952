#include "events/payload_codec_values.h"

#include <cstddef>
#include <string>

namespace mandate::events::codec {
namespace {

// One row of an enum's table: a core value and the schema value that stands for it.
template <typename Core, typename Wire>
struct EnumPair {
  Core core;
  Wire wire;
};

constexpr EnumPair<core::Role, schema::Role> kRoles[] = {
    {core::Role::kAdmin, schema::Role::ADMIN},
    {core::Role::kCoordinator, schema::Role::COORDINATOR},
    {core::Role::kOfficer, schema::Role::OFFICER},
    {core::Role::kApprover, schema::Role::APPROVER},
    {core::Role::kInvestigator, schema::Role::INVESTIGATOR},
    {core::Role::kAuditor, schema::Role::AUDITOR},
};

constexpr EnumPair<core::Clearance, schema::Clearance> kClearances[] = {
    {core::Clearance::kNone, schema::Clearance::NONE},
    {core::Clearance::kConfidential, schema::Clearance::CONFIDENTIAL},
    {core::Clearance::kSecret, schema::Clearance::SECRET},
    {core::Clearance::kTopSecret, schema::Clearance::TOP_SECRET},
};

constexpr EnumPair<core::Classification, schema::Classification> kClassifications[] = {
    {core::Classification::kConfidential, schema::Classification::CONFIDENTIAL},
    {core::Classification::kSecret, schema::Classification::SECRET},
    {core::Classification::kTopSecret, schema::Classification::TOP_SECRET},
};

constexpr EnumPair<core::Channel, schema::Channel> kChannels[] = {
    {core::Channel::kDiplomatic, schema::Channel::DIPLOMATIC},
    {core::Channel::kTelecom, schema::Channel::TELECOM},
    {core::Channel::kElectronic, schema::Channel::ELECTRONIC},
    {core::Channel::kCourier, schema::Channel::COURIER},
};

constexpr EnumPair<core::IncidentKind, schema::IncidentKind> kIncidentKinds[] = {
    {core::IncidentKind::kLeak, schema::IncidentKind::LEAK},
    {core::IncidentKind::kLoss, schema::IncidentKind::LOSS},
    {core::IncidentKind::kAtRisk, schema::IncidentKind::AT_RISK},
};

constexpr EnumPair<core::FindingKind, schema::FindingKind> kFindingKinds[] = {
    {core::FindingKind::kVerification, schema::FindingKind::VERIFICATION},
    {core::FindingKind::kCause, schema::FindingKind::CAUSE},
    {core::FindingKind::kRemediation, schema::FindingKind::REMEDIATION},
    {core::FindingKind::kPartnerNotified, schema::FindingKind::PARTNER_NOTIFIED},
    {core::FindingKind::kNote, schema::FindingKind::NOTE},
};

constexpr EnumPair<core::TaskKind, schema::TaskKind> kTaskKinds[] = {
    {core::TaskKind::kJoint, schema::TaskKind::JOINT},
    {core::TaskKind::kEach, schema::TaskKind::EACH},
    {core::TaskKind::kOnEvent, schema::TaskKind::ON_EVENT},
    {core::TaskKind::kRule, schema::TaskKind::RULE},
};

constexpr EnumPair<core::InspectionKind, schema::InspectionKind> kInspectionKinds[] = {
    {core::InspectionKind::kPeriodic, schema::InspectionKind::PERIODIC},
    {core::InspectionKind::kSurprise, schema::InspectionKind::SURPRISE},
};

constexpr EnumPair<core::FindingSeverity, schema::FindingSeverity> kFindingSeverities[] = {
    {core::FindingSeverity::kLow, schema::FindingSeverity::LOW},
    {core::FindingSeverity::kMedium, schema::FindingSeverity::MEDIUM},
    {core::FindingSeverity::kHigh, schema::FindingSeverity::HIGH},
};

// A core value missing from its table is a bug in this file, not bad data: it stops the process.
template <typename Core, typename Wire, size_t N>
Wire wire_value(const EnumPair<Core, Wire> (&table)[N], Core value) {
  for (const auto& pair : table) {
    if (pair.core == value) return pair.wire;
  }
  core::check_failed("wire_value", __FILE__, __LINE__, "a core enum value has no schema value");
}

// A schema value missing from its table was written by a newer build (or is damage).
template <typename Core, typename Wire, size_t N>
core::Result<Core> core_value(const EnumPair<Core, Wire> (&table)[N], Wire value,
                              const char* enum_name) {
  for (const auto& pair : table) {
    if (pair.wire == value) return pair.core;
  }
  return core::make_error(core::ErrorCode::kCorrupt,
                          std::string(enum_name) + " value " +
                              std::to_string(static_cast<uint16_t>(value)) +
                              " is not one this build knows");
}

}  // namespace

// ---- Texts ----

capnp::Text::Reader to_wire(const std::string& text) {
  return capnp::Text::Reader(text.data(), text.size());
}

std::string from_wire(capnp::Text::Reader text) { return std::string(text.begin(), text.size()); }

void write_texts(const std::vector<std::string>& from, capnp::List<capnp::Text>::Builder to) {
  for (unsigned i = 0; i < from.size(); ++i) to.set(i, to_wire(from[i]));
}

std::vector<std::string> read_texts(capnp::List<capnp::Text>::Reader from) {
  std::vector<std::string> texts;
  texts.reserve(from.size());
  for (auto text : from) texts.push_back(from_wire(text));
  return texts;
}

// ---- Closed vocabularies ----

schema::Role to_wire(core::Role value) { return wire_value(kRoles, value); }
schema::Clearance to_wire(core::Clearance value) { return wire_value(kClearances, value); }
schema::Classification to_wire(core::Classification value) {
  return wire_value(kClassifications, value);
}
schema::Channel to_wire(core::Channel value) { return wire_value(kChannels, value); }
schema::IncidentKind to_wire(core::IncidentKind value) { return wire_value(kIncidentKinds, value); }
schema::FindingKind to_wire(core::FindingKind value) { return wire_value(kFindingKinds, value); }
schema::TaskKind to_wire(core::TaskKind value) { return wire_value(kTaskKinds, value); }
schema::InspectionKind to_wire(core::InspectionKind value) {
  return wire_value(kInspectionKinds, value);
}
schema::FindingSeverity to_wire(core::FindingSeverity value) {
  return wire_value(kFindingSeverities, value);
}

core::TaskKind task_kind_from_wire(schema::TaskKind value) {
  // A kind this build does not know was written by a newer one; it is read as joint, the kind
  // every older log holds, rather than failing the whole plan (the type name stays readable).
  auto kind = core_value(kTaskKinds, value, "TaskKind");
  return kind.ok() ? *kind : core::TaskKind::kJoint;
}

core::Result<core::Role> from_wire(schema::Role value) { return core_value(kRoles, value, "Role"); }
core::Result<core::Clearance> from_wire(schema::Clearance value) {
  return core_value(kClearances, value, "Clearance");
}
core::Result<core::Classification> from_wire(schema::Classification value) {
  return core_value(kClassifications, value, "Classification");
}
core::Result<core::Channel> from_wire(schema::Channel value) {
  return core_value(kChannels, value, "Channel");
}
core::Result<core::IncidentKind> from_wire(schema::IncidentKind value) {
  return core_value(kIncidentKinds, value, "IncidentKind");
}
core::Result<core::FindingKind> from_wire(schema::FindingKind value) {
  return core_value(kFindingKinds, value, "FindingKind");
}
core::Result<core::InspectionKind> from_wire(schema::InspectionKind value) {
  return core_value(kInspectionKinds, value, "InspectionKind");
}
core::Result<core::FindingSeverity> from_wire(schema::FindingSeverity value) {
  return core_value(kFindingSeverities, value, "FindingSeverity");
}

void write_roles(const std::vector<core::Role>& from, capnp::List<schema::Role>::Builder to) {
  for (unsigned i = 0; i < from.size(); ++i) to.set(i, to_wire(from[i]));
}

core::Result<std::vector<core::Role>> read_roles(capnp::List<schema::Role>::Reader from) {
  std::vector<core::Role> roles;
  roles.reserve(from.size());
  for (schema::Role wire : from) {
    ASSIGN_OR_RETURN(core::Role role, from_wire(wire));
    roles.push_back(role);
  }
  return roles;
}

// ---- Value structs ----

void write(const core::Agreement& from, schema::Agreement::Builder to) {
  to.setPartner(to_wire(from.partner));
  to.setTitle(to_wire(from.title));
  to.setHasSignedOn(from.signed_on.has_value());
  if (from.signed_on) to.setSignedOn(from.signed_on->days);
  to.setHasEffectiveOn(from.effective_on.has_value());
  if (from.effective_on) to.setEffectiveOn(from.effective_on->days);
  to.setTerm(to_wire(from.term));
}

core::Agreement read(schema::Agreement::Reader from) {
  return {.partner = from_wire(from.getPartner()),
          .title = from_wire(from.getTitle()),
          .signed_on = present_if(from.getHasSignedOn(), core::Date{from.getSignedOn()}),
          .effective_on = present_if(from.getHasEffectiveOn(), core::Date{from.getEffectiveOn()}),
          .term = from_wire(from.getTerm())};
}

void write(const core::Phase& from, schema::Phase::Builder to) {
  to.setKey(to_wire(from.key));
  to.setTitle(to_wire(from.title));
  to.setHasStartsOn(from.starts_on.has_value());
  if (from.starts_on) to.setStartsOn(from.starts_on->days);
  to.setHasEndsOn(from.ends_on.has_value());
  if (from.ends_on) to.setEndsOn(from.ends_on->days);
}

core::Phase read(schema::Phase::Reader from) {
  return {.key = from_wire(from.getKey()),
          .title = from_wire(from.getTitle()),
          .starts_on = present_if(from.getHasStartsOn(), core::Date{from.getStartsOn()}),
          .ends_on = present_if(from.getHasEndsOn(), core::Date{from.getEndsOn()})};
}

void write(const core::YearlyRecurrence& from, schema::YearlyRecurrence::Builder to) {
  to.setUndated(from.undated);
  to.setDueMonth(from.due_month);
  to.setDueDay(from.due_day);
}

core::YearlyRecurrence read(schema::YearlyRecurrence::Reader from) {
  return {
      .due_month = from.getDueMonth(), .due_day = from.getDueDay(), .undated = from.getUndated()};
}

void write(const core::TaskDefinition& from, schema::TaskDefinition::Builder to) {
  to.setId(to_wire(from.id));
  to.setHasPhase(from.phase.has_value());
  if (from.phase) to.setPhase(to_wire(*from.phase));
  to.setSection(to_wire(from.section));
  to.setTitle(to_wire(from.title));
  to.setDescription(to_wire(from.description));
  to.setLead(to_wire(from.lead));
  write_texts(from.coordinators, to.initCoordinators(from.coordinators.size()));
  to.setHasDueOn(from.due_on.has_value());
  if (from.due_on) to.setDueOn(from.due_on->days);
  to.setHasRecurrence(from.recurrence.has_value());
  if (from.recurrence) write(*from.recurrence, to.initRecurrence());
  to.setKind(to_wire(from.kind));
  to.setRequest(from.request);
  to.setTrigger(to_wire(from.trigger));
  to.setSource(to_wire(from.source));
  to.setSetOffBy(to_wire(from.set_off_by));
}

core::TaskDefinition read(schema::TaskDefinition::Reader from) {
  return {.id = from_wire(from.getId()),
          .phase = present_if(from.getHasPhase(), from_wire(from.getPhase())),
          .section = from_wire(from.getSection()),
          .title = from_wire(from.getTitle()),
          .description = from_wire(from.getDescription()),
          .lead = from_wire(from.getLead()),
          .coordinators = read_texts(from.getCoordinators()),
          .due_on = present_if(from.getHasDueOn(), core::Date{from.getDueOn()}),
          .recurrence = present_if(from.getHasRecurrence(), read(from.getRecurrence())),
          .kind = task_kind_from_wire(from.getKind()),
          .request = from.getRequest(),
          .trigger = from_wire(from.getTrigger()),
          .source = from_wire(from.getSource()),
          .set_off_by = from_wire(from.getSetOffBy())};
}

void write(const core::Evidence& from, schema::Evidence::Builder to) {
  to.setRef(to_wire(from.ref));
  to.setTitle(to_wire(from.title));
}

core::Evidence read(schema::Evidence::Reader from) {
  return {.ref = from_wire(from.getRef()), .title = from_wire(from.getTitle())};
}

void write(const core::TransferDocument& from, schema::TransferDocument::Builder to) {
  to.setRef(to_wire(from.ref));
  to.setTitle(to_wire(from.title));
  to.setClassification(to_wire(from.classification));
}

core::Result<core::TransferDocument> read(schema::TransferDocument::Reader from) {
  ASSIGN_OR_RETURN(core::Classification classification, from_wire(from.getClassification()));
  return core::TransferDocument{.ref = from_wire(from.getRef()),
                                .title = from_wire(from.getTitle()),
                                .classification = classification};
}

void write(const core::IncidentDocument& from, schema::IncidentDocument::Builder to) {
  to.setRef(to_wire(from.ref));
  to.setTitle(to_wire(from.title));
}

core::IncidentDocument read(schema::IncidentDocument::Reader from) {
  return {.ref = from_wire(from.getRef()), .title = from_wire(from.getTitle())};
}

}  // namespace mandate::events::codec

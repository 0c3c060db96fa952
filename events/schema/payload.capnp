@0xe88c4d67620b891e;
# The payload of every event type: one struct per payload struct of core/event.h (same names,
# fields in camelCase and in the same order), and `Body`, the union of them all.
# events/payload_codec.cc maps them to the C++ types and back.
#
# Values:
# - A date (core::Date) is an Int32 of days since 1970-01-01; an instant (core::Instant) is an
#   Int64 of microseconds since 1970-01-01T00:00:00Z.
# - An optional value `x` is two fields: `hasX :Bool` and `x`. `hasX` false means absent, and `x`
#   then holds its default, which is never read. The flag, not the value, says whether it is
#   present: a present zero, empty text or 1970-01-01 stays present. Every optional uses this
#   convention, also texts and structs, whose null pointer could otherwise have served.
# - An enum mirrors the core enum of the same name value for value; the codec maps them by name,
#   not by number.
#
# How this file may change (docs/schema.md): every record ever written must stay readable.
# - A new field takes the next ordinal of its struct, and its default means "absent" (empty
#   text, zero, an empty list, or a `hasX` flag false), because old records read the default.
# - A new event type is a new struct and a new member at the END of Body's union, with the next
#   ordinal; core::EventData gains the alternative at its end too. An older build that meets it
#   refuses the record as corrupt.
# - An enum gains values only at its end.
# - Nothing is renumbered, removed, reused or given another type or meaning. A field no longer
#   written stays here, commented as retired.

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("mandate::events::schema");

# ---- Closed vocabularies (core/vocabulary.h) ----

enum Role {
  admin @0;
  coordinator @1;
  officer @2;
  approver @3;
  investigator @4;
  auditor @5;
}

enum Clearance {
  none @0;
  confidential @1;
  secret @2;
  topSecret @3;
}

enum Classification {
  confidential @0;
  secret @1;
  topSecret @2;
}

enum Channel {
  diplomatic @0;
  telecom @1;
  electronic @2;
  courier @3;
}

enum IncidentKind {
  leak @0;
  loss @1;
  atRisk @2;
}

enum FindingKind {
  verification @0;
  cause @1;
  remediation @2;
  partnerNotified @3;
  note @4;
}

enum InspectionKind {
  periodic @0;
  surprise @1;
}

enum FindingSeverity {
  low @0;
  medium @1;
  high @2;
}

# ---- Agencies, users, tokens ----

struct AgencyRegistered {
  id @0 :Text;
  name @1 :Text;
  parent @2 :Text;   # empty: a root agency
  kind @3 :Text;
}

struct UserRegistered {
  id @0 :Text;
  name @1 :Text;
  agency @2 :Text;   # empty for the built-in admin
  roles @3 :List(Role);
  clearance @4 :Clearance;
}

struct TokenIssued {
  tokenId @0 :Text;
  tokenSha256 @1 :Text;   # lowercase hex
}

struct TokenRevoked {
  tokenId @0 :Text;
}

# ---- Plans ----

struct Agreement {
  partner @0 :Text;
  title @1 :Text;
  hasSignedOn @2 :Bool;
  signedOn @3 :Int32;
  hasEffectiveOn @4 :Bool;
  effectiveOn @5 :Int32;
  term @6 :Text;
}

struct Phase {
  key @0 :Text;
  title @1 :Text;
  hasStartsOn @2 :Bool;
  startsOn @3 :Int32;
  hasEndsOn @4 :Bool;
  endsOn @5 :Int32;
}

struct YearlyRecurrence {
  dueMonth @0 :UInt32;
  dueDay @1 :UInt32;
  undated @2 :Bool;   # true: the document gives no day (older logs: dated)
}

enum TaskKind {
  joint @0;
  each @1;
  onEvent @2;
  rule @3;
}

struct TaskDefinition {
  id @0 :Text;
  hasPhase @1 :Bool;
  phase @2 :Text;
  section @3 :Text;
  title @4 :Text;
  description @5 :Text;
  lead @6 :Text;
  coordinators @7 :List(Text);
  hasDueOn @8 :Bool;
  dueOn @9 :Int32;
  hasRecurrence @10 :Bool;
  recurrence @11 :YearlyRecurrence;
  kind @12 :TaskKind;
  request @13 :Bool;
  trigger @14 :Text;
  source @15 :Text;
  setOffBy @16 :Text;  # on_event: "incident", "transfer" or empty
}

struct PlanDrafted {
  id @0 :Text;
  code @1 :Text;
  title @2 :Text;
  issuer @3 :Text;
  hasIssuedOn @4 :Bool;
  issuedOn @5 :Int32;
  focalAgency @6 :Text;
  basis @7 :List(Text);
  hasAgreement @8 :Bool;
  agreement @9 :Agreement;
  phases @10 :List(Phase);
  tasks @11 :List(TaskDefinition);
  audience @12 :List(Text);
}

struct PlanTaskAdded {
  task @0 :TaskDefinition;
}

struct PlanIssued {
  taskIds @0 :List(Text);
  years @1 :List(Int32);
}

struct PlanYearOpened {
  year @0 :Int32;
  taskIds @1 :List(Text);
}

struct PlanAudienceWidened {
  agencies @0 :List(Text);
}

# ---- Tasks ----

struct TaskAssigned {
  id @0 :Text;
  plan @1 :Text;
  definition @2 :Text;
  hasPhase @3 :Bool;
  phase @4 :Text;
  section @5 :Text;
  title @6 :Text;
  description @7 :Text;
  lead @8 :Text;
  coordinators @9 :List(Text);
  dueOn @10 :Int32;
  hasOccurrenceYear @11 :Bool;
  occurrenceYear @12 :Int32;
  undated @13 :Bool;   # true: no due date yet (dueOn is meaningless)
  kind @14 :TaskKind;
  request @15 :Bool;
  focalAgency @16 :Text;   # empty: the plan's focal agency decides on the task
}

struct TaskAcknowledged {
  agency @0 :Text;
  revision @1 :UInt32;
}

struct TaskProgressReported {
  agency @0 :Text;
  note @1 :Text;
  hasPercent @2 :Bool;
  percent @3 :UInt32;
}

struct Evidence {
  ref @0 :Text;
  title @1 :Text;
}

struct TaskSubmitted {
  agency @0 :Text;
  submission @1 :UInt32;
  note @2 :Text;
  evidence @3 :List(Evidence);
}

struct TaskApproved {
  submission @0 :UInt32;
  note @1 :Text;
  agency @2 :Text;   # each: whose submission; empty: the whole task
}

struct TaskReturned {
  submission @0 :UInt32;
  reason @1 :Text;
  agency @2 :Text;
}

struct TaskDueSet {
  hasPreviousDueOn @0 :Bool;
  previousDueOn @1 :Int32;
  dueOn @2 :Int32;
}

struct TaskExtended {
  previousDueOn @0 :Int32;
  dueOn @1 :Int32;
  reason @2 :Text;
}

struct TaskRevised {
  hasDescription @0 :Bool;
  description @1 :Text;
  coordinatorsAdded @2 :List(Text);
  coordinatorsRemoved @3 :List(Text);
}

struct TaskCancelled {
  reason @0 :Text;
}

# ---- Difficulties ----

struct DifficultyRaised {
  id @0 :Text;
  task @1 :Text;
  agency @2 :Text;
  text @3 :Text;
}

struct GuidanceGiven {
  text @0 :Text;
}

# ---- Transfers of classified information ----

struct TransferDocument {
  ref @0 :Text;
  title @1 :Text;
  classification @2 :Classification;
}

struct TransferRequested {
  id @0 :Text;
  agency @1 :Text;
  partner @2 :Text;
  plan @3 :Text;   # may be empty
  document @4 :TransferDocument;
  channel @5 :Channel;
  purpose @6 :Text;
}

struct TransferReceived {
  id @0 :Text;
  agency @1 :Text;
  partner @2 :Text;
  plan @3 :Text;
  document @4 :TransferDocument;
  channel @5 :Channel;
  purpose @6 :Text;
  receivedOn @7 :Int32;
  hasReceivedOn @8 :Bool;  # false in events recorded before the day of receipt was asked for
}

struct TransferApproved {
  approvalRef @0 :Text;
  note @1 :Text;
  approvedOn @2 :Int32;
  hasApprovedOn @3 :Bool;  # false in events recorded before the approval's date was asked for
  signedBy @4 :Text;
}

struct TransferRejected {
  reason @0 :Text;
}

struct TransferCompleted {
  completedOn @0 :Int32;
  cipherProtected @1 :Bool;
}

struct TransferProposed {
  note @0 :Text;
  policeOpinion @1 :Text;
}

# ---- Incidents ----

struct IncidentDocument {
  ref @0 :Text;
  title @1 :Text;
}

struct IncidentReported {
  id @0 :Text;
  agency @1 :Text;
  kind @2 :IncidentKind;
  classification @3 :Classification;
  partner @4 :Text;   # may be empty
  documents @5 :List(IncidentDocument);
  discoveredAt @6 :Int64;
  summary @7 :Text;
  plan @8 :Text;       # may be empty
  transfer @9 :Text;   # may be empty
}

# No fields yet; a struct rather than Void so that it can gain some.
struct IncidentReceived {}

struct IncidentEscalated {
  to @0 :Text;
  note @1 :Text;
}

struct FindingAdded {
  kind @0 :FindingKind;
  text @1 :Text;
}

struct IncidentClosed {
  conclusion @0 :Text;
}

# ---- Inspections ----

struct InspectionPlanned {
  id @0 :Text;
  plan @1 :Text;   # may be empty
  inspectingAgency @2 :Text;
  agency @3 :Text;
  kind @4 :InspectionKind;
  scheduledOn @5 :Int32;
  team @6 :List(Text);
  scope @7 :Text;
}

struct InspectionFindingRecorded {
  number @0 :UInt32;
  text @1 :Text;
  severity @2 :FindingSeverity;
  hasRemedyDueOn @3 :Bool;
  remedyDueOn @4 :Int32;
  followUpTask @5 :Text;   # empty: no follow-up task
}

struct InspectionClosed {
  conclusion @0 :Text;
}

# ---- Signing in ----

struct PasswordSet {
  hash @0 :Text;         # Argon2id, encoded
  mustChange @1 :Bool;
  keptSession @2 :Text;  # empty: none kept
}

struct SignedIn {
  sessionId @0 :Text;
  sessionSha256 @1 :Text;
  source @2 :Text;
  secondFactor @3 :Bool;
  totpStep @4 :UInt64;
}

struct SignInFailed {
  source @0 :Text;
  reason @1 :Text;
}

struct SignInLocked {
  source @0 :Text;
  until @1 :Int64;
  failures @2 :UInt32;
}

struct SignedOut {
  sessionId @0 :Text;
}

struct SecondFactorEnrolled {
  secretBase32 @0 :Text;
  totpStep @1 :UInt64;
}

struct SecondFactorReset {}

struct SecondFactorPolicySet {
  roles @0 :List(Role);
}

# ---- The payload ----

# One member per core::EventData alternative, in the variant's order. The union's discriminant
# is what identifies the event type in the bytes; the envelope's `type` text only mirrors it.
struct Body {
  union {
    agencyRegistered @0 :AgencyRegistered;
    userRegistered @1 :UserRegistered;
    tokenIssued @2 :TokenIssued;
    tokenRevoked @3 :TokenRevoked;
    planDrafted @4 :PlanDrafted;
    planTaskAdded @5 :PlanTaskAdded;
    planIssued @6 :PlanIssued;
    taskAssigned @7 :TaskAssigned;
    taskAcknowledged @8 :TaskAcknowledged;
    taskProgressReported @9 :TaskProgressReported;
    taskSubmitted @10 :TaskSubmitted;
    taskApproved @11 :TaskApproved;
    taskReturned @12 :TaskReturned;
    taskExtended @13 :TaskExtended;
    taskRevised @14 :TaskRevised;
    taskCancelled @15 :TaskCancelled;
    difficultyRaised @16 :DifficultyRaised;
    guidanceGiven @17 :GuidanceGiven;
    transferRequested @18 :TransferRequested;
    transferReceived @19 :TransferReceived;
    transferApproved @20 :TransferApproved;
    transferRejected @21 :TransferRejected;
    transferCompleted @22 :TransferCompleted;
    incidentReported @23 :IncidentReported;
    incidentReceived @24 :IncidentReceived;
    incidentEscalated @25 :IncidentEscalated;
    findingAdded @26 :FindingAdded;
    incidentClosed @27 :IncidentClosed;
    planYearOpened @28 :PlanYearOpened;
    planAudienceWidened @29 :PlanAudienceWidened;
    taskDueSet @30 :TaskDueSet;
    transferProposed @31 :TransferProposed;
    inspectionPlanned @32 :InspectionPlanned;
    inspectionFindingRecorded @33 :InspectionFindingRecorded;
    inspectionClosed @34 :InspectionClosed;
    passwordSet @35 :PasswordSet;
    signedIn @36 :SignedIn;
    signInFailed @37 :SignInFailed;
    signInLocked @38 :SignInLocked;
    signedOut @39 :SignedOut;
    secondFactorEnrolled @40 :SecondFactorEnrolled;
    secondFactorReset @41 :SecondFactorReset;
    secondFactorPolicySet @42 :SecondFactorPolicySet;
  }
}

@0xe88c4d67620b891e;
# The one description of every event: one struct per event type and per value an event nests,
# and `Body`, the union of the event types. capnpc-mandate (codegen/) generates from it the core
# structs (core/event_types.h: same names, fields in snake_case and in the same order), their
# codec (events/payload_codec_generated.cc) and their API JSON (http/event_json_generated.cc);
# the annotations it reads are declared in describe.capnp. docs/schema.md says how to add an
# event.
#
# Values:
# - A date (core::Date, $date) is an Int32 of days since 1970-01-01; an instant (core::Instant,
#   $instant) is an Int64 of microseconds since 1970-01-01T00:00:00Z.
# - An optional value `x` ($optional) is two fields: `hasX :Bool` and `x`. `hasX` false means
#   absent, and `x` then holds its default, which is never read. The flag, not the value, says
#   whether it is present: a present zero, empty text or 1970-01-01 stays present. Every
#   optional uses this convention, also texts and structs, whose null pointer could otherwise
#   have served.
# - An enum is the core enum of the same name (core/vocabulary.h); the codec maps them by
#   enumerant name (topSecret is kTopSecret), not by number.
# - A struct's comments are the core struct's: put them on the lines after its opening brace,
#   and a field's after it on its line, where capnp keeps them as doc comments.
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
# tests/events/golden/ holds each event's bytes; a change that breaks these rules fails there.

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("mandate::events::schema");

using D = import "describe.capnp";

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

# ---- Agencies, users, tokens (streams "agency:<id>", "user:<id>") ----

struct AgencyRegistered $D.type("agency.registered") $D.stream("agency") {
  id @0 :Text;
  name @1 :Text;
  parent @2 :Text $D.json(nullWhenEmpty);  # Empty: a root agency.
  kind @3 :Text;  # Free text, e.g. "department", "district", "ministry"; may be empty.
}

struct UserRegistered $D.type("user.registered") $D.stream("user") {
  id @0 :Text;
  name @1 :Text;
  agency @2 :Text $D.json(nullWhenEmpty);  # Empty for the built-in admin.
  roles @3 :List(Role);
  clearance @4 :Clearance;
}

struct TokenIssued $D.type("token.issued") $D.stream("user") {
  tokenId @0 :Text;
  tokenSha256 @1 :Text $D.json(hidden);
  # Lowercase hex of SHA-256(token); the token itself is never kept. Not secret, but nobody's
  # business either: the API does not show it.
}

struct TokenRevoked $D.type("token.revoked") $D.stream("user") {
  tokenId @0 :Text;
}

# ---- Plans (stream "plan:<id>") ----

struct Agreement {
  partner @0 :Text;  # ISO country code, e.g. "LA", "IT", "MN".
  title @1 :Text;
  hasSignedOn @2 :Bool;
  signedOn @3 :Int32 $D.date $D.optional;
  hasEffectiveOn @4 :Bool;
  effectiveOn @5 :Int32 $D.date $D.optional;
  term @6 :Text;  # e.g. "indefinite", "5 years".
}

struct Phase {
  key @0 :Text;  # "I", "II", "III".
  title @1 :Text;
  hasStartsOn @2 :Bool;
  startsOn @3 :Int32 $D.date $D.optional;  # Absent: from the plan's start.
  hasEndsOn @4 :Bool;
  endsOn @5 :Int32 $D.date $D.optional;  # Absent: open-ended.
}

struct YearlyRecurrence {
  # The due day of each year's occurrence, only where the document gives one. Undated: each
  # year's occurrence starts with no due date, which the focal agency sets (TaskDueSet).
  dueMonth @0 :UInt32;
  dueDay @1 :UInt32;
  undated @2 :Bool;  # True: the document gives no day (older logs: dated).
}

enum TaskKind $D.unknownAs("joint") {
  # A kind this build does not know was written by a newer one; it is read as joint, the kind
  # every older log holds, rather than failing the whole plan.
  joint @0;
  each @1;
  onEvent @2;
  rule @3;
}

struct TaskDefinition $D.jsonBy("http/plan_json.h") {
  # A task as the plan defines it. A definition with a recurrence yields one task per year.
  # joint and on_event: `lead` and `coordinators`. each: no lead; `coordinators` holds the
  # agencies of the set, each holding its own assignment. rule: nobody. Its JSON is the plan
  # file's, whose shape depends on the kind.
  id @0 :Text;
  hasPhase @1 :Bool;
  phase @2 :Text $D.optional;  # Absent: a standing section of the plan.
  section @3 :Text;  # e.g. "measures", "dissemination", "summary".
  title @4 :Text;
  description @5 :Text;
  lead @6 :Text;
  coordinators @7 :List(Text);  # May hold "*": every agency but the lead.
  hasDueOn @8 :Bool;
  dueOn @9 :Int32 $D.date $D.optional;
  hasRecurrence @10 :Bool;
  recurrence @11 :YearlyRecurrence $D.optional;
  kind @12 :TaskKind;
  request @13 :Bool;  # Addressed to bodies outside the issuer's authority ("Đề nghị").
  trigger @14 :Text;  # on_event: what sets it off.
  source @15 :Text;  # The seed lines it comes from, e.g. "001:28-30"; may be empty.
  setOffBy @16 :Text;
  # on_event: the procedure Mandate records that sets it off, "incident" (a breach report) or
  # "transfer" (an outbound transfer request), counted under the plan; empty when what sets it
  # off (a delegation's visit, donated equipment) is not recorded here.
}

struct PlanDrafted $D.type("plan.drafted") $D.stream("plan") {
  id @0 :Text;
  code @1 :Text;
  title @2 :Text;
  issuer @3 :Text;
  hasIssuedOn @4 :Bool;
  issuedOn @5 :Int32 $D.date $D.optional;
  focalAgency @6 :Text;
  basis @7 :List(Text);
  hasAgreement @8 :Bool;
  agreement @9 :Agreement $D.optional;
  phases @10 :List(Phase);
  tasks @11 :List(TaskDefinition);
  audience @12 :List(Text);  # The agencies the plan addresses; "*" means these.
}

struct PlanTaskAdded $D.type("plan.task_added") $D.stream("plan") {
  task @0 :TaskDefinition;
}

struct PlanIssued $D.type("plan.issued") $D.stream("plan") {
  taskIds @0 :List(Text);  # Every concrete task created, occurrences included.
  years @1 :List(Int32);  # The plan years opened; empty in logs before years.
}

struct PlanYearOpened $D.type("plan.year_opened") $D.stream("plan") {
  # A new plan year's occurrences, opened by the server on the year's first day (or on start
  # for a year it missed), exactly once per plan and year.
  year @0 :Int32;
  taskIds @1 :List(Text);
}

struct PlanAudienceWidened $D.type("plan.audience_widened") $D.stream("plan") {
  # Agencies joined the plan's audience; the open "*" tasks assign them in the same decision.
  agencies @0 :List(Text);
}

# ---- Tasks (stream "task:<id>"; a yearly occurrence has id "<definition>/<year>") ----

struct TaskAssigned $D.type("task.assigned") $D.stream("task") {
  # The task is created with every agency on it assigned. Agencies are concrete ids ("*" is
  # resolved when the plan is issued).
  id @0 :Text;
  plan @1 :Text;
  definition @2 :Text;  # The definition's id; equals `id` unless this is an occurrence.
  hasPhase @3 :Bool;
  phase @4 :Text $D.optional;
  section @5 :Text;
  title @6 :Text;
  description @7 :Text;
  lead @8 :Text;
  coordinators @9 :List(Text);  # each: every agency of the set.
  dueOn @10 :Int32 $D.date $D.absentWhen("undated");  # Absent: undated (never overdue).
  hasOccurrenceYear @11 :Bool;
  occurrenceYear @12 :Int32 $D.optional;
  undated @13 :Bool;  # True: no due date yet (dueOn is meaningless).
  kind @14 :TaskKind;
  request @15 :Bool;
  focalAgency @16 :Text $D.json(nullWhenEmpty);
  # The agency whose coordinators decide on the task (approve, return, extend, cancel, set the
  # due date, revise). Empty: the plan's focal agency. An inspection's follow-up task names
  # the inspecting agency here.
}

struct TaskAcknowledged $D.type("task.acknowledged") $D.stream("task") {
  # A receipt: `agency` has read revision `revision` of the task.
  agency @0 :Text;
  revision @1 :UInt32;
}

struct TaskProgressReported $D.type("task.progress_reported") $D.stream("task") {
  agency @0 :Text;
  note @1 :Text;
  hasPercent @2 :Bool;
  percent @3 :UInt32 $D.optional;
}

struct Evidence {
  ref @0 :Text;
  title @1 :Text;
}

struct TaskSubmitted $D.type("task.submitted") $D.stream("task") {
  agency @0 :Text;  # The lead; on an each task, the agency submitting its own part.
  submission @1 :UInt32;  # 1 for the first submission, then 2, ...
  note @2 :Text;
  evidence @3 :List(Evidence);
}

struct TaskApproved $D.type("task.approved") $D.stream("task") {
  submission @0 :UInt32;  # The submission this approval is of.
  note @1 :Text;
  agency @2 :Text $D.json(nullWhenEmpty);  # each: whose submission; empty: the whole task (joint).
}

struct TaskReturned $D.type("task.returned") $D.stream("task") {
  submission @0 :UInt32;
  reason @1 :Text;
  agency @2 :Text $D.json(nullWhenEmpty);  # each: whose submission; empty: the lead's (joint).
}

struct TaskDueSet $D.type("task.due_set") $D.stream("task") {
  # The focal agency set (or moved) the due date of a task, typically a yearly occurrence the
  # document gives no day for.
  hasPreviousDueOn @0 :Bool;
  previousDueOn @1 :Int32 $D.date $D.optional;
  dueOn @2 :Int32 $D.date;
}

struct TaskExtended $D.type("task.extended") $D.stream("task") {
  previousDueOn @0 :Int32 $D.date;
  dueOn @1 :Int32 $D.date;
  reason @2 :Text;
}

struct TaskRevised $D.type("task.revised") $D.stream("task") {
  # A coordinator changed what the task asks. Fields that are absent did not change.
  hasDescription @0 :Bool;
  description @1 :Text $D.optional;
  coordinatorsAdded @2 :List(Text);
  coordinatorsRemoved @3 :List(Text);
}

struct TaskCancelled $D.type("task.cancelled") $D.stream("task") {
  reason @0 :Text;
}

# ---- Difficulties (stream "difficulty:<id>") ----

struct DifficultyRaised $D.type("difficulty.raised") $D.stream("difficulty") {
  id @0 :Text;
  task @1 :Text;
  agency @2 :Text;
  text @3 :Text;
}

struct GuidanceGiven $D.type("difficulty.guidance_given") $D.stream("difficulty") {
  text @0 :Text;
}

# ---- Transfers of classified information (stream "transfer:<id>") ----

struct TransferDocument {
  ref @0 :Text;
  title @1 :Text;
  classification @2 :Classification;
}

struct TransferRequested $D.type("transfer.requested") $D.stream("transfer")
    $D.jsonConstant(name = "direction", value = "outbound") {
  # Outbound: TransferRequested; inbound: TransferReceived. Both open the stream.
  id @0 :Text;
  agency @1 :Text;
  partner @2 :Text;
  plan @3 :Text $D.json(nullWhenEmpty);  # May be empty.
  document @4 :TransferDocument;
  channel @5 :Channel;
  purpose @6 :Text;
}

struct TransferReceived $D.type("transfer.received") $D.stream("transfer")
    $D.jsonConstant(name = "direction", value = "inbound") {
  id @0 :Text;
  agency @1 :Text;
  partner @2 :Text;
  plan @3 :Text $D.json(nullWhenEmpty);
  document @4 :TransferDocument;
  channel @5 :Channel;
  purpose @6 :Text;
  receivedOn @7 :Int32 $D.date $D.optional;
  # Absent in events before it was recorded: the record's day.
  hasReceivedOn @8 :Bool;
}

struct TransferApproved $D.type("transfer.approved") $D.stream("transfer") {
  # The written consent of the competent person (003:64): the approval document's number, date
  # and signer. approved_on is absent only in events recorded before it was asked for.
  approvalRef @0 :Text;  # The approval's document number.
  note @1 :Text;
  approvedOn @2 :Int32 $D.date $D.optional;
  hasApprovedOn @3 :Bool;
  signedBy @4 :Text;
}

struct TransferRejected $D.type("transfer.rejected") $D.stream("transfer") {
  reason @0 :Text;
}

struct TransferCompleted $D.type("transfer.completed") $D.stream("transfer") {
  completedOn @0 :Int32 $D.date;
  cipherProtected @1 :Bool;  # Sent through a channel protected under the cipher law (003:67).
}

struct TransferProposed $D.type("transfer.proposed") $D.stream("transfer") {
  # For an agency under the People's Committee, the Committee Office, with the Provincial
  # Police's opinion, proposes the request to the Chairman, who then decides (003:65).
  note @0 :Text;
  policeOpinion @1 :Text;
}

# ---- Incidents: breach reports (stream "incident:<id>") ----

struct IncidentDocument {
  ref @0 :Text;
  title @1 :Text;
}

struct IncidentReported $D.type("incident.reported") $D.stream("incident") {
  id @0 :Text;
  agency @1 :Text;
  kind @2 :IncidentKind;
  classification @3 :Classification;
  partner @4 :Text $D.json(nullWhenEmpty);  # May be empty.
  documents @5 :List(IncidentDocument);
  discoveredAt @6 :Int64 $D.instant;
  summary @7 :Text;
  plan @8 :Text $D.json(nullWhenEmpty);  # The plan whose exchange it concerns; may be empty.
  transfer @9 :Text $D.json(nullWhenEmpty);  # The transfer it concerns; may be empty.
}

struct IncidentReceived $D.type("incident.received") $D.stream("incident") {
  # No fields yet; a struct rather than Void so that it can gain some.
}

struct IncidentEscalated $D.type("incident.escalated") $D.stream("incident") {
  # One hop up the chain (001:14, 003:70), taken by the agency holding the incident: the police
  # division to the People's Committee, the Committee to the Ministry's division.
  to @0 :Text;
  note @1 :Text;
}

struct FindingAdded $D.type("incident.finding_added") $D.stream("incident") {
  kind @0 :FindingKind;
  text @1 :Text;
}

struct IncidentClosed $D.type("incident.closed") $D.stream("incident") {
  conclusion @0 :Text;
}

# ---- Inspections (stream "inspection:<id>") ----

struct InspectionPlanned $D.type("inspection.planned") $D.stream("inspection") {
  # The focal agency plans an inspection of an agency (seed 004 II.8, III.2).
  id @0 :Text;
  plan @1 :Text $D.json(nullWhenEmpty);  # May be empty.
  inspectingAgency @2 :Text;  # The plan's focal agency, or the planner's own agency.
  agency @3 :Text;  # The inspected agency.
  kind @4 :InspectionKind;
  scheduledOn @5 :Int32 $D.date;
  team @6 :List(Text);  # The members, as named.
  scope @7 :Text;
}

struct InspectionFindingRecorded $D.type("inspection.finding_recorded") $D.stream("inspection") {
  # A finding of the inspection. One with a remedy due opens the follow-up task
  # `follow_up_task` (its TaskAssigned is in the same decision); empty when none is due.
  number @0 :UInt32;  # 1 for the first finding, then 2, ...
  text @1 :Text;
  severity @2 :FindingSeverity;
  hasRemedyDueOn @3 :Bool;
  remedyDueOn @4 :Int32 $D.date $D.optional;
  followUpTask @5 :Text $D.json(nullWhenEmpty);
}

struct InspectionClosed $D.type("inspection.closed") $D.stream("inspection") {
  conclusion @0 :Text;
}

# ---- Signing in (streams "user:<id>"; "access:policy" and "access:sources") ----
#
# A person signs in with a user name and a password (and a second factor once enrolled); a
# program keeps its bearer token. The secrets these events hold (a password's Argon2id hash, a
# second factor's key) are never rendered by the API; docs/security.md says who can read them.

struct PasswordSet $D.type("user.password_set") $D.stream("user") {
  # A password set by an admin (a first one, which must be changed at the first sign-in) or by
  # the user (a change). Every session of the user but `kept_session` ends with it.
  hash @0 :Text $D.json(hidden);
  # The Argon2id encoded form ("$argon2id$v=19$m=...,t=...,p=...$salt$tag"). Never shown: an
  # auditor learns that a password was set, not what could test one.
  mustChange @1 :Bool;
  keptSession @2 :Text $D.json(nullWhenEmpty);
  # The session the change was made in; empty: none is kept.
}

struct SignedIn $D.type("user.signed_in") $D.stream("user") {
  # A session began. The cookie holds its secret; the log holds only the secret's SHA-256.
  sessionId @0 :Text;
  sessionSha256 @1 :Text $D.json(hidden);
  # Lowercase hex of SHA-256(secret). Not shown: it would let a reader forge nothing, but it is
  # of no use to one either.
  source @2 :Text;  # The peer address the sign-in came from.
  secondFactor @3 :Bool;  # Whether a one-time code was given.
  totpStep @4 :UInt64 $D.json(hidden);  # The code's time step (RFC 6238), so no code counts twice.
}

struct SignInFailed $D.type("user.sign_in_failed") $D.stream("user") {
  # A sign-in of an existing user refused: the password ("password") or the one-time code
  # ("second_factor") was wrong. A refusal for a name no user has leaves no event.
  source @0 :Text;
  reason @1 :Text;
}

struct SignInLocked $D.type("sign_in.locked") $D.stream("user|access") {
  # Sign-ins refused until `until`: of the user whose stream holds it, or, on "access:sources",
  # from `source` whatever the name.
  source @0 :Text;
  until @1 :Int64 $D.instant;
  failures @2 :UInt32;  # The consecutive failures that set it off.
}

struct SignedOut $D.type("user.signed_out") $D.stream("user") {
  # A session ended by its user signing out.
  sessionId @0 :Text;
}

struct SecondFactorEnrolled $D.type("user.second_factor_enrolled") $D.stream("user") {
  # A TOTP key (RFC 6238: HMAC-SHA-1, 30 s, 6 digits) the user enrolled, with the step of the
  # code that proved it. The API shows neither.
  secretBase32 @0 :Text $D.json(hidden);
  totpStep @1 :UInt64 $D.json(hidden);
}

struct SecondFactorReset $D.type("user.second_factor_reset") $D.stream("user") {
  # An admin removed a user's second factor (a lost device); the user enrols again.
}

struct SecondFactorPolicySet $D.type("access.second_factor_policy_set") $D.stream("access") {
  # The roles whose holders must sign in with a second factor (stream "access:policy").
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

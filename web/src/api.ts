// The API client: every call of the dashboard goes through here. A person is signed in by the
// session cookie, which the browser sends by itself (same origin) and script never sees; what
// script holds is the session's CSRF token, in memory only, sent with every write. Errors come
// back as ApiError holding the problem+json answer, so a form can name the field at fault.

import { signal } from "./signal";

// From the sign-in answer or GET /v1/me; gone with the page, and so read again from /v1/me
// after a reload. Not in storage: a script injected later could read it there.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

// What a call learnt about the session that the whole page must act on: the server no longer
// takes it (401: expired, ended elsewhere) or wants something first (a password change, a
// second factor). A new object each time, so that the same news twice is heard twice.
export type SessionTrouble = { kind: "ended" } | { kind: "restricted"; code: string };
export const sessionTrouble = signal<SessionTrouble | null>(null);

const RESTRICTIONS = ["password_change_required", "second_factor_enrolment_required"];

export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  field?: string;
  retry_after?: number; // Seconds, from Retry-After on a 429.
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code);
    this.problem = problem;
  }
}

// A task id of a yearly occurrence holds a slash; the API takes it encoded as %2F.
export const enc = encodeURIComponent;

export function query(params: Record<string, string | number | undefined | null>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    parts.push(`${enc(k)}=${enc(String(v))}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

async function problemOf(response: Response): Promise<Problem> {
  const retry = Number(response.headers.get("Retry-After"));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? { retry_after: retry } : {};
  try {
    const body = await response.json();
    if (body && typeof body.code === "string") return { status: response.status, ...body, ...retryAfter };
  } catch {
    // Not JSON: a proxy or a dead server. Said below with the status alone.
  }
  return { status: response.status, code: response.status === 0 ? "network" : "http_" + response.status, ...retryAfter };
}

// Tells the page when an answer says the session is over or restricted. Sign-in's own refusals
// have their own codes (sign_in_failed, ...), so they never count as a lost session.
export function reportSessionTrouble(problem: Problem): void {
  if (problem.status === 401 && problem.code === "unauthenticated") sessionTrouble.set({ kind: "ended" });
  else if (problem.status === 403 && RESTRICTIONS.includes(problem.code)) sessionTrouble.set({ kind: "restricted", code: problem.code });
}

const SAFE_METHODS = ["GET", "HEAD"];

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  // The server refuses a cookie-authenticated write without it (403 csrf_failed).
  if (!SAFE_METHODS.includes(method) && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin", // The session cookie; the default, said because it matters.
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ status: 0, code: "network" });
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    reportSessionTrouble(problem);
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const get = <T>(path: string) => call<T>("GET", path);
export const post = <T>(path: string, body: unknown = {}) => call<T>("POST", path, body);
export const patch = <T>(path: string, body: unknown) => call<T>("PATCH", path, body);

// ---- The shapes the dashboard reads (docs/api.md) ----

export type Role = "admin" | "coordinator" | "officer" | "approver" | "investigator" | "auditor";

export interface Me {
  user: string;
  name: string;
  agency: string | null;
  roles: Role[];
  clearance: string;
  // What the user owes before anything else: while either is true the server answers 403 to
  // all but GET /v1/me, the password and second factor routes and sign-out.
  must_change_password: boolean;
  second_factor_enrolled: boolean;
  second_factor_enrolment_required: boolean;
  // With a session cookie; null when the caller used a token.
  session: { id: string; expires_at: string; csrf_token: string } | null;
}

// POST /v1/sign-in's answer (the cookie comes beside it, out of script's reach).
export interface SignedIn {
  user: string;
  session_id: string;
  csrf_token: string;
  expires_at: string;
  must_change_password: boolean;
  second_factor_enrolment_required: boolean;
}

// POST /v1/me/second-factor's answer: a key not stored until a code of it is confirmed.
export interface SecondFactorKey {
  secret: string; // base32
  otpauth_uri: string;
  digits: number;
  period: number;
  algorithm: string;
}

export interface SignInPolicy {
  second_factor_roles: Role[];
  password: { min_length: number; max_length: number };
  session: { idle_seconds: number; absolute_seconds: number };
  version: number;
}

export interface Agency {
  id: string;
  name: string;
  parent: string | null;
}

export interface PlanSummary {
  id: string;
  code: string;
  title: string;
  status: string;
  focal_agency: string;
  partner: string | null;
}

// How a duty is held: `joint` (a lead and its coordinators; the lead submits), `each` (every
// agency holds its own assignment with its own lifecycle), `on_event` (set off by what
// `trigger` says; never dated), `rule` (a standing rule: no assignments).
export type TaskKind = "joint" | "each" | "on_event" | "rule";

export interface TaskDefinition {
  id: string;
  kind: TaskKind;
  phase: string | null;
  section: string;
  title: string;
  description: string;
  request: boolean;
  source: string;
  lead?: string;
  coordinators?: string[];
  agencies?: string[];
  trigger?: string;
  triggered?: number;
  due_on?: string;
  recurrence?: { every: "year"; due?: string };
}

export interface Plan {
  id: string;
  code: string;
  title: string;
  issuer: string;
  focal_agency: string;
  audience: string[];
  years: number[];
  phases: { key: string; title: string; starts_on: string | null; ends_on: string | null }[];
  status: string;
  definitions: TaskDefinition[];
  tasks: TaskSummary[];
  version: number;
}

export interface PhaseAgency {
  agency: string;
  assigned: number;
  unacknowledged: number;
  acknowledged: number;
  in_progress: number;
  submitted: number;
  approved: number;
  cancelled: number;
  overdue: number;
  percent_done: number;
}

export interface PhaseStatus {
  plan: string;
  year: number;
  as_of: number;
  on: string;
  phases: { key: string | null; title: string; starts_on: string | null; ends_on: string | null; agencies: PhaseAgency[] }[];
}

export interface TaskSummary {
  id: string;
  plan: string;
  phase: string | null;
  title: string;
  lead: string | null; // Empty or null on an `each` task, which has no lead.
  kind?: TaskKind;
  request?: boolean;
  occurrence_year?: number | null;
  triggered?: number;
  due_on: string | null; // null: no deadline yet (never overdue).
  status: string;
  overdue: boolean;
}

export interface OverdueRow {
  task: string;
  plan: string;
  phase: string | null;
  title: string;
  lead: string | null;
  kind?: TaskKind;
  due_on: string | null;
  days_overdue: number;
  status: string;
}

export interface InboxRow extends OverdueRow {
  role: "lead" | "coordinator";
  assignment_status: string;
  reasons: string[];
}

export interface Assignment {
  agency: string;
  role: "lead" | "coordinator" | string;
  status: string;
  submission?: number; // On an `each` task: which of this agency's submissions is the latest.
  acknowledged_at: string | null;
  needs_acknowledgement: boolean;
}

export interface HistoryEntry {
  position: number;
  version: number;
  type: string;
  recorded_at: string;
  actor: { user: string; agency: string | null };
  changes: { field: string; from: string | null; to: string | null }[];
}

export interface Task {
  id: string;
  plan: string;
  phase: string | null;
  title: string;
  description: string;
  lead: string | null;
  kind?: TaskKind;
  request?: boolean;
  trigger?: string;
  triggered?: number;
  occurrence_year?: number | null;
  // The agency whose coordinators decide on the task when it names its own (an inspection's
  // follow-up names the inspecting agency); null: the plan's focal agency decides.
  focal_agency?: string | null;
  due_on: string | null;
  status: string;
  overdue: boolean;
  days_overdue: number;
  assignments: Assignment[];
  history?: HistoryEntry[];
  version: number;
}

export interface Difficulty {
  id: string;
  task: string;
  agency: string;
  text: string;
  raised_at: string;
  guidance: { text: string; user: string; at: string }[];
  answered: boolean;
}

// A transfer's procedure (docs/api.md, "Transfers of classified information"): requested (or
// received, inbound), proposed by the Committee Office where the Committee decides, approved or
// rejected by the competent approver, completed. Each step names who took it and when.
export interface Transfer {
  id: string;
  agency: string;
  direction: "outbound" | "inbound";
  partner: string;
  plan: string | null;
  document: { ref: string; title: string; classification: string };
  channel: string;
  purpose: string;
  status: string;
  recorded_at: string;
  recorded_by: string;
  proposal: { note: string; police_opinion: string; by: string; at: string } | null;
  approval: { approval_ref: string; approved_on: string | null; signed_by: string; note: string; by: string; at: string } | null;
  rejection: { reason: string; by: string; at: string } | null;
  completed_on: string | null;
  cipher_protected: boolean | null;
  received_on: string | null;
  version: number;
}

export interface TransferStats {
  year: number;
  rows: { partner: string; direction: string; classification: string; agency?: string; count: number }[];
}

export interface Actor {
  user: string;
  agency: string | null;
}

export type FindingKind = "verification" | "cause" | "remediation" | "partner_notified" | "note";

// One step of a breach report's chain as the server judges it now: taken (`at`, `by`) or
// pending, its deadline (none while the step before it is pending) and whether it was late.
export type IncidentStepName = "report" | "receive" | "committee" | "ministry" | "partner";
export interface IncidentStep {
  step: IncidentStepName;
  at: string | null;
  by: Actor | null;
  deadline: string | null;
  late: boolean;
}

export interface Incident {
  id: string;
  agency: string;
  kind: string;
  classification: string;
  partner: string | null;
  summary: string;
  status: string;
  discovered_at: string;
  reported_at: string;
  reported_by: Actor;
  closed_at: string | null;
  conclusion: string | null;
  documents: { ref: string; title: string }[];
  findings: { kind: FindingKind; text: string; occurred_at: string; recorded_at: string; by: Actor }[];
  plan: string | null;
  transfer: string | null;
  holder: string;
  hops: { to: string; note: string; at: string; by: Actor }[];
  steps: IncidentStep[];
  version: number;
}

// A breach report whose chain is late, as GET /v1/views/overdue lists it beside the tasks.
export interface OverdueIncident {
  kind: "incident";
  incident: string;
  agency: string;
  holder: string;
  status: string;
  late_steps: IncidentStepName[];
  deadline: string | null; // The pending step's, if one is pending.
}

export interface TimelineEntry {
  position: number;
  type: string;
  recorded_at: string;
  occurred_at: string;
  actor: { user: string; agency: string | null };
  data: Record<string, unknown>;
  hash: string;
}

export interface Timeline {
  incident: string;
  as_of: number;
  entries: TimelineEntry[];
  chain: { verified: boolean; head: string; checked?: number; first_bad?: number };
}

// An inspection of an agency (docs/api.md, "Inspections"): planned, in progress once a finding
// is recorded, closed once every follow-up task is approved or cancelled.
export type InspectionKind = "periodic" | "surprise";
export type Severity = "low" | "medium" | "high";

export interface Inspection {
  id: string;
  plan: string | null;
  inspecting_agency: string;
  agency: string;
  kind: InspectionKind;
  scheduled_on: string;
  team: string[];
  scope: string;
  status: "planned" | "in_progress" | "closed";
  planned_at: string;
  planned_by: Actor;
  started_at: string | null;
  closed_at: string | null;
  closed_by: Actor | null;
  conclusion: string | null;
  findings: { number: number; text: string; severity: Severity; remedy_due_on: string | null; follow_up_task: string | null; recorded_at: string; by: Actor }[];
  follow_ups: { task: string; finding: number; due_on: string; status: string | null }[];
  open_follow_ups: number;
  version?: number;
}

// An open inspection as the inbox lists it for the inspected agency.
export interface InboxInspection {
  inspection: string;
  kind: InspectionKind;
  scheduled_on: string;
  status: string;
  inspecting_agency: string;
  plan: string | null;
  scope: string;
  open_follow_ups: number;
}

// The year's figures of a plan's inspections, as the annual report holds them.
export interface InspectionFigures {
  planned: number;
  closed: number;
  findings: number;
  follow_ups: { open: number; closed: number };
}

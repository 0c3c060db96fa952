// The authorization matrix, end to end: every route of the router, called by every role and by
// no one, against the real server. The expectations are the contract's role table
// (shared/api.md, "Authentication and access"), not the code's: where the two differ, mark the
// row with a CONTRACT: comment and let it fail until the code follows the contract.
//
// The grid has one row per route (and per subject where visibility matters: a secret and a
// confidential transfer or incident), one column per caller and one letter per cell:
//   A  allowed: 2xx
//   V  allowed: the caller passed authorization; the command was then refused with the 422
//      code the row names (a rule on the body, judged after the role and the agency)
//   F  forbidden: 403, the caller sees the thing but may not act on it
//   H  hidden: 404, the caller may not know the thing exists
//   U  unauthenticated: 401
//
// One server serves the whole grid. Refusals come before any rule on the state (domain
// decide(): existence, visibility, permission, fields, state), so refused cells share one
// subject per kind; a cell that expects a command to pass gets a fresh subject of its own, so
// that what it changes is seen by no other cell. Every create names a fresh id, so that a
// taken id (409, checked before the role) never hides the answer under test.

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <catch2/catch.hpp>
#include <sys/socket.h>

#include "tests/e2e/api_fixture.h"

namespace mandate::testing {
namespace {

using nlohmann::json;

// ---- Callers: the grid's columns ----

// Clearance ranks: none < confidential < secret < top_secret.
int rank(const std::string& level) {
  static const std::map<std::string, int> kRanks = {
      {"none", 0}, {"confidential", 1}, {"secret", 2}, {"top_secret", 3}};
  return kRanks.at(level);
}

struct Caller {
  std::string name;    // The user.
  std::string agency;  // "" for the built-in admin.
  bool officer_only = false;
  int clearance = 0;
};

// The grid's columns, in order, then the three of kAnonymous. ApiFixture registers coord,
// officer-tp, officer-nv, approver, investigator and auditor; the test registers the others.
// The subjects belong to so-tu-phap: officer-tp* is the own agency, officer-nv another.
const std::vector<Caller> kCallers = {
    {"admin", "", false, 3},
    {"coord", "cong-an-tinh", false, 2},
    {"coord-conf", "cong-an-tinh", false, 1},
    {"officer-tp", "so-tu-phap", true, 2},
    {"officer-tp-conf", "so-tu-phap", true, 1},
    {"officer-tp-none", "so-tu-phap", true, 0},
    {"officer-nv", "so-ngoai-vu", true, 1},
    {"approver", "ubnd-tinh", false, 2},
    {"approver-conf", "ubnd-tinh", false, 1},
    {"investigator", "cong-an-tinh", false, 3},
    {"investigator-conf", "cong-an-tinh", false, 1},
    {"auditor", "ubnd-tinh", false, 3},
    {"auditor-conf", "ubnd-tinh", false, 1},
};
const std::vector<std::string> kAnonymous = {"(no token)", "(wrong token)", "(revoked token)"};
constexpr size_t kColumns = 16;

// The contract's visibility rule for a transfer or incident.
bool sees(const Caller& c, const std::string& agency, const std::string& classification) {
  return c.clearance >= rank(classification) && (!c.officer_only || c.agency == agency);
}

// ---- Subjects: what a route's {id} stands for ----

enum class Subject {
  kNone,
  kDraftPlan,
  kToken,               // A live token of the user "spare".
  kTask,                // Led by so-tu-phap, coordinated by cong-an-tinh: so-ngoai-vu is not on it.
  kTaskAcknowledged,    // kTask, acknowledged by its lead.
  kTaskSubmitted,       // kTask, submitted by its lead.
  kNvTask,              // Led by so-tu-phap, coordinated by so-ngoai-vu.
  kNvTaskAcknowledged,  // kNvTask, acknowledged by its lead.
  kDifficulty,          // Raised by so-tu-phap on kTask.
  kSecretTransfer,      // So-tu-phap's, outbound, secret, requested.
  kSecretTransferProposed,  // kSecretTransfer, proposed by the Committee Office.
  kSecretTransferApproved,
  kConfTransfer,  // So-tu-phap's, outbound, confidential, requested.
  kConfTransferProposed,
  kConfTransferApproved,
  kSecretIncident,          // So-tu-phap's, secret, reported.
  kConfIncident,            // So-tu-phap's, confidential, reported.
  kSecretIncidentReceived,  // kSecretIncident, received by the police division.
  kConfIncidentReceived,
  kSecretIncidentExplained,  // Received, with a cause and a remediation found.
  kConfIncidentExplained,
};

const char* name_of(Subject s) {
  switch (s) {
    case Subject::kNone:
      return "";
    case Subject::kDraftPlan:
      return "draft plan";
    case Subject::kToken:
      return "token";
    case Subject::kTask:
      return "task without so-ngoai-vu";
    case Subject::kTaskAcknowledged:
      return "acknowledged task without so-ngoai-vu";
    case Subject::kTaskSubmitted:
      return "submitted task without so-ngoai-vu";
    case Subject::kNvTask:
      return "task coordinated by so-ngoai-vu";
    case Subject::kNvTaskAcknowledged:
      return "acknowledged task coordinated by so-ngoai-vu";
    case Subject::kDifficulty:
      return "difficulty of so-tu-phap";
    case Subject::kSecretTransfer:
      return "secret transfer of so-tu-phap";
    case Subject::kSecretTransferProposed:
      return "proposed secret transfer of so-tu-phap";
    case Subject::kSecretTransferApproved:
      return "approved secret transfer of so-tu-phap";
    case Subject::kConfTransfer:
      return "confidential transfer of so-tu-phap";
    case Subject::kConfTransferProposed:
      return "proposed confidential transfer of so-tu-phap";
    case Subject::kConfTransferApproved:
      return "approved confidential transfer of so-tu-phap";
    case Subject::kSecretIncident:
      return "secret incident of so-tu-phap";
    case Subject::kConfIncident:
      return "confidential incident of so-tu-phap";
    case Subject::kSecretIncidentReceived:
      return "received secret incident of so-tu-phap";
    case Subject::kConfIncidentReceived:
      return "received confidential incident of so-tu-phap";
    case Subject::kSecretIncidentExplained:
      return "explained secret incident of so-tu-phap";
    case Subject::kConfIncidentExplained:
      return "explained confidential incident of so-tu-phap";
  }
  return "?";
}

// The server judges dates in its time zone, Vietnam's by default (UTC+7, no daylight saving).
std::string today_in_vietnam() {
  const std::time_t now = std::time(nullptr) + 7 * 3600;
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char day[11];
  std::strftime(day, sizeof day, "%Y-%m-%d", &tm);
  return day;
}

json plan_body(const std::string& id, const std::string& task) {
  return {{"id", id},
          {"code", "01/KH-UBND"},
          {"title", "Kế hoạch bảo vệ bí mật nhà nước"},
          {"issuer", "ubnd-tinh"},
          {"issued_on", "2024-09-20"},
          {"focal_agency", "cong-an-tinh"},
          {"phases",
           {{{"key", "I"},
             {"title", "Giai đoạn I"},
             {"starts_on", "2024-01-01"},
             {"ends_on", "2030-12-31"}}}},
          {"tasks",
           {{{"id", task},
             {"phase", "I"},
             {"section", "dissemination"},
             {"title", "Tập huấn"},
             {"lead", "so-tu-phap"},
             {"coordinators", {"cong-an-tinh"}},
             {"due_on", "2030-06-30"}}}}};
}

json task_body(const std::string& id, const std::string& coordinator) {
  return {{"id", id},
          {"phase", "I"},
          {"section", "dissemination"},
          {"title", "Rà soát tài liệu mật"},
          {"lead", "so-tu-phap"},
          {"coordinators", {coordinator}},
          {"due_on", "2030-06-30"}};
}

json transfer_body(const std::string& id, const std::string& agency, const std::string& level) {
  return {
      {"id", id},
      {"agency", agency},
      {"direction", "outbound"},
      {"partner", "LA"},
      {"document", {{"ref", "12/TM"}, {"title", "Tài liệu trao đổi"}, {"classification", level}}},
      {"channel", "diplomatic"},
      {"purpose", "Trao đổi theo Hiệp định"}};
}

json incident_body(const std::string& id, const std::string& agency, const std::string& level) {
  return {{"id", id},
          {"agency", agency},
          {"kind", "at_risk"},
          {"classification", level},
          {"documents", {{{"ref", "05/M"}, {"title", "Công văn mật"}}}},
          {"discovered_at", "2026-01-02T07:30:00Z"},
          {"summary", "Nguy cơ lộ tài liệu mật"}};
}

const json kEvidence = {{"note", "Hoàn thành"},
                        {"evidence", {{{"ref", "12/BC"}, {"title", "Báo cáo"}}}}};

// Makes subjects: the shared ones once, and a fresh one whenever a cell asks.
class Subjects {
 public:
  explicit Subjects(ApiFixture& api) : api_(api) {}

  std::string fresh_id() { return "az-" + std::to_string(++next_); }

  void create_shared() {
    auto plan = plan_body("authz-plan", "authz-task");
    plan["tasks"].push_back(task_body("authz-task-nv", "so-ngoai-vu"));
    expect(api_.post("coord", "/v1/plans", plan), 201);
    expect(api_.post("coord", "/v1/plans/authz-plan/issue", json::object()), 200);
    expect(api_.post("coord", "/v1/plans", plan_body("authz-draft", "authz-draft-task")), 201);
    shared_[Subject::kDraftPlan] = "authz-draft";
    shared_[Subject::kToken] = token();
    for (Subject s : {Subject::kTask, Subject::kTaskAcknowledged, Subject::kTaskSubmitted}) {
      shared_[s] = "authz-task";
    }
    shared_[Subject::kNvTask] = shared_[Subject::kNvTaskAcknowledged] = "authz-task-nv";
    shared_[Subject::kDifficulty] = difficulty();
    shared_[Subject::kSecretTransfer] = transfer("tr-secret", "secret", 0).id;
    shared_[Subject::kSecretTransferProposed] = shared_[Subject::kSecretTransferApproved] =
        transfer("tr-secret-proposed", "secret", 1).id;
    shared_[Subject::kConfTransfer] = transfer("tr-conf", "confidential", 0).id;
    shared_[Subject::kConfTransferProposed] = shared_[Subject::kConfTransferApproved] =
        transfer("tr-conf-proposed", "confidential", 1).id;
    shared_[Subject::kSecretIncident] = incident("inc-secret", "secret", 0);
    shared_[Subject::kConfIncident] = incident("inc-conf", "confidential", 0);
    shared_[Subject::kSecretIncidentReceived] = shared_[Subject::kSecretIncidentExplained] =
        incident("inc-secret-received", "secret", 1);
    shared_[Subject::kConfIncidentReceived] = shared_[Subject::kConfIncidentExplained] =
        incident("inc-conf-received", "confidential", 1);
  }

  const std::string& shared(Subject s) const { return shared_.at(s); }

  struct Made {
    std::string id;
    std::string day;  // For an approved transfer: the day of the approval.
  };

  Made fresh(Subject s) {
    switch (s) {
      case Subject::kNone:
        return {};
      case Subject::kDraftPlan: {
        const std::string id = fresh_id();
        expect(api_.post("coord", "/v1/plans", plan_body(id, id + "-t")), 201);
        return {id, ""};
      }
      case Subject::kToken:
        return {token(), ""};
      case Subject::kTask:
        return {task("cong-an-tinh", 0), ""};
      case Subject::kTaskAcknowledged:
        return {task("cong-an-tinh", 1), ""};
      case Subject::kTaskSubmitted:
        return {task("cong-an-tinh", 2), ""};
      case Subject::kNvTask:
        return {task("so-ngoai-vu", 0), ""};
      case Subject::kNvTaskAcknowledged:
        return {task("so-ngoai-vu", 1), ""};
      case Subject::kDifficulty:
        return {difficulty(), ""};
      case Subject::kSecretTransfer:
        return transfer(fresh_id(), "secret", 0);
      case Subject::kSecretTransferProposed:
        return transfer(fresh_id(), "secret", 1);
      case Subject::kSecretTransferApproved:
        return transfer(fresh_id(), "secret", 2);
      case Subject::kConfTransfer:
        return transfer(fresh_id(), "confidential", 0);
      case Subject::kConfTransferProposed:
        return transfer(fresh_id(), "confidential", 1);
      case Subject::kConfTransferApproved:
        return transfer(fresh_id(), "confidential", 2);
      case Subject::kSecretIncident:
        return {incident(fresh_id(), "secret", 0), ""};
      case Subject::kConfIncident:
        return {incident(fresh_id(), "confidential", 0), ""};
      case Subject::kSecretIncidentReceived:
        return {incident(fresh_id(), "secret", 1), ""};
      case Subject::kConfIncidentReceived:
        return {incident(fresh_id(), "confidential", 1), ""};
      case Subject::kSecretIncidentExplained:
        return {incident(fresh_id(), "secret", 2), ""};
      case Subject::kConfIncidentExplained:
        return {incident(fresh_id(), "confidential", 2), ""};
    }
    return {};
  }

 private:
  static HttpResult expect(HttpResult r, unsigned status) {
    INFO(r.body);
    REQUIRE(r.status == status);
    return r;
  }

  std::string token() {
    return expect(api_.post("admin", "/v1/users/spare/tokens", json::object()), 201)
        .json()["token_id"];
  }

  // A task of authz-plan led by so-tu-phap; stage 1: acknowledged by it, 2: submitted.
  std::string task(const std::string& coordinator, int stage) {
    const std::string id = fresh_id();
    expect(api_.post("coord", "/v1/plans/authz-plan/tasks", task_body(id, coordinator)), 201);
    if (stage >= 1) {
      expect(api_.post("officer-tp", "/v1/tasks/" + id + "/acknowledge", json::object()), 200);
    }
    if (stage >= 2) expect(api_.post("officer-tp", "/v1/tasks/" + id + "/submit", kEvidence), 200);
    return id;
  }

  std::string difficulty() {
    return expect(api_.post("officer-tp", "/v1/tasks/authz-task/difficulties",
                            {{"text", "Chưa có tài liệu hướng dẫn"}}),
                  201)
        .json()["id"];
  }

  // A transfer of so-tu-phap; stage 1: proposed by the Committee Office, 2: approved by the
  // Chairman's office (so-tu-phap is under the People's Committee).
  Made transfer(const std::string& id, const std::string& level, int stage) {
    expect(api_.post("officer-tp", "/v1/transfers", transfer_body(id, "so-tu-phap", level)), 201);
    if (stage < 1) return {id, ""};
    expect(api_.post("office", "/v1/transfers/" + id + "/propose",
                     {{"police_opinion", "Công an tỉnh thống nhất"}}),
           200);
    if (stage < 2) return {id, ""};
    auto r = expect(api_.post("approver", "/v1/transfers/" + id + "/approve",
                              {{"approval_ref", "123/QĐ-UBND"},
                               {"approved_on", today_in_vietnam()},
                               {"signed_by", "Chủ tịch UBND tỉnh"}}),
                    200);
    return {id, r.json()["approval"]["approved_on"].get<std::string>()};
  }

  // An incident of so-tu-phap; stage 1: received by the police division, 2: with a cause and a
  // remediation found.
  std::string incident(const std::string& id, const std::string& level, int stage) {
    expect(api_.post("officer-tp", "/v1/incidents", incident_body(id, "so-tu-phap", level)), 201);
    if (stage < 1) return id;
    expect(api_.post("pa03", "/v1/incidents/" + id + "/receive", json::object()), 200);
    if (stage < 2) return id;
    for (const char* kind : {"cause", "remediation"}) {
      expect(api_.post("pa03", "/v1/incidents/" + id + "/findings",
                       {{"kind", kind}, {"text", "Đã xác minh"}}),
             200);
    }
    return id;
  }

  ApiFixture& api_;
  int next_ = 0;
  std::map<Subject, std::string> shared_;
};

// ---- The grid ----

struct Row {
  std::string cells;  // kColumns letters; the spaces, grouping the columns by role, are ignored.
  std::string method;
  std::string path;  // "{id}" stands for the subject's id.
  Subject subject;
  json body;                // In strings, "{new}" is a fresh id and "{day}" a completion date.
  std::string v_code = {};  // The 422 code of the row's V cells.
};

std::string label(const Row& row) {
  std::string out = row.method + " " + row.path;
  if (row.subject != Subject::kNone) out += std::string(" [") + name_of(row.subject) + "]";
  return out;
}

std::string letters(const std::string& cells) {
  std::string out;
  for (char c : cells) {
    if (c != ' ') out += c;
  }
  return out;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

json substitute(json body, const std::string& fresh, const std::string& day) {
  if (body.is_string()) {
    std::string s = body.get<std::string>();
    replace_all(s, "{new}", fresh);
    replace_all(s, "{day}", day);
    return s;
  }
  if (body.is_structured()) {
    for (auto& item : body) item = substitute(item, fresh, day);
  }
  return body;
}

// GET /v1/events/subscribe answers a stream that never ends: read the status line only.
unsigned stream_status(uint16_t port, const std::string& target, const std::string& token) {
  namespace beast = boost::beast;
  namespace bhttp = boost::beast::http;
  boost::asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  // A bound on a broken server, not a synchronisation: the head comes at once.
  timeval timeout{30, 0};
  ::setsockopt(stream.socket().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  bhttp::request<bhttp::empty_body> req{bhttp::verb::get, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  if (!token.empty()) req.set(bhttp::field::authorization, "Bearer " + token);
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  bhttp::read_header(stream, buffer, parser);
  return parser.get().result_int();
}

std::string problem_code(const std::string& body) {
  const json j = json::parse(body, nullptr, false);
  return j.is_object() && j.contains("code") && j["code"].is_string() ? j["code"].get<std::string>()
                                                                      : std::string();
}

// A request line the server's log should mark "refused": method, target, status, user.
using LogKey = std::tuple<std::string, std::string, unsigned, std::string>;

std::multiset<LogKey> refused_lines(const std::string& log, std::vector<std::string>& problems) {
  std::multiset<LogKey> out;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    const json j = json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("status") || !j.contains("target")) continue;
    const unsigned status = j["status"];
    const bool refused = j.value("refused", false);
    if (refused != (status == 401 || status == 403)) problems.push_back(line);
    if (refused) {
      out.insert({j["method"].get<std::string>(), j["target"].get<std::string>(), status,
                  j.value("user", std::string())});
    }
  }
  return out;
}

TEST_CASE("every route answers every role as the contract's role table says", "[e2e][authz]") {
  ApiFixture api;
  api.user("coord-conf", "cong-an-tinh", {"coordinator"}, "confidential");
  api.user("officer-tp-conf", "so-tu-phap", {"officer"}, "confidential");
  api.user("officer-tp-none", "so-tu-phap", {"officer"}, "none");
  api.user("approver-conf", "ubnd-tinh", {"approver"}, "confidential");
  api.user("investigator-conf", "cong-an-tinh", {"investigator"}, "confidential");
  api.user("auditor-conf", "ubnd-tinh", {"auditor"}, "confidential");
  api.user("spare", "ubnd-tinh", {"auditor"}, "top_secret");
  auto revoked = api.post("admin", "/v1/users/spare/tokens", json::object());
  REQUIRE(revoked.status == 201);
  REQUIRE(api.server()
              .request("DELETE", "/v1/tokens/" + revoked.json()["token_id"].get<std::string>(),
                       api.admin())
              .status == 204);
  const std::vector<std::string> anonymous_tokens = {"", std::string(64, 'a'),
                                                     revoked.json()["token"]};

  Subjects subjects(api);
  subjects.create_shared();
  const std::string today = today_in_vietnam();

  const json empty = json::object();
  const json agency = {{"id", "{new}"}, {"name", "Cơ quan {new}"}};
  const json user = {{"id", "{new}"},
                     {"name", "Người dùng {new}"},
                     {"agency", "so-tu-phap"},
                     {"roles", {"officer"}},
                     {"clearance", "secret"}};
  const json plan = plan_body("{new}", "{new}-t");
  const json task = task_body("{new}", "cong-an-tinh");
  const json revision = {{"description", "Mô tả mới {new}"}};
  const json progress = {{"note", "Đang thực hiện"}, {"percent", 50}};
  const json reason = {{"reason", "Lý do"}};
  const json due = {{"due_on", "2030-09-30"}, {"reason", "Gia hạn"}};
  const json text = {{"text", "Nội dung"}};
  const json approval = {{"approval_ref", "123/QĐ-UBND"},
                         {"approved_on", "{day}"},
                         {"signed_by", "Chủ tịch UBND tỉnh"}};
  const json proposal = {{"police_opinion", "Công an tỉnh thống nhất"}};
  const json done = {{"completed_on", "{day}"}};
  const json escalation = {{"to", "ubnd-tinh"}, {"note", "Báo cáo"}};
  const json finding = {{"kind", "note"}, {"text", "Đã xác minh"}};
  const json conclusion = {{"conclusion", "Đã khắc phục"}};
  const json own_transfer = transfer_body("{new}", "so-tu-phap", "confidential");
  const json nv_transfer = transfer_body("{new}", "so-ngoai-vu", "confidential");
  const json secret_transfer = transfer_body("{new}", "so-tu-phap", "secret");
  const json top_secret_transfer = transfer_body("{new}", "so-tu-phap", "top_secret");
  const json own_incident = incident_body("{new}", "so-tu-phap", "confidential");
  const json nv_incident = incident_body("{new}", "so-ngoai-vu", "confidential");

  using S = Subject;
  // The contract's role table (shared/api.md, "Authentication and access"):
  //   admin: everything; coordinator: plans, task decisions, see every task, receive, escalate
  //   and add findings to incidents; officer, for its own agency only: acknowledge, progress,
  //   submit, request and complete transfers, report incidents, raise difficulties; approver:
  //   approve or reject transfers; investigator: read incidents, timelines, events and the
  //   chain, add findings, close incidents; auditor: read everything, change nothing.
  //   An officer sees only its agency's tasks, transfers and incidents; a transfer or incident
  //   above the caller's clearance does not exist for it (404); a visible resource on which
  //   the caller may not act is 403.
  // Where the contract is silent the grid follows the code (docs/api.md): reads of tasks,
  // plans, difficulties, transfers, incidents, timelines and views are open to every role
  // within visibility; streams and the chain, like the events, are for admin, auditor and
  // investigator; an officer reads its own agency's inbox only (403 for another's); the
  // built-in admin has no agency, so the commands that act through an agency's assignment
  // (acknowledge, progress, submit, raise a difficulty) are 403 for it.
  const std::vector<Row> rows = {
      // Columns: admin | coord, coord-conf | officer-tp, officer-tp-conf, officer-tp-none,
      // officer-nv | approver, approver-conf | investigator, investigator-conf | auditor,
      // auditor-conf | no token, a wrong token, a revoked token.
      // Operations need no token (docs/api.md, "Authentication").
      {"A AA AAAA AA AA AA AAA", "GET", "/healthz", S::kNone, nullptr},
      {"A AA AAAA AA AA AA AAA", "GET", "/readyz", S::kNone, nullptr},
      {"A AA AAAA AA AA AA AAA", "GET", "/metrics", S::kNone, nullptr},
      // Backups: admin only. A relative path is refused after the role, so the admin's cell
      // proves it passed authorization without writing a copy anywhere.
      {"V FF FFFF FF FF FF UUU",
       "POST",
       "/v1/backups",
       S::kNone,
       {{"path", "relative/{new}"}},
       "validation_failed"},
      // Agencies, users and tokens: admin.
      {"A FF FFFF FF FF FF UUU", "POST", "/v1/agencies", S::kNone, agency},
      {"A AA AAAA AA AA AA UUU", "GET", "/v1/agencies", S::kNone, nullptr},
      {"A AA AAAA AA AA AA UUU", "GET", "/v1/agencies/so-tu-phap", S::kNone, nullptr},
      {"A FF FFFF FF FF FF UUU", "POST", "/v1/users", S::kNone, user},
      // The auditor reads everything, users included.
      {"A FF FFFF FF FF AA UUU", "GET", "/v1/users/officer-tp", S::kNone, nullptr},
      {"A FF FFFF FF FF FF UUU", "POST", "/v1/users/spare/tokens", S::kNone, empty},
      {"A FF FFFF FF FF FF UUU", "DELETE", "/v1/tokens/{id}", S::kToken, nullptr},
      // The event log and the chain: auditor, investigator, admin.
      {"A FF FFFF FF AA AA UUU", "GET", "/v1/events", S::kNone, nullptr},
      {"A FF FFFF FF AA AA UUU", "GET", "/v1/events/subscribe", S::kNone, nullptr},
      {"A FF FFFF FF AA AA UUU", "GET", "/v1/streams/task:authz-task", S::kNone, nullptr},
      // A secret transfer or incident does not exist for a confidential reader of the log.
      {"A FF FFFF FF AH AH UUU", "GET", "/v1/streams/transfer:{id}", S::kSecretTransfer, nullptr},
      {"A FF FFFF FF AH AH UUU", "GET", "/v1/streams/incident:{id}", S::kSecretIncident, nullptr},
      {"A FF FFFF FF AA AA UUU", "GET", "/v1/chain", S::kNone, nullptr},
      {"A FF FFFF FF AA AA UUU", "GET", "/v1/chain/verify", S::kNone, nullptr},
      {"A FF FFFF FF AA AA UUU", "GET", "/v1/chain/inclusion?position=1", S::kNone, nullptr},
      {"A FF FFFF FF AA AA UUU", "GET", "/v1/chain/consistency?from=1", S::kNone, nullptr},
      // No key on this server: nothing was signed, and the readers are told so.
      {"H FF FFFF FF HH HH UUU", "GET", "/v1/chain/checkpoint", S::kNone, nullptr},
      // Plans: coordinator.
      {"A AA FFFF FF FF FF UUU", "POST", "/v1/plans", S::kNone, plan},
      {"A AA AAAA AA AA AA UUU", "GET", "/v1/plans", S::kNone, nullptr},
      {"A AA AAAA AA AA AA UUU", "GET", "/v1/plans/authz-plan", S::kNone, nullptr},
      {"A AA FFFF FF FF FF UUU", "POST", "/v1/plans/{id}/issue", S::kDraftPlan, empty},
      {"A AA FFFF FF FF FF UUU", "POST", "/v1/plans/authz-plan/tasks", S::kNone, task},
      // Tasks: the officers of the agencies on the task work on it, the lead submits; the
      // coordinator decides; an officer whose agency is not on the task does not see it.
      {"A AA AAAA AA AA AA UUU", "GET", "/v1/tasks", S::kNone, nullptr},
      {"A AA AAAH AA AA AA UUU", "GET", "/v1/tasks/{id}", S::kTask, nullptr},
      {"A AA AAAA AA AA AA UUU", "GET", "/v1/tasks/{id}", S::kNvTask, nullptr},
      {"A AA FFFH FF FF FF UUU", "PATCH", "/v1/tasks/{id}", S::kTask, revision},
      {"F FF AAAH FF FF FF UUU", "POST", "/v1/tasks/{id}/acknowledge", S::kTask, empty},
      {"F FF AAAA FF FF FF UUU", "POST", "/v1/tasks/{id}/acknowledge", S::kNvTask, empty},
      {"F FF AAAH FF FF FF UUU", "POST", "/v1/tasks/{id}/progress", S::kTaskAcknowledged, progress},
      {"F FF AAAH FF FF FF UUU", "POST", "/v1/tasks/{id}/submit", S::kTaskAcknowledged, kEvidence},
      // A coordinating agency does not submit: "lead agency only".
      {"F FF AAAF FF FF FF UUU", "POST", "/v1/tasks/{id}/submit", S::kNvTaskAcknowledged,
       kEvidence},
      {"A AA FFFH FF FF FF UUU", "POST", "/v1/tasks/{id}/approve", S::kTaskSubmitted, empty},
      {"A AA FFFH FF FF FF UUU", "POST", "/v1/tasks/{id}/return", S::kTaskSubmitted, reason},
      {"A AA FFFH FF FF FF UUU", "POST", "/v1/tasks/{id}/extend", S::kTask, due},
      {"A AA FFFH FF FF FF UUU", "POST", "/v1/tasks/{id}/cancel", S::kTask, reason},
      {"F FF AAAH FF FF FF UUU", "POST", "/v1/tasks/{id}/difficulties", S::kTask, text},
      {"F FF AAAA FF FF FF UUU", "POST", "/v1/tasks/{id}/difficulties", S::kNvTask, text},
      {"A AA AAAA AA AA AA UUU", "GET", "/v1/difficulties", S::kNone, nullptr},
      {"A AA AAAH AA AA AA UUU", "GET", "/v1/difficulties/{id}", S::kDifficulty, nullptr},
      {"A AA FFFH FF FF FF UUU", "POST", "/v1/difficulties/{id}/guidance", S::kDifficulty, text},
      // Transfers: officers file and complete them for their own agency, approvers decide.
      // V: an officer without confidential clearance files a confidential document: 422
      // validation_failed (document.classification), after the role and the agency.
      {"A FF AAVF FF FF FF UUU", "POST", "/v1/transfers", S::kNone, own_transfer,
       "validation_failed"},
      {"A FF FFFA FF FF FF UUU", "POST", "/v1/transfers", S::kNone, nv_transfer},
      // V: an officer with confidential clearance files a secret document: 422.
      {"A FF AVVF FF FF FF UUU", "POST", "/v1/transfers", S::kNone, secret_transfer,
       "validation_failed"},
      // V: Top Secret never leaves, whoever asks: 422 after the role and the agency.
      {"V FF VVVF FF FF FF UUU", "POST", "/v1/transfers", S::kNone, top_secret_transfer,
       "top_secret_transfer_forbidden"},
      {"A AA AAAA AA AA AA UUU", "GET", "/v1/transfers", S::kNone, nullptr},
      {"A AH AHHH AH AH AH UUU", "GET", "/v1/transfers/{id}", S::kSecretTransfer, nullptr},
      {"A AA AAHH AA AA AA UUU", "GET", "/v1/transfers/{id}", S::kConfTransfer, nullptr},
      // Only the Committee Office proposes (its officer, not a column here, in workflow_test);
      // only the competent approver decides, never an admin (003:64-66).
      {"F FH FHHH FH FH FH UUU", "POST", "/v1/transfers/{id}/propose", S::kSecretTransfer,
       proposal},
      {"F FF FFHH FF FF FF UUU", "POST", "/v1/transfers/{id}/propose", S::kConfTransfer, proposal},
      {"F FH FHHH AH FH FH UUU", "POST", "/v1/transfers/{id}/approve", S::kSecretTransferProposed,
       approval},
      {"F FF FFHH AA FF FF UUU", "POST", "/v1/transfers/{id}/approve", S::kConfTransferProposed,
       approval},
      {"F FH FHHH AH FH FH UUU", "POST", "/v1/transfers/{id}/reject", S::kSecretTransfer, reason},
      {"F FF FFHH AA FF FF UUU", "POST", "/v1/transfers/{id}/reject", S::kConfTransfer, reason},
      {"A FH AHHH FH FH FH UUU", "POST", "/v1/transfers/{id}/complete", S::kSecretTransferApproved,
       done},
      {"A FF AAHH FF FF FF UUU", "POST", "/v1/transfers/{id}/complete", S::kConfTransferApproved,
       done},
      // Incidents: officers report them for their own agency; coordinators receive and
      // escalate; coordinators and investigators add findings; investigators close.
      // V: an officer without confidential clearance reports a confidential incident: 422
      // validation_failed (classification), after the role and the agency.
      {"A FF AAVF FF FF FF UUU", "POST", "/v1/incidents", S::kNone, own_incident,
       "validation_failed"},
      {"A FF FFFA FF FF FF UUU", "POST", "/v1/incidents", S::kNone, nv_incident},
      {"A AA AAAA AA AA AA UUU", "GET", "/v1/incidents", S::kNone, nullptr},
      {"A AH AHHH AH AH AH UUU", "GET", "/v1/incidents/{id}", S::kSecretIncident, nullptr},
      {"A AA AAHH AA AA AA UUU", "GET", "/v1/incidents/{id}", S::kConfIncident, nullptr},
      {"A AH AHHH AH AH AH UUU", "GET", "/v1/incidents/{id}/timeline", S::kSecretIncident, nullptr},
      {"A AA AAHH AA AA AA UUU", "GET", "/v1/incidents/{id}/timeline", S::kConfIncident, nullptr},
      // The breach chain (001:14, 003:70): the police division (not a column here; in
      // workflow_test) receives, and each hop is the holder's; an admin stands in for a
      // holder but cannot be the division that receives.
      {"F FH FHHH FH FH FH UUU", "POST", "/v1/incidents/{id}/receive", S::kSecretIncident, empty},
      {"F FF FFHH FF FF FF UUU", "POST", "/v1/incidents/{id}/receive", S::kConfIncident, empty},
      {"A FH FHHH FH FH FH UUU", "POST", "/v1/incidents/{id}/escalate", S::kSecretIncidentReceived,
       escalation},
      {"A FF FFHH FF FF FF UUU", "POST", "/v1/incidents/{id}/escalate", S::kConfIncidentReceived,
       escalation},
      // Findings by the police division or the holder after receipt; closing by the
      // investigators of the police division or of the Ministry's department, once a cause
      // and a remediation are recorded.
      {"A FH FHHH FH FH FH UUU", "POST", "/v1/incidents/{id}/findings", S::kSecretIncident,
       finding},
      {"A FF FFHH FF FF FF UUU", "POST", "/v1/incidents/{id}/findings", S::kConfIncident, finding},
      {"A FH FHHH FH FH FH UUU", "POST", "/v1/incidents/{id}/close", S::kSecretIncidentExplained,
       conclusion},
      {"A FF FFHH FF FF FF UUU", "POST", "/v1/incidents/{id}/close", S::kConfIncidentExplained,
       conclusion},
      // Views: every caller, each seeing what it may; an officer reads its own inbox only.
      {"A AA AAAA AA AA AA UUU", "GET", "/v1/views/phase-status?plan=authz-plan", S::kNone,
       nullptr},
      {"A AA AAAA AA AA AA UUU", "GET", "/v1/views/overdue", S::kNone, nullptr},
      {"A AA AAAF AA AA AA UUU", "GET", "/v1/views/inbox?agency=so-tu-phap", S::kNone, nullptr},
      {"A AA FFFA AA AA AA UUU", "GET", "/v1/views/inbox?agency=so-ngoai-vu", S::kNone, nullptr},
      {"A AA AAAA AA AA AA UUU", "GET", "/v1/views/transfer-stats", S::kNone, nullptr},
      {"A AA AAAA AA AA AA UUU", "GET", "/v1/views/annual-report?plan=authz-plan", S::kNone,
       nullptr},
  };

  std::vector<LogKey> expected_refusals;
  size_t cells = 0;
  for (const Row& row : rows) {
    const std::string grid = letters(row.cells);
    REQUIRE(grid.size() == kColumns);
    for (size_t column = 0; column < kColumns; ++column) {
      const bool anonymous = column >= kCallers.size();
      const std::string who =
          anonymous ? kAnonymous[column - kCallers.size()] : kCallers[column].name;
      const std::string token = anonymous ? anonymous_tokens[column - kCallers.size()]
                                          : (who == "admin" ? api.admin() : api.token(who));
      const char cell = grid[column];
      const bool passes = cell == 'A' || cell == 'V';

      // A command that should pass gets a subject of its own.
      Subjects::Made made{row.subject == S::kNone ? "" : subjects.shared(row.subject), today};
      if (passes && row.method != "GET" && row.subject != S::kNone) {
        made = subjects.fresh(row.subject);
        if (made.day.empty()) made.day = today;
      }
      std::string target = row.path;
      replace_all(target, "{id}", made.id);
      const std::string body = row.body.is_null()
                                   ? std::string()
                                   : substitute(row.body, subjects.fresh_id(), made.day).dump();

      HttpResult r;
      if (row.path == "/v1/events/subscribe") {
        r.status = stream_status(api.server().port(), target, token);
      } else {
        r = api.server().request(row.method, target, token, body);
      }
      ++cells;

      INFO(label(row) << " as " << who << " (" << row.method << " " << target << ")");
      INFO("expected " << cell << ", got " << r.status << " " << r.body);
      const bool success = r.status >= 200 && r.status < 300;
      switch (cell) {
        case 'A':
          CHECK(success);
          break;
        case 'V':
          CHECK(r.status == 422);
          CHECK(problem_code(r.body) == row.v_code);
          break;
        case 'F':
          CHECK_FALSE(success);
          CHECK(r.status == 403);
          break;
        case 'H':
          CHECK_FALSE(success);
          CHECK(r.status == 404);
          break;
        case 'U':
          CHECK_FALSE(success);
          CHECK(r.status == 401);
          break;
        default:
          FAIL("unknown cell " << cell);
      }
      if (r.status == 401 || r.status == 403) {
        expected_refusals.emplace_back(row.method, target, r.status,
                                       r.status == 403 ? who : std::string());
      }
    }
  }
  INFO(cells << " cells");
  CHECK(cells == rows.size() * kColumns);

  // "absent from lists": what a caller may not know is in none of the lists it reads.
  for (const Caller& c : kCallers) {
    const std::string token = c.name == "admin" ? api.admin() : api.token(c.name);
    const bool on_task = !c.officer_only || c.agency == "so-tu-phap" || c.agency == "cong-an-tinh";
    INFO("lists read by " << c.name);
    for (const std::string kind : {"transfers", "incidents"}) {
      auto list = api.server().get("/v1/" + kind, token);
      REQUIRE(list.status == 200);
      std::set<std::string> ids;
      const json answer = list.json();  // Iterated below: it must outlive the loop.
      for (const auto& item : answer[kind]) {
        const std::string level =
            kind == "transfers" ? item["document"]["classification"] : item["classification"];
        INFO(kind << ": " << item["id"] << ", " << level << ", of " << item["agency"]);
        CHECK(sees(c, item["agency"].get<std::string>(), level));
        ids.insert(item["id"].get<std::string>());
      }
      const std::string secret = kind == "transfers" ? "tr-secret" : "inc-secret";
      const std::string confidential = kind == "transfers" ? "tr-conf" : "inc-conf";
      CHECK((ids.count(secret) == 1) == sees(c, "so-tu-phap", "secret"));
      CHECK((ids.count(confidential) == 1) == sees(c, "so-tu-phap", "confidential"));
    }
    auto ids_in = [](const json& list) {
      std::set<std::string> ids;
      for (const auto& item : list) ids.insert(item["id"].get<std::string>());
      return ids;
    };
    auto tasks = api.server().get("/v1/tasks", token);
    REQUIRE(tasks.status == 200);
    CHECK((ids_in(tasks.json()["tasks"]).count("authz-task") == 1) == on_task);
    CHECK(ids_in(tasks.json()["tasks"]).count("authz-task-nv") == 1);
    auto plan_read = api.server().get("/v1/plans/authz-plan", token);
    REQUIRE(plan_read.status == 200);
    CHECK((ids_in(plan_read.json()["tasks"]).count("authz-task") == 1) == on_task);
    auto difficulties = api.server().get("/v1/difficulties", token);
    REQUIRE(difficulties.status == 200);
    CHECK((ids_in(difficulties.json()["difficulties"]).count(subjects.shared(S::kDifficulty)) ==
           1) == on_task);
    // The matrix completed secret transfers today: a confidential caller does not count them.
    auto stats = api.server().get("/v1/views/transfer-stats", token);
    REQUIRE(stats.status == 200);
    const json stats_answer = stats.json();
    for (const auto& row : stats_answer["rows"]) {
      INFO("transfer-stats row " << row.dump());
      CHECK(c.clearance >= rank(row["classification"].get<std::string>()));
    }
  }

  // The log is for admin, auditor and investigator, but a transfer or incident above the
  // caller's clearance "does not exist for that caller (404, and absent from lists)": a
  // confidential auditor or investigator finds no event of the secret transfer or incident.
  for (const std::string who :
       {"admin", "investigator", "investigator-conf", "auditor", "auditor-conf"}) {
    const Caller& c = *std::find_if(kCallers.begin(), kCallers.end(),
                                    [&](const Caller& k) { return k.name == who; });
    const std::string token = who == "admin" ? api.admin() : api.token(who);
    size_t secret_events = 0;
    for (uint64_t from = 1;;) {
      auto page = api.server().get("/v1/events?limit=1000&from=" + std::to_string(from), token);
      REQUIRE(page.status == 200);
      const json events = page.json()["events"];
      if (events.empty()) break;
      for (const auto& e : events) {
        const std::string stream = e["stream"];
        if (stream == "transfer:tr-secret" || stream == "incident:inc-secret") ++secret_events;
      }
      from = page.json()["next"];
    }
    INFO(who << " reads " << secret_events << " events of the secret transfer and incident");
    CHECK((secret_events > 0) == (c.clearance >= rank("secret")));
  }

  // Every 401 and 403 is logged with "refused":true, and nothing else is. The server logs a
  // request before it answers, and the test asks one last marked request after every other has
  // been answered: once the marker is read from the server's stderr, so is every line before.
  REQUIRE(api.server().get("/healthz?log-marker=authorization", "").status == 200);
  REQUIRE(api.server().wait_log([](const std::string& log) {
    return log.find("log-marker=authorization") != std::string::npos;
  }));
  std::vector<std::string> missing;
  std::vector<std::string> mislabelled;
  auto logged = refused_lines(api.server().log(), mislabelled);
  for (const auto& key : expected_refusals) {
    auto it = logged.find(key);
    if (it == logged.end()) {
      missing.push_back(std::get<0>(key) + " " + std::get<1>(key) + " " +
                        std::to_string(std::get<2>(key)) + " " + std::get<3>(key));
    } else {
      logged.erase(it);
    }
  }
  CHECK(expected_refusals.size() > 0);
  for (const auto& m : missing) {
    INFO("no \"refused\":true log line for " << m);
    CHECK(false);
  }
  for (const auto& line : mislabelled) {
    INFO("a log line whose refused flag does not match its status: " << line);
    CHECK(false);
  }
}

}  // namespace
}  // namespace mandate::testing

#include "tools/incident_export.h"

#include <algorithm>

#include "core/agency.h"
#include "core/user.h"
#include "events/chain_segment.h"
#include "events/command_handler.h"
#include "events/digest.h"
#include "http/event_json.h"
#include "tools/signed_head.h"
#include "tools/signing.h"

namespace mandate::tools {
namespace {

using nlohmann::json;

constexpr const char* kFormat = "mandate-incident-export/1";

// A timeline entry exactly as GET /v1/incidents/{id}/timeline shows it.
json entry_json(const core::RecordedEvent& event) {
  json entry = http::event_json(event);
  entry.erase("stream");
  entry.erase("version");
  entry.erase("correlation_id");
  return entry;
}

// The names are read from the directory, not from the chain: the signature covers them.
std::string subject_of(const std::string& incident, const json& names) {
  return "incident " + incident + " names " + events::sha256_hex(names.dump());
}

// The agency the actor acted for; null for the built-in admin, who has none.
std::string agency_of(const json& entry) {
  const json& agency = entry["actor"]["agency"];
  return agency.is_string() ? agency.get<std::string>() : std::string();
}

core::Result<json> names_of(const events::EventStore& store, const json& entries) {
  json users = json::object(), agencies = json::object();
  for (const auto& entry : entries) {
    const std::string user = entry["actor"]["user"].get<std::string>();
    const std::string agency = agency_of(entry);
    if (!user.empty() && !users.contains(user)) {
      ASSIGN_OR_RETURN(auto state,
                       events::load_state<core::UserState>(store, core::user_stream(user)));
      users[user] = state.name.empty() ? user : state.name;
    }
    if (!agency.empty() && !agencies.contains(agency)) {
      ASSIGN_OR_RETURN(auto state,
                       events::load_state<core::AgencyState>(store, core::agency_stream(agency)));
      agencies[agency] = state.name.empty() ? agency : state.name;
    }
  }
  return json{{"users", users}, {"agencies", agencies}};
}

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string text_of(const json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string name_in(const json& names, const char* kind, const std::string& id) {
  const auto& table = names[kind];
  return table.contains(id) ? table[id].get<std::string>() : id;
}

}  // namespace

core::Result<IncidentExport> export_incident(const events::EventStore& store, const std::string& id,
                                             const std::string& key_path, core::Instant now) {
  ASSIGN_OR_RETURN(auto events, store.read_stream(core::incident_stream(id), 1));
  if (events.empty()) return core::make_error(core::ErrorCode::kNotFound, "no incident " + id);
  const uint64_t first = events.front().position, last = events.back().position;

  events::Hash previous{};
  if (first > 1) {
    RETURN_IF_ERROR(store.scan(first - 1, first - 1, [&](const events::EventView& event) {
      previous = event.hash();
      return false;
    }));
  }
  json envelopes = json::array();
  events::Hash last_hash{};
  RETURN_IF_ERROR(store.scan(first, last, [&](const events::EventView& event) {
    envelopes.push_back(base64_encode(event.envelope_bytes()));
    last_hash = event.hash();
    return true;
  }));

  json entries = json::array();
  for (const auto& event : events) entries.push_back(entry_json(event));
  ASSIGN_OR_RETURN(json names, names_of(store, entries));
  ASSIGN_OR_RETURN(SignedHead head, sign_head(key_path, last, events::to_hex(last_hash), now,
                                              subject_of(id, names)));
  json timeline = {{"format", kFormat},
                   {"incident", id},
                   {"exported_at", core::format_instant(now)},
                   {"entries", entries},
                   {"names", names},
                   {"chain",
                    {{"from", first},
                     {"to", last},
                     {"previous_hash", events::to_hex(previous)},
                     {"envelopes", envelopes}}},
                   {"signed_head", to_json(head)}};
  std::string html = render_report(timeline);
  return IncidentExport{std::move(timeline), std::move(html)};
}

std::string timeline_text(const json& timeline) { return timeline.dump(2) + "\n"; }

std::string render_report(const json& timeline) {
  const std::string id = timeline["incident"].get<std::string>();
  const json& names = timeline["names"];
  const json& head = timeline["signed_head"];
  std::string html = R"(<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Sự cố )" + escape(id) +
                     R"( — dòng thời gian</title>
<style>
body { font-family: sans-serif; margin: 2em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; text-align: left; }
td.hash { font-family: monospace; font-size: 80%; word-break: break-all; }
dl.data dt { font-weight: bold; }
</style>
</head>
<body>
<h1>Sự cố )" + escape(id) +
                     R"( — dòng thời gian (incident timeline)</h1>
<p>Xuất lúc (exported at) )" +
                     escape(timeline["exported_at"].get<std::string>()) + R"(. Sự kiện (events) )" +
                     std::to_string(timeline["chain"]["from"].get<uint64_t>()) + "–" +
                     std::to_string(timeline["chain"]["to"].get<uint64_t>()) +
                     R"( của chuỗi băm.</p>
<p>Đầu chuỗi đã ký (signed head): vị trí )" +
                     std::to_string(head["position"].get<uint64_t>()) + ", hash <code>" +
                     escape(head["hash"].get<std::string>()) + "</code>, ký lúc " +
                     escape(head["signed_at"].get<std::string>()) + ", khóa công khai <code>" +
                     escape(head["public_key"].get<std::string>()) + R"(</code>.</p>
<p>Kiểm tra (verify): <code>mandate verify-export DIR --public-key KEY.pub</code></p>
<table>
<thead><tr><th>Vị trí<br>(position)</th><th>Ghi nhận lúc<br>(recorded at)</th><th>Xảy ra lúc<br>(occurred at)</th><th>Loại<br>(type)</th><th>Người thực hiện<br>(actor)</th><th>Nội dung<br>(data)</th><th>Hash</th></tr></thead>
<tbody>
)";
  for (const auto& entry : timeline["entries"]) {
    const std::string user = entry["actor"]["user"].get<std::string>();
    const std::string agency = agency_of(entry);
    std::string actor = escape(name_in(names, "users", user)) + " (" + escape(user) + ")";
    if (!agency.empty()) {
      actor += "<br>" + escape(name_in(names, "agencies", agency)) + " (" + escape(agency) + ")";
    }
    std::string data = "<dl class=\"data\">";
    for (const auto& [key, value] : entry["data"].items()) {
      data += "<dt>" + escape(key) + "</dt><dd>" + escape(text_of(value)) + "</dd>";
    }
    data += "</dl>";
    html += "<tr><td>" + std::to_string(entry["position"].get<uint64_t>()) + "</td><td>" +
            escape(text_of(entry["recorded_at"])) + "</td><td>" +
            escape(text_of(entry["occurred_at"])) + "</td><td>" +
            escape(entry["type"].get<std::string>()) + "</td><td>" + actor + "</td><td>" + data +
            "</td><td class=\"hash\">" + escape(entry["hash"].get<std::string>()) + "</td></tr>\n";
  }
  html += "</tbody>\n</table>\n</body>\n</html>\n";
  return html;
}

ExportVerdict verify_export(const std::string& timeline_file_text, const std::string& report_html,
                            const std::string& expected_public_key) {
  ExportVerdict verdict;
  auto refuse = [&](std::string problem) {
    verdict.ok = false;
    verdict.problem = std::move(problem);
    return verdict;
  };
  const json timeline = json::parse(timeline_file_text, nullptr, false);
  if (!timeline.is_object()) return refuse("timeline.json is not a JSON object");
  try {
    if (timeline.at("format") != kFormat)
      return refuse("timeline.json is not of format " + std::string(kFormat));
    verdict.incident = timeline.at("incident").get<std::string>();
    auto head = signed_head_from_json(timeline.at("signed_head"));
    if (!head.ok()) return refuse("signed_head: " + head.error().message);
    verdict.public_key = head->public_key;
    if (!expected_public_key.empty() && head->public_key != expected_public_key) {
      return refuse("the head was signed with another key than the one given");
    }
    if (!signature_holds(*head)) return refuse("the signature of the head does not hold");
    if (head->subject != subject_of(verdict.incident, timeline.at("names"))) {
      return refuse("the names of the actors are not those that were signed");
    }

    const json& chain = timeline.at("chain");
    verdict.first = chain.at("from").get<uint64_t>();
    verdict.last = chain.at("to").get<uint64_t>();
    const json& envelopes = chain.at("envelopes");
    if (verdict.last < verdict.first || envelopes.size() != verdict.last - verdict.first + 1) {
      return refuse("the chain segment does not hold one envelope per position");
    }
    auto previous_bytes = hex_decode(chain.at("previous_hash").get<std::string>());
    if (!previous_bytes.ok() || previous_bytes->size() != events::kHashSize) {
      return refuse("the chain's previous_hash is not a hash");
    }
    events::Hash hash;
    std::copy(previous_bytes->begin(), previous_bytes->end(), hash.begin());
    const std::string stream = core::incident_stream(verdict.incident);
    std::vector<std::string> envelope_bytes;
    envelope_bytes.reserve(envelopes.size());
    for (size_t i = 0; i < envelopes.size(); ++i) {
      auto bytes = base64_decode(envelopes[i].get<std::string>());
      if (!bytes.ok()) {
        return refuse("the envelope of position " + std::to_string(verdict.first + i) +
                      " is damaged");
      }
      envelope_bytes.push_back(std::move(bytes).value());
    }
    json recorded = json::array();
    auto walked = events::walk_chain_segment(
        hash, verdict.first, envelope_bytes, [&](const events::EventView& view) -> core::Status {
          if (view.stream() != stream) return core::ok_status();
          auto event = view.decode();
          if (!event.ok()) {
            return core::make_error(
                core::ErrorCode::kCorrupt,
                "the entry at position " + std::to_string(view.position()) + " does not decode");
          }
          recorded.push_back(entry_json(*event));
          return core::ok_status();
        });
    if (!walked.ok()) return refuse(walked.error().message);
    hash = *walked;
    if (head->position != verdict.last || events::to_hex(hash) != head->hash) {
      return refuse(
          "the chain segment does not end at the signed head: an envelope was "
          "changed, or the head belongs to another record");
    }
    const json& entries = timeline.at("entries");
    for (size_t i = 0; i < std::max(entries.size(), recorded.size()); ++i) {
      if (i >= entries.size() || i >= recorded.size()) {
        return refuse("the timeline has " + std::to_string(entries.size()) +
                      " entries where the chain records " + std::to_string(recorded.size()));
      }
      if (entries[i] != recorded[i]) {
        return refuse("the entry at position " + recorded[i]["position"].dump() +
                      " is not what was recorded");
      }
    }
    verdict.entries = entries.size();
    if (timeline_text(timeline) != timeline_file_text) {
      return refuse("timeline.json is not byte for byte as exported");
    }
    if (render_report(timeline) != report_html) {
      return refuse("report.html is not the report of timeline.json");
    }
  } catch (const json::exception& e) {
    return refuse(std::string("timeline.json lacks what an export holds: ") + e.what());
  }
  verdict.ok = true;
  return verdict;
}

}  // namespace mandate::tools

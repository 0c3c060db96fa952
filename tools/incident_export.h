#pragma once

// An incident's timeline taken out of the server for investigators: every entry as the API
// shows it, the chain segment that proves each entry's hash, and a signed head at the last
// entry, as timeline.json; and the same as a readable report.html.
//
// The chain links every event to the one before it (hash = SHA-256(previous ‖ envelope)), so
// proving that the entries sit unaltered in the chain takes the envelope of every event from the
// first entry to the last, the incident's or not. The export therefore carries other streams'
// records of that span too: handle it at the incident's classification or above.

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "core/time.h"
#include "events/store.h"

namespace mandate::tools {

struct IncidentExport {
  nlohmann::json timeline;  // What timeline.json holds.
  std::string html;         // What report.html holds.
};

// Reads incident `id` from `store` and signs its last entry's chain hash with the private key
// in `key_path`. kNotFound when there is no such incident.
core::Result<IncidentExport> export_incident(const events::EventStore& store, const std::string& id,
                                             const std::string& key_path, core::Instant now);

// The exact bytes written for an export, so that verify-export can demand them.
std::string timeline_text(const nlohmann::json& timeline);
std::string render_report(const nlohmann::json& timeline);

struct ExportVerdict {
  bool ok = false;
  std::string problem;  // The first thing wrong, when !ok.
  std::string incident;
  size_t entries = 0;
  uint64_t first = 0, last = 0;
  std::string public_key;  // The key the head was signed with.
};

// Checks an export's files with nothing else: the chain segment recomputes to the signed hash,
// the signature holds (and was made with `expected_public_key` when it is not empty), every
// entry is exactly what its envelope says, no event of the incident in the span is left out,
// and both files are exactly what the export would write.
ExportVerdict verify_export(const std::string& timeline_file_text, const std::string& report_html,
                            const std::string& expected_public_key);

}  // namespace mandate::tools

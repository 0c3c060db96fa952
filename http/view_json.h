#pragma once

// The views' answers as the API spells them (docs/api.md, "Views"). Rendering only: what each
// view holds is decided in projections/.

#include <nlohmann/json.hpp>

#include "projections/annual_report.h"
#include "projections/inbox.h"
#include "projections/overdue.h"
#include "projections/phase_status.h"
#include "projections/transfer_stats.h"

namespace mandate::http {

nlohmann::json to_json(const projections::PhaseStatus& status);
nlohmann::json to_json(const projections::Overdue& overdue);
nlohmann::json to_json(const projections::Inbox& inbox);
nlohmann::json to_json(const projections::TransferStats& stats);
nlohmann::json to_json(const projections::AnnualReport& report);

}  // namespace mandate::http

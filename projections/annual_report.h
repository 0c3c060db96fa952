#pragma once

// A plan's annual report task for one year (GET /v1/views/annual-report): who reports, how far
// each has come, and the year's inspections.

#include <optional>
#include <string>
#include <vector>

#include "core/caller.h"
#include "core/result.h"
#include "core/time.h"
#include "core/vocabulary.h"
#include "projections/view_question.h"
#include "projections/views.h"

namespace mandate::projections {

struct ReportingAgency {
  std::string agency;
  core::AgencyRoleOnTask role = core::AgencyRoleOnTask::kLead;
  core::AssignmentStatus status = core::AssignmentStatus::kAssigned;
  std::optional<core::Instant> acknowledged_at;
  bool overdue = false;
};

// The inspections of the plan scheduled in the year that the caller may see.
struct InspectionFigures {
  int planned = 0;  // Every such inspection.
  int closed = 0;
  int findings = 0;
  int follow_ups_open = 0;
  int follow_ups_closed = 0;  // Approved or cancelled.
};

struct AnnualReport {
  std::string plan;
  int year = 0;
  // The year's occurrence of the plan's report task; absent when the plan has none, or none
  // the caller may see, for that year.
  std::optional<std::string> task;
  std::optional<core::Date> due_on;       // The task's, when there is one.
  std::vector<ReportingAgency> agencies;  // The task's assignments (an officer: its own).
  InspectionFigures inspections;
};

// kNotFound when there is no plan `query.plan`. The report task is the plan's first yearly task
// in its reporting section, else in its summary section.
core::Result<AnnualReport> annual_report(const Views& views, const core::Caller& caller,
                                         const ViewQuery& query, const Moment& m);

}  // namespace mandate::projections

#pragma once

// Every view the server keeps, in one place, fed by one ProjectionRunner.

#include <string>
#include <vector>

#include "core/difficulty.h"
#include "core/incident.h"
#include "core/inspection.h"
#include "core/plan.h"
#include "core/task.h"
#include "core/transfer.h"
#include "projections/aggregate_view.h"
#include "projections/directory_view.h"
#include "projections/projection.h"
#include "projections/snapshot_store.h"
#include "projections/task_view.h"

namespace mandate::projections {

struct Views {
  DirectoryView directory;
  AggregateView<core::PlanState> plans{"plan"};
  TaskView tasks;
  AggregateView<core::DifficultyState> difficulties{"difficulty"};
  AggregateView<core::TransferState> transfers{"transfer"};
  AggregateView<core::IncidentState> incidents{"incident"};
  AggregateView<core::InspectionState> inspections{"inspection"};

  // Which projections a reader needs, for replays that serve only some (as_of answers).
  enum Need : unsigned {
    kDirectory = 1,
    kPlans = 2,
    kTasks = 4,
    kDifficulties = 8,
    kTransfers = 16,
    kIncidents = 32,
    kInspections = 64,
    kAll = 127,
  };

  std::vector<Projection*> select(unsigned needs) {
    std::vector<Projection*> out;
    const auto every = all();
    for (size_t i = 0; i < every.size(); ++i) {
      if (needs & (1u << i)) out.push_back(every[i]);
    }
    return out;
  }

  // In the order of Need's bits.
  std::vector<Projection*> all() {
    return {&directory, &plans, &tasks, &difficulties, &transfers, &incidents, &inspections};
  }

  // The column families their snapshots live in, for StoreOptions::extra_column_families.
  static std::vector<std::string> column_families() {
    std::vector<std::string> names;
    for (auto* projection : Views().all()) names.push_back(snapshot_family(projection->name()));
    return names;
  }
};

}  // namespace mandate::projections

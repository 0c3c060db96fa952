#pragma once

// The year's transfer statistics (GET /v1/views/transfer-stats), which each agency's annual
// report carries (003:71-73): by partner, direction, level and agency.

#include <string>
#include <vector>

#include "core/caller.h"
#include "core/result.h"
#include "core/vocabulary.h"
#include "projections/view_question.h"
#include "projections/views.h"

namespace mandate::projections {

struct TransferCount {
  std::string partner;
  core::Direction direction = core::Direction::kOutbound;
  core::Classification classification = core::Classification::kConfidential;
  std::string agency;
  int count = 0;
};

struct TransferStats {
  int year = 0;
  // One row per partner, direction, level and agency that has a transfer, ordered by their
  // names as the API spells them.
  std::vector<TransferCount> rows;
};

// The transfers `caller` may see (of `query.agency` only, when given), each counted in the year
// it happened (core::day_of_transfer); one that has not happened is not counted.
core::Result<TransferStats> transfer_stats(const Views& views, const core::Caller& caller,
                                           const ViewQuery& query, const Moment& m);

}  // namespace mandate::projections

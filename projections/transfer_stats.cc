#include "projections/transfer_stats.h"

#include <map>
#include <string_view>
#include <tuple>

#include "core/transfer.h"

namespace mandate::projections {

core::Result<TransferStats> transfer_stats(const Views& views, const core::Caller& caller,
                                           const ViewQuery& query, const Moment& m) {
  TransferStats stats{query.year_or(m), {}};
  // Keyed by the names, so that the rows come in the order the API has always given them.
  using Key = std::tuple<std::string_view, std::string_view, std::string_view, std::string_view>;
  std::map<Key, TransferCount> counts;
  for (const auto& [id, t] : views.transfers.all()) {
    if (!core::may_see(caller, t)) continue;
    if (!query.agency.empty() && t.agency != query.agency) continue;
    const std::optional<core::Date> counted_on = core::day_of_transfer(t);
    if (!counted_on || core::year_of(*counted_on) != stats.year) continue;
    const Key key{t.partner, core::name_of(t.direction), core::name_of(t.document.classification),
                  t.agency};
    auto [row, fresh] = counts.try_emplace(
        key, TransferCount{t.partner, t.direction, t.document.classification, t.agency, 0});
    ++row->second.count;
  }
  stats.rows.reserve(counts.size());
  for (auto& [key, row] : counts) stats.rows.push_back(std::move(row));
  return stats;
}

}  // namespace mandate::projections

#include "http/view_cache.h"

#include "core/access.h"

namespace mandate::http {

std::string ViewCache::key(std::string_view view, std::string_view question,
                           const core::Caller& caller) {
  std::string k;
  k.reserve(view.size() + question.size() + caller.agency.size() + 8);
  k.append(view).push_back('\0');
  k.append(question).push_back('\0');
  // Everything the views' visibility rules read of a caller.
  k.push_back(core::confined_to_own_agency(caller) ? 'c' : 'o');
  k.push_back(static_cast<char>('0' + static_cast<int>(caller.clearance)));
  k.append(caller.agency);
  return k;
}

std::shared_ptr<const std::string> ViewCache::find(const std::string& key, uint64_t applied,
                                                   core::Instant now) const {
  std::lock_guard lock(mu_);
  auto it = answers_.find(key);
  if (it == answers_.end() || it->second.applied != applied ||
      (it->second.until && now >= *it->second.until)) {
    ++counts_.misses;
    return nullptr;
  }
  ++counts_.hits;
  return it->second.body;
}

void ViewCache::put(const std::string& key, Answer answer) {
  std::lock_guard lock(mu_);
  if (answers_.size() >= kCapacity && !answers_.count(key)) {
    // Answers made before this one's position will not be asked again at theirs. Swept once
    // per position: when the cache is full of one position's answers, a sweep per answer
    // walked all of them for nothing (6% of a made answer's CPU).
    if (answer.applied > swept_at_) {
      std::erase_if(answers_,
                    [&](const auto& entry) { return entry.second.applied < answer.applied; });
      swept_at_ = answer.applied;
    }
    if (answers_.size() >= kCapacity) answers_.erase(answers_.begin());
  }
  auto [it, fresh] = answers_.try_emplace(key, answer);
  // Two readers may make the same answer at once; keep the later position's.
  if (!fresh && it->second.applied <= answer.applied) it->second = std::move(answer);
}

ViewCache::Counts ViewCache::counts() const {
  std::lock_guard lock(mu_);
  return counts_;
}

}  // namespace mandate::http

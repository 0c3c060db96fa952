#pragma once

// The binary form of a projection's state in a snapshot, derived from the state's own types:
// Boost.PFR walks the fields of core's plain structs, so a field added to a state needs no
// codec change. A snapshot is only ever read by a build whose state types have the same
// shape (shape_fingerprint); any other snapshot is ignored and the projection replayed from
// the log, which is always the source of truth.
//
// Encoding: unsigned integers, enums and bools as LEB128 varints, signed ones zigzagged;
// strings and containers length-prefixed; optionals with a presence byte; unordered maps in
// key order, so equal states encode to equal bytes whatever their insertion history.
//
// Thread-compatible.

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/pfr.hpp>

#include "core/vocabulary.h"

namespace mandate::projections::snapshot {

class Writer {
 public:
  void varint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>(v | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void bytes(std::string_view s) {
    varint(s.size());
    out_.append(s);
  }
  const std::string& data() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool varint(uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return false;
      const auto byte = static_cast<unsigned char>(in_[pos_++]);
      v |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return false;
  }
  bool bytes(std::string& s) {
    uint64_t n = 0;
    if (!varint(n) || n > in_.size() - pos_) return false;
    s.assign(in_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  // A count of elements, each taking at least one byte: bounds allocations by the input.
  bool count(uint64_t& n) { return varint(n) && n <= in_.size() - pos_; }
  bool done() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

namespace detail {

// An enum with a name_of() (core/vocabulary.h), which answers "?" past its last enumerator.
template <typename E>
concept NamedEnum = requires(E e) {
  { name_of(e) } -> std::convertible_to<std::string_view>;
};
inline constexpr std::string_view kUnnamed = "?";
inline constexpr unsigned kMaxEnumerators = 256;

template <typename T>
struct is_optional : std::false_type {};
template <typename T>
struct is_optional<std::optional<T>> : std::true_type {};

template <typename T>
struct is_vector : std::false_type {};
template <typename T, typename A>
struct is_vector<std::vector<T, A>> : std::true_type {};

template <typename T>
struct is_map : std::false_type {};
template <typename K, typename V, typename C, typename A>
struct is_map<std::map<K, V, C, A>> : std::true_type {};
template <typename K, typename V, typename H, typename E, typename A>
struct is_map<std::unordered_map<K, V, H, E, A>> : std::true_type {};

template <typename T>
struct is_pair : std::false_type {};
template <typename A, typename B>
struct is_pair<std::pair<A, B>> : std::true_type {};

template <typename T>
inline constexpr bool is_aggregate_struct =
    std::is_class_v<T>&& std::is_aggregate_v<T> && !is_pair<T>::value;

template <typename T>
uint64_t zigzag(T v) {
  const auto s = static_cast<int64_t>(v);
  return (static_cast<uint64_t>(s) << 1) ^ static_cast<uint64_t>(s >> 63);
}

inline int64_t unzigzag(uint64_t v) {
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

}  // namespace detail

template <typename T>
void put(Writer& w, const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    w.varint(v ? 1 : 0);
  } else if constexpr (std::is_enum_v<T>) {
    w.varint(static_cast<uint64_t>(v));
  } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
    w.varint(detail::zigzag(v));
  } else if constexpr (std::is_integral_v<T>) {
    w.varint(v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    w.bytes(v);
  } else if constexpr (detail::is_optional<T>::value) {
    w.varint(v.has_value() ? 1 : 0);
    if (v) put(w, *v);
  } else if constexpr (detail::is_vector<T>::value) {
    w.varint(v.size());
    for (const auto& item : v) put(w, item);
  } else if constexpr (detail::is_map<T>::value) {
    std::vector<const typename T::value_type*> entries;
    entries.reserve(v.size());
    for (const auto& entry : v) entries.push_back(&entry);
    std::sort(entries.begin(), entries.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });
    w.varint(entries.size());
    for (const auto* entry : entries) {
      put(w, entry->first);
      put(w, entry->second);
    }
  } else {
    static_assert(detail::is_aggregate_struct<T>, "no snapshot encoding for this type");
    boost::pfr::for_each_field(v, [&](const auto& field) { put(w, field); });
  }
}

template <typename T>
bool get(Reader& r, T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    uint64_t raw = 0;
    if (!r.varint(raw) || raw > 1) return false;
    v = raw == 1;
    return true;
  } else if constexpr (std::is_enum_v<T>) {
    uint64_t raw = 0;
    if (!r.varint(raw) || raw >= detail::kMaxEnumerators) return false;
    v = static_cast<T>(raw);
    // A number past the last enumerator is no state any build wrote: the views index by these
    // (TaskView counts by AssignmentStatus), so such a snapshot is malformed.
    if constexpr (detail::NamedEnum<T>) return name_of(v) != detail::kUnnamed;
    return true;
  } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
    uint64_t raw = 0;
    if (!r.varint(raw)) return false;
    v = static_cast<T>(detail::unzigzag(raw));
    return true;
  } else if constexpr (std::is_integral_v<T>) {
    uint64_t raw = 0;
    if (!r.varint(raw)) return false;
    v = static_cast<T>(raw);
    return true;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return r.bytes(v);
  } else if constexpr (detail::is_optional<T>::value) {
    bool present = false;
    if (!get(r, present)) return false;
    if (!present) {
      v.reset();
      return true;
    }
    return get(r, v.emplace());
  } else if constexpr (detail::is_vector<T>::value) {
    uint64_t n = 0;
    if (!r.count(n)) return false;
    v.clear();
    v.resize(n);
    for (auto& item : v) {
      if (!get(r, item)) return false;
    }
    return true;
  } else if constexpr (detail::is_map<T>::value) {
    uint64_t n = 0;
    if (!r.count(n)) return false;
    v.clear();
    for (uint64_t i = 0; i < n; ++i) {
      typename T::key_type key;
      typename T::mapped_type value;
      if (!get(r, key) || !get(r, value)) return false;
      // Written in key order: placing each at the end costs no search in an ordered map.
      if constexpr (requires { v.emplace_hint(v.end(), std::move(key), std::move(value)); }) {
        v.emplace_hint(v.end(), std::move(key), std::move(value));
      } else {
        v.emplace(std::move(key), std::move(value));
      }
    }
    return true;
  } else {
    static_assert(detail::is_aggregate_struct<T>, "no snapshot encoding for this type");
    bool ok = true;
    boost::pfr::for_each_field(v, [&](auto& field) { ok = ok && get(r, field); });
    return ok;
  }
}

// A text that changes whenever the encoded form of T would: field order, types and nesting.
template <typename T>
void describe(std::string& out) {
  if constexpr (std::is_same_v<T, bool>) {
    out += 'b';
  } else if constexpr (std::is_enum_v<T>) {
    // An enum is stored as its number, so the fingerprint holds what each number means: a
    // reordered or renamed enumerator (AssignmentStatus) makes old snapshots foreign.
    // Without its names, a reordered enum would go unnoticed: every enum in a state needs one.
    static_assert(detail::NamedEnum<T>, "an enum in a snapshot needs a name_of()");
    out += 'e';
    out += std::to_string(sizeof(T));
    out += '{';
    for (unsigned i = 0; i < detail::kMaxEnumerators; ++i) {
      const std::string_view name = name_of(static_cast<T>(i));
      if (name == detail::kUnnamed) break;
      out.append(name).push_back(',');
    }
    out += '}';
  } else if constexpr (std::is_integral_v<T>) {
    out += std::is_signed_v<T> ? 'i' : 'u';
    out += std::to_string(sizeof(T));
  } else if constexpr (std::is_same_v<T, std::string>) {
    out += 's';
  } else if constexpr (detail::is_optional<T>::value) {
    out += '?';
    describe<typename T::value_type>(out);
  } else if constexpr (detail::is_vector<T>::value) {
    out += '[';
    describe<typename T::value_type>(out);
    out += ']';
  } else if constexpr (detail::is_map<T>::value) {
    out += '{';
    describe<typename T::key_type>(out);
    out += ':';
    describe<typename T::mapped_type>(out);
    out += '}';
  } else {
    static_assert(detail::is_aggregate_struct<T>, "no snapshot encoding for this type");
    out += '(';
    [&]<size_t... I>(std::index_sequence<I...>) {
      (describe<boost::pfr::tuple_element_t<I, T>>(out), ...);
    }
    (std::make_index_sequence<boost::pfr::tuple_size_v<T>>{});
    out += ')';
  }
}

// FNV-1a of describe<T>().
template <typename T>
uint64_t shape_fingerprint() {
  std::string text;
  describe<T>(text);
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace mandate::projections::snapshot

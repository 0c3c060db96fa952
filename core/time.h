#pragma once

// Calendar dates and instants, as plain integers so that they are cheap to copy, compare and
// encode. Mandate has no global clock: "now" is always passed in by the caller.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mandate::core {

// A calendar day (proleptic Gregorian), counted in days since 1970-01-01.
struct Date {
  int32_t days = 0;

  auto operator<=>(const Date&) const = default;
};

// A point in time in UTC, counted in microseconds since 1970-01-01T00:00:00Z.
struct Instant {
  int64_t micros = 0;

  auto operator<=>(const Instant&) const = default;
};

// Days since the epoch of a civil date; the inverse of the three accessors below.
Date date_from_civil(int year, unsigned month, unsigned day);
int year_of(Date date);
unsigned month_of(Date date);
unsigned day_of(Date date);

// "YYYY-MM-DD" with a real month and day; nullopt otherwise.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date date);

// RFC 3339 in UTC or with an offset ("2026-03-21T08:00:00Z", "...+07:00", fractional seconds
// allowed); nullopt otherwise.
std::optional<Instant> parse_instant(std::string_view text);
// Always UTC with a "Z"; fractional seconds only when there are any.
std::string format_instant(Instant instant);

// The UTC day an instant falls on.
Date date_of(Instant instant);

// Vietnam's offset from UTC (Asia/Ho_Chi_Minh, UTC+7 since 1975, no daylight saving): the
// calendar of Mandate's users. "Today", due dates and the first day of a year are its days.
inline constexpr int32_t kVietnamUtcOffsetMinutes = 7 * 60;

// The day an instant falls on at a fixed offset from UTC.
Date local_date_of(Instant instant, int32_t utc_offset_minutes);

// A time zone setting: "Asia/Ho_Chi_Minh" (Vietnam), "UTC", or a fixed offset "+07:00" /
// "-05:30"; its offset in minutes, or nullopt. Only zones without daylight saving are named,
// so that an offset is the whole truth.
std::optional<int32_t> parse_utc_offset(std::string_view zone);
// Midnight UTC at the start of a day.
Instant start_of(Date date);

inline constexpr int64_t kMicrosPerSecond = 1'000'000;
inline constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

}  // namespace mandate::core

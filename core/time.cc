#include "core/time.h"

#include <cstdio>

namespace mandate::core {
namespace {

// Howard Hinnant's algorithms (public domain): exact for every proleptic Gregorian date.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
  int64_t year;
  unsigned month;
  unsigned day;
};

Civil civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` decimal digits at `pos`.
std::optional<int> digits(std::string_view text, size_t pos, size_t n) {
  if (pos + n > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

Date date_from_civil(int year, unsigned month, unsigned day) {
  return Date{static_cast<int32_t>(days_from_civil(year, month, day))};
}
int year_of(Date date) { return static_cast<int>(civil_from_days(date.days).year); }
unsigned month_of(Date date) { return civil_from_days(date.days).month; }
unsigned day_of(Date date) { return civil_from_days(date.days).day; }

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = digits(text, 0, 4), m = digits(text, 5, 2), d = digits(text, 8, 2);
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1) return std::nullopt;
  if (static_cast<unsigned>(*d) > days_in_month(*y, *m)) return std::nullopt;
  return date_from_civil(*y, *m, *d);
}

std::string format_date(Date date) {
  const Civil c = civil_from_days(date.days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month,
                c.day);
  return buf;
}

std::optional<Instant> parse_instant(std::string_view text) {
  if (text.size() < 20) return std::nullopt;
  auto date = parse_date(text.substr(0, 10));
  if (!date || (text[10] != 'T' && text[10] != 't') || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  auto hh = digits(text, 11, 2), mm = digits(text, 14, 2), ss = digits(text, 17, 2);
  if (!hh || !mm || !ss || *hh > 23 || *mm > 59 || *ss > 60) return std::nullopt;
  size_t pos = 19;
  int64_t fraction = 0;
  if (text[pos] == '.') {
    ++pos;
    int64_t scale = 100000;
    const size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      fraction += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  if (pos >= text.size()) return std::nullopt;
  int64_t offset_minutes = 0;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    auto oh = digits(text, pos + 1, 2), om = digits(text, pos + 4, 2);
    if (!oh || !om || pos + 3 >= text.size() || text[pos + 3] != ':' || *oh > 23 || *om > 59) {
      return std::nullopt;
    }
    offset_minutes = (*oh * 60 + *om) * (text[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  const int64_t seconds =
      static_cast<int64_t>(date->days) * 86400 + *hh * 3600 + *mm * 60 + *ss - offset_minutes * 60;
  return Instant{seconds * kMicrosPerSecond + fraction};
}

std::string format_instant(Instant instant) {
  const int64_t days = floor_div(instant.micros, kMicrosPerDay);
  const int64_t in_day = instant.micros - days * kMicrosPerDay;
  const int64_t secs = in_day / kMicrosPerSecond;
  const int64_t micros = in_day % kMicrosPerSecond;
  std::string out = format_date(Date{static_cast<int32_t>(days)});
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02lld:%02lld:%02lld", static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  out += buf;
  if (micros != 0) {
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(micros));
    out += buf;
  }
  out += 'Z';
  return out;
}

Date local_date_of(Instant instant, int32_t utc_offset_minutes) {
  return date_of(Instant{instant.micros + int64_t{utc_offset_minutes} * 60 * kMicrosPerSecond});
}

std::optional<int32_t> parse_utc_offset(std::string_view zone) {
  if (zone == "Asia/Ho_Chi_Minh" || zone == "Asia/Saigon") return kVietnamUtcOffsetMinutes;
  if (zone == "UTC" || zone == "Etc/UTC" || zone == "Z") return 0;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return std::nullopt;
  auto digit = [&](size_t i) { return zone[i] >= '0' && zone[i] <= '9' ? zone[i] - '0' : -1; };
  const int h1 = digit(1), h2 = digit(2), m1 = digit(4), m2 = digit(5);
  if (h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0) return std::nullopt;
  const int hours = h1 * 10 + h2, minutes = m1 * 10 + m2;
  if (hours > 14 || minutes > 59) return std::nullopt;
  const int32_t total = hours * 60 + minutes;
  return zone[0] == '-' ? -total : total;
}

Date date_of(Instant instant) {
  return Date{static_cast<int32_t>(floor_div(instant.micros, kMicrosPerDay))};
}

Instant start_of(Date date) { return Instant{static_cast<int64_t>(date.days) * kMicrosPerDay}; }

}  // namespace mandate::core

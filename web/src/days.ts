// Days as the server counts them: days in Vietnam (Asia/Ho_Chi_Minh), whatever the browser's
// own zone. "Today" near midnight UTC is already tomorrow in Hà Nội, so the dashboard never
// takes the date of `new Date().toISOString()`.

export const SERVER_ZONE = "Asia/Ho_Chi_Minh";

// "YYYY-MM-DD" of `at` (default: now) in Vietnam.
export function vietnamDay(at: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: SERVER_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

export function vietnamYear(at: Date = new Date()): number {
  return Number(vietnamDay(at).slice(0, 4));
}

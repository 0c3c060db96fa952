// What a new password must be, as the server judges it (core/sign_in.h,
// check_password_policy), so that a refusal can say which rule was broken in the reader's own
// language. The server stays the judge: this only explains its 422 on new_password.

import { Key } from "./i18n";

export interface PasswordLimits {
  min_length: number;
  max_length: number;
}

// The server's limits while GET /v1/policy/sign-in cannot be read: a session that owes a
// password change may use nothing but the routes that settle it.
export const DEFAULT_PASSWORD_LIMITS: PasswordLimits = { min_length: 12, max_length: 128 };

// An id or a name shorter than this is too common a string to forbid inside a password.
const SHORTEST_FORBIDDEN = 3;

// The rule `password` breaks, or "pw_rejected" when none that this knows of.
export function brokenRule(password: string, current: string, limits: PasswordLimits, user: string, name: string): Key {
  const length = [...password].length; // Characters, not UTF-16 units.
  if (length < limits.min_length) return "pw_too_short";
  if (length > limits.max_length) return "pw_too_long";
  if ([...password].every((c) => c === password[0])) return "pw_repeated";
  const lower = password.toLowerCase();
  const holds = (s: string) => s.length >= SHORTEST_FORBIDDEN && lower.includes(s.toLowerCase());
  if (holds(user) || holds(name)) return "pw_contains_name";
  if (password === current) return "pw_same";
  return "pw_rejected";
}

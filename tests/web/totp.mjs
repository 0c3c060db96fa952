// One-time codes as an authenticator app computes them (RFC 6238), with the otpauth package,
// the dashboard's devDependency: what a test types where a person would read their phone.

import path from "node:path";
import { createRequire } from "node:module";
import { repo } from "./harness.mjs";

const OTPAuth = createRequire(path.join(repo, "web", "package.json"))("otpauth");

// The server's parameters (http/totp.h): SHA-1, 6 digits, 30-second steps.
const PERIOD_MS = 30_000;
const totpOf = (secret) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: PERIOD_MS / 1000 });

// The code of `secret` (base32) at `at` (milliseconds since the epoch).
export function totpCode(secret, at = Date.now()) {
  return totpOf(secret).generate({ timestamp: at });
}

// A code of the step after the current one: the server takes one step either side of now, and
// never a step at or before the last one used (at enrolment or at a sign-in).
export function nextStepCode(secret) {
  return totpCode(secret, Date.now() + PERIOD_MS);
}

// Six digits that match no step the server would take around now.
export function wrongCode(secret) {
  const near = new Set([-2, -1, 0, 1, 2].map((k) => totpCode(secret, Date.now() + k * PERIOD_MS)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, "0");
    if (!near.has(code)) return code;
  }
}

// The settings an otpauth:// URI carries, as an authenticator app reads them.
export function parseOtpauth(uri) {
  const totp = OTPAuth.URI.parse(uri);
  return { secret: totp.secret.base32, algorithm: totp.algorithm, digits: totp.digits, period: totp.period, issuer: totp.issuer, label: totp.label };
}

// The dashboard's files as the real server serves them: media types, cache headers, index.html
// for /, no way out of web/dist, and the API's answers unchanged beside them. Requests are
// written on a raw socket so that nothing normalises the paths under test.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { readdirSync } from "node:fs";
import path from "node:path";
import { Server, webDist } from "./harness.mjs";

// Sends one request line as written; resolves to {status, headers, body}.
function raw(port, target, method = "GET") {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks = [];
    socket.on("connect", () => socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head, ...rest] = text.split("\r\n\r\n");
      const [statusLine, ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
    });
  });
}

describe("static files", () => {
  let server;
  before(async () => {
    server = await Server.start();
  });
  after(async () => {
    await server?.stop();
  });

  test("/ is the dashboard's index.html, revalidated, confined to this origin", async () => {
    const r = await raw(server.port, "/");
    assert.equal(r.status, 200);
    assert.equal(r.headers["content-type"], "text/html; charset=utf-8");
    assert.equal(r.headers["cache-control"], "no-cache");
    assert.match(r.headers["content-security-policy"], /default-src 'self'/);
    assert.match(r.body, /<div id="app"><\/div>/);
    // Every asset the page names is on this server.
    const refs = [...r.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(refs.length >= 2, refs.join(" "));
    for (const ref of refs) assert.match(ref, /^\/[^/]/, ref);
  });

  test("hashed assets are cached for a year with their media type", async () => {
    const files = readdirSync(path.join(webDist, "assets"));
    const js = files.find((f) => f.endsWith(".js"));
    const css = files.find((f) => f.endsWith(".css"));
    const a = await raw(server.port, `/assets/${js}`);
    assert.equal(a.status, 200);
    assert.equal(a.headers["content-type"], "text/javascript; charset=utf-8");
    assert.equal(a.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.equal(a.headers["x-content-type-options"], "nosniff");
    const b = await raw(server.port, `/assets/${css}`);
    assert.equal(b.headers["content-type"], "text/css; charset=utf-8");
    const icon = await raw(server.port, "/favicon.svg");
    assert.equal(icon.headers["content-type"], "image/svg+xml");
  });

  test("no path leads out of web/dist", async () => {
    for (const target of ["/../admin.token", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2f..%2fetc%2fpasswd", "/assets/%2e%2e/%2e%2e/package.json", "/..%5c..%5cetc%5cpasswd", "//etc/passwd", "/index.html%00.js"]) {
      const r = await raw(server.port, target);
      assert.equal(r.status, 404, target);
      assert.equal(r.headers["content-type"], "application/problem+json", target);
      assert.doesNotMatch(r.body, /root:|"devDependencies"/, target);
    }
  });

  test("the API answers as before: problems, not pages", async () => {
    const anonymous = await raw(server.port, "/v1/plans");
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers["content-type"], "application/problem+json");
    const unknown = await server.api("GET", "/v1/no-such-thing");
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, "not_found");
    const wrongMethod = await raw(server.port, "/", "POST");
    assert.equal(wrongMethod.status, 404);
    const plans = await server.must(200, "GET", "/v1/plans");
    assert.ok(plans.plans.some((p) => p.id === "vn-la-2024"));
    const health = await raw(server.port, "/healthz");
    assert.equal(health.headers["content-type"], "application/json");
  });

  test("GET /v1/me names the caller, its roles and what it owes; a session's CSRF token only with a cookie", async () => {
    const owes = { must_change_password: false, second_factor_enrolled: false, second_factor_enrolment_required: false };
    const admin = await server.must(200, "GET", "/v1/me");
    // The admin's first password is still to be changed; a token's caller has no session.
    assert.deepEqual(admin, { user: "admin", name: "Administrator", agency: null, roles: ["admin"], clearance: "top_secret", ...owes, must_change_password: true, session: null });
    const account = await server.user("nguyen-van-an", "so-tu-phap", ["officer", "approver"], "confidential");
    const officer = await server.must(200, "GET", "/v1/me", undefined, account.token);
    const who = { user: "nguyen-van-an", name: "Cán bộ nguyen-van-an", agency: "so-tu-phap", roles: ["officer", "approver"], clearance: "confidential", ...owes };
    assert.deepEqual(officer, { ...who, session: null });
    const session = await server.signInByApi(account.id, account.password);
    assert.equal(session.status, 200);
    const byCookie = await server.sessionApi(session, "GET", "/v1/me");
    assert.equal(byCookie.status, 200);
    assert.deepEqual(byCookie.body, { ...who, session: { id: session.body.session_id, expires_at: byCookie.body.session.expires_at, csrf_token: session.csrf } });
    const nobody = await server.api("GET", "/v1/me", undefined, "0".repeat(64));
    assert.equal(nobody.status, 401);
  });
});

// What the dashboard's end-to-end tests stand on: the real `mandate serve` on a free loopback
// port with a fresh data directory loaded with the seed plans and serving web/dist, the API
// driven with the admin token (and with the users' own tokens for their setup calls), users
// who sign in to the dashboard with a user name and password, and Debian's Chromium driven by
// playwright-core, one browser context (one cookie jar, so one session) per signed-in user.

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "..", "..");
// playwright-core is the dashboard's devDependency, installed in web/node_modules.
const { chromium } = createRequire(path.join(repo, "web", "package.json"))("playwright-core");

export const binary = process.env.MANDATE_BINARY ?? path.join(repo, "build", "tools", "mandate");
export const webDist = process.env.MANDATE_WEB_DIST ?? path.join(repo, "web", "dist");
export const shots = process.env.MANDATE_WEB_SHOTS ?? path.join(repo, "build", "web-screenshots");
const SERVE_WAIT_MS = 120_000;

// The name of the session cookie on plain HTTP (behind TLS it is __Host-mandate_session).
export const SESSION_COOKIE = "mandate_session";

export class Server {
  // `args`: more flags for `mandate serve` (e.g. --sign-in-throttle).
  static async start({ args = [] } = {}) {
    const data = mkdtempSync(path.join(tmpdir(), "mandate-web-"));
    const child = spawn(binary, ["serve", "--data", data, "--listen", "127.0.0.1:0", "--seed", path.join(repo, "plans"), "--web", webDist, ...args], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    const log = [];
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL"); // Not left behind when it never said it was serving.
        rmSync(data, { recursive: true, force: true });
        reject(new Error(`mandate serve did not start:\n${log.join("")}`));
      }, SERVE_WAIT_MS);
      child.stderr.setEncoding("utf8");
      let seen = "";
      child.stderr.on("data", (chunk) => {
        if (log.length < 2000) log.push(chunk);
        if (seen.length < 100_000) seen += chunk;
        const m = /"msg":"serving","url":"http:\/\/[^:"]+:(\d+)\//.exec(seen);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`mandate serve exited ${code}:\n${log.join("")}`));
      });
    });
    const server = new Server(child, data, port);
    return server;
  }

  constructor(child, data, port) {
    this.child = child;
    this.data = data;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.admin = readFileSync(path.join(data, "admin.token"), "utf8").trim();
    // The admin's first password, which the first sign-in must change.
    this.adminPassword = readFileSync(path.join(data, "admin.password"), "utf8").trim();
    this.users = 0;
  }

  async stop() {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once("exit", resolve));
      this.child.kill("SIGTERM");
      await exited;
    }
    rmSync(this.data, { recursive: true, force: true });
  }

  // One API call; resolves to {status, body, headers}, whatever the status.
  async api(method, target, body, token = this.admin) {
    return this.send(method, target, body, { Authorization: `Bearer ${token}` });
  }

  // The one fetch both kinds of call make: a JSON body when given, the answer parsed when JSON
  // (kept as text otherwise, as a 204's empty body).
  async send(method, target, body, headers) {
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const r = await fetch(this.url + target, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let parsed = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: kept as text.
    }
    return { status: r.status, body: parsed, headers: r.headers };
  }

  // A call that must succeed with `status`; throws with the answer otherwise.
  async must(status, method, target, body, token) {
    const r = await this.api(method, target, body, token);
    if (r.status !== status) throw new Error(`${method} ${target}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  // Makes sure the agency exists: registers it unless the seed already did (a seed's agencies
  // file may name it, with its own name).
  async agency(id, name, parent) {
    const found = await this.api("GET", `/v1/agencies/${id}`);
    if (found.status === 200) return found.body;
    const body = { id, name };
    if (parent) body.parent = parent;
    return this.must(201, "POST", "/v1/agencies", body);
  }

  // Registers a user who can sign in: a token for the test's API calls, a first password set
  // by the admin and changed through the API as the user would at a first sign-in (then
  // signed out), so that the dashboard opens straight on the user's screens. Returns
  // {id, name, token, password}.
  async user(id, agency, roles, clearance = "secret") {
    const name = `Cán bộ ${id}`;
    await this.must(201, "POST", "/v1/users", { id, name, agency, roles, clearance });
    const issued = await this.must(201, "POST", `/v1/users/${id}/tokens`, {});
    const n = ++this.users;
    // Neither holds a user's id or name (the policy refuses that); the second is the user's own.
    const first = `Mật khẩu ban đầu #${n}`;
    const password = `Sông Hồng mùa nước nổi #${n}`;
    await this.must(200, "POST", `/v1/users/${id}/password`, { password: first });
    const session = await this.signInByApi(id, first);
    if (session.status !== 200) throw new Error(`sign-in of ${id}: ${session.status} ${JSON.stringify(session.body)}`);
    const changed = await this.sessionApi(session, "POST", "/v1/me/password", { current_password: first, new_password: password });
    if (changed.status !== 200) throw new Error(`password of ${id}: ${changed.status} ${JSON.stringify(changed.body)}`);
    // Leaves no session open behind the scenario's own.
    const ended = await this.sessionApi(session, "POST", "/v1/sign-out");
    if (ended.status !== 204) throw new Error(`sign-out of ${id}: ${ended.status} ${JSON.stringify(ended.body)}`);
    return { id, name, token: issued.token, password };
  }

  // POST /v1/sign-in as a program would: resolves to {status, body, cookie, csrf}, the cookie
  // as "name=value" taken from Set-Cookie (null when refused).
  async signInByApi(user, password, code) {
    const body = { user, password };
    if (code !== undefined) body.code = code;
    const r = await fetch(this.url + "/v1/sign-in", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const answer = await r.json();
    const cookie = r.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? null;
    return { status: r.status, body: answer, cookie, csrf: answer.csrf_token ?? null };
  }

  // One call with a session's cookie, and its CSRF token on writes; {status, body, headers}.
  async sessionApi(session, method, target, body) {
    const headers = { Cookie: session.cookie };
    if (method !== "GET" && method !== "HEAD") headers["X-CSRF-Token"] = session.csrf;
    return this.send(method, target, body, headers);
  }
}

// One Chromium for a test file; each signed-in user gets a browser context of its own, since a
// context's cookies are one session. Every context keeps the air-gap guard.
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // Anything a page asks of another origin would break the air gap: fail it loudly.
  const foreign = [];
  return {
    browser,
    foreign,
    async newContext() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
      await context.route(/.*/, (route) => {
        const url = route.request().url();
        if (url.startsWith("http://127.0.0.1:") || url.startsWith("data:")) return route.continue();
        foreign.push(url);
        return route.abort();
      });
      return context;
    },
    async close() {
      await browser.close();
    },
  };
}

// Opens the dashboard on its sign-in form in a fresh context (no cookie: nobody signed in).
// `page.errors` collects the page's uncaught errors and any breach of the Content-Security-
// Policy that Chromium reports; closing the page closes its context.
export async function openDashboard(browser, server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  page.on("close", () => void context.close().catch(() => undefined));
  page.errors = errors;
  await page.goto(server.url + "/");
  await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
  return page;
}

// Types a user name and password (and a one-time code, when given) into the sign-in form and
// sends it.
export async function submitSignIn(page, user, password, code) {
  const form = page.locator("form[data-asks-code]");
  await form.getByLabel("Tên đăng nhập").fill(user);
  await form.getByLabel("Mật khẩu", { exact: true }).fill(password);
  if (code !== undefined) await form.getByLabel("Mã xác thực (6 chữ số)").fill(code);
  await form.getByRole("button", { name: "Đăng nhập" }).click();
}

// Opens the dashboard in a context of its own and signs `account` (from Server.user) in with
// its user name and password; resolves once the user's screens are shown.
export async function signIn(browser, server, account) {
  const page = await openDashboard(browser, server);
  await submitSignIn(page, account.id, account.password);
  await page.getByTestId("me").waitFor();
  return page;
}

export async function screenshot(page, name) {
  mkdirSync(shots, { recursive: true });
  const file = path.join(shots, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// What the dashboard's end-to-end tests stand on: the real `mandate serve` on a free loopback
// port with a fresh data directory loaded with the seed plans and serving web/dist, the API
// driven with the admin token, and Debian's Chromium driven by playwright-core.

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

export class Server {
  static async start() {
    const data = mkdtempSync(path.join(tmpdir(), "mandate-web-"));
    const child = spawn(binary, ["serve", "--data", data, "--listen", "127.0.0.1:0", "--seed", path.join(repo, "plans"), "--web", webDist], {
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
    this.tokens = new Map();
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
    const headers = { Authorization: `Bearer ${token}` };
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

  // Registers a user and issues its token; returns the token.
  async user(id, agency, roles, clearance = "secret") {
    await this.must(201, "POST", "/v1/users", { id, name: `Cán bộ ${id}`, agency, roles, clearance });
    const issued = await this.must(201, "POST", `/v1/users/${id}/tokens`, {});
    this.tokens.set(id, issued.token);
    return issued.token;
  }
}

export async function launchBrowser() {
  const profile = mkdtempSync(path.join(tmpdir(), "mandate-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // Anything the page asks of another origin would break the air gap: fail it loudly.
  const foreign = [];
  await context.route(/.*/, (route) => {
    const url = route.request().url();
    if (url.startsWith("http://127.0.0.1:") || url.startsWith("data:")) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  return {
    context,
    foreign,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Opens the dashboard in a new tab (its own sessionStorage) and signs in with `token`.
export async function signIn(browser, server, token) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.errors = errors;
  await page.goto(server.url + "/");
  await page.getByLabel("Mã truy cập (token)").fill(token);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByTestId("me").waitFor();
  return page;
}

export async function screenshot(page, name) {
  mkdirSync(shots, { recursive: true });
  const file = path.join(shots, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

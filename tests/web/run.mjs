// Runs one of the dashboard's test files for ctest, after checking what it stands on:
// web/node_modules (npm ci), web/dist (the Vite build), the mandate binary and, for the browser
// tests, Debian's Chromium. When one is missing the test is skipped (exit 77, which ctest
// reports as skipped) unless MANDATE_WEB_REQUIRED is set, as `make test` sets it: then it fails.
//
// usage: node tests/web/run.mjs [--needs dist,binary,chromium] -- <command and arguments>

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SKIP = 77;
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const args = process.argv.slice(2);
const split = args.indexOf("--");
const needs = (args[0] === "--needs" ? args[1].split(",") : []).filter(Boolean);
const command = args.slice(split + 1);

const missing = [];
if (!existsSync(path.join(repo, "web", "node_modules", ".package-lock.json"))) missing.push("web/node_modules (cd web && npm ci)");
if (needs.includes("dist") && !existsSync(path.join(process.env.MANDATE_WEB_DIST ?? path.join(repo, "web", "dist"), "index.html"))) missing.push("web/dist (make web)");
if (needs.includes("binary") && !existsSync(process.env.MANDATE_BINARY ?? "")) missing.push(`the mandate binary (${process.env.MANDATE_BINARY})`);
if (needs.includes("chromium") && !existsSync(process.env.CHROMIUM ?? "/usr/bin/chromium")) missing.push("/usr/bin/chromium (apt-get install chromium)");
if (missing.length) {
  console.error(`missing: ${missing.join("; ")}`);
  process.exit(process.env.MANDATE_WEB_REQUIRED ? 1 : SKIP);
}
const run = spawnSync(command[0], command.slice(1), { stdio: "inherit", cwd: repo });
process.exit(run.status ?? 1);

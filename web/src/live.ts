// Keeping the views current without a reload.
//
// Two Server-Sent Event streams say that something changed. The log itself
// (GET /v1/events/subscribe) is for the roles that read it (admin, auditor, investigator);
// every other role follows GET /v1/views/changes, which says only how far the views have come.
// Both are read with fetch() and a streaming reader, which sends the session cookie like any
// same-origin request and, unlike EventSource, lets a 401 be told from a dropped connection.
// Either way, `head` is the position the views should show, and useLive() reloads on each change.

import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError, reportSessionTrouble, Role } from "./api";
import { signal, useSignal } from "./signal";

export type LiveMode = "sse" | "off";
export const head = signal(0);
export const liveMode = signal<LiveMode>("off");

const RETRY_AFTER_MS = 2000;
// Events come in bursts (a plan's issue is hundreds): the views reload once per burst.
const COALESCE_MS = 150;

const LOG_READERS: Role[] = ["admin", "auditor", "investigator"];

async function readyPosition(): Promise<number> {
  const r = await fetch("/readyz", { cache: "no-store" });
  const body = await r.json();
  return Number(body.applied_position ?? body.head_position ?? 0);
}

// The session is over (or owes something first): retrying the stream cannot help.
class SessionRefused extends Error {}

// Reads an SSE stream until it ends or `abort` fires; calls `onId` with each message's id.
async function readStream(path: string, lastId: number, abort: AbortSignal,
                          onId: (id: number) => void) {
  const response = await fetch(path, {
    headers: { Accept: "text/event-stream", "Last-Event-ID": String(lastId) },
    credentials: "same-origin",
    signal: abort,
    cache: "no-store",
  });
  if (response.status === 401 || response.status === 403) {
    let code = "";
    try {
      code = (await response.json()).code ?? "";
    } catch {
      // No problem body: the status says enough.
    }
    reportSessionTrouble({ status: response.status, code: code || (response.status === 401 ? "unauthenticated" : "forbidden") });
    throw new SessionRefused(`subscribe answered ${response.status}`);
  }
  if (!response.ok || !response.body) throw new Error(`subscribe answered ${response.status}`);
  liveMode.set("sse");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const line of block.split("\n")) {
        if (line.startsWith("id:")) onId(Number(line.slice(3).trim()));
      }
    }
  }
}

// Starts following the log for a signed-in user; returns the function that stops it.
export function startLive(roles: Role[]): () => void {
  const abort = new AbortController();
  let timer: number | undefined;
  let pending = 0;
  const advance = (position: number) => {
    if (position <= head.value || position <= pending) return;
    pending = position;
    if (timer === undefined) {
      timer = window.setTimeout(() => {
        timer = undefined;
        head.set(pending);
      }, COALESCE_MS);
    }
  };
  const sleep = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

  const readsLog = roles.some((r) => LOG_READERS.includes(r));
  const followStream = async () => {
    let lastId = await readyPosition();
    head.set(lastId);
    while (!abort.signal.aborted) {
      const path = readsLog ? `/v1/events/subscribe?from=${lastId + 1}`
                            : `/v1/views/changes?after=${lastId}`;
      try {
        await readStream(path, lastId, abort.signal, (id) => {
          lastId = Math.max(lastId, id);
          advance(id);
        });
      } catch (e) {
        if (abort.signal.aborted) return;
        if (e instanceof SessionRefused) {
          liveMode.set("off");
          return;
        }
      }
      liveMode.set("off");
      await sleep(RETRY_AFTER_MS);
    }
  };
  void followStream();
  return () => {
    abort.abort();
    if (timer !== undefined) window.clearTimeout(timer);
    liveMode.set("off");
  };
}

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  reload: () => void;
}

// Loads with `load` now, whenever `deps` change, and whenever the log moves on. The last
// answer stays on screen while the next one loads, so a live update does not flicker.
export function useLive<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const position = useSignal(head);
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [nonce, setNonce] = useState(0);
  const generation = useRef(0);
  useEffect(() => {
    const mine = ++generation.current;
    load().then(
      (d) => {
        if (mine !== generation.current) return;
        setData(d);
        setError(undefined);
      },
      (e) => {
        if (mine !== generation.current) return;
        setError(e instanceof ApiError ? e : new ApiError({ status: 0, code: "network" }));
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, position, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, reload };
}

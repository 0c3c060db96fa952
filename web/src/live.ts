// Keeping the views current without a reload.
//
// The log's Server-Sent Events (GET /v1/events/subscribe) are for the roles that read the log
// (admin, auditor, investigator); they need the Authorization header, which EventSource cannot
// send, so the stream is read with fetch() and a streaming reader. Every other role may not
// read the log: for them the dashboard watches the applied position that GET /readyz reports
// (no token, nothing confidential) and reloads its views when it moves. Either way, `head`
// is the position the views should show, and useLive() reloads on each change.

import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError, Role } from "./api";
import { signal, useSignal } from "./signal";

export type LiveMode = "sse" | "watch" | "off";
export const head = signal(0);
export const liveMode = signal<LiveMode>("off");

const WATCH_EVERY_MS = 2000;
const RETRY_AFTER_MS = 2000;
// Events come in bursts (a plan's issue is hundreds): the views reload once per burst.
const COALESCE_MS = 150;

const LOG_READERS: Role[] = ["admin", "auditor", "investigator"];

async function readyPosition(): Promise<number> {
  const r = await fetch("/readyz", { cache: "no-store" });
  const body = await r.json();
  return Number(body.applied_position ?? body.head_position ?? 0);
}

// Reads the SSE stream until it ends or `abort` fires; calls `onId` with each event's id.
async function readStream(token: string, lastId: number, abort: AbortSignal, onId: (id: number) => void) {
  const response = await fetch(`/v1/events/subscribe?from=${lastId + 1}`, {
    headers: { Authorization: `Bearer ${token}`, Accept: "text/event-stream", "Last-Event-ID": String(lastId) },
    signal: abort,
    cache: "no-store",
  });
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
export function startLive(token: string, roles: Role[]): () => void {
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

  const followStream = async () => {
    let lastId = await readyPosition();
    head.set(lastId);
    while (!abort.signal.aborted) {
      try {
        await readStream(token, lastId, abort.signal, (id) => {
          lastId = Math.max(lastId, id);
          advance(id);
        });
      } catch {
        if (abort.signal.aborted) return;
      }
      liveMode.set("off");
      await sleep(RETRY_AFTER_MS);
    }
  };
  const watch = async () => {
    while (!abort.signal.aborted) {
      try {
        advance(await readyPosition());
        liveMode.set("watch");
      } catch {
        liveMode.set("off");
      }
      await sleep(WATCH_EVERY_MS);
    }
  };

  const readsLog = roles.some((r) => LOG_READERS.includes(r));
  void (readsLog ? followStream() : watch());
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

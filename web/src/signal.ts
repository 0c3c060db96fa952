// A value that components can watch: the session, the language, the log's position. Small on
// purpose: Preact's hooks do the rest.

import { useEffect, useState } from "preact/hooks";

export interface Signal<T> {
  readonly value: T;
  set(value: T): void;
  // Calls `listener` with each new value; returns the function that stops it.
  subscribe(listener: (value: T) => void): () => void;
}

export function signal<T>(initial: T): Signal<T> {
  let current = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get value() {
      return current;
    },
    set(value: T) {
      if (Object.is(value, current)) return;
      current = value;
      for (const l of [...listeners]) l(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

// The signal's value, re-rendering the component when it changes.
export function useSignal<T>(s: Signal<T>): T {
  const [value, setValue] = useState(s.value);
  useEffect(() => {
    setValue(s.value);
    return s.subscribe(setValue);
  }, [s]);
  return value;
}

// Where tokens live: sessionStorage (per tab, gone when the tab closes).
//
// Why not a cookie: API Gateway's JWT authorizer reads only the Authorization header,
// and the API sits on another origin in AWS, so an HttpOnly cookie could not carry the
// token there without a server of our own in between. Why not localStorage: it outlives
// the tab and is shared by every tab for months. sessionStorage is readable only by
// scripts of this origin, and the Content-Security-Policy (script-src 'self') keeps
// scripts from other origins out of the page, which is as far as a static site can go.
// Tokens never go into a URL (history, logs, Referer).

/** The storage used for tokens; falls back to memory where sessionStorage is blocked. */
export function tokenStorage(): Storage {
  try {
    const s = window.sessionStorage;
    s.setItem('ca.probe', '1');
    s.removeItem('ca.probe');
    return s;
  } catch {
    return memoryStorage();
  }
}

/**
 * What this browser keeps beyond the tab (a guest's visitor id per link, not a credential):
 * localStorage, or memory where it is blocked.
 */
export function lastingStorage(): Storage {
  try {
    const s = window.localStorage;
    s.setItem('ca.probe', '1');
    s.removeItem('ca.probe');
    return s;
  } catch {
    return memoryStorage();
  }
}

let memory: Storage | undefined;

export function memoryStorage(): Storage {
  if (memory) return memory;
  const map = new Map<string, string>();
  memory = {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => Array.from(map.keys())[index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, String(value)),
  };
  return memory;
}

// The SCORM 1.2 run-time adapter: finds the learning platform's API object (the LMS's `API`),
// opens the session, gets and sets data-model values, and closes the session once. Every call is
// guarded: no API, a call that returns "false", an error code or an exception is trouble, reported
// once through `onTrouble`, and never stops the page. Loaded only inside a package (package.js).

/** The eight functions a SCORM 1.2 API object has. */
const METHODS = ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError', 'LMSGetErrorString', 'LMSGetDiagnostic'];

/** How many parents the search climbs from one window before it gives up (ADL's sample uses 7). */
const MAX_CLIMB = 10;

/** `win.API` when it is a SCORM 1.2 API object; null otherwise, and for a window of another origin. */
function apiOf(win) {
  try {
    const api = win.API;
    return api && METHODS.every((m) => typeof api[m] === 'function') ? api : null;
  } catch {
    return null; // another origin: its properties cannot be read, but its parent can be
  }
}

/** The API in `win` or one of its parents, nearest first. */
function climb(win) {
  for (let i = 0; win && i <= MAX_CLIMB; i++) {
    const api = apiOf(win);
    if (api) return api;
    let up = null;
    try { up = win.parent; } catch { /* no parent to read */ }
    if (!up || up === win) return null;
    win = up;
  }
  return null;
}

/**
 * The API discovery of the SCORM 1.2 run-time environment: this window and its parents, then
 * the window that opened it (a popup launch) and that window's parents. Null when there is none.
 */
export function findAPI(win) {
  const api = climb(win);
  if (api) return api;
  let opener = null;
  try { opener = win.opener; } catch { /* none */ }
  return opener ? climb(opener) : null;
}

/** A duration as a SCORM 1.2 CMITimespan, HHHH:MM:SS.SS (hours 2–4 digits, at most 9999). */
export function timespan(ms) {
  const cs = Math.min(Math.max(Math.round(Number(ms) / 10) || 0, 0), 9999 * 360000 + 359999);
  const h = Math.floor(cs / 360000);
  const m = Math.floor(cs / 6000) % 60;
  const s = (cs % 6000) / 100;
  const two = (n) => String(n).padStart(2, '0');
  return `${two(h)}:${two(m)}:${s.toFixed(2).padStart(5, '0')}`;
}

/**
 * Opens the LMS session from `win` (LMSInitialize("")). The handle's calls do nothing once the
 * session is closed or could not be opened; `onTrouble('none' | 'failed')` is called at most once,
 * for the first trouble. `now` reads the clock (ms) for the session time.
 */
export function connect(win, onTrouble, now = () => Date.now()) {
  const api = findAPI(win);
  let open = false;
  let closed = false;
  let troubled = false;
  const trouble = (kind, what) => {
    if (troubled) return;
    troubled = true;
    console.warn(`Descent: progress is not being recorded by the learning platform (${what}).`);
    try { onTrouble(kind); } catch (e) { console.warn(e); }
  };
  /** One API call; null (and trouble) when it fails in any way. */
  const call = (name, ...args) => {
    try {
      const result = api[name](...args);
      const code = String(api.LMSGetLastError());
      if (result === false || result === 'false' || (code !== '0' && code !== '')) {
        let why = '';
        try { why = String(api.LMSGetErrorString(code)); } catch { /* none */ }
        trouble('failed', `${name}(${args.join(', ')}) gave ${JSON.stringify(result)}, error ${code}${why ? ` "${why}"` : ''}`);
        return null;
      }
      return result;
    } catch (e) {
      trouble('failed', `${name} threw ${e && e.message ? e.message : e}`);
      return null;
    }
  };
  let started = now();
  if (!api) trouble('none', 'no SCORM 1.2 API in this window, its parents or its opener');
  else if (call('LMSInitialize', '') !== null) { open = true; started = now(); }

  return {
    /** True while the session is open and nothing has failed. */
    get recording() { return open && !closed && !troubled; },
    /** A value of the data model, or null when it cannot be read. */
    get(key) {
      if (!open || closed) return null;
      const v = call('LMSGetValue', key);
      return v === null ? null : String(v);
    },
    /** Sets a value; false when it was not taken. */
    set(key, value) {
      return open && !closed && call('LMSSetValue', key, String(value)) !== null;
    },
    commit() {
      return open && !closed && call('LMSCommit', '') !== null;
    },
    /**
     * Ends the session once: `values` and the session time set, then LMSCommit and LMSFinish.
     * Later calls (a second pagehide, a test calling it again) do nothing.
     */
    finish(values = {}) {
      if (!open || closed) return;
      for (const [k, v] of Object.entries(values)) this.set(k, v);
      this.set('cmi.core.session_time', timespan(now() - started));
      this.commit();
      closed = true;
      call('LMSFinish', '');
    },
  };
}

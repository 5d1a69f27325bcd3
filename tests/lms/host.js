// The test LMS (host.html): which API the page offers, every call to it recorded in window.calls.
/* global Scorm12API */
(() => {
  const q = new URLSearchParams(location.search);
  const pkg = q.get('pkg');
  const kind = q.get('api') || 'scorm-again';
  const calls = (window.calls = []);
  const log = (...c) => calls.push(c);
  if (kind === 'scorm-again' || kind === 'fail-set') {
    const api = new Scorm12API({ autocommit: false, logLevel: 5 });
    if (window.__attempt) api.loadFromJSON(window.__attempt);
    api.on('LMSInitialize', () => log('LMSInitialize'));
    api.on('LMSSetValue.cmi.*', (k, v) => log('LMSSetValue', k, v));
    api.on('LMSCommit', () => log('LMSCommit'));
    api.on('LMSFinish', () => log('LMSFinish'));
    if (kind === 'fail-set') {
      // The platform opens the session but refuses every value (error 405, as when its server is down).
      let error = null;
      const lastError = api.LMSGetLastError.bind(api);
      api.LMSSetValue = (k, v) => { log('LMSSetValue refused', k, v); error = '405'; return 'false'; };
      api.LMSGetLastError = () => { const e = error || lastError(); error = null; return e; };
    }
    window.API = api;
  } else if (kind === 'fail-init' || kind === 'throw') {
    // A hand-made API: LMSInitialize refuses (error 101), or every call throws.
    const no = (name) => (...a) => { log(name, ...a); if (kind === 'throw') throw new Error(`${name} exploded`); return 'false'; };
    window.API = {
      LMSInitialize: no('LMSInitialize'), LMSFinish: no('LMSFinish'), LMSGetValue: no('LMSGetValue'), LMSSetValue: no('LMSSetValue'),
      LMSCommit: no('LMSCommit'), LMSGetLastError: () => '101', LMSGetErrorString: () => 'General exception', LMSGetDiagnostic: () => '',
    };
  }
  const player = `/lms/frame.html?pkg=${encodeURIComponent(pkg)}`;
  const launch = () => {
    if (q.get('launch') === 'popup') document.getElementById('open').addEventListener('click', () => window.open(`/pkg/${encodeURIComponent(pkg)}/index.html`, 'sco'));
    else document.getElementById('outer').src = player;
  };
  document.addEventListener('DOMContentLoaded', launch);
})();

// Puts early.js inline at the top of the page's <head>, before the stylesheet, and allows it by
// its hash in the Content-Security-Policy. Inline, it runs the moment the parser reaches it: the
// lesson text and wasm downloads start as early as a preload would, with no request for the
// script itself (an external async script ran only after the first layout on a slow CPU).
//
//   node scripts/inline-early.mjs [dist]      (run by scripts/build.sh after bundling early.js)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const dist = process.argv[2] || 'dist';
const file = path.join(dist, 'index.html');
let html = fs.readFileSync(file, 'utf8');
const code = fs.readFileSync(path.join(dist, 'early.js'), 'utf8').trim();
if (code.includes('</script')) throw new Error('inline-early: early.js contains "</script"');
const tag = html.match(/<script async src="[^"]*early\.js" data-wasm="([^"]+)"><\/script>/);
if (!tag) throw new Error('inline-early: no early.js tag in index.html (see Trunk.toml pattern_script)');
const hash = `'sha256-${crypto.createHash('sha256').update(code, 'utf8').digest('base64')}'`;
const csp = /(<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self')/;
if (!csp.test(html)) throw new Error("inline-early: no script-src 'self' in the page's Content-Security-Policy");
html = html.replace(tag[0], '').replace(csp, `$1 ${hash}`);
const css = html.indexOf('<link rel="stylesheet"');
if (css < 0) throw new Error('inline-early: no stylesheet link in index.html');
html = `${html.slice(0, css)}<script id="early" data-wasm="${tag[1]}">${code}</script>\n  ${html.slice(css)}`;
fs.writeFileSync(file, html);
fs.rmSync(path.join(dist, 'early.js'));

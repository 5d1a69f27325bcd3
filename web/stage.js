// The stage: canvases and HTML panels for one scene, and the animation loop.
// JS owns time: it decides when to step and draw. Rust owns the state and draws the canvases.

import { el } from './ui.js';

/** Drawing time per frame (ms) after which progressive work (see View.work) waits for the next frame. */
const FRAME_BUDGET = 10;

const reduceMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const darkScheme = () => window.matchMedia('(prefers-color-scheme: dark)').matches;

export class Stage {
  /**
   * @param wasm the wasm-bindgen module
   * @param root element to fill
   * @param hooks { onStart(params), onTick(), strings, lang }
   */
  constructor(wasm, root, hooks) {
    this.wasm = wasm;
    this.root = root;
    this.hooks = hooks;
    this.views = [];
    this.panels = [];
    this.session = null;
    this.playing = false;
    this.dirty = true;
    this.carry = 0;
    this.last = 0;
    this.frameTimes = [];
    this.holdWork = 0;
    this.starved = 0;
    /** Per view: progressive work left (see View.work); null when none is. */
    this.pending = null;
    this.sized = false;
    this.raf = 0;
    this.loop = this.loop.bind(this);
    this.resizer = new ResizeObserver(() => this.resize());
    this.scheme = window.matchMedia('(prefers-color-scheme: dark)');
    this.scheme.addEventListener('change', () => { for (const v of this.views) v.view.setDark(darkScheme()); this.dirty = true; this.kick(); });
  }

  /** Builds a new session from `query`; throws the session's Error on a bad scene. */
  load(query, viewNames) {
    const session = new this.wasm.Session(query);
    this.stop();
    if (this.session) this.session.free();
    this.session = session;
    if (viewNames && viewNames.join(',') !== (this.viewNames || []).join(',')) this.build(viewNames);
    this.dirty = true;
    this.kick();
    return session;
  }

  /** Stops the loop and frees the wasm objects. */
  dispose() {
    this.stop();
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.resizer.disconnect();
    for (const v of this.views) v.view.free();
    this.views = [];
    this.pending = null;
    if (this.session) this.session.free();
    this.session = null;
  }

  build(viewNames) {
    for (const v of this.views) { this.resizer.unobserve(v.box); v.view.free(); }
    this.views = [];
    this.pending = null;
    this.panels = [];
    this.root.replaceChildren();
    this.viewNames = viewNames;
    const S = this.hooks.strings();
    for (const name of viewNames) {
      if (this.wasm.View.isCanvas(name)) {
        const bg = el('canvas', { class: 'bg', 'aria-hidden': 'true' });
        const fg = el('canvas', { class: 'fg', 'aria-hidden': 'true' });
        const hint = name === 'surface3d' ? S.turnHint : ['curve', 'contour', 'basins', 'scatter'].includes(name) ? S.arrowsHint : null;
        const label = (S.canvasLabel[name] || name) + (hint ? ` (${hint})` : '');
        const box = el('div', { class: 'canvas-box', role: 'img', 'aria-label': label }, bg, fg);
        const fig = el('figure', { class: `view view-${name}`, 'data-view': name }, box);
        this.root.append(fig);
        const view = new this.wasm.View(name, bg, fg, darkScheme());
        view.setLang(this.hooks.lang());
        const entry = { name, view, box, fig };
        this.views.push(entry);
        this.pointer(entry);
        this.resizer.observe(box);
      } else {
        const fig = el('div', { class: `panel panel-${name}`, 'data-view': name });
        this.root.append(fig);
        this.panels.push({ name, fig });
      }
    }
    // Sized when first drawn, so the page around (the controls) is in place first: one layout.
    this.sized = false;
  }

  /** Presses and drags on a canvas (mouse, pen or finger) set the start point or turn a 3-D view. */
  pointer(entry) {
    const { box, view } = entry;
    let last = null;
    const at = (e) => { const r = box.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
    const press = (e) => {
      if (!this.session) return;
      const [x, y] = at(e);
      if (entry.name === 'surface3d') { last = [e.clientX, e.clientY]; box.setPointerCapture(e.pointerId); return; }
      const p = view.pointer(this.session, x, y);
      if (p && p.length) { last = true; box.setPointerCapture(e.pointerId); this.hooks.onStart(Array.from(p)); }
    };
    box.addEventListener('pointerdown', press);
    // The keyboard does what the pointer does: arrows move the start point (or turn the 3-D view).
    box.tabIndex = 0;
    box.addEventListener('keydown', (e) => {
      const dirs = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
      const d = dirs[e.key];
      if (!d || !this.session) return;
      e.preventDefault();
      e.stopPropagation();
      if (entry.name === 'surface3d') {
        view.turn(d[0] * 12, -d[1] * 12);
        view.release();
        this.dirty = true;
        this.kick();
        return;
      }
      if (!['curve', 'contour', 'basins', 'scatter'].includes(entry.name)) return;
      const s = Array.from(this.session.startPoint());
      const dom = this.session.domain();
      const step = e.shiftKey ? 0.1 : 0.02;
      s[0] += d[0] * step * (dom[1] - dom[0]);
      if (s.length > 1) s[1] += d[1] * step * (dom[3] - dom[2]);
      else if (d[0] === 0) s[0] += d[1] * step * (dom[1] - dom[0]);
      this.hooks.onStart(s);
    });
    box.addEventListener('pointermove', (e) => {
      if (!last || !this.session) return;
      if (entry.name === 'surface3d') {
        const dx = e.clientX - last[0], dy = e.clientY - last[1];
        last = [e.clientX, e.clientY];
        if (view.turn(dx, dy)) { this.dirty = true; this.kick(); }
        return;
      }
      const [x, y] = at(e);
      const p = view.pointer(this.session, x, y);
      if (p && p.length) this.hooks.onStart(Array.from(p), true);
    });
    const release = () => {
      if (!last) return;
      last = null;
      if (entry.name === 'surface3d') { view.release(); this.dirty = true; this.kick(); return; }
      this.hooks.onRelease && this.hooks.onRelease();
    };
    box.addEventListener('pointerup', release);
    box.addEventListener('pointercancel', release);
  }

  /** Sizes the canvases to their boxes and redraws at the next frame. */
  resize() {
    this.size();
    this.kick();
  }

  /** Sizes the canvases to their boxes (CSS pixels × devicePixelRatio); they redraw when next drawn. */
  size() {
    this.sized = true;
    const dpr = window.devicePixelRatio || 1;
    for (const v of this.views) {
      const r = v.box.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) v.view.resize(r.width, r.height, dpr);
    }
    this.dirty = true;
  }

  /** Steps n times now and redraws (at once: the table and the canvases show the step together). */
  step(n = 1) {
    if (!this.session) return 0;
    const k = this.session.step(n);
    this.dirty = true;
    if (this.playing) this.kick(); else this.drawNow();
    return k;
  }

  play() {
    if (!this.session || this.session.allStopped()) return;
    this.playing = true;
    this.last = performance.now();
    this.carry = 0;
    this.kick();
    this.hooks.onPlayState && this.hooks.onPlayState(true);
  }

  stop() {
    if (this.playing) {
      this.playing = false;
      this.hooks.onPlayState && this.hooks.onPlayState(false);
    }
  }

  toggle() { if (this.playing) this.stop(); else this.play(); }

  reset() {
    if (!this.session) return;
    this.stop();
    this.session.reset();
    this.dirty = true;
    this.drawNow();
  }

  kick() { if (!this.raf) this.raf = requestAnimationFrame(this.loop); }

  /**
   * Draws a new or changed scene now, in the task that changed it, instead of at the next
   * animation frame: the change is on screen one frame sooner. (While playing, the loop draws.)
   */
  drawNow() {
    if (!this.session || !this.dirty || this.playing) return;
    // The next animation frame only has to show what was drawn here: progressive work waits a
    // frame more, so it does not hold back that first picture.
    this.holdWork = 2;
    this.loop(performance.now());
    if (this.pending) this.kick();
  }

  loop(now) {
    if (this.raf) { cancelAnimationFrame(this.raf); this.raf = 0; }
    if (!this.session) return;
    try {
      this.frame(now);
    } catch (e) {
      // A trap inside wasm leaves it unusable: stop and let the page say so.
      this.playing = false;
      this.session = null;
      this.hooks.onFatal(e);
    }
  }

  frame(now) {
    if (!this.sized) this.size();
    const t0 = performance.now();
    if (this.playing) {
      const speed = this.hooks.speed();
      this.carry += Math.min(now - this.last, 250) * speed / 1000;
      this.last = now;
      const n = Math.floor(this.carry);
      if (n > 0) {
        this.carry -= n;
        this.session.step(n);
        this.dirty = true;
      }
      if (this.session.allStopped()) this.stop();
    }
    if (this.dirty || this.pending) {
      // Every view draws what changed (a new surface coarse at first). Progressive work (refining
      // a coarse map, filling in a basin map) only uses what is left of FRAME_BUDGET, and asks
      // for more frames while some remains: a change shows at once, detail follows. A frame with
      // only such work left draws nothing else (work repaints its own background).
      const redraw = this.dirty;
      this.dirty = false;
      const pending = redraw ? this.views.map((v) => v.view.draw(this.session)) : this.pending;
      const hold = this.holdWork > 0;
      if (hold) this.holdWork--;
      // Frames whose drawing alone takes longer than the budget (several heavy views playing on
      // a slow machine) still give one view's work a turn every third frame.
      let worked = false;
      this.views.forEach((v, i) => {
        if (!pending[i] || hold) return;
        if (performance.now() - t0 < FRAME_BUDGET || (this.starved >= 2 && !worked)) { pending[i] = v.view.work(this.session); worked = true; }
      });
      const busy = pending.some(Boolean);
      this.starved = busy && !worked && !hold ? this.starved + 1 : 0;
      this.pending = busy ? pending : null;
      if (busy) this.kick();
      if (redraw) this.hooks.onTick();
      this.hooks.onDrawn && this.hooks.onDrawn(!busy);
      const dt = performance.now() - t0;
      this.frameTimes.push(dt);
      if (this.frameTimes.length > 600) this.frameTimes.shift();
    }
    if (this.playing) this.kick();
  }

  /** The work of the last frames, in ms (for the benchmark). */
  frameStats() { return this.frameTimes.slice(); }

  static reduceMotion() { return reduceMotion(); }
}

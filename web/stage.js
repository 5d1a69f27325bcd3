// The stage: canvases and HTML panels for one scene, and the animation loop.
// JS owns time: it decides when to step and draw. Rust owns the state and draws the canvases.

import { el, renderLegend } from './ui.js';

/**
 * A frame's work (ms): drawing what changed, then progressive work (see View.work) in what is
 * left, so a frame's task stays well under 50 ms even on a phone four times slower than this.
 */
const FRAME_BUDGET = 6;
/** Progressive work a frame still gets when drawing alone took the budget (ms; see `starved`). */
const MIN_WORK = 2;
/**
 * Device pixels per CSS pixel a canvas is drawn at, at most. A phone at 2.625 or 3 would
 * otherwise fill and send 1.7 to 2.25 times the pixels of 2, for a sharpness the eye cannot
 * tell apart on a chart.
 */
const MAX_DPR = 2;
/** Canvases whose arrow keys move the start point (the others read values with them). */
const MOVERS = ['curve', 'contour', 'basins', 'scatter'];
/** Panels that take a whole row under the main view: too wide for the side column. */
const WIDE = ['table', 'update'];
/** How long the pointer rests before the screen reader hears what is under it (ms). */
const REST = 600;
/** The keyboard's ways to read values on a focused canvas (View.probeKey). */
const READ_KEYS = { ArrowRight: 'next', ArrowLeft: 'prev', ArrowDown: 'down', ArrowUp: 'up', Home: 'first', End: 'last', PageDown: 'next10', PageUp: 'prev10' };

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
    this.stale = new Set();
    /** Views whose readout moved: their foregrounds are redrawn at the next frame (see mark). */
    this.marks = new Set();
    this.sized = false;
    this.raf = 0;
    this.loop = this.loop.bind(this);
    this.resizer = new ResizeObserver(() => this.resize());
    this.scheme = window.matchMedia('(prefers-color-scheme: dark)');
    this.scheme.addEventListener('change', () => { for (const v of this.views) v.view.setDark(darkScheme()); this.describe(); this.dirty = true; this.kick(); });
  }

  /**
   * Builds a new session from `query` (or the hooks' own, `hooks.session(query)`: a learner's
   * data, which the query never holds); throws the session's Error on a bad scene.
   */
  load(query, viewNames) {
    const own = this.hooks.session ? this.hooks.session(query) : null;
    const session = own || new this.wasm.Session(query);
    this.stop();
    if (this.session) this.session.free();
    this.session = session;
    if (viewNames && viewNames.join(',') !== (this.viewNames || []).join(',')) this.build(viewNames);
    else this.describe();
    this.dirty = true;
    this.kick();
    return session;
  }

  /** No scene: the loop stopped, the session freed, no views (a scene waiting for its data). */
  clear() {
    this.stop();
    if (this.session) this.session.free();
    this.session = null;
    this.build([]);
  }

  /** Stops the loop and frees the wasm objects. */
  dispose() {
    this.stop();
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.resizer.disconnect();
    for (const v of this.views) { clearTimeout(v.rest); v.view.free(); }
    this.views = [];
    this.pending = null;
    this.stale = new Set();
    if (this.session) this.session.free();
    this.session = null;
  }

  /**
   * One <figure> per view, in the order of `view=`: a title and a legend, the canvas (or the
   * panel), and a one-line caption (the page's strings, `figure.<view>`). The first view is the
   * step's main one and gets the most room; the others sit beside it (or below it on a narrow
   * screen), the wide panels under both (style.css: .views).
   */
  build(viewNames) {
    for (const v of this.views) { this.resizer.unobserve(v.box); clearTimeout(v.rest); v.view.free(); }
    this.views = [];
    this.pending = null;
    this.stale = new Set();
    this.panels = [];
    this.root.replaceChildren();
    this.viewNames = viewNames;
    const S = this.hooks.strings();
    const sides = viewNames.slice(1).filter((n) => !WIDE.includes(n)).length;
    this.root.className = `views sides-${Math.min(sides, 4)}${sides > 4 ? ' sides-many' : ''}`;
    viewNames.forEach((name, i) => {
      const F = S.figure[name] || { title: name, caption: '' };
      const id = `fig-${i}`;
      const role = i === 0 ? 'main' : WIDE.includes(name) ? 'wide' : 'side';
      const legend = el('ul', { class: 'legend', 'aria-label': S.legend, hidden: true });
      const head = el('div', { class: 'fig-head' }, el('h2', { class: 'fig-title', id: `${id}-title`, text: F.title }), legend);
      const caption = el('figcaption', { id: `${id}-caption`, text: F.caption });
      const attrs = { 'data-view': name, 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-caption` };
      if (this.wasm.View.isCanvas(name)) {
        const bg = el('canvas', { class: 'bg', 'aria-hidden': 'true' });
        const fg = el('canvas', { class: 'fg', 'aria-hidden': 'true' });
        const hint = name === 'surface3d' ? S.turnHint : MOVERS.includes(name) ? S.arrowsHint : S.readHint;
        // What is under the pointer, in words (the view finds and words it; the canvas marks it).
        const readout = el('p', { class: 'probe', 'aria-hidden': 'true' });
        const box = el('div', { class: 'canvas-box', role: 'img', 'aria-label': `${F.title} (${hint})` }, bg, fg, readout);
        const fig = el('figure', { class: `view view-${name} ${role}`, ...attrs }, head, box, caption);
        this.root.append(fig);
        const view = new this.wasm.View(name, bg, fg, darkScheme());
        view.setLang(this.hooks.lang());
        const entry = { name, view, box, fig, legend, caption, readout, reading: false, probing: false, rest: 0 };
        this.views.push(entry);
        this.pointer(entry);
        this.resizer.observe(box);
      } else {
        const body = el('div', { class: 'panel-body' });
        const fig = el('figure', { class: `panel panel-${name} ${role}`, ...attrs }, head, body, caption);
        this.root.append(fig);
        this.panels.push({ name, fig: body, figure: fig });
      }
    });
    // Sized when first drawn, so the page around (the controls) is in place first: one layout.
    this.sized = false;
    this.fresh = true;
    this.describe();
  }

  /**
   * The words that depend on the scene, not only on the view: each legend (View.legend) and the
   * captions with a variant (the loss against examples seen, the classifier's data).
   */
  describe() {
    if (!this.session) return;
    const S = this.hooks.strings();
    const q = new URLSearchParams(this.session.toQuery());
    const show = (q.get('show') || '').split(',');
    for (const v of this.views) {
      renderLegend(v.legend, Array.from(v.view.legend(this.session)));
      const F = S.figure[v.name];
      if (!F) continue;
      // The loss and accuracy charts against examples seen or epochs: their title and caption say so.
      const over = ['loss', 'accuracy'].includes(v.name) && Number(this.session.dataCount()) > 0
        ? (show.includes('examples') ? 'examples' : show.includes('epochs') ? 'epochs' : null) : null;
      const variant = over ? F[over] : v.name === 'scatter' && q.get('surface') === 'cats' ? F.classify : null;
      // A learner's own data: the words that do not name the course's data sets.
      v.caption.textContent = variant || (q.get('surface') === 'own' && F.own) || F.caption;
      const title = v.fig.querySelector('.fig-title');
      title.textContent = (over && F[`${over}Title`]) || F.title;
      if (v.probing || v.reading) this.unprobe(v);
    }
  }

  /**
   * Presses and drags on a canvas (mouse, pen or finger) set the start point or turn a 3-D view;
   * hovering, or a finger on the canvas, reads the values there (View.probe). The keyboard does
   * the same: arrows move the start point (or turn the 3-D view), and Enter switches them to
   * reading values point by point (on a chart without a start point they always read).
   */
  pointer(entry) {
    const { box, view } = entry;
    let last = null;
    const at = (e) => { const r = box.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
    const press = (e) => {
      if (!this.session) return;
      const [x, y] = at(e);
      if (entry.name === 'surface3d') { last = [e.clientX, e.clientY]; box.setPointerCapture(e.pointerId); }
      else {
        const p = view.pointer(this.session, x, y);
        if (p && p.length) { last = true; box.setPointerCapture(e.pointerId); this.hooks.onStart(Array.from(p)); }
      }
      if (e.pointerType === 'touch') this.probe(entry, x, y, true);
    };
    box.addEventListener('pointerdown', press);
    box.tabIndex = 0;
    box.addEventListener('keydown', (e) => {
      if (!this.session || e.ctrlKey || e.metaKey || e.altKey) return;
      const moves = MOVERS.includes(entry.name) || entry.name === 'surface3d';
      if (e.key === 'Enter') {
        e.preventDefault();
        e.stopPropagation();
        if (entry.reading) this.unprobe(entry); else this.read(entry, 'start');
        return;
      }
      if (e.key === 'Escape' && (entry.reading || entry.probing)) { e.preventDefault(); e.stopPropagation(); this.unprobe(entry); return; }
      if (entry.reading || (!moves && READ_KEYS[e.key])) {
        if (!READ_KEYS[e.key]) return;
        e.preventDefault();
        e.stopPropagation();
        this.read(entry, entry.reading ? READ_KEYS[e.key] : 'start');
        return;
      }
      // The keyboard does what the pointer does: arrows move the start point (or turn the 3-D view).
      const dirs = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
      const d = dirs[e.key];
      if (!d) return;
      e.preventDefault();
      e.stopPropagation();
      if (entry.name === 'surface3d') {
        view.turn(d[0] * 12, -d[1] * 12);
        view.release();
        this.dirty = true;
        this.kick();
        return;
      }
      if (!MOVERS.includes(entry.name)) return;
      const s = Array.from(this.session.startPoint());
      const dom = this.session.domain();
      const step = e.shiftKey ? 0.1 : 0.02;
      s[0] += d[0] * step * (dom[1] - dom[0]);
      if (s.length > 1) s[1] += d[1] * step * (dom[3] - dom[2]);
      else if (d[0] === 0) s[0] += d[1] * step * (dom[1] - dom[0]);
      this.hooks.onStart(s);
    });
    box.addEventListener('blur', () => { if (entry.reading) this.unprobe(entry); });
    box.addEventListener('pointermove', (e) => {
      if (!this.session) return;
      const [x, y] = at(e);
      if (last && entry.name === 'surface3d') {
        const dx = e.clientX - last[0], dy = e.clientY - last[1];
        last = [e.clientX, e.clientY];
        if (view.turn(dx, dy)) { this.dirty = true; this.kick(); }
        return;
      }
      if (last) {
        const p = view.pointer(this.session, x, y);
        if (p && p.length) this.hooks.onStart(Array.from(p), true);
      }
      this.probe(entry, x, y, e.pointerType === 'touch');
    });
    // A mouse leaving takes its readout along; a finger's stays until the next touch elsewhere.
    box.addEventListener('pointerleave', (e) => { if (e.pointerType !== 'touch' && !entry.reading) this.unprobe(entry); });
    const release = () => {
      if (!last) return;
      last = null;
      if (entry.name === 'surface3d') { view.release(); this.dirty = true; this.kick(); return; }
      this.hooks.onRelease && this.hooks.onRelease();
    };
    box.addEventListener('pointerup', release);
    box.addEventListener('pointercancel', release);
  }

  /**
   * Reads the values at CSS pixel (x, y) of a view: the words in its readout (and, once the pointer
   * rests, or at once for a finger, for screen readers), the mark on its foreground.
   */
  probe(entry, x, y, now) {
    const text = entry.view.probe(this.session, x, y);
    entry.reading = false;
    entry.probing = !!text;
    this.showReadout(entry, text, x > entry.box.clientWidth / 2);
    clearTimeout(entry.rest);
    if (text && now) this.hooks.announce(text);
    else if (text) entry.rest = setTimeout(() => this.hooks.announce(text), REST);
    this.mark(entry);
  }

  /** The keyboard's reading: `how` as View.probeKey takes it; the words go to screen readers at once. */
  read(entry, how) {
    const text = entry.view.probeKey(this.session, how);
    if (!text) return;
    entry.reading = true;
    entry.probing = true;
    this.showReadout(entry, text, false);
    this.hooks.announce(text);
    this.mark(entry);
  }

  /** Stops reading a view's values: readout and mark go. */
  unprobe(entry) {
    entry.view.unprobe();
    entry.reading = entry.probing = false;
    clearTimeout(entry.rest);
    this.showReadout(entry, null);
    this.mark(entry);
  }

  /** The readout's words over the canvas, on the side away from the pointer. */
  showReadout(entry, text, left) {
    const r = entry.readout;
    r.textContent = text || '';
    r.classList.toggle('on', !!text);
    r.classList.toggle('left', !!left);
  }

  /** Redraws one view's foreground (with its mark) at the next frame; nothing else is drawn. */
  mark(entry) {
    this.marks.add(entry);
    this.kick();
  }

  /** Each view's own state on its figure as data-* attributes (View.status: a slice's step, a boundary's maps). */
  report() {
    for (const v of this.views) {
      for (const [k, val] of Object.entries(v.view.status())) if (v.fig.dataset[k] !== val) v.fig.dataset[k] = val;
    }
  }

  /** After a drawn frame: the words of every readout, as the runs now stand. */
  readouts() {
    for (const v of this.views) {
      if (!v.probing) continue;
      const text = v.view.probeText(this.session);
      if (text && v.readout.textContent !== text) v.readout.textContent = text;
    }
  }

  /** Sizes the canvases to their boxes and redraws at the next frame. */
  resize() {
    this.size();
    this.kick();
  }

  /** Sizes the canvases to their boxes (CSS pixels × devicePixelRatio, at most MAX_DPR); they redraw when next drawn. */
  size() {
    this.sized = true;
    const dpr = Math.min(window.devicePixelRatio || 1, MAX_DPR);
    // Every box measured first, then every canvas resized: one layout, not one per view (a
    // canvas given a new size makes the next measurement lay the page out again).
    const rects = this.views.map((v) => v.box.getBoundingClientRect());
    this.views.forEach((v, i) => { const r = rects[i]; if (r.width > 0 && r.height > 0) v.view.resize(r.width, r.height, dpr); });
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
    for (const v of this.views) v.view.setPlaying(true);
    this.last = performance.now();
    this.carry = 0;
    this.kick();
    this.hooks.onPlayState && this.hooks.onPlayState(true);
  }

  stop() {
    if (this.playing) {
      this.playing = false;
      // At rest: a slice of the landscape is made for the runs as they now stand (slice.rs).
      for (const v of this.views) v.view.setPlaying(false);
      this.dirty = true;
      this.kick();
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
    if (!this.sized) {
      this.size();
      // New views: this frame lays the new page out (the measuring) and paints it, and the views
      // draw at the next, in a task of their own (the two in one task took 50-70 ms at 1×).
      if (this.fresh) {
        this.fresh = false;
        this.kick();
        return;
      }
    }
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
    if (this.dirty || this.pending || this.stale.size) {
      // Every view draws what changed (a new surface coarse at first), in order, while the
      // frame's budget lasts (at least one a frame): a scene whose views together take longer
      // (a first frame, a slow phone) shows over a few frames, each a short task, the views a
      // frame left behind drawn first in the next. Progressive work (refining a coarse map,
      // filling in a basin map) of a view drawn only uses what is left of FRAME_BUDGET, and asks for more frames while some remains: a change shows at once, detail
      // follows. A frame with only such work left draws nothing else (work repaints its own
      // background).
      const redraw = this.dirty;
      this.dirty = false;
      // (A Set keeps its order: the views left behind stay first, the others follow.)
      if (redraw) for (const i of this.views.keys()) this.stale.add(i);
      const pending = this.pending || this.views.map(() => false);
      let drew = false;
      for (const i of this.stale) {
        if (drew && performance.now() - t0 >= FRAME_BUDGET) break;
        pending[i] = this.views[i].view.draw(this.session);
        this.stale.delete(i);
        drew = true;
      }
      const whole = this.stale.size === 0;
      const hold = this.holdWork > 0;
      if (hold) this.holdWork--;
      // Frames whose drawing alone takes longer than the budget (several heavy views playing on
      // a slow machine) still give one drawn view's work a turn every third frame.
      let worked = false;
      this.views.forEach((v, i) => {
        if (!pending[i] || hold || this.stale.has(i)) return;
        const left = FRAME_BUDGET - (performance.now() - t0);
        if (left > 0 || (this.starved >= 2 && !worked)) { pending[i] = v.view.work(this.session, Math.max(left, MIN_WORK)); worked = true; }
      });
      const working = pending.some(Boolean);
      this.starved = working && !worked && !hold ? this.starved + 1 : 0;
      this.pending = working ? pending : null;
      const busy = working || !whole;
      if (busy) this.kick();
      if (redraw) this.hooks.onTick();
      this.report();
      // Drawn once every view shows the scene as it now stands.
      if (whole && this.hooks.onDrawn) this.hooks.onDrawn(!busy);
      if (redraw) this.readouts();
      else for (const v of this.marks) v.view.draw(this.session);
      this.marks.clear();
      const dt = performance.now() - t0;
      this.frameTimes.push(dt);
      if (this.frameTimes.length > 600) this.frameTimes.shift();
    } else if (this.marks.size) {
      // Only a readout moved: redraw those views (their foregrounds; the backgrounds are cached).
      for (const v of this.marks) v.view.draw(this.session);
      this.marks.clear();
    }
    if (this.playing) this.kick();
  }

  /** The work of the last frames, in ms (for the benchmark). */
  frameStats() { return this.frameTimes.slice(); }

  static reduceMotion() { return reduceMotion(); }
}

// The update in numbers: for each run of the scene, its optimizer's rule and, beside it, the
// same rule with the last step's numbers put in, typeset as MathML. Every number is the core's
// (Session.updateOf: the terms the step computed) in the core's one number format; the page
// only typesets them. With more than one parameter one is shown at a time (W or b on a map, a
// model's parameter by name: the learner's choice).

import { fill } from './i18n.js';
import { el, elNS, fmtShort, fmtSig, renderLegend } from './ui.js';

const MATHML = 'http://www.w3.org/1998/Math/MathML';
const SUPER = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '−' };

const m = (tag, ...kids) => elNS(MATHML, tag, {}, ...kids);
const mi = (x) => m('mi', x);
const mo = (x) => m('mo', x);
const mn = (x) => m('mn', x);
const row = (...kids) => m('mrow', ...kids);
const paren = (...kids) => row(mo('('), ...kids, mo(')'));

/**
 * A number as the core formats it, typeset: `m×10ⁿ` becomes m × 10 with a superscript, a
 * negative number is bracketed where it follows an operator (`bracket`). `term` names the
 * session's value it shows (data-term), for the tests.
 */
function num(text, term, bracket = true) {
  let body;
  const [mant, exp] = text.split('×10');
  if (exp !== undefined) body = row(mn(mant), mo('×'), m('msup', mn('10'), mn([...exp].map((c) => SUPER[c] || c).join(''))));
  else body = mn(text);
  const out = bracket && text.startsWith('−') ? paren(body) : row(body);
  out.setAttribute('class', 'n');
  out.setAttribute('data-term', term);
  return out;
}

/**
 * The rule of `u.method` for parameter `k` (`P` its name: W, b or w), as pairs of MathML rows:
 * the symbols, then the numbers of the last step (null before the first step).
 */
function lines(wasm, u, k, P) {
  const d = u.terms[k];
  const N = (x, term, bracket = true) => num(fmtSig(wasm, x, 4), term, bracket);
  const H = (x, term) => num(fmtShort(wasm, x, 4), term);
  const step = u.t > 0;
  const dP = row(mi('d'), mi(P));
  const V = m('msub', mi('V'), dP.cloneNode(true));
  const S = m('msub', mi('S'), dP.cloneNode(true));
  const hat = (x) => m('msub', m('mover', mi(x), mo('^')), dP.cloneNode(true));
  const c = (n) => n.cloneNode(true);
  const b = (sym, i) => (i ? m('msub', mi(sym), mn(String(i))) : mi(sym));
  const oneMinus = (x) => paren(mn('1'), mo('−'), x);
  const sq = (x) => m('msup', x, mn('2'));
  const root = (x) => m('msqrt', x);
  const eps = mi('ε');
  // The step's rate: αₜ where a schedule changes it from step to step.
  const alpha = () => (u.scheduled ? m('msub', mi('α'), mi('t')) : mi('α'));
  const arrow = (rhs, nums) => [row(mi(P), mo('←'), ...rhs), nums];
  const eq = (lhs, rhs, nums) => [row(lhs, mo('='), ...rhs), nums];
  // The new parameter: P ← P − α·(what the rule steps with).
  const move = (symbolic, numbers) => arrow([mi(P), mo('−'), alpha(), mo('·'), ...symbolic],
    step && row(mo('='), N(d.p, 'p', false), mo('−'), H(d.lr, 'lr'), mo('·'), ...numbers, mo('='), N(d.pNew, 'pNew', false)));
  const divided = (top, topNums, bottom, bottomNums) => move([top, mo('/'), paren(root(bottom), mo('+'), eps)],
    [topNums, mo('/'), paren(root(bottomNums), mo('+'), H(u.eps, 'eps'))]);
  const velocity = (beta, i) => eq(c(V), [b(beta, i), mo('·'), c(V), mo('+'), oneMinus(b(beta, i)), mo('·'), c(dP)],
    step && row(mo('='), H(u.beta1, 'beta1'), mo('·'), N(d.vPrev, 'vPrev'), mo('+'), oneMinus(H(u.beta1, 'beta1')), mo('·'), N(d.g, 'g'), mo('='), N(d.v, 'v', false)));
  const squares = (i) => eq(c(S), [b('β', i), mo('·'), c(S), mo('+'), oneMinus(b('β', i)), mo('·'), sq(c(dP))],
    step && row(mo('='), H(u.beta2, 'beta2'), mo('·'), N(d.sPrev, 'sPrev'), mo('+'), oneMinus(H(u.beta2, 'beta2')), mo('·'), sq(N(d.g, 'g')), mo('='), N(d.s, 's', false)));
  switch (u.method) {
    case 'momentum':
      return [velocity('β', 0), move([c(V)], [N(d.v, 'v')])];
    case 'nesterov':
      return [velocity('β', 0), move([paren(mi('β'), mo('·'), c(V), mo('+'), oneMinus(mi('β')), mo('·'), c(dP))],
        [paren(H(u.beta1, 'beta1'), mo('·'), N(d.v, 'v'), mo('+'), oneMinus(H(u.beta1, 'beta1')), mo('·'), N(d.g, 'g'))])];
    case 'adagrad':
      return [eq(c(S), [c(S), mo('+'), sq(c(dP))], step && row(mo('='), N(d.sPrev, 'sPrev', false), mo('+'), sq(N(d.g, 'g')), mo('='), N(d.s, 's', false))),
        divided(c(dP), N(d.g, 'g'), c(S), N(d.s, 's'))];
    case 'rmsprop':
      return [squares(2), divided(c(dP), N(d.g, 'g'), c(S), N(d.s, 's'))];
    case 'adam':
    case 'adamw': {
      const corrected = (x, i, value, term, hatTerm) => eq(hat(x), [(x === 'V' ? c(V) : c(S)), mo('/'), paren(mn('1'), mo('−'), m('msubsup', mi('β'), mn(String(i)), mi('t')))],
        step && row(mo('='), N(value, term), mo('/'), paren(mn('1'), mo('−'), m('msup', H(i === 1 ? u.beta1 : u.beta2, i === 1 ? 'beta1' : 'beta2'), num(String(u.t), 't'))), mo('='), N(i === 1 ? d.vHat : d.sHat, hatTerm, false)));
      const moments = [velocity('β', 1), squares(2), corrected('V', 1, d.v, 'v', 'vHat'), corrected('S', 2, d.s, 's', 'sHat')];
      if (u.method === 'adam') return [...moments, divided(hat('V'), N(d.vHat, 'vHat'), hat('S'), N(d.sHat, 'sHat'))];
      // AdamW: the decay λ·P added to Adam's step, not to the gradient.
      return [...moments, move([paren(hat('V'), mo('/'), paren(root(hat('S')), mo('+'), eps), mo('+'), mi('λ'), mo('·'), mi(P))],
        [paren(N(d.vHat, 'vHat'), mo('/'), paren(root(N(d.sHat, 'sHat')), mo('+'), H(u.eps, 'eps')), mo('+'), H(u.wd, 'wd'), mo('·'), N(d.p, 'p'))])];
    }
    default: // gd, sgd
      return [move([c(dP)], [N(d.g, 'g')])];
  }
}

/** The runs' lines: one lasting box that scrolls sideways when a line is wider (and takes focus, so the keyboard can scroll it). */
const runsBox = () => el('div', { class: 'update-runs', tabindex: '0' });

/**
 * A parameter's name in the rules: w in 1-D (the update lesson's), W and b on a map (the
 * course's), a model's own names (`names`, Session.paramNames: w1 … w4, b; w1.1 … c).
 */
const paramName = (dim, k, names) => (dim === 1 ? 'w' : dim === 2 ? (k === 0 ? 'W' : 'b') : names[k]);

/**
 * Fills the panel `fig` for `session` (redrawn only when a run has stepped, the parameter shown
 * or the language changed). `onChange` asks for a redraw when the learner picks the other
 * parameter.
 */
export function renderUpdate(fig, session, S, wasm, lang, onChange) {
  const dim = session.dim();
  const names = dim > 2 ? session.paramNames() : [];
  const F = S.figure.update;
  let pick = fig.querySelector(':scope > .coord');
  if (pick && pick.dataset.dim !== String(dim)) pick = null;
  if (dim > 1 && !pick) {
    if (dim === 2) {
      // Two pressed-or-not buttons (each reached by Tab), the pressed one the parameter shown.
      const press = (e) => {
        for (const b of pick.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === e.currentTarget));
        onChange();
      };
      pick = el('div', { class: 'coord', role: 'group', 'aria-labelledby': 'update-param' }, el('span', { id: 'update-param', text: F.param }),
        ...[0, 1].map((k) => el('button', { type: 'button', class: 'button quiet', 'data-coord': String(k), 'aria-pressed': String(k === 0), text: paramName(dim, k), onclick: press })));
    } else {
      // A model's many parameters: one list to pick from.
      pick = el('div', { class: 'coord' }, el('label', { for: 'update-param', text: F.param }),
        el('select', { id: 'update-param', onchange: onChange }, ...names.map((n, k) => el('option', { value: String(k), text: n }))));
    }
    pick.dataset.dim = String(dim);
    fig.replaceChildren(pick, runsBox());
  } else if (dim === 1 && pick) {
    fig.replaceChildren(runsBox());
  } else if (!fig.querySelector(':scope > .update-runs')) {
    fig.replaceChildren(runsBox());
  }
  const k = dim === 1 ? 0 : dim === 2 ? Number(pick.querySelector('button[aria-pressed="true"]').dataset.coord) : Number(pick.querySelector('select').value);
  const runs = session.runs();
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  // What the lines depend on: the runs (which rule, how far), the parameter, language and theme.
  const key = [lang, k, dark, session.toQuery(), ...Array.from({ length: runs }, (_, i) => session.iterationOf(i))].join(',');
  const list = fig.querySelector(':scope > .update-runs');
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  const blocks = [];
  for (let i = 0; i < runs; i++) {
    const u = session.updateOf(i);
    const name = el('ul', { class: 'legend run-name' });
    renderLegend(name, [session.styleOf(i, dark)]);
    const when = el('span', { class: 'when', text: u.t > 0 ? fill(F.step, { t: u.t }) : F.wait });
    const eqs = el('div', { class: 'update-eqs' });
    for (const [rule, nums] of lines(wasm, u, k, paramName(dim, k, names))) {
      eqs.append(el('div', { class: 'rule' }, elNS(MATHML, 'math', {}, rule)));
      eqs.append(el('div', { class: 'nums' }, nums ? elNS(MATHML, 'math', {}, nums) : null));
    }
    blocks.push(el('section', { class: 'update-run', 'data-run': String(i), 'data-coord': String(k), 'data-t': String(u.t), 'aria-label': session.labelOf(i) },
      el('div', { class: 'update-head' }, name, when), eqs));
  }
  list.replaceChildren(...blocks);
}

// Embedding: the page's height goes out to the frame around it, commands come in
// (`descent:play`, `pause`, `step`, `reset`, and `descent:scene` with a query).

/** Tells the parent frame (if any) how tall the content is. */
export function postHeight() {
  if (window.parent === window) return;
  // The content's own height: the root's scrollHeight never drops below the iframe's current height.
  const h = Math.ceil(document.body.getBoundingClientRect().height);
  window.parent.postMessage({ type: 'descent:height', height: h }, '*');
}

/** Follows the body's size, and hands each command to `on.act(what)` or `on.scene(query)`. */
export function listenForCommands(on) {
  new ResizeObserver(() => postHeight()).observe(document.body);
  window.addEventListener('message', (e) => {
    const d = e.data;
    if (!d || typeof d !== 'object' || typeof d.type !== 'string' || !d.type.startsWith('descent:')) return;
    const cmd = d.type.slice('descent:'.length);
    if (['play', 'pause', 'step', 'reset'].includes(cmd)) on.act(cmd);
    else if (cmd === 'scene' && typeof d.query === 'string' && d.query.length < 4000) on.scene(d.query);
  });
}

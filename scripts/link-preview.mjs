// Link previews: a link to Descent pasted into a course forum, a chat or a notes app unfurls as a
// card with the title, the description and a picture of a lesson (web/preview.png, made by
// scripts/make-preview.mjs). index.html carries the title and description (Open Graph, and the
// Twitter card that reads them); the picture's address must be absolute, so it is added here,
// from the site's URL in DESCENT_SITE_URL (e.g. https://example.org/descent/). Without it the
// card is the small kind, without a picture, and the build says so. There is no og:url: a card
// would then lead to that one address, and a shared link to a step must stay that step.
//
//   DESCENT_SITE_URL=https://example.org/descent/ node scripts/link-preview.mjs [dist]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const IMAGE = { file: 'preview.png', width: 1200, height: 630, alt: 'A Descent lesson: five optimizers racing down a narrow valley, with the lesson text beside the map' };

/** The site's folder URL from `raw` (http or https, ending in "/"); throws with the reason when it is not one. */
export function siteURL(raw) {
  let u;
  try { u = new URL(raw); } catch { throw new Error(`DESCENT_SITE_URL "${raw}" is not a URL (give the address the site is served at, e.g. https://example.org/descent/)`); }
  if (!/^https?:$/.test(u.protocol)) throw new Error(`DESCENT_SITE_URL "${raw}" must be an http or https address`);
  u.search = '';
  u.hash = '';
  if (!u.pathname.endsWith('/')) u.pathname = u.pathname.replace(/\/[^/]*\.html?$/, '/').replace(/([^/])$/, '$1/');
  return u.href;
}

const attr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** `html` with the picture's tags (and the large card) when `site` is given; unchanged otherwise. */
export function linkPreview(html, site) {
  const card = /<meta name="twitter:card" content="[^"]*">/;
  if (!card.test(html)) throw new Error('link-preview: no twitter:card meta in index.html');
  if (!site) return html;
  const image = new URL(IMAGE.file, siteURL(site)).href;
  return html.replace(card, [
    '<meta name="twitter:card" content="summary_large_image">',
    `<meta property="og:image" content="${attr(image)}">`,
    `<meta property="og:image:width" content="${IMAGE.width}">`,
    `<meta property="og:image:height" content="${IMAGE.height}">`,
    `<meta property="og:image:alt" content="${attr(IMAGE.alt)}">`,
  ].join('\n  '));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2] || 'dist';
  const file = path.join(dist, 'index.html');
  const site = process.env.DESCENT_SITE_URL || '';
  fs.writeFileSync(file, linkPreview(fs.readFileSync(file, 'utf8'), site));
  console.log(site ? `link previews: large card, picture at ${new URL(IMAGE.file, siteURL(site)).href}`
    : 'link previews: title and description only (set DESCENT_SITE_URL to the site\'s address for the picture: og:image must be absolute)');
}

// Link previews (issue 17): the built page's Open Graph and Twitter card tags, the picture, and
// what DESCENT_SITE_URL adds (scripts/link-preview.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { DIST } from './harness.mjs';
import { IMAGE, linkPreview, siteURL } from '../scripts/link-preview.mjs';

const meta = (html, name) => {
  const m = html.match(new RegExp(`<meta (?:property|name)="${name.replace(/[.:]/g, '\\$&')}" content="([^"]*)">`));
  return m && m[1];
};

test('the built page unfurls: title, description, type, locales, a card; the picture is a 1200×630 lesson screenshot in the build', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  assert.equal(meta(html, 'og:title'), 'Descent: gradient descent, step by step');
  assert.ok(meta(html, 'og:description').length > 60);
  assert.equal(meta(html, 'og:type'), 'website');
  assert.equal(meta(html, 'og:locale:alternate'), 'ko_KR');
  // Built without DESCENT_SITE_URL (as the tests are): the small card, and no relative og:image.
  if (!process.env.DESCENT_SITE_URL) {
    assert.equal(meta(html, 'twitter:card'), 'summary');
    assert.equal(meta(html, 'og:image'), null);
  }
  const png = PNG.sync.read(fs.readFileSync(path.join(DIST, IMAGE.file)));
  assert.deepEqual([png.width, png.height], [IMAGE.width, IMAGE.height]);
  // A real scene, not a blank page: many colours (the map's shading, the five paths).
  const colours = new Set();
  for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(png.data.readUInt32BE(i));
  assert.ok(colours.size > 200, `${colours.size} colours`);
});

test('with the site\'s URL: the large card and an absolute picture address; a bad URL is refused with the reason', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const out = linkPreview(html, 'https://example.org/courses/descent');
  assert.equal(meta(out, 'twitter:card'), 'summary_large_image');
  assert.equal(meta(out, 'og:image'), 'https://example.org/courses/descent/preview.png');
  assert.equal(meta(out, 'og:image:width'), '1200');
  assert.equal(meta(out, 'og:image:height'), '630');
  assert.ok(meta(out, 'og:image:alt').length > 20);
  assert.equal(meta(out, 'og:url'), null, 'no canonical address: a link to a step stays that step');
  assert.equal(siteURL('https://example.org/d/index.html?x=1#y'), 'https://example.org/d/');
  assert.equal(siteURL('http://localhost:8080'), 'http://localhost:8080/');
  assert.throws(() => siteURL('example.org/descent'), /is not a URL/);
  assert.throws(() => siteURL('ftp://example.org/'), /http or https/);
  assert.equal(linkPreview(html, ''), html);
});

// The shipped deploy/nginx.conf, as the browser tests run it (lib/nginx.mjs) on the release
// build: precompressed files by Accept-Encoding, MIME types, the security headers and the
// Content-Security-Policy, caching (immutable for hashed files, no-cache for index.html), the
// app for any path, and nothing but GET/HEAD. Raw HTTP (node:http), so what nginx sends is
// seen as sent, not as a browser decodes it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { distDir } from './lib/harness.mjs';
import { serveWithNginx } from './lib/nginx.mjs';

let server;
before(async () => {
  server = await serveWithNginx(distDir);
});
after(async () => {
  await server?.close();
});

/** One raw request: { status, headers, length }. */
function get(pathname, { method = 'GET', encoding } = {}) {
  return new Promise((resolve, reject) => {
    const headers = encoding === undefined ? {} : { 'Accept-Encoding': encoding };
    const req = request(new URL(pathname, server.url), { method, headers }, (res) => {
      let length = 0;
      res.on('data', (c) => (length += c.length));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, length }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const file = async (suffix) => (await readdir(distDir)).find((f) => f.endsWith(suffix));
const size = async (name) => (await stat(path.join(distDir, name))).size;

test('a .wasm request gets the brotli file with Accept-Encoding: br, gzip with gzip, the plain file otherwise', async () => {
  const wasm = await file('_bg.wasm');
  assert.ok(wasm, 'the release build has a wasm file');
  const br = await get(`/${wasm}`, { encoding: 'br, gzip' });
  assert.equal(br.status, 200);
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers['content-type'], 'application/wasm');
  assert.equal(br.length, await size(`${wasm}.br`), 'the precompressed .br, byte for byte');
  assert.match(br.headers.vary ?? '', /Accept-Encoding/i);
  assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(br.headers['x-content-type-options'], 'nosniff');

  const gz = await get(`/${wasm}`, { encoding: 'gzip' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gz.length, await size(`${wasm}.gz`));

  const plain = await get(`/${wasm}`, { encoding: 'identity' });
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.length, await size(wasm));
  assert.ok(br.length < gz.length && gz.length < plain.length, `br ${br.length} < gzip ${gz.length} < raw ${plain.length}`);
});

test('index.html: the CSP and security headers as HTTP headers, never cached stale', async () => {
  const res = await get('/', { encoding: 'br' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(res.headers['content-encoding'], 'br');
  assert.equal(res.headers['cache-control'], 'no-cache');
  assert.equal(res.headers['x-frame-options'], 'DENY');
  assert.equal(res.headers['referrer-policy'], 'no-referrer');
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  const csp = res.headers['content-security-policy'];
  assert.ok(csp, 'a Content-Security-Policy header');
  // The header is the page's own <meta> policy plus what only a header carries.
  const html = await readFile(path.join(distDir, 'index.html'), 'utf8');
  const meta = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(meta, 'index.html carries the policy as a <meta>');
  assert.equal(csp, `${meta}; frame-ancestors 'none'`);
  assert.doesNotMatch(csp, /sha256|unsafe-inline/, 'no inline script to allow: the loader is a file');
});

test('any path opens the app; precompressed copies are not served by name; only GET and HEAD', async () => {
  const deep = await get('/some/path');
  assert.equal(deep.status, 200);
  assert.equal(deep.headers['content-type'], 'text/html; charset=utf-8');
  const wasm = await file('_bg.wasm');
  assert.equal((await get(`/${wasm}.br`)).status, 404);
  assert.equal((await get('/index.html.gz')).status, 404);
  assert.equal((await get('/', { method: 'POST' })).status, 405);
  assert.equal((await get('/', { method: 'HEAD' })).status, 200);
  const css = await file('.css');
  const cssRes = await get(`/${css}`, { encoding: 'gzip' });
  assert.equal(cssRes.headers['content-type'], 'text/css; charset=utf-8');
  assert.equal(cssRes.headers['content-encoding'], 'gzip');
});

// @vitest-environment node
import { request } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, startTestCollector, tempDir } from './test-helpers';

afterEach(cleanup);

/** A GET with the path sent exactly as written (fetch would normalise `..`). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(url + path, { method: 'GET', path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

async function serveFixture() {
  const root = await tempDir();
  const site = join(root, 'site');
  await mkdir(join(site, 'docs'), { recursive: true });
  await writeFile(join(site, 'index.html'), '<h1>home</h1>');
  await writeFile(join(site, 'docs', 'index.html'), '<h1>docs</h1>');
  await writeFile(join(site, 'app.mjs'), 'export {};');
  await writeFile(join(site, 'app.js.map'), '{}');
  await writeFile(join(root, 'secret.txt'), 'secret');
  return startTestCollector({ static: { '/site/': site } });
}

describe('static files', () => {
  it('serves files with their content type and index.html for directories', async () => {
    const { collector } = await serveFixture();
    const page = await fetch(`${collector.url}/site/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toBe('<h1>home</h1>');
    const mjs = await fetch(`${collector.url}/site/app.mjs`);
    expect(mjs.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${collector.url}/site/app.js.map`)).headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await (await fetch(`${collector.url}/site/docs/`)).text()).toBe('<h1>docs</h1>');
    const bare = await fetch(`${collector.url}/site/docs`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/site/docs/');
    expect((await fetch(`${collector.url}/site/missing.js`)).status).toBe(404);
  });

  it('refuses paths that leave the served directory', async () => {
    const { collector } = await serveFixture();
    // A literal `..` is resolved by URL parsing to /secret.txt, which no mount serves.
    expect(await rawGet(collector.url, '/site/../secret.txt')).toMatchObject({ status: 404, body: expect.not.stringContaining('secret') });
    // Encoded separators survive URL parsing and must be caught by the directory check.
    expect(await rawGet(collector.url, '/site/..%2fsecret.txt')).toMatchObject({ status: 403, body: expect.not.stringContaining('secret') });
    expect((await rawGet(collector.url, '/site/%2e%2e%2f%2e%2e%2fetc%2fpasswd')).status).toBe(403);
    expect(await rawGet(collector.url, '/site/app.mjs')).toEqual({ status: 200, body: 'export {};' });
  });
});

// Host pages (a blog post, a slide deck) for kubeglass embeds, served from a server of their
// own on another origin (`localhost`, where kubeglass is on `127.0.0.1`). Chromium lets a page
// embed a loopback address only from another loopback address, so the host cannot be a
// fake public page.
import { test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, resolve } from 'node:path';
import { repo } from './cli';

const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8' };

/** The script docs/embedding.md tells a host page to add, taken from it so that it is tested. */
export function documented(name: 'resize' | 'reveal'): string {
  const doc = readFileSync(resolve(repo, 'docs/embedding.md'), 'utf8');
  const marker = `<!-- host:${name} -->`;
  const at = doc.indexOf(marker);
  if (at < 0) throw new Error(`docs/embedding.md has no ${marker}`);
  const block = doc.slice(at).match(/```html\n([\s\S]*?)\n```/);
  if (!block) throw new Error(`docs/embedding.md: no html block after ${marker}`);
  return block[1];
}

/**
 * Starts a host server for the tests of this file: `page(html)` publishes a page and returns
 * its address; `/reveal/…` serves reveal.js from the e2e suite's node_modules.
 */
export function hostServer() {
  let server: Server;
  const pages = new Map<string, string>();
  test.beforeAll(async () => {
    server = createServer((req, res) => {
      const url = req.url ?? '';
      if (url.startsWith('/reveal/')) {
        try {
          const file = resolve(repo, 'e2e/node_modules/reveal.js/dist', url.slice('/reveal/'.length).replace(/\.\./g, ''));
          res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
          res.end(readFileSync(file));
        } catch {
          res.writeHead(404);
          res.end();
        }
        return;
      }
      const body = pages.get(url);
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body ?? 'not found');
    }).listen(0, '127.0.0.1');
    await new Promise((ready) => server.once('listening', ready));
  });
  test.afterAll(() => server.close());
  return {
    page(html: string): string {
      const path = `/page-${pages.size}.html`;
      pages.set(path, html);
      return `http://localhost:${(server.address() as { port: number }).port}${path}`;
    },
  };
}

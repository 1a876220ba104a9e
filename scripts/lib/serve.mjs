// A minimal static file server for the reference: GET/HEAD only, no directory listing, no path escape.
// Serves the precompressed siblings the docs build writes (file.br, file.gz) when the browser
// accepts them, with cache headers: HTML and try-it data revalidate on every load (ETag), the rest
// may be cached for an hour.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The encodings a request accepts, best first, among those we have files for. */
function accepted(header) {
  const accepts = String(header ?? '')
    .split(',')
    .map((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { name, q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((e) => e.q > 0);
  return [['br', '.br'], ['gzip', '.gz']].filter(([name]) => accepts.some((e) => e.name === name || e.name === '*'));
}

/**
 * @param {{host: string, port: number, mounts: Record<string, string>, dynamic?: Record<string, () => unknown>}} options
 *   mounts: URL prefix → folder; dynamic: exact path → a function whose value is served as JSON (no cache)
 */
export function serveStatic({ host, port, mounts, dynamic = {} }) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (dynamic[pathname]) {
      res.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : JSON.stringify(dynamic[pathname]()));
      return;
    }
    const prefix = prefixes.find((p) => pathname.startsWith(p));
    const dir = path.resolve(mounts[prefix]);
    let file = path.resolve(dir, `.${path.sep}${pathname.slice(prefix.length)}`);
    if (file !== dir && !file.startsWith(dir + path.sep)) {
      res.writeHead(404).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    const ext = path.extname(file);
    const headers = { 'content-type': TYPES[ext] ?? 'application/octet-stream', vary: 'accept-encoding' };
    let body = file;
    const encoding = accepted(req.headers['accept-encoding']).find(([, suffix]) => fs.existsSync(file + suffix));
    if (encoding) {
      body = file + encoding[1];
      headers['content-encoding'] = encoding[0];
    }
    const stat = fs.statSync(body);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${encoding ? `-${encoding[0]}` : ''}"`;
    headers.etag = etag;
    headers['cache-control'] = ext === '.html' || ext === '.json' || ext === '.yaml' ? 'no-cache' : 'public, max-age=3600';
    headers['content-length'] = String(stat.size);
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'cache-control': headers['cache-control'], vary: headers.vary }).end();
      return;
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(body).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

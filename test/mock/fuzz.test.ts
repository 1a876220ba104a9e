// Fuzz: malformed requests across every operation (inputs derived from the spec) — wrong types,
// missing and extra fields, broken JSON text, wrong content types, oversized bodies, odd
// encodings, forms of tens of thousands of keys. The mock must stay up, never answer 5xx, and every
// error body must be Kakao-shaped. It runs with the mock's defaults (1 MiB body limit and all).
// FUZZ_RUNS sets the count (small in npm test; `npm run bench` runs a long one). It runs against the
// sandbox, whose state the fuzz changes (the fuzzer's `Bearer fake-token` is a seeded token of the
// documented example user); afterwards the sandbox story still passes on the same mock.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKakaoMock, type KakaoMock } from '../../src/mock/index.js';
import { fuzzRequest, isKakaoShaped } from '../helpers/fuzz.js';
import { runStory, storySeed } from '../helpers/sandbox-story.js';
import { validRequests } from '../helpers/requests.js';
import { loadBundle } from '../helpers/spec.js';

const runs = Number(process.env.FUZZ_RUNS ?? 150);
const doc = loadBundle();
const requests = validRequests(doc);
let mock: KakaoMock;

beforeAll(async () => {
  mock = await startKakaoMock({ port: 0, seed: { ...storySeed, tokens: [{ access_token: 'fake-token', user_id: 123456789 }] } });
});
afterAll(() => mock?.close());

describe(`the mock under ${runs} malformed requests`, () => {
  it('never answers 5xx, always with a Kakao-shaped body, and stays up', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzRequest(requests, mock.keys), async (req) => {
        const started = performance.now();
        const res = await fetch(`${mock.url}${req.target}`, { method: req.method, headers: req.headers, body: req.body as BodyInit | undefined, redirect: 'manual' });
        const text = await res.text();
        // No single request may stall the mock (a form of 60,000 keys is decoded in well under this).
        expect(performance.now() - started, `${req.method} ${req.target.slice(0, 80)}`).toBeLessThan(3000);
        expect(res.status, `${req.method} ${req.target}`).toBeLessThan(500);
        if (res.status >= 400) expect(isKakaoShaped(text), `${res.status} ${text.slice(0, 200)}`).toBe(true);
      }),
      { numRuns: runs },
    );
    const alive = await fetch(`${mock.url}/v1/system/ips`, { headers: { Authorization: `KakaoAK ${mock.keys.restApiKey}` } });
    expect(alive.status).toBe(200);
    // Long runs (npm run bench) get time in proportion: bodies up to 1 MiB and forms of 60,000 keys.
  }, Math.max(30_000, runs * 40));

  it('leaves the sandbox consistent: the integration story passes afterwards, on the same state', async () => {
    await runStory({ clientOptions: { baseUrl: mock.url }, controlBase: mock.url, restApiKey: mock.keys.restApiKey, redirectUri: 'http://127.0.0.1:8080/callback' });
  });

  it('answers raw malformed HTTP with a Kakao-shaped 400 and stays up', async () => {
    const net = await import('node:net');
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(mock.port, '127.0.0.1', () => socket.write('GARBAGE / HTTP/9.9\r\n\x00\x01\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => (data += d));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect(isKakaoShaped(reply.split('\r\n\r\n')[1] ?? '')).toBe(true);
  });
});

#!/usr/bin/env node
// `npx kakao-openapi verify`: runs unconditionally (no "am I the main module" check), like kakao-mock.
// Ctrl-C once stops before the next call and writes a partial report (a --write sequence still
// deletes what it made); a second Ctrl-C quits at once.
let runVerifyCli;
try {
  ({ runVerifyCli } = await import('../dist/verify/index.js'));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.error('kakao-openapi: the mock package is not compiled (in the kakao-openapi repository, run `npm ci` or `npm run build`)');
  process.exit(1);
}
const controller = new AbortController();
process.on('SIGINT', () => {
  if (controller.signal.aborted) process.exit(130);
  console.error('kakao-openapi: stopping after this call (Ctrl-C again to quit at once)');
  controller.abort();
});
process.exitCode = await runVerifyCli(process.argv.slice(2), { out: console.log, err: console.error, env: process.env, signal: controller.signal });

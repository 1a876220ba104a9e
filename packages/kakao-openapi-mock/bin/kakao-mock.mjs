#!/usr/bin/env node
// `npx kakao-mock`: runs unconditionally (no "am I the main module" check), so it works through
// node_modules/.bin links, symlinked workspaces and pnpm's store alike.
let runCli;
try {
  ({ runCli } = await import('../dist/cli.js'));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.error('kakao-mock: the mock is not compiled (in the kakao-openapi repository, run `npm ci` or `npm run build`)');
  process.exit(1);
}
const result = await runCli(process.argv.slice(2));
if (typeof result === 'number') process.exit(result);
const stop = () => result.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// Once before all test files: compile the client to dist/, which the example app and the package
// tests use as a user would (by the package's name). Done once here, because test files run in
// parallel and compiling wipes dist/ first.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { root } from './helpers/spec.js';

export default function setup() {
  execFileSync(process.execPath, [path.join(root, 'scripts', 'compile.mjs')], { cwd: root, stdio: 'pipe' });
}

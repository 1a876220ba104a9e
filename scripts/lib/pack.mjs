// Packing the two packages and installing the tarballs into an empty app, as a user would: shared
// by the release check (scripts/release-check.mjs) and the install figures of `npm run bench`.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { root } from './products.mjs';

const run = promisify(execFile);
export const PACKAGES = ['kakao-openapi', 'kakao-openapi-mock'];

/** `npm pack` of each package into `dest`; returns { name: tarball path }. Runs no scripts. */
export async function packPackages(dest) {
  fs.mkdirSync(dest, { recursive: true });
  const tarballs = {};
  for (const name of PACKAGES) {
    const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], { cwd: path.join(root, 'packages', name), maxBuffer: 64 << 20 });
    const [info] = JSON.parse(stdout);
    tarballs[name] = { path: path.join(dest, info.filename), files: info.files.map((f) => f.path).sort(), size: info.size, unpackedSize: info.unpackedSize, integrity: info.integrity };
  }
  return tarballs;
}

/**
 * An empty app in `dir` with the given packed packages installed, as a user installs them, but
 * offline: the app gets a lockfile whose registry entries are copied from the repository's own
 * package-lock.json (the same versions, already in npm's cache since the repository's `npm ci`),
 * so `npm ci --offline` needs no registry. No install scripts run.
 */
export async function installApp(dir, tarballs, names = Object.keys(tarballs)) {
  fs.mkdirSync(dir, { recursive: true });
  const repoLock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')).packages;
  const manifest = (name) => JSON.parse(fs.readFileSync(path.join(root, 'packages', name, 'package.json'), 'utf8'));
  const spec = (name) => `file:${path.relative(dir, tarballs[name].path).split(path.sep).join('/')}`;
  const dependencies = Object.fromEntries(names.map((name) => [name, spec(name)]));
  const packages = { '': { name: 'kakao-app', version: '1.0.0', dependencies } };
  const add = (name, entry) => {
    const key = `node_modules/${name}`;
    if (packages[key]) return;
    packages[key] = entry;
    for (const dep of Object.keys(entry.dependencies ?? {})) {
      if (names.includes(dep)) continue;
      const found = repoLock[`node_modules/${dep}`];
      if (!found) throw new Error(`${dep} (needed by ${name}) is not in package-lock.json`);
      const { dev, devOptional, peer, optional, ...copy } = found;
      add(dep, copy);
    }
  };
  for (const name of names) {
    const { version, dependencies: deps, peerDependencies, peerDependenciesMeta, bin, engines, license } = manifest(name);
    add(name, { version, resolved: spec(name), integrity: tarballs[name].integrity, license, dependencies: deps, peerDependencies, peerDependenciesMeta, bin, engines });
  }
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'kakao-app', version: '1.0.0', private: true, type: 'module', dependencies }, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'package-lock.json'), `${JSON.stringify({ name: 'kakao-app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, maxBuffer: 64 << 20 });
}

/** The packages installed under `dir`/node_modules (nested ones too) and their bytes on disk. */
export function measureInstall(dir) {
  const names = [];
  let bytes = 0;
  const walk = (modules) => {
    if (!fs.existsSync(modules)) return;
    for (const entry of fs.readdirSync(modules, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(modules, entry.name);
      if (entry.name.startsWith('@')) {
        for (const scoped of fs.readdirSync(full, { withFileTypes: true })) visit(path.join(full, scoped.name), `${entry.name}/${scoped.name}`);
      } else visit(full, entry.name);
    }
  };
  const visit = (pkgDir, name) => {
    if (!fs.existsSync(path.join(pkgDir, 'package.json'))) return;
    names.push(name);
    walk(path.join(pkgDir, 'node_modules'));
  };
  const size = (p) => {
    const stat = fs.lstatSync(p);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) for (const e of fs.readdirSync(p)) size(path.join(p, e));
    else bytes += stat.size;
  };
  walk(path.join(dir, 'node_modules'));
  size(path.join(dir, 'node_modules'));
  return { packages: names.sort(), bytes };
}

// Lints every product document and the generated combined document with redocly.yaml's rules.
// Our policy is zero errors and zero warnings, so a warning fails too.
import fs from 'node:fs';
import path from 'node:path';
import { listProducts, root } from './products.mjs';
import { redocly } from './redocly.mjs';

/** @returns {Promise<{target: string, errors: number, warnings: number, problems: object[]}[]>} */
export async function lintAll() {
  const targets = listProducts().map((p) => p.name);
  const combined = 'generated/openapi/kakao.yaml';
  if (fs.existsSync(path.join(root, combined))) targets.push(combined);
  return Promise.all(
    targets.map(async (target) => {
      const { stdout, stderr } = await redocly(['lint', target, '--format', 'json', '--lint-config', 'error'], { cwd: root });
      let report;
      try {
        report = JSON.parse(stdout);
      } catch {
        throw new Error(`redocly lint ${target} did not report JSON:\n${stdout}\n${stderr}`);
      }
      return { target, errors: report.totals.errors, warnings: report.totals.warnings, problems: report.problems };
    }),
  );
}

/** One line per problem: file:line:col, severity, rule, message. */
export function formatProblem(problem) {
  const loc = problem.location?.[0];
  const where = loc ? `${loc.source?.ref ?? loc.source}:${loc.start?.line ?? '?'}:${loc.start?.col ?? '?'} ${loc.pointer ?? ''}` : '';
  return `${problem.severity} ${problem.ruleId}: ${problem.message} (${where})`;
}

// Lint: redocly's `recommended` rules plus our own (redocly.yaml), over every product document and
// the combined one. Zero errors and zero warnings.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { formatProblem, lintAll } from '../scripts/lib/lint.mjs';

describe('redocly lint', async () => {
  const results: { target: string; errors: number; warnings: number; problems: object[] }[] = await lintAll();

  it('lints at least one product document and the combined document', () => {
    expect(results.map((r) => r.target)).toContain('generated/openapi/kakao.yaml');
    expect(results.length).toBeGreaterThan(1);
  });

  it.each(results.map((r) => [r.target, r] as const))('%s has no errors and no warnings', (_target, r) => {
    expect(r.problems.map(formatProblem)).toEqual([]);
    expect(r.errors + r.warnings).toBe(0);
  });
});

// The report a user can send back: JSON for a maintainer's tools, Markdown to read and paste into
// an issue. Built only from results, which hold statuses, findings and shapes, never values.
import type { Outcome } from './compare.js';
import type { CredentialName, Plan } from './plan.js';
import type { RunResult, StepResult } from './run.js';
import { renderShape } from './shape.js';

export interface VerifyReport {
  tool: 'kakao-openapi verify';
  /** Version of the documents the answers were compared with (info.version). */
  documentVersion: string;
  /** UTC day of the run: the date an `observed` evidence entry records. */
  date: string;
  /** `kakao` (Kakao's hosts) or `custom` (--base-url, e.g. the mock); the URL itself is not recorded. */
  target: 'kakao' | 'custom';
  /** Which credentials were given (names only). */
  credentials: CredentialName[];
  options: { write: boolean; sendMemo: boolean; only?: string[] };
  interrupted: boolean;
  summary: Record<Outcome, number> & { planned: number; sent: number };
  /** What a write sequence could not undo. */
  leftovers: string[];
  results: StepResult[];
  /** Read-only operations not in the plan, and why. */
  leftOut: Plan['left'];
}

const OUTCOMES: Outcome[] = ['match', 'observed', 'differs', 'refused', 'failed', 'skipped'];

export function buildReport(input: {
  documentVersion: string;
  date: Date;
  target: VerifyReport['target'];
  credentials: CredentialName[];
  options: VerifyReport['options'];
  plan: Plan;
  run: RunResult;
}): VerifyReport {
  const summary = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as VerifyReport['summary'];
  for (const r of input.run.results) summary[r.outcome] += 1;
  summary.planned = input.plan.steps.length;
  summary.sent = input.run.results.filter((r) => r.status !== undefined).length;
  return {
    tool: 'kakao-openapi verify',
    documentVersion: input.documentVersion,
    date: input.date.toISOString().slice(0, 10),
    target: input.target,
    credentials: input.credentials,
    options: input.options,
    interrupted: input.run.interrupted,
    summary,
    leftovers: input.run.leftovers,
    results: input.run.results,
    leftOut: input.plan.left,
  };
}

/** 0: every answer agrees; 1: something differs, failed or was left behind, or nothing could be checked; 130: interrupted. */
export function exitCode(report: VerifyReport): number {
  if (report.interrupted) return 130;
  const s = report.summary;
  if (s.differs || s.failed || report.leftovers.length) return 1;
  if (s.sent > 0 && s.match + s.observed === 0) return 1;
  return 0;
}

const OUTCOME_WORDS: Record<Outcome, string> = {
  match: 'agrees with the description',
  observed: 'agrees; shapes of undescribed or open parts recorded',
  differs: 'differs from the description',
  refused: "Kakao refused with a documented error (consent, app settings or the example input): the answer's body was not checked",
  failed: 'failed (server error, timeout or network): run again later',
  skipped: 'not sent',
};

export function summaryLine(report: VerifyReport): string {
  const s = report.summary;
  const parts = OUTCOMES.filter((o) => s[o]).map((o) => `${s[o]} ${o}`);
  return `${report.interrupted ? 'interrupted: ' : ''}${s.sent} of ${s.planned} calls sent: ${parts.join(', ') || 'nothing'}`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function toMarkdown(report: VerifyReport): string {
  const lines: string[] = [];
  lines.push(`# kakao-openapi verify report`, '');
  lines.push(`- Date (UTC): ${report.date}`);
  lines.push(`- Documents: kakao-openapi ${report.documentVersion}`);
  lines.push(`- Target: ${report.target === 'kakao' ? "Kakao's hosts" : 'a custom base URL (not Kakao)'}`);
  lines.push(`- Credentials given: ${report.credentials.length ? report.credentials.join(', ') : 'none'}`);
  lines.push(`- Options: ${[report.options.write ? '--write' : '', report.options.sendMemo ? '--send-memo' : '', report.options.only ? `--only ${report.options.only.join(',')}` : ''].filter(Boolean).join(' ') || 'default plan'}`);
  lines.push(`- Result: ${summaryLine(report)}${report.interrupted ? ' (stopped with Ctrl-C: partial report)' : ''}`, '');
  lines.push('This report holds field names, JSON types, string formats, array lengths and statuses: no values from the answers.', '');
  if (report.leftovers.length) {
    lines.push('## Left behind by --write', '');
    for (const l of report.leftovers) lines.push(`- ${l}`);
    lines.push('');
  }
  lines.push('## Calls', '');
  lines.push('| # | operation | call | credential | evidence | HTTP | outcome |', '| --- | --- | --- | --- | --- | --- | --- |');
  report.results.forEach((r, i) => {
    const evidence = `${r.level}${r.unconfirmed.length ? ` (unconfirmed: ${r.unconfirmed.join(', ')})` : ''}`;
    const outcome = `${r.outcome}${r.errorCode ? ` (${r.errorCode})` : ''}${r.reason ? `: ${r.reason}` : ''}`;
    lines.push(`| ${i + 1} | \`${r.operationId}\` | ${r.method} \`${cell(r.path)}\` | ${r.credential ?? '-'} | ${cell(evidence)} | ${r.status ?? '-'} | ${cell(outcome)} |`);
  });
  lines.push('');
  const differing = report.results.filter((r) => r.findings.length);
  if (differing.length) {
    lines.push('## Differences', '');
    for (const r of differing) {
      lines.push(`### \`${r.operationId}\` (HTTP ${r.status ?? '-'}${r.contentType ? `, ${r.contentType}` : ''})`, '');
      lines.push('| JSON pointer | kind | what was seen |', '| --- | --- | --- |');
      for (const f of r.findings) lines.push(`| \`${cell(f.pointer || '(whole answer)')}\` | ${f.kind} | ${cell(f.message)}${f.count && f.count > 1 ? ` (${f.count} times)` : ''} |`);
      lines.push('');
    }
  }
  const observed = report.results.filter((r) => r.observations.length);
  if (observed.length) {
    lines.push('## Shapes of what the description leaves open', '');
    for (const r of observed) {
      for (const o of r.observations) {
        lines.push(`### \`${r.operationId}\` at \`${o.pointer || '(whole answer)'}\` (${o.kind === 'open' ? 'open object' : 'answer not described'})`, '');
        lines.push('```', renderShape(o.shape), '```', '');
      }
    }
  }
  if (report.leftOut.length) {
    lines.push('## Not in the plan', '');
    for (const l of report.leftOut) lines.push(`- \`${l.operationId}\`: ${l.reason}`);
    lines.push('');
  }
  lines.push('## Outcomes', '');
  for (const o of OUTCOMES) lines.push(`- **${o}**: ${OUTCOME_WORDS[o]}`);
  lines.push('', 'To send this report back, open an issue in the kakao-openapi repository and attach both report files (read them first: they hold no values, only shapes).', '');
  return lines.join('\n');
}

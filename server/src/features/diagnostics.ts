/** Diagnostics for claims with no source (`unsourced-claim`) or a vague one (`vague-source`). */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Claim } from '../core/types';
import { rangeOf } from './positions';

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** Which articles get diagnostics: every indexed one, or only those open in the editor. */
export type DiagnosticScope = 'workspace' | 'openFiles';

export interface DiagnosticSettings {
  unsourcedClaim: SeveritySetting;
  vagueSource: SeveritySetting;
  /** `newsLens.diagnostics.scope`: with `openFiles`, diagnostics are sent for open articles only (and cleared on close). */
  scope: DiagnosticScope;
}

export const DEFAULT_DIAGNOSTICS: DiagnosticSettings = { unsourcedClaim: 'warning', vagueSource: 'information', scope: 'workspace' };

const SEVERITY: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function diagnostics(index: WorkspaceIndex, uri: string, settings: DiagnosticSettings = DEFAULT_DIAGNOSTICS): Diagnostic[] {
  const d = index.document(uri);
  const text = index.text(uri);
  if (!d || text === undefined) return [];
  const out: Diagnostic[] = [];
  for (const c of d.claims) {
    if (c.dismissed) continue;
    const setting = c.status === 'unsourced' ? settings.unsourcedClaim : c.status === 'vague' ? settings.vagueSource : 'off';
    if (setting === 'off') continue;
    out.push({
      range: rangeOf(index, uri, c),
      severity: SEVERITY[setting],
      code: c.status === 'unsourced' ? 'unsourced-claim' : 'vague-source',
      source: 'News Lens',
      message: message(c, withoutDates(text, c, d.mentions)),
    });
  }
  return out;
}

/** The sentence with its dates blanked out, so that "ngày 24/4" is not taken for a figure. */
function withoutDates(text: string, c: Claim, mentions: { start: number; end: number; kind: string }[]): string {
  let s = text.slice(c.start, c.end);
  for (const m of mentions) {
    if (m.kind !== 'date' || m.start < c.start || m.end > c.end) continue;
    s = s.slice(0, m.start - c.start) + ' '.repeat(m.end - m.start) + s.slice(m.end - c.start);
  }
  return s;
}

function message(c: Claim, sentence: string): string {
  if (c.status === 'vague') return `Vague source: who are "${c.sourceText ?? c.cue}"? Name the person or organisation behind this claim.`;
  if (/\d/.test(sentence)) return 'Unsourced claim: no source named for this figure.';
  return 'Unsourced claim: no source named for this statement.';
}

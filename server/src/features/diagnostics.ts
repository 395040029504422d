/**
 * Diagnostics for claims with no source (`unsourced-claim`) or a vague one (`vague-source`), and
 * for facts other articles state differently (`conflicting-figure`, `conflicting-date`,
 * `conflicting-attribution`). An unsourced claim's severity follows its kind (figure, accusation,
 * prediction, quote, statement), so that the few worth checking first stand out from plain statements.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { kindOf, type CheckKind } from '../core/claims/checkworthy';
import { rangeOf } from './positions';
import type { Conflict } from '../core/facts/compare';
import { msg, t } from '../l10n/messages';

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** Which articles get diagnostics: every indexed one, or only those open in the editor. */
export type DiagnosticScope = 'workspace' | 'openFiles';

export interface DiagnosticSettings {
  /** The most an unsourced claim may be (`off` silences them all); within it, its kind's setting decides. */
  unsourcedClaim: SeveritySetting;
  vagueSource: SeveritySetting;
  /** `newsLens.diagnostics.claimKinds.*`: the severity of an unsourced claim of each kind. */
  claimKinds?: Partial<Record<CheckKind, SeveritySetting>>;
  /** `newsLens.diagnostics.conflict`: facts another article states differently (conflicting-figure, conflicting-date, conflicting-attribution). */
  conflict?: SeveritySetting;
  /** `newsLens.diagnostics.scope`: with `openFiles`, diagnostics are sent for open articles only (and cleared on close). */
  scope: DiagnosticScope;
}

export const DEFAULT_CLAIM_KINDS: Record<CheckKind, SeveritySetting> = {
  figure: 'warning',
  accusation: 'warning',
  prediction: 'warning',
  quote: 'warning',
  statement: 'information',
};

export const DEFAULT_DIAGNOSTICS: DiagnosticSettings = {
  unsourcedClaim: 'warning',
  vagueSource: 'information',
  claimKinds: DEFAULT_CLAIM_KINDS,
  conflict: 'information',
  scope: 'workspace',
};

const RANK: Record<SeveritySetting, number> = { error: 1, warning: 2, information: 3, hint: 4, off: 5 };

/** The severity of an unsourced claim of a kind: its kind's setting, no more than `unsourcedClaim`. */
export function unsourcedSeverity(settings: DiagnosticSettings, kind: CheckKind): SeveritySetting {
  const own = settings.claimKinds?.[kind] ?? DEFAULT_CLAIM_KINDS[kind];
  const cap = settings.unsourcedClaim;
  return RANK[own] >= RANK[cap] ? own : cap;
}

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
    const kind = kindOf(text, c);
    const setting = kind ? unsourcedSeverity(settings, kind) : c.status === 'vague' ? settings.vagueSource : 'off';
    if (setting === 'off') continue;
    out.push({
      range: rangeOf(index, uri, c),
      severity: SEVERITY[setting],
      code: kind ? 'unsourced-claim' : 'vague-source',
      source: 'News Lens',
      message: kind
        ? t(UNSOURCED_MESSAGE[kind])
        : t('Vague source: who are "{0}"? Name the person or organisation behind this claim.', c.sourceText ?? c.cue ?? ''),
    });
  }
  const conflict = settings.conflict ?? 'information';
  if (conflict !== 'off') {
    for (const c of index.conflictsOf(uri)) {
      const other = index.document(c.b.uri)?.path ?? c.b.uri;
      const about = c.about === 'day' ? t('the day') : c.about;
      out.push({
        range: rangeOf(index, uri, c.a.fact),
        severity: SEVERITY[conflict],
        code: CONFLICT_CODE[c.kind],
        source: 'News Lens',
        message:
          c.kind === 'attribution'
            ? t('Other articles disagree on who said "{0}": {1} here, {2} in {3}.', about, c.a.fact.text, c.b.fact.text, other)
            : c.update
              ? t('Updated elsewhere: {0} is "{1}" here and "{2}" in {3}, a later or changed report.', about, c.a.fact.text, c.b.fact.text, other)
              : t('Other articles disagree: {0} is "{1}" here and "{2}" in {3}.', about, c.a.fact.text, c.b.fact.text, other),
        relatedInformation: [{ location: { uri: c.b.uri, range: rangeOf(index, c.b.uri, c.b.fact) }, message: t('"{0}" in {1}', c.b.fact.text, other) }],
      });
    }
  }
  return out;
}

/** The diagnostic code of each kind of disagreement. */
export const CONFLICT_CODE: Record<Conflict['kind'], string> = {
  figure: 'conflicting-figure',
  date: 'conflicting-date',
  attribution: 'conflicting-attribution',
};

/** What an unsourced claim of each kind lacks. */
export const UNSOURCED_MESSAGE: Record<CheckKind, string> = {
  figure: msg('Unsourced figure: no source named for this number.'),
  accusation: msg('Unsourced accusation: no source named for this charge.'),
  prediction: msg('Unsourced prediction: no source named for this forecast or plan.'),
  quote: msg('Unattributed quote: no source named as its speaker.'),
  statement: msg('Unsourced claim: no source named for this statement.'),
};

/**
 * Annotation requests: the user's decisions written to the article's .ann (brat standoff), and
 * the quick fixes that offer them.
 */
import { t } from '../l10n/messages';
import { URI } from 'vscode-uri';
import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { MentionKind } from '../core/types';
import { applyEdit, applyMoves, editAnnFile, AnnWriteError, type AnnEdit } from '../core/annotations/store';
import type { AnnotateParams, AnnotateResult } from '../shared/protocol';
import { textDocument } from './positions';
import { CONFLICT_CODE } from './diagnostics';

export function annPathOf(uri: string): string {
  return URI.parse(uri).fsPath.replace(/\.txt$/i, '') + '.ann';
}

export function annotate(index: WorkspaceIndex, p: AnnotateParams): AnnotateResult & { ann?: string } {
  const text = index.text(p.uri);
  const d = index.document(p.uri);
  if (text === undefined || !d) return { ok: false, message: 'not an article of this workspace' };
  // Offsets from a client are checked: a fraction or a number past the text would be written into the .ann as it is.
  for (const k of ['start', 'end', 'offset'] as const) {
    const v = p[k];
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > text.length))
      return { ok: false, message: `${k} must be a whole number from 0 to ${text.length}` };
  }
  const mentionAt = (offset: number) => d.mentions.find((m) => m.start <= offset && offset <= m.end);
  let edit: AnnEdit;
  switch (p.action) {
    case 'annotate':
      if (p.start === undefined || p.end === undefined || p.end <= p.start || !p.kind) return { ok: false, message: 'select the words to annotate' };
      edit = { action: 'annotate', start: p.start, end: p.end, kind: p.kind };
      break;
    case 'remove':
      edit = { action: 'remove', offset: p.offset ?? p.start ?? 0 };
      break;
    case 'accept':
    case 'reject': {
      const m = mentionAt(p.offset ?? p.start ?? -1);
      if (!m) return { ok: false, message: 'no suggestion at the cursor' };
      edit = { action: p.action, start: m.start, end: m.end, kind: m.kind };
      break;
    }
    case 'link': {
      const m = mentionAt(p.offset ?? p.start ?? -1);
      if (!m || m.kind === 'date' || !p.ref) return { ok: false, message: 'no entity mention at the cursor' };
      edit = { action: 'link', start: m.start, end: m.end, kind: m.kind, ref: p.ref, name: p.name ?? p.ref };
      break;
    }
    case 'acceptAll':
      edit = { action: 'acceptAll', mentions: d.mentions.map((m) => ({ start: m.start, end: m.end, kind: m.kind as MentionKind })) };
      break;
    case 'claim': {
      const c =
        d.claims.find((x) => x.start <= (p.offset ?? p.start ?? -1) && (p.offset ?? p.start ?? -1) < x.end) ??
        (p.start !== undefined && p.end !== undefined ? { start: p.start, end: p.end } : undefined);
      if (!c) return { ok: false, message: 'no claim at the cursor' };
      edit = { action: 'claim', start: c.start, end: c.end, status: p.status, dismissed: p.dismissed, source: p.source };
      break;
    }
    default:
      return { ok: false, message: `unknown action ${String(p.action)}` };
  }
  const file = annPathOf(p.uri);
  try {
    const ann = editAnnFile(file, (lines) => applyEdit(lines, text, edit));
    index.setAnnotations(p.uri, ann);
    return { ok: true, file, ann };
  } catch (e) {
    return { ok: false, file, message: e instanceof AnnWriteError ? e.message : `could not write ${file}: ${(e as Error).message}` };
  }
}

/** After a save: annotations whose text moved are written at their new place; lost ones are dropped. */
export function settleAnnotations(index: WorkspaceIndex, uri: string): string[] {
  const d = index.decisions(uri);
  const text = index.text(uri);
  if (!d || text === undefined || d.file.errors.length || (!d.moved.length && !d.problems.length)) return [];
  const lost = new Set(d.problems.map((p) => /^(T\d+) /.exec(p.message)?.[1]).filter(Boolean));
  const file = annPathOf(uri);
  const ann = editAnnFile(file, (lines) =>
    applyMoves(lines, text, d.moved).filter((l) => !(l.t && lost.has(l.t.id)) && !(l.a && lost.has(l.a.target)) && !(l.n && lost.has(l.n.target))),
  );
  index.setAnnotations(uri, ann);
  return d.problems.map((p) => p.message);
}

/** Diagnostics for the .ann file itself: lines it cannot read. */
export function annDiagnostics(index: WorkspaceIndex, uri: string): Diagnostic[] {
  const d = index.decisions(uri);
  if (!d) return [];
  const lengths = new Map(d.file.lines.map((l) => [l.line, l.raw.length]));
  const line = (n: number) => ({ start: { line: n - 1, character: 0 }, end: { line: n - 1, character: lengths.get(n) ?? 0 } });
  return [
    ...d.file.errors.map((e) => ({
      range: line(e.line),
      severity: 1 as const,
      source: 'News Lens',
      code: 'ann-syntax',
      message: `${e.message}. This .ann is not used and will not be overwritten until it is fixed.`,
    })),
    // Lines that are read but may not mean what their author meant (crossing mentions, one span with two kinds).
    ...(d.file.errors.length ? [] : d.warnings).map((w) => ({
      range: line(w.line),
      severity: 2 as const,
      source: 'News Lens',
      code: 'ann-warning',
      message: w.message,
    })),
  ];
}

/** Quick fixes on mentions (accept, reject) and on claim diagnostics (source, dismiss, find elsewhere). */
export function codeActions(index: WorkspaceIndex, uri: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const doc = textDocument(index, uri);
  const d = index.document(uri);
  if (!doc || !d) return [];
  const offset = doc.offsetAt(range.start);
  const out: CodeAction[] = [];
  const m = d.mentions.find((x) => x.start <= offset && offset <= x.end);
  if (m && (m.kind === 'date' || m.origin !== 'user')) {
    out.push({
      title: `Accept suggestion: "${m.text}" is a ${m.kind}`,
      kind: CodeActionKind.QuickFix,
      command: { title: 'Accept', command: 'newsLens.acceptSuggestion', arguments: [uri, offset] },
    });
    out.push({
      title: `Reject suggestion: "${m.text}" is not a ${m.kind}`,
      kind: CodeActionKind.QuickFix,
      command: { title: 'Reject', command: 'newsLens.rejectSuggestion', arguments: [uri, offset] },
    });
  }
  for (const diag of diagnostics.filter((x) => x.source === 'News Lens' && Object.values(CONFLICT_CODE).includes(String(x.code)))) {
    const other = diag.relatedInformation?.[0]?.location;
    if (!other) continue;
    out.push({
      title: t('Open the other article beside this one'),
      kind: CodeActionKind.QuickFix,
      diagnostics: [diag],
      isPreferred: true,
      command: { title: t('Open the other article beside this one'), command: 'newsLens.openBeside', arguments: [other.uri, other.range] },
    });
  }
  for (const diag of diagnostics.filter((x) => x.source === 'News Lens' && (x.code === 'unsourced-claim' || x.code === 'vague-source'))) {
    const at = doc.offsetAt(diag.range.start);
    out.push(
      {
        title: t('Mark as sourced by…'),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        isPreferred: true,
        command: { title: t('Mark as sourced by…'), command: 'newsLens.markSourced', arguments: [uri, at] },
      },
      {
        title: t('Dismiss: not a claim'),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        command: { title: 'Dismiss', command: 'newsLens.dismissClaim', arguments: [uri, at, 'not-a-claim'] },
      },
      {
        title: t('Dismiss: common knowledge'),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        command: { title: 'Dismiss', command: 'newsLens.dismissClaim', arguments: [uri, at, 'common-knowledge'] },
      },
      {
        title: t('Find this claim in other articles'),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        command: { title: 'Find', command: 'newsLens.findClaimElsewhere', arguments: [uri, at] },
      },
    );
  }
  return out;
}

/** ConflictsRequest: where articles disagree, for the Compare Articles view and "Compare This Article With…". */
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Conflict, FactSide } from '../core/facts/compare';
import { sentenceText } from '../core/facts/extract';
import { conflictSubject } from '../l10n/messages';
import type { ConflictSide, ConflictSummary, ConflictsParams } from '../shared/protocol';
import { rangeOf } from './positions';

export function conflictsRequest(index: WorkspaceIndex, p?: ConflictsParams | null): ConflictSummary[] {
  const list = p?.uri ? index.conflictsOf(p.uri).filter((c) => !p.other || c.b.uri === p.other) : index.conflicts();
  return list.map((c) => summary(index, c));
}

function summary(index: WorkspaceIndex, c: Conflict): ConflictSummary {
  return { kind: c.kind, about: c.about, subject: conflictSubject(c.kind, c.about), a: side(index, c.a), b: side(index, c.b), update: c.update };
}

function side(index: WorkspaceIndex, s: FactSide): ConflictSide {
  const doc = index.document(s.uri);
  const text = index.text(s.uri) ?? '';
  const outlet = index.meta(s.uri)?.outlet;
  return {
    uri: s.uri,
    path: doc?.path ?? s.uri,
    range: rangeOf(index, s.uri, s.fact),
    text: s.fact.text,
    sentence: sentenceText(text, s.fact.start, s.fact.end),
    ...(doc?.date ? { date: doc.date } : {}),
    ...(outlet ? { outlet } : {}),
  };
}

/** ConflictsRequest: where articles disagree, for the Compare Articles view and "Compare This Article With…". */
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Conflict, FactSide } from '../core/facts/compare';
import { sentenceAround } from '../core/facts/extract';
import type { ConflictSide, ConflictSummary, ConflictsParams } from '../shared/protocol';
import { rangeOf } from './positions';

export function conflictsRequest(index: WorkspaceIndex, p?: ConflictsParams | null): ConflictSummary[] {
  const list = p?.uri ? index.conflictsOf(p.uri).filter((c) => !p.other || c.b.uri === p.other) : index.conflicts();
  return list.map((c) => summary(index, c));
}

function summary(index: WorkspaceIndex, c: Conflict): ConflictSummary {
  return { kind: c.kind, about: c.about, a: side(index, c.a), b: side(index, c.b), update: c.update };
}

function side(index: WorkspaceIndex, s: FactSide): ConflictSide {
  const doc = index.document(s.uri);
  const text = index.text(s.uri) ?? '';
  const [from, to] = sentenceAround(text, s.fact.start);
  const outlet = index.meta(s.uri)?.outlet;
  return {
    uri: s.uri,
    path: doc?.path ?? s.uri,
    range: rangeOf(index, s.uri, s.fact),
    text: s.fact.text,
    sentence: text
      .slice(from, to + 1)
      .replace(/\s+/g, ' ')
      .trim(),
    ...(doc?.date ? { date: doc.date } : {}),
    ...(outlet ? { outlet } : {}),
  };
}

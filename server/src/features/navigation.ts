/** Definition, references and document highlights: the same entity (or day) across articles. */
import type { DocumentHighlight, Location, Position } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { locationOf, rangeOf, textDocument } from './positions';

function at(index: WorkspaceIndex, uri: string, position: Position) {
  const doc = textDocument(index, uri);
  return doc ? index.mentionAt(uri, doc.offsetAt(position)) : undefined;
}

/** The first mention of the same entity in each other article; within one article, its first mention. */
export function definition(index: WorkspaceIndex, uri: string, position: Position): Location[] {
  const doc = textDocument(index, uri);
  if (!doc) return [];
  const offset = doc.offsetAt(position);
  const m = index.mentionAt(uri, offset);
  if (m?.kind === 'date') {
    const others = index.datesWithValue(m.value).filter((x) => x.uri !== uri);
    return firstPerArticle(others).map((x) => locationOf(index, x.uri, x.mention));
  }
  if (m?.entity) {
    const all = index.mentionsOf(m.entity);
    const others = firstPerArticle(all.filter((x) => x.uri !== uri));
    if (others.length) return others.map((x) => locationOf(index, x.uri, x.mention));
    const first = all.find((x) => x.uri === uri);
    return first && first.mention.start !== m.start ? [locationOf(index, uri, first.mention)] : [];
  }
  // On a claim's cue: the source's first mention.
  const claim = index.document(uri)?.claims.find((c) => c.cueSpan && c.cueSpan.start <= offset && offset <= c.cueSpan.end);
  if (claim?.source) {
    const first = index.mentionsOf(claim.source).find((x) => x.uri === uri) ?? index.mentionsOf(claim.source)[0];
    return first ? [locationOf(index, first.uri, first.mention)] : [];
  }
  return [];
}

function firstPerArticle<T extends { uri: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((x) => !seen.has(x.uri) && seen.add(x.uri));
}

export function references(index: WorkspaceIndex, uri: string, position: Position, includeDeclaration = true): Location[] {
  const m = at(index, uri, position);
  if (!m) return [];
  const list = m.kind === 'date' ? index.datesWithValue(m.value) : m.entity ? index.mentionsOf(m.entity) : [];
  return list.filter((x) => includeDeclaration || !(x.uri === uri && x.mention.start === m.start)).map((x) => locationOf(index, x.uri, x.mention));
}

export function highlights(index: WorkspaceIndex, uri: string, position: Position): DocumentHighlight[] {
  const m = at(index, uri, position);
  if (!m) return [];
  const list = m.kind === 'date' ? index.datesWithValue(m.value) : m.entity ? index.mentionsOf(m.entity) : [];
  return list.filter((x) => x.uri === uri).map((x) => ({ range: rangeOf(index, uri, x.mention) }));
}

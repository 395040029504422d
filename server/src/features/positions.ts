/** Offsets ↔ LSP positions for indexed articles, whether open in the editor or only on disk. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, Range } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Span } from '../core/types';

const cache = new Map<string, TextDocument>();

export function textDocument(index: WorkspaceIndex, uri: string): TextDocument | undefined {
  const text = index.text(uri);
  if (text === undefined) {
    cache.delete(uri);
    return undefined;
  }
  const cached = cache.get(uri);
  if (cached && cached.getText() === text) return cached;
  const doc = TextDocument.create(uri, 'news-article', 0, text);
  cache.set(uri, doc);
  return doc;
}

export function rangeOf(index: WorkspaceIndex, uri: string, span: Span): Range {
  const doc = textDocument(index, uri)!;
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export function locationOf(index: WorkspaceIndex, uri: string, span: Span): Location {
  return { uri, range: rangeOf(index, uri, span) };
}

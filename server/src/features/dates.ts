/** Inlay hints after relative dates, and the timeline of every dated mention in the collection. */
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { DateMention } from '../core/types';
import { describeValue, valueStart } from '../core/dates/calendar';
import type { TimelineEntry } from '../shared/protocol';
import { rangeOf, textDocument } from './positions';

/** "hôm qua ‹2019-04-23›": the resolved value after expressions that depend on the article date. */
export function inlayHints(index: WorkspaceIndex, uri: string, range: Range): InlayHint[] {
  const d = index.document(uri);
  const doc = textDocument(index, uri);
  if (!d || !doc) return [];
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  return d.mentions
    .filter((m): m is DateMention => m.kind === 'date' && (m.relative || m.anchored) && m.end >= from && m.start <= to)
    .map((m) => ({
      position: doc.positionAt(m.end),
      label: `= ${m.value.split('T')[0]}`,
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: describeValue(m.value),
    }));
}

/** Every dated mention, earliest first; values with unknown parts last. */
export function timeline(index: WorkspaceIndex): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const [uri, d] of index.get().byUri) {
    const text = index.text(uri)!;
    for (const m of d.mentions) {
      if (m.kind !== 'date') continue;
      const lineStart = text.lastIndexOf('\n', m.start) + 1;
      let lineEnd = text.indexOf('\n', m.end);
      if (lineEnd < 0) lineEnd = text.length;
      const context = text.slice(Math.max(lineStart, m.start - 60), Math.min(lineEnd, m.end + 60)).trim();
      out.push({ uri, range: rangeOf(index, uri, m), text: m.text, value: m.value, start: valueStart(m.value), label: describeValue(m.value), context });
    }
  }
  return out.sort((a, b) => (a.start ?? '9999').localeCompare(b.start ?? '9999') || a.value.length - b.value.length || a.uri.localeCompare(b.uri));
}

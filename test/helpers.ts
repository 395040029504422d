/** Shared helpers of the tests: the sample articles as the CLI and the server read them. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeTexts } from '../server/src/core/analyze';
import { parseConfig, metaFor } from '../server/src/core/meta/config';
import type { CollectionResult, DocumentResult, EntityMention } from '../server/src/core/types';

export const SAMPLES = path.resolve('samples');

export function sampleFiles(): string[] {
  return fs
    .readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(SAMPLES, f));
}

export function sampleInputs() {
  const cfg = parseConfig(path.join(SAMPLES, 'newslens.json'), fs.readFileSync(path.join(SAMPLES, 'newslens.json'), 'utf8'));
  return sampleFiles().map((f) => ({ path: path.basename(f), text: fs.readFileSync(f, 'utf8'), meta: metaFor(f, [cfg]) }));
}

let cached: CollectionResult | undefined;
export function analyzeSamples(): CollectionResult {
  cached ??= analyzeTexts(sampleInputs());
  return cached;
}

export function doc(r: CollectionResult, prefix: string): DocumentResult {
  const d = r.documents.find((x) => path.basename(x.path).startsWith(prefix));
  if (!d) throw new Error(`no document ${prefix}`);
  return d;
}

/** Analyses a few sentences as one article (dated 2019-04-24 unless told otherwise). */
export function analyzeOne(text: string, date = '2019-04-24'): { doc: DocumentResult; result: CollectionResult } {
  const result = analyzeTexts([{ path: 'a.txt', text, meta: { date, dateSource: 'newslens.json' } }]);
  return { doc: result.documents[0], result };
}

export function entityMentions(d: DocumentResult): EntityMention[] {
  return d.mentions.filter((m): m is EntityMention => m.kind !== 'date');
}

/** "text:kind" for each entity mention, in order. */
export function tagged(d: DocumentResult): string[] {
  return entityMentions(d).map((m) => `${m.text}:${m.kind}`);
}

const tempDirs: string[] = [];

/**
 * A new folder in the system's temporary folder, removed when the test file's process exits,
 * whether its tests passed or failed (node --test runs each file in a process of its own).
 */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (!tempDirs.length) process.on('exit', () => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  tempDirs.push(dir);
  return dir;
}

/**
 * The index's results by uri, some of which may be read from the warm cache only when first
 * asked for: a reopened workspace answers before it has parsed every article's saved result.
 */
import type { DocumentResult } from '../core/types';

export class ResultMap extends Map<string, DocumentResult> {
  private readonly later = new Map<string, () => DocumentResult>();

  /** An article whose result `load` gives when first asked for. */
  setLater(uri: string, load: () => DocumentResult): void {
    super.delete(uri);
    this.later.set(uri, load);
  }

  override get(uri: string): DocumentResult | undefined {
    const load = this.later.get(uri);
    if (!load) return super.get(uri);
    this.later.delete(uri);
    const r = load();
    super.set(uri, r);
    return r;
  }

  override has(uri: string): boolean {
    return this.later.has(uri) || super.has(uri);
  }

  override set(uri: string, r: DocumentResult): this {
    this.later.delete(uri);
    return super.set(uri, r);
  }

  override delete(uri: string): boolean {
    return this.later.delete(uri) || super.delete(uri);
  }

  override clear(): void {
    this.later.clear();
    super.clear();
  }

  override get size(): number {
    return super.size + this.later.size;
  }

  /** Reads whatever is still to be read, so that iterating sees every result. */
  private all(): void {
    for (const uri of [...this.later.keys()]) this.get(uri);
  }

  override entries(): MapIterator<[string, DocumentResult]> {
    this.all();
    return super.entries();
  }

  override keys(): MapIterator<string> {
    this.all();
    return super.keys();
  }

  override values(): MapIterator<DocumentResult> {
    this.all();
    return super.values();
  }

  override forEach(f: (value: DocumentResult, key: string, map: Map<string, DocumentResult>) => void, thisArg?: unknown): void {
    this.all();
    super.forEach(f, thisArg);
  }

  override [Symbol.iterator](): MapIterator<[string, DocumentResult]> {
    return this.entries();
  }
}

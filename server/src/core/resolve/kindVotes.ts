/**
 * Kind votes across the collection: counters to which an article's candidates are added and from
 * which they are taken away. Only a key's verdict (what the votes decide) matters to articles, so
 * an update reports the keys whose verdict changed, not every key whose counts moved.
 */
import type { EntityKind } from '../types';
import type { Candidate } from '../entities/recognize';
import { foldKey, nameKey } from '../text/normalize';

export const KINDS: EntityKind[] = ['person', 'organization', 'location'];

interface Vote {
  person: number;
  organization: number;
  location: number;
  nonInitial: number;
}

/** What the votes of one key decide: the winning kind when it has enough evidence, and which kinds it beats. */
export interface Verdict {
  best?: EntityKind;
  beats: Record<EntityKind, boolean>;
  /** Some article has the name other than as its sentence's first word. */
  nonInitial: boolean;
}

const NO_VOTE: Verdict = { beats: { person: false, organization: false, location: false }, nonInitial: false };

/** Foreign names compare without diacritics; Vietnamese words keep them ("Bí" is not "Bỉ"). */
export function voteKey(c: { text: string; foreign: boolean }): string {
  return c.foreign ? foldKey(c.text) : nameKey(c.text);
}

function weight(c: Candidate, kind: EntityKind): number {
  if (c.kind !== kind) return 0;
  return c.strength >= 2 ? c.strength : 0.5;
}

function verdictOf(v: Vote | undefined): Verdict {
  if (!v) return NO_VOTE;
  const best = KINDS.slice().sort((a, b) => v[b] - v[a])[0];
  const strong = v[best] >= 2;
  return {
    ...(strong ? { best } : {}),
    beats: { person: strong && v[best] > v.person, organization: strong && v[best] > v.organization, location: strong && v[best] > v.location },
    nonInitial: v.nonInitial > 0,
  };
}

const verdictString = (v: Verdict) => `${v.best ?? ''}|${+v.beats.person}${+v.beats.organization}${+v.beats.location}|${+v.nonInitial}`;
const NO_VOTE_STRING = verdictString(NO_VOTE);

function parseVerdict(s: string): Verdict {
  const [best, beats, nonInitial] = s.split('|');
  return {
    ...(best ? { best: best as EntityKind } : {}),
    beats: { person: beats[0] === '1', organization: beats[1] === '1', location: beats[2] === '1' },
    nonInitial: nonInitial === '1',
  };
}

/** Verdicts read back from `KindVotes.verdictList()`, answering as the votes would. */
export function verdictView(verdicts: readonly [string, string][]): (key: string) => Verdict {
  const strings = new Map(verdicts);
  const parsed = new Map<string, Verdict>();
  return (key) => {
    let v = parsed.get(key);
    if (!v) {
      const s = strings.get(key);
      if (s === undefined) return NO_VOTE;
      parsed.set(key, (v = parseVerdict(s)));
    }
    return v;
  };
}

export class KindVotes {
  private votes = new Map<string, Vote>();
  private verdicts = new Map<string, Verdict>();
  private touched = new Map<string, string>();

  add(candidates: readonly Candidate[], sign: 1 | -1): void {
    for (const c of candidates) {
      const k = voteKey(c);
      if (!this.touched.has(k)) this.touched.set(k, verdictString(this.verdict(k)));
      let v = this.votes.get(k);
      if (!v) this.votes.set(k, (v = { person: 0, organization: 0, location: 0, nonInitial: 0 }));
      for (const kind of KINDS) v[kind] += sign * weight(c, kind);
      if (!c.initial) v.nonInitial += sign;
      if (!v.person && !v.organization && !v.location && !v.nonInitial) this.votes.delete(k);
      this.verdicts.delete(k);
    }
  }

  verdict(key: string): Verdict {
    let v = this.verdicts.get(key);
    if (!v) this.verdicts.set(key, (v = verdictOf(this.votes.get(key))));
    return v;
  }

  /** Keys whose verdict differs from what it was before the adds and removals since the last call. */
  takeChanged(): string[] {
    const out: string[] = [];
    for (const [k, before] of this.touched) if (verdictString(this.verdict(k)) !== before) out.push(k);
    this.touched.clear();
    return out;
  }

  /** Every key's verdict that differs from no vote at all, for a view of them elsewhere (see verdictView). */
  verdictList(): [string, string][] {
    const out: [string, string][] = [];
    for (const k of this.votes.keys()) {
      const v = verdictString(this.verdict(k));
      if (v !== NO_VOTE_STRING) out.push([k, v]);
    }
    return out;
  }

  get size(): number {
    return this.votes.size;
  }
}

/**
 * Phrase sets as tries over their words: a phrase is matched token by token, without building a
 * key string for every token and every length.
 */
import type { Token } from '../text/tokens';

export interface PhraseTrie {
  /** A phrase of the set ends here. */
  end: boolean;
  next: Map<string, PhraseTrie>;
}

const tries = new WeakMap<ReadonlySet<string>, PhraseTrie>();

/** The trie of a set of phrases (words joined by one space, as phraseKey gives them), built once per set. */
export function phraseTrie(phrases: ReadonlySet<string>): PhraseTrie {
  let root = tries.get(phrases);
  if (root) return root;
  root = { end: false, next: new Map() };
  for (const phrase of phrases) {
    let node = root;
    for (const word of phrase.split(' ')) {
      let child = node.next.get(word);
      if (!child) node.next.set(word, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  tries.set(phrases, root);
  return root;
}

/** The number of tokens, at most `max`, of the longest phrase of a trie starting at token i, or 0. */
export function phraseAt(toks: readonly Token[], i: number, phrases: PhraseTrie, max = Infinity): number {
  let node: PhraseTrie | undefined = phrases.next.get(toks[i].lower);
  let best = 0;
  for (let n = 1; node && n <= max && i + n <= toks.length; n++) {
    if (node.end) best = n;
    node = toks[i + n] ? node.next.get(toks[i + n].lower) : undefined;
  }
  return best;
}

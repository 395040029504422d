/**
 * A word trie over phrase sets, so that a longest-match scan over tokens can stop as soon as no
 * phrase goes on with the next word, instead of building and testing every longer key.
 */
export interface PhraseNode {
  /** Some phrase of the sets ends here. */
  terminal: boolean;
  /** The words from the root to here, joined by spaces: the key a scan would build, built once. */
  key: string;
  next: Map<string, PhraseNode>;
  /** On a root given one by firstWordIndex: the trie's bit in that index's masks. */
  bit?: number;
}

export function phraseTrie(...sets: Iterable<string>[]): PhraseNode {
  const root: PhraseNode = { terminal: false, key: '', next: new Map() };
  for (const set of sets) {
    for (const phrase of set) {
      let node = root;
      for (const word of phrase.split(' ')) {
        let child = node.next.get(word);
        if (!child) {
          child = { terminal: false, key: node === root ? word : `${node.key} ${word}`, next: new Map() };
          node.next.set(word, child);
        }
        node = child;
      }
      node.terminal = true;
    }
  }
  return root;
}

/**
 * For each word that starts a phrase of some of the tries (at most 31), the mask of those tries'
 * bits; each root gets its bit. One lookup per token then answers for every trie.
 */
export function firstWordIndex(tries: PhraseNode[]): Map<string, number> {
  if (tries.length > 31) throw new Error('at most 31 tries fit a mask');
  const index = new Map<string, number>();
  tries.forEach((trie, n) => {
    trie.bit = 1 << n;
    for (const word of trie.next.keys()) index.set(word, (index.get(word) ?? 0) | trie.bit);
  });
  return index;
}

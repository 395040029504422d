/**
 * The claim rules' own word lists from lang/vi/cues.json (those the shared knowledge module does not
 * load), in the shapes the rules use, and the misspelt-cue matcher.
 */
import cues from '../lang/vi/cues.json';
import { lang, longest, phraseKey } from '../lang/knowledge';
import type { Token } from '../text/tokens';

const keys = (words: readonly string[]): Set<string> => new Set(words.map(phraseKey));

export const claimLang = {
  /** Attribution cues: the shared ones and those only the claim rules use. */
  cues: new Set([...lang.attributionCues, ...keys(cues.attributionMore)]),
  /** Verbs that are speech only with what was said after them, and the words that may introduce it. */
  contentCues: keys(cues.contentCues.cues),
  contentThen: keys(cues.contentCues.then),
  /** "giấu tên", "không nêu tên": the source is vague even with a name beside it. */
  anonymous: keys(cues.anonymous),
  /** "Thống kê", "một khảo sát": a finding nobody is named for. */
  findingHeads: keys(cues.findingHeads),
  /** Per cue, the words after it that make it no speech ("chia sẻ hình ảnh"). */
  nonSpeechAfter: new Map(Object.entries(cues.nonSpeechAfter).map(([cue, after]) => [phraseKey(cue), keys(after)])),
  /** "Đó là lời phát biểu của …": speech nouns that attribute what came before. */
  backwardSpeech: keys(cues.backwardSpeech),
  /** "yêu cầu", "đề nghị": requests and instructions, sourced only with the speaker right before. */
  directives: keys(cues.directives),
  /** "Nâng cao …", "Nghiêm cấm …": verbs that open the items of a request listed after it. */
  directiveItems: keys(cues.directiveItems),
  /** Words after "nói trên" that make it "mentioned above". */
  aforesaidFollowers: keys(cues.aforesaidFollowers),
  /** "quân bị", "thiết bị": words ending in a noun marker that are none. */
  markerCompounds: keys(cues.markerCompounds),
  issuedDocuments: keys(cues.issuedDocuments),
};

/**
 * Cue phrases with one word left open, as a trie over their words where "*" stands for the open
 * word: "cho biết" is found as "* biết" and as "cho *", each ending in the word that belongs there.
 * Only phrases of four letters or more take part: a shorter one is too close to ordinary words.
 */
interface OpenCueNode {
  next: Map<string, OpenCueNode>;
  /** The words the open one may stand for, in phrases that end here. */
  wanted?: string[];
}
const openCues: OpenCueNode = { next: new Map() };
for (const cue of claimLang.cues) {
  const words = cue.split(' ');
  if (words.join('').length < 4) continue;
  for (let j = 0; j < words.length; j++) {
    let node = openCues;
    for (let k = 0; k < words.length; k++) {
      const word = k === j ? '*' : words[k];
      let child = node.next.get(word);
      if (!child) node.next.set(word, (child = { next: new Map() }));
      node = child;
    }
    (node.wanted ??= []).push(words[j]);
  }
}
const CUE_LEN = longest(claimLang.cues);

/**
 * A misspelt cue starting at token i ("hco biết" for "cho biết"): its length in tokens, or 0. The
 * misspelt word must be no possible Vietnamese syllable (token.foreign), so that a real word ("hai",
 * "việt", "lối") is never read as a typo, every other word of the phrase must be spelt right, and the
 * misspelt word must be one edit (a letter changed, added, dropped, or two swapped) from the cue's.
 * The longest such cue wins.
 */
export function misspeltCueAt(toks: Token[], i: number): number {
  const max = Math.min(CUE_LEN, toks.length - i);
  // The first word that is no syllable is the open one; a phrase may not reach the second.
  let open = -1;
  let second = max;
  for (let k = 0; k < max; k++) {
    if (!toks[i + k].foreign) continue;
    if (open < 0) open = k;
    else {
      second = k;
      break;
    }
  }
  if (open < 0) return 0;
  const misspelt = toks[i + open].lower;
  let best = 0;
  let node: OpenCueNode | undefined = openCues;
  for (let k = 0; k < second; k++) {
    node = node.next.get(k === open ? '*' : toks[i + k].lower);
    if (!node) break;
    if (k >= open && node.wanted?.some((w) => oneEdit(misspelt, w))) best = k + 1;
  }
  return best;
}

/** Whether two words are exactly one edit apart (optimal string alignment distance 1). */
export function oneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  // A letter beyond the BMP is one letter in two code units: then compare code points.
  return SURROGATE.test(a) || SURROGATE.test(b) ? oneEditOf([...a], [...b]) : oneEditOf(a, b);
}

const SURROGATE = /[\ud800-\udfff]/;

function oneEditOf(x: ArrayLike<string>, y: ArrayLike<string>): boolean {
  if (Math.abs(x.length - y.length) > 1) return false;
  let p = 0;
  while (p < x.length && p < y.length && x[p] === y[p]) p++;
  if (x.length === y.length) {
    // One letter changed, or two neighbours swapped.
    if (sameFrom(x, p + 1, y, p + 1)) return true;
    return p + 1 < x.length && x[p] === y[p + 1] && x[p + 1] === y[p] && sameFrom(x, p + 2, y, p + 2);
  }
  const [longer, shorter] = x.length > y.length ? [x, y] : [y, x];
  return sameFrom(longer, p + 1, shorter, p);
}

/** Whether x from i on is y from j on. */
function sameFrom(x: ArrayLike<string>, i: number, y: ArrayLike<string>, j: number): boolean {
  if (x.length - i !== y.length - j) return false;
  for (; i < x.length; i++, j++) if (x[i] !== y[j]) return false;
  return true;
}

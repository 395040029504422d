/**
 * An alternation matched on whole words: not after a letter, mark or digit, nor before one. A
 * pattern that opens with a look-behind is tried at every position of the text; the same pattern
 * without it finds the few places worth trying, and the whole one is then tried there alone.
 */
export class WordsPattern {
  private readonly candidate: RegExp;
  private readonly whole: RegExp;

  constructor(alternation: string) {
    this.candidate = new RegExp(`(?:${alternation})(?![\\p{L}\\p{M}\\p{N}])`, 'gu');
    this.whole = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${alternation})(?![\\p{L}\\p{M}\\p{N}])`, 'uy');
  }

  /** Where the next whole-word match at or after `from` is, and its length, as the whole pattern with the g flag finds it. */
  private next(text: string, from: number): { at: number; length: number } | undefined {
    this.candidate.lastIndex = from;
    for (let m = this.candidate.exec(text); m; m = this.candidate.exec(text)) {
      this.whole.lastIndex = m.index;
      const whole = this.whole.exec(text);
      if (whole) return { at: m.index, length: whole[0].length };
      this.candidate.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
    }
    return undefined;
  }

  test(text: string): boolean {
    return this.next(text, 0) !== undefined;
  }

  /** The text with every match replaced, as `text.replace(pattern, by)` gives it. */
  replace(text: string, by: string): string {
    let out = '';
    let last = 0;
    for (let m = this.next(text, 0); m; m = this.next(text, m.at + Math.max(m.length, 1))) {
      out += text.slice(last, m.at) + by;
      last = m.at + m.length;
    }
    return out + text.slice(last);
  }
}

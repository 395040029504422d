/**
 * Spelling variants that Vietnamese text uses for the same word: the old and new placement of the
 * tone mark ("hoà"/"hòa", "thuỷ"/"thủy") and final y or i after a consonant ("sỹ"/"sĩ", "kỹ"/"kĩ").
 * Words are compared in one canonical form; the text itself is never changed.
 */
const TONES: Record<string, string[]> = {
  a: ['à', 'á', 'ả', 'ã', 'ạ'],
  e: ['è', 'é', 'ẻ', 'ẽ', 'ẹ'],
  y: ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
  o: ['ò', 'ó', 'ỏ', 'õ', 'ọ'],
  u: ['ù', 'ú', 'ủ', 'ũ', 'ụ'],
  i: ['ì', 'í', 'ỉ', 'ĩ', 'ị'],
};
const toneOf = new Map<string, [string, number]>();
for (const [base, marked] of Object.entries(TONES)) marked.forEach((m, k) => toneOf.set(m, [base, k]));

/** "oà" → "òa", "oé" → "óe", "uỷ" → "ủy" (new style: the mark on the first vowel of these pairs at word end). */
const OLD_STYLE = /(?<=^|[^\p{L}]|[bcdđghklmnprstvx])(o|u)([àáảãạèéẻẽẹỳýỷỹỵ])(?=$|[^\p{L}])/gu;
/** A final y after a consonant is written i as well: "sỹ" / "sĩ", "lý" / "lí", "mỹ" / "mĩ". */
const FINAL_Y = /(?<=(?:^|[^\p{L}])[bcdđghklmnpqrstvx]{1,2})([yỳýỷỹỵ])(?=$|[^\p{L}])/gu;

export function canonicalSpelling(lower: string): string {
  if (!/[oòuùyỳýỷỹỵàáảãạèéẻẽẹ]/u.test(lower)) return lower;
  return lower
    .replace(OLD_STYLE, (_m, glide: string, marked: string) => {
      const [base, k] = toneOf.get(marked)!;
      return TONES[glide][k] + base;
    })
    .replace(FINAL_Y, (y: string) => (y === 'y' ? 'i' : TONES.i[toneOf.get(y)![1]]));
}

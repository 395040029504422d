/**
 * Whether a lower-case word can be one Vietnamese syllable. Foreign names ("putin", "jong",
 * "reuters") mostly cannot, which tells names from ordinary words when case does not.
 */
const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?';
const VOWELS = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ';
const NUCLEUS = `[${VOWELS}]{1,3}`;
const CODA = '(?:ng|nh|ch|[cmnpt])?';
const SYLLABLE = new RegExp(`^${ONSET}${NUCLEUS}${CODA}$`, 'u');
const TONES = /[àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/gu;

export function isVietnameseSyllable(word: string): boolean {
  if (!SYLLABLE.test(word)) return false;
  // At most one tone mark, and no English-only letters.
  const tones = word.match(TONES);
  if (tones && tones.length > 1) return false;
  return !/[fjwz]/.test(word);
}

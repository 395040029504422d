/**
 * Whether a plain-text file reads as news prose: sentences of words, in Vietnamese or English,
 * rather than code, configuration, a log, a list or a licence. Decided from the text alone, on its
 * first 16,000 characters; measured in test/unit/newsProse.test.ts and by `npm run bench -- --prose`.
 */

export interface ProseVerdict {
  news: boolean;
  /** Why, in a few words (for the output channel). */
  why: string;
}

const SAMPLE = 16000;
/** A line of prose: at least this many words. */
const PROSE_WORDS = 8;
/** Phrases of software licences; two of them make a licence. */
const LICENCE = [
  /permission is hereby granted/i,
  /without warranty/i,
  /licensed under/i,
  /redistribution and use/i,
  /all rights reserved/i,
  /warranties of merchantability/i,
  /gnu general public license/i,
  /apache license/i,
  /the software is provided/i,
  /copyright \(c\)/i,
  /this program is free software/i,
  /mozilla public license/i,
  /liability/i,
  /free software foundation/i,
  /copyright ©/i,
];
/** A line that starts with a date and a time, as logs do. */
const LOG_LINE = /^\s*\[?\d{2,4}[-/.]\d{1,2}[-/.]\d{1,4}[T ]\d{1,2}:\d{2}|^\s*\[?\d{1,2}:\d{2}:\d{2}/;
/** A line of code or configuration: a statement, a key and its value, a comment or a markup tag. */
const CODE_LINE =
  /^\s*(?:[#;]|\/\/|\/\*|\*\s|<\/?[a-z!?]|[\w.-]+\s*(?:[:=]|==|>=|<=|~=)\s*\S|(?:import|from|def|class|function|const|let|var|return|if|for|while|public|private|package|using|include)\b.*[;:{(=])/i;
const BULLET = /^\s*(?:[-*•·+>|]|\d{1,3}[.)])\s/;
/** Characters that prose seldom uses and code often does. */
const SYMBOLS = /[{}[\]<>=;$\\|_#@^~`*]/g;

export function readsAsNews(text: string): ProseVerdict {
  const sample = text.slice(0, SAMPLE);
  const lines = sample.split(/\r\n|\r|\n/).filter((l) => l.trim());
  if (!lines.length) return { news: false, why: 'empty' };
  const licence = LICENCE.filter((re) => re.test(sample)).length;
  if (licence >= 2) return { news: false, why: 'a licence' };
  let chars = 0;
  let proseChars = 0;
  let code = 0;
  let logs = 0;
  let bullets = 0;
  for (const line of lines) {
    const t = line.trim();
    chars += t.length;
    if (LOG_LINE.test(t)) logs++;
    if (CODE_LINE.test(t)) code++;
    if (BULLET.test(line)) bullets++;
    if (isProse(t)) proseChars += t.length;
  }
  const symbols = (sample.match(SYMBOLS) ?? []).length / Math.max(1, chars);
  if (logs >= Math.max(2, lines.length * 0.3)) return { news: false, why: 'a log' };
  if (code >= Math.max(2, lines.length * 0.3) || symbols > 0.03) return { news: false, why: 'code or configuration' };
  if (bullets >= Math.max(3, lines.length * 0.5)) return { news: false, why: 'a list' };
  if (proseChars < chars * 0.6) return { news: false, why: 'few sentences' };
  const language = languageOf(sample);
  if (!language) return { news: false, why: 'prose, but neither Vietnamese nor English' };
  return { news: true, why: `sentences of ${language} prose` };
}

/** Words of English that most of its sentences have. */
const ENGLISH = new Set('the of and to in a is that for on with as was by at from said it be are has have his her their'.split(' '));
/** A syllable with a Vietnamese tone mark or one of its letters (ă â đ ê ô ơ ư). */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

function languageOf(sample: string): 'Vietnamese' | 'English' | undefined {
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (!words.length) return undefined;
  let vi = 0;
  let en = 0;
  for (const w of words) {
    if (VIETNAMESE.test(w.normalize('NFC'))) vi++;
    else if (ENGLISH.has(w)) en++;
  }
  if (vi >= words.length * 0.2) return 'Vietnamese';
  if (en >= words.length * 0.12) return 'English';
  return undefined;
}

/** Words, mostly letters, that end as a sentence does or run on long. */
function isProse(line: string): boolean {
  const words = line.split(/\s+/);
  if (words.length < PROSE_WORDS) return false;
  let wordy = 0;
  for (const w of words) if (/^["“‘(«]?\p{L}[\p{L}\p{M}'’-]*[.,;:!?…"”’)»]*$/u.test(w)) wordy++;
  if (wordy < words.length * 0.75) return false;
  return /[.!?…"”»)]$/.test(line) || words.length >= 20;
}

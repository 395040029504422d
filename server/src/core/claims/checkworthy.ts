/**
 * How much an unsourced claim is worth checking, after ClaimBuster's check-worthy factual sentences:
 * a quote nobody is named for, an accusation, a figure, a prediction or plan, or a plain statement.
 * The kind is for people (the message, the hover, the severity); the status does not depend on it.
 */
import cues from '../lang/vi/cues.json';
import type { Claim, Span } from '../types';
import { msg } from '../../l10n/messages';
import { WordsPattern } from './wordsPattern';

export type CheckKind = 'quote' | 'accusation' | 'figure' | 'prediction' | 'statement';

export const CHECK_KINDS: readonly CheckKind[] = ['figure', 'accusation', 'prediction', 'quote', 'statement'];

/** A claim as the core gives it: unsourced ones carry their kind. */
export interface CheckedClaim extends Claim {
  checkworthy?: CheckKind;
}

const data = cues.checkworthy;

/** The words of a list as one alternation, longest first, spaces matching any white space. */
function alternation(words: readonly string[]): string {
  return [...new Set(words.map((w) => w.normalize('NFC').toLowerCase()))]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}

const ACCUSATION = new WordsPattern(alternation(data.accusation));
const PREDICTION = new WordsPattern(alternation(data.prediction));
const QUANTITY = new WordsPattern(alternation(data.quantity));
/** Numbers that are no figure to check: dates, times, ages, house numbers, steps. */
const NOT_FIGURE = new WordsPattern(data.notFigure.join('|'));
const UNIT = alternation(data.units);
/**
 * A number standing as a word (not inside a code or a name: "MS804", "U23", "9X") that is a figure:
 * two digits or more, a percent sign, or a unit or amount word after it ("2 tỷ đồng", "3 người").
 */
const NUMBER = new RegExp(
  `(?<![\\p{L}\\p{M}\\p{N}])(?:\\d{2,}(?:[.,]\\d+)*|\\d(?:[.,]\\d+)+|\\d(?=\\s*(?:%|(?:${UNIT})(?![\\p{L}\\p{M}]))))(?![\\p{L}\\p{M}\\p{N}])|\\d\\s*%`,
  'u',
);
/**
 * A quote: six words or more in quotes opening the sentence (perhaps after a word or two and a comma;
 * a nickname in quotes, "“Họa mi nước Anh” ngay sau khi…", is shorter), or four or more after a colon.
 */
const QUOTE = /^\s*(?:[\p{L}]+\s+){0,2}(?:[\p{L}]+,\s*)?["“«]\s*(?:[^"“”«»\s]+\s+){5,}[^"“”«»\s]+|:\s*["“«]\s*(?:[^"“”«»\s]+\s+){3,}[^"“”«»\s]+/u;
/** What QUOTE needs somewhere in the sentence (most have none). */
const OPENING_MARK = /["“«]/;
/** The end of a quote opened in a sentence before: a closing mark with no opening one before it. */
const QUOTE_END = /^[^"“«]*\s\S+[”»"]\s*[.!?…]?\s*$/u;

/** Whether the text ends as QUOTE_END asks: a closing mark, then perhaps a stop, then only white space. */
function mayEndQuote(body: string): boolean {
  let k = body.length;
  while (k > 0 && /\s/.test(body[k - 1])) k--;
  if (k > 0 && '.!?…'.includes(body[k - 1])) k--;
  while (k > 0 && /\s/.test(body[k - 1])) k--;
  return k > 0 && '”»"'.includes(body[k - 1]);
}

/** The kind of an unsourced claim: what an editor should check first. */
export function checkworthiness(text: string, span: Span): CheckKind {
  // Longer than any sentence a reader would check; past it the text is no sentence.
  const body = text.slice(span.start, Math.min(span.end, span.start + 2000));
  if ((OPENING_MARK.test(body) && QUOTE.test(body)) || (mayEndQuote(body) && QUOTE_END.test(body))) return 'quote';
  // A question asserts nothing to check.
  if (body.includes('?') && /\?["”»)]*\s*\.?\s*$/u.test(body)) return 'statement';
  const lower = body.normalize('NFC').toLowerCase();
  if (ACCUSATION.test(lower)) return 'accusation';
  // Every figure has a digit; most sentences without one need no dates taken out.
  if (QUANTITY.test(lower) || (/\d/.test(lower) && NUMBER.test(NOT_FIGURE.replace(lower, ' ')))) return 'figure';
  if (PREDICTION.test(lower)) return 'prediction';
  return 'statement';
}

/** The kind of a claim that is unsourced, whether the core gave it or the user set the status. */
export function kindOf(text: string, c: CheckedClaim): CheckKind | undefined {
  if (c.status !== 'unsourced') return undefined;
  return c.checkworthy ?? checkworthiness(text, c);
}

/** How each kind is said in a message. */
export const KIND_PHRASE: Record<CheckKind, string> = {
  quote: msg('a quote with no speaker'),
  accusation: msg('an accusation'),
  figure: msg('a figure'),
  prediction: msg('a prediction or plan'),
  statement: msg('a statement'),
};

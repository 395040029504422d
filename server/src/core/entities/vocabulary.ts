/**
 * The word lists the recognizer's rules look phrases up in, as tries, and the tests of what each
 * accepts: shared by the recognizer (recognize.ts) and its rules (rules.ts). The words are data in
 * lang/vi/.
 */
import { lang, longest } from '../lang/knowledge';
import { firstWordIndex, phraseTrie } from './phrases';

export const TITLE_LEN = longest([...lang.titleWords, ...lang.orgDescriptors, ...lang.locationCues]);
export const HEAD_LEN = longest(lang.orgHeads);
// Every phrase a matchPhrase test can accept is in the trie it is given.
export const TITLE_TRIE = phraseTrie(lang.titleWords, lang.orgDescriptors, lang.locationCues);
export const HEAD_TRIE = phraseTrie(lang.orgHeads);
export const LEGAL_TRIE = phraseTrie(lang.legalForms);
export const PRODUCT_TRIE = phraseTrie(lang.productClassifiers);
export const COMPOUND_TRIE = phraseTrie(lang.orgHeads, lang.locationCues, lang.orgNameWords);
export const ADMIN_TRIE = phraseTrie(lang.adminUnitTypes);
export const ADMIN_LEN = longest(lang.adminUnitTypes);
export const NUMBERED_TRIE = phraseTrie(lang.numberedTypes);
export const FACILITY_TRIE = phraseTrie(lang.facilityHeads.keys());
export const FACILITY_LEN = longest(lang.facilityHeads.keys());
export const DEPARTMENT_TRIE = phraseTrie(lang.departments);
export const DEPARTMENT_LEN = longest(lang.departments);
export const LOWER_NAME_TRIE = phraseTrie(lang.lowerNameWords, lang.orgModifiers);
export const LOWER_NAME_LEN = longest([...lang.lowerNameWords, ...lang.orgModifiers]);
export const TRAILING_TRIE = phraseTrie(lang.trailingNameWords);
export const TRAILING_LEN = longest(lang.trailingNameWords);
export const STARTER_TRIE = phraseTrie(lang.sentenceStarters.map((w) => w.toLowerCase()));
export const STARTER_LEN = longest(lang.sentenceStarters);
export const STARTERS = new Set(lang.sentenceStarters.map((w) => w.toLowerCase()));
export const FIRST_WORDS = firstWordIndex([
  TITLE_TRIE,
  HEAD_TRIE,
  LEGAL_TRIE,
  PRODUCT_TRIE,
  COMPOUND_TRIE,
  ADMIN_TRIE,
  NUMBERED_TRIE,
  FACILITY_TRIE,
  LOWER_NAME_TRIE,
  TRAILING_TRIE,
  STARTER_TRIE,
]);
// The tests of the phrases a trie may accept (hoisted: a closure written in a call is made again at each call).
export const isTitleOrCue = (k: string) => lang.titleWords.has(k) || lang.orgDescriptors.has(k) || lang.locationCues.has(k);
export const isAdminType = (k: string) => lang.adminUnitTypes.has(k);
export const isNumberedType = (k: string) => lang.numberedTypes.has(k);
export const isFacilityHead = (k: string) => lang.facilityHeads.has(k);
export const isDepartment = (k: string) => lang.departments.has(k);
export const isStarter = (k: string) => STARTERS.has(k);
export const isOrgHead = (k: string) => lang.orgHeads.has(k);
export const isLegalForm = (k: string) => lang.legalForms.has(k);
export const isLowerNameWord = (k: string) => lang.lowerNameWords.has(k) || lang.orgModifiers.has(k);
export const isTrailingNameWord = (k: string) => lang.trailingNameWords.has(k);
export const isProductClassifier = (k: string) => lang.productClassifiers.has(k);
export const isCompound = (k: string) => k.includes(' ') && (lang.orgHeads.has(k) || lang.locationCues.has(k) || lang.orgNameWords.has(k));
export const SPEECH_AUXILIARIES = new Set(['đã', 'cũng', 'vừa', 'sẽ']);
/** The first code units of the codes that name a unit in one word ("Q.1"). */
export const NUMBERED_CODE_STARTS = new Set([...lang.numberedCodeStarts].map((c) => c.charCodeAt(0)));
/** A unit's number: "quận 2", "phường 12A". */
export const NUMBER_NAME = /^\d{1,4}[A-Z]?$/u;
/** Words before a house number in an address. */
export const ADDRESS_WORDS = new Set(['số', 'nhà', 'tại', 'ở', 'chỉ']);
/** Initials standing for a person's name: "T", "L.T", "N.V.A". */
export const INITIALS = /^\p{Lu}(?:\.\p{Lu})*$/u;
export const FUNCTION_WORDS = new Set([
  ...lang.notSentenceEnd,
  ...[
    'trong',
    'trên',
    'dưới',
    'tại',
    'ở',
    'từ',
    'về',
    'đến',
    'tới',
    'sau',
    'trước',
    'theo',
    'khi',
    'nhưng',
    'nên',
    'vì',
    'đã',
    'sẽ',
    'đang',
    'vừa',
    'cũng',
    'có',
    'được',
    'bị',
    'ra',
    'này',
    'đó',
    'vẫn',
    'nói',
    'cho',
    'là',
    'thì',
    'mới',
    'còn',
    'lại',
    'đều',
    'gặp',
    'thăm',
  ],
]);
/** Personal titles after which a one-word place is a person's given name ("chị Huế", "anh Hải"). */
export const PERSONAL_TITLES = new Set(['ông', 'bà', 'anh', 'chị', 'cô', 'em', 'cháu', 'bé']);

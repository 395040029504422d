/** What the 2025 reform made of a district or commune, in the reader's language: for the hover and the CLI's report. */
import type { NewUnit, OldUnit, UnitChange } from '../core/lang/reformUnits';
import { t } from '../l10n/messages';

/** At most this many units are named; the rest are counted. */
const LISTED = 8;

function list(items: string[]): string {
  const shown = items.slice(0, LISTED).join(', ');
  return items.length > LISTED ? t('{0} and {1} more', shown, items.length - LISTED) : shown;
}

const newUnits = (now: NewUnit[]) => list(now.map((u) => (u.partly ? t('{0} (in part)', u.name) : u.name)));
const oldUnits = (from: OldUnit[]) => list(from.map((u) => `${u.name} (${u.district})${u.partly ? ` ${t('(in part)')}` : ''}`));
/** The new province, where the old one was merged into it. */
const newProvince = (province: string, now: NewUnit[]) => (now.length && now[0].province !== province ? ` · ${t('now {0}', now[0].province)}` : '');

export function unitChangeText(c: UnitChange, articleDate: string | undefined): string {
  if (c.level === 'new') return t('{0} ({1}) was formed on 1 July 2025 from {2}.', c.name, c.province, oldUnits(c.from));
  const where = c.level === 'commune' ? `${c.district}, ${c.province}` : c.province;
  const now = `${newUnits(c.now)}${newProvince(c.province, c.now)}`;
  if (c.level === 'district')
    return c.articleAfter === true
      ? t('The former {0} ({1}): districts were abolished on 1 July 2025; its communes are now {2}.', c.old, where, now)
      : c.articleAfter === false
        ? t(
            "At this article's date ({0}) {1} was a district of {2}; districts were abolished on 1 July 2025 and its communes are now {3}.",
            articleDate!,
            c.old,
            where,
            now,
          )
        : t('{0} ({1}) was a district until 30 June 2025, when districts were abolished; its communes are now {2}.', c.old, where, now);
  return c.articleAfter === true
    ? t('The former {0} ({1}): since 1 July 2025 part of {2}.', c.old, where, now)
    : c.articleAfter === false
      ? t("At this article's date ({0}) {1} was a unit of {2}; since 1 July 2025 it is part of {3}.", articleDate!, c.old, where, now)
      : t('{0} ({1}) until 30 June 2025; since 1 July 2025 part of {2}.', c.old, where, now);
}

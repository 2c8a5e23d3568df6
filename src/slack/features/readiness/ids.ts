/**
 * Slack ids of promotion readiness. `linkItem` is a prefix: the item's key follows, so each
 * item's button has its own id; its value is `<track>:<item key>`.
 */
export const READINESS_ACTIONS = {
  linkItem: 'readiness_link:',
  /** App Home's "link evidence to…" picker: option values `<track>:<item key>`. */
  pickItem: 'readiness_pick_item',
} as const;

export const READINESS_VIEWS = {
  link: 'readiness_link',
  checklist: 'readiness_checklist',
  notice: 'readiness_notice',
} as const;

/** Block ids of the forms (they double as the fields DomainErrors name). */
export const READINESS_FIELDS = {
  evidence: 'evidence',
  /** Checklist rows: `label:<key>` / `needed:<key>`; new rows use `new1`, `new2`, … as key. */
  label: 'label:',
  needed: 'needed:',
} as const;

/** Blank rows the checklist form adds after the existing items. */
export const NEW_ROWS = 3;

/** `<track>:<item key>` as buttons and options carry it. */
export function itemValue(track: string, key: string): string {
  return `${track}:${key}`;
}

export function parseItemValue(value: string): { track: string; key: string } {
  const at = value.indexOf(':');
  return at < 0 ? { track: '', key: '' } : { track: value.slice(0, at), key: value.slice(at + 1) };
}

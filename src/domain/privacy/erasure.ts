/**
 * Delete-my-data (docs/product/delete-my-data.md): how what is stored about a member is described
 * before the erase (by table) and after it (by what each feature's erase hook reports).
 */

/** Words for the tables that hold a member's rows; a table not listed shows by its own name. */
const TABLE_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  members: ['your stored Slack profile (name, time zone, pause setting)', ''],
  north_stars: ['north star', 'north stars'],
  milestones: ['milestone', 'milestones'],
  objectives: ['objective', 'objectives'],
  key_results: ['key result', 'key results'],
  key_result_checkins: ['key-result check-in', 'key-result check-ins'],
  portfolio_artifacts: [
    'portfolio artifact (contributions included)',
    'portfolio artifacts (contributions included)',
  ],
  readiness_evidence: ['readiness evidence link', 'readiness evidence links'],
  activity_events: [
    'activity record (quick start, leaderboard)',
    'activity records (quick start, leaderboard)',
  ],
  outbox: [
    'message careerplan sent you or planned for you',
    'messages careerplan sent you or planned for you',
  ],
  member_ooo: ['out-of-office period', 'out-of-office periods'],
  ritual_optouts: ['ritual opt-out', 'ritual opt-outs'],
};

/** Words for what erase hooks report (`<feature>.<thing>`); others are spelled out from the key. */
const ERASED_LABELS: Readonly<Record<string, string>> = {
  'core.profile': 'stored Slack profile',
  'core.messages': 'messages sent to you or planned for you',
  'core.activity': 'activity records',
  'plans.northStar': 'north star',
  'plans.checkIns': 'key-result check-ins',
  'plans.keyResults': 'key results',
  'plans.objectives': 'objectives',
  'plans.milestones': 'milestones',
  'portfolio.artifacts': 'portfolio artifacts (contributions included)',
  'readiness.evidence': 'readiness evidence links',
  'rituals.outOfOffice': 'out-of-office periods',
  'rituals.optOuts': 'ritual opt-outs',
};

/** `skill_assessments` → "skill assessments"; `optOuts` → "opt outs". */
function words(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .toLowerCase()
    .trim();
}

/** What is stored, one line per table with rows: "3 milestones", "your stored Slack profile …". */
export function describeStored(counts: Readonly<Record<string, number>>): string[] {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([table, n]) => {
      const label = TABLE_LABELS[table];
      if (table === 'members') return label?.[0] ?? 'your stored profile';
      if (!label) return `${n} × ${words(table)}`;
      return `${n} ${n === 1 ? label[0] : label[1]}`;
    });
}

function order(table: string): number {
  const at = Object.keys(TABLE_LABELS).indexOf(table);
  return at < 0 ? Object.keys(TABLE_LABELS).length : at;
}

/** What was erased, one line per thing a hook erased: "Objectives: 2". Zeros are left out. */
export function describeErased(erased: Readonly<Record<string, number>>): string[] {
  return Object.entries(erased)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => {
      const [feature = '', thing = key] = key.includes('.') ? key.split(/\.(.*)/) : ['', key];
      const label = ERASED_LABELS[key] ?? `${words(thing)}${feature ? ` (${feature})` : ''}`;
      return `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${n}`;
    });
}

/** The user id in a Slack mention as the command text carries it: `<@U123|name>` or `<@U123>`. */
export function mentionedUser(text: string): string | null {
  const match = /^<@([UW][A-Z0-9]{2,30})(?:\|[^>]*)?>$/.exec(text.trim());
  return match?.[1] ?? null;
}

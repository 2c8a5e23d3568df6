/**
 * Slack ids of the impact portfolio. Ids ending in `:` are prefixes: the artifact id follows, so
 * every menu in one list has its own id.
 */
export const PORTFOLIO_ACTIONS = {
  /** App Home: open the add form, export the portfolio. */
  openAdd: 'portfolio_open_add',
  exportPortfolio: 'portfolio_export',
  /** The per-artifact menu of `/careerplan portfolio`: value `<verb>:<id>`. */
  artifactMenu: 'portfolio_artifact_menu:',
} as const;

export const PORTFOLIO_MENU_VERBS = { edit: 'edit', remove: 'remove' } as const;

export const PORTFOLIO_VIEWS = {
  add: 'portfolio_add',
  edit: 'portfolio_edit',
  remove: 'portfolio_remove',
  /** A notice in place of a form (never submitted). */
  notice: 'portfolio_notice',
} as const;

/** Message shortcuts (manifest.yml lists the same; tests/unit/manifest.test.ts compares them). */
export const PORTFOLIO_SHORTCUTS = {
  addFromMessage: { callbackId: 'portfolio_add_from_message', name: 'Add to portfolio' },
} as const;

/** Block ids of the artifact form; they double as the field names DomainErrors carry. */
export const ARTIFACT_FIELDS = {
  kind: 'kind',
  title: 'title',
  link: 'link',
  impact: 'impact',
  occurredOn: 'occurredOn',
  evidenceFor: 'evidenceFor',
} as const;

/** The evidence picker's "no link" option. */
export const NO_TARGET = 'none';

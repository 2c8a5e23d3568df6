import type { ColumnType, Generated } from 'kysely';

/**
 * Tables of migration 0008: readiness checklists and evidence, and the erasure audit. The
 * portfolio's own table (portfolio_artifacts) predates it and is in schema-rituals.ts.
 */

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Track = 'ic' | 'manager' | 'staff';

export interface ReadinessChecklistsTable {
  team_id: string;
  track: Track;
  /** JSON array of {key, label, evidenceNeeded}; written as a JSON string. */
  items: ColumnType<unknown, string, string>;
  updated_at: UpdatedAt;
}

export interface ReadinessEvidenceTable {
  team_id: string;
  user_id: string;
  track: Track;
  item_key: string;
  artifact_id: string;
  created_at: CreatedAt;
}

export interface ErasureAuditTable {
  id: Generated<string>;
  team_id: string;
  subject_id: string;
  actor_id: string;
  by_admin: boolean;
  counts: ColumnType<unknown, string, string>;
  erased_at: CreatedAt;
}

export interface PortfolioTables {
  readiness_checklists: ReadinessChecklistsTable;
  readiness_evidence: ReadinessEvidenceTable;
  erasure_audit: ErasureAuditTable;
}

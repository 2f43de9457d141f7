// 0030-instance-domain-blocks: the server's federation policy (domain/instance-policy.ts).
import type { ColumnType, Generated } from "kysely";

export type DomainBlockSeverity = "suspend" | "silence" | "noop";

export interface InstanceDomainBlocksTable {
  id: string;
  /** Lower-case punycode, optionally `:port`; covers subdomains. */
  domain: string;
  severity: DomainBlockSeverity;
  reject_media: Generated<boolean>;
  reject_reports: Generated<boolean>;
  private_comment: ColumnType<string | null, string | null | undefined, string | null>;
  public_comment: ColumnType<string | null, string | null | undefined, string | null>;
  obfuscate: Generated<boolean>;
  created_at: string;
  updated_at: string;
}

export interface InstanceDomainAllowsTable {
  id: string;
  domain: string;
  created_at: string;
}

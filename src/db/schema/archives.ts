export interface AccountArchivesTable {
  id: string;
  account_id: string;
  /** Under storage's private prefix; null until the job has built the zip. */
  file_key: string | null;
  file_size: number | null;
  created_at: string;
  processed_at: string | null;
}

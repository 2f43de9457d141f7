export interface RulesTable {
  id: string;
  text: string;
  hint: string;
  position: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

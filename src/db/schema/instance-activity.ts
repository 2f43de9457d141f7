export interface InstanceActivityTable {
  /** Monday of the week (UTC), YYYY-MM-DD. */
  week: string;
  statuses: number;
  logins: number;
  registrations: number;
}

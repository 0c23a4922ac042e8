// Console and API roles, and which of them may see job seekers' personal data unredacted.
import { z } from 'zod';

export const Role = z.enum(['analyst', 'supervisor', 'operator', 'researcher', 'admin']);
export type Role = z.infer<typeof Role>;

export const ALL_ROLES: readonly Role[] = Role.options;

/** Roles that see commenters' and victims' contacts in exports and pages; everyone else gets them masked. */
export const PERSONAL_DATA_ROLES: readonly Role[] = ['supervisor', 'admin'];

export function seesPersonalData(role: Role): boolean {
  return PERSONAL_DATA_ROLES.includes(role);
}

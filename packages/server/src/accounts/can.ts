/** @module The one role check of the dashboard: what a team role may do, read from the catalog's table. */
import { teamRoleActions, type TeamAction, type TeamRole } from '../catalog/team-roles.js';

/** Whether a member with `role` may do `action` in their team. */
export function can(role: TeamRole, action: TeamAction): boolean {
  return teamRoleActions[role].includes(action);
}

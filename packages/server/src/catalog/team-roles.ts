/**
 * @module The dashboard's vocabulary of teams: the roles a member holds and the actions a role allows.
 * Declared once here; the store, the role check, the pages and the CLI import it.
 */

/** Every team role, strongest first (the order the team page lists them). */
export const teamRoles = ['owner', 'developer', 'viewer'] as const;

/** What a member may do in a team. */
export type TeamRole = (typeof teamRoles)[number];

/** True when `value` names a team role (for form fields and stored text). */
export function isTeamRole(value: unknown): value is TeamRole {
  return teamRoles.some((role) => role === value);
}

/** Every action the dashboard checks a role against. */
export const teamActions = ['view-applications', 'manage-applications', 'view-members', 'invite-members', 'manage-members', 'manage-team-settings'] as const;

/** Something a member asks to do in a team. */
export type TeamAction = (typeof teamActions)[number];

/**
 * Which role may do which action. Viewers read; developers also work on applications; owners also
 * manage who is in the team and how it signs in.
 */
export const teamRoleActions: Readonly<Record<TeamRole, readonly TeamAction[]>> = {
  owner: teamActions,
  developer: ['view-applications', 'manage-applications', 'view-members'],
  viewer: ['view-applications', 'view-members'],
};

/** What each role is for, as the team page explains it. */
export const teamRoleDescriptions: Readonly<Record<TeamRole, string>> = {
  owner: 'Manages members, roles and the team’s sign-in rules, and works on applications.',
  developer: 'Works on the team’s applications.',
  viewer: 'Sees the team’s applications and members.',
};

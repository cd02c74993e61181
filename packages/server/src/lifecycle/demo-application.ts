/** @module First start: a demo application, so a new user has credentials and a Connect URL at once. */
import type { AppContext } from '../http/app-context.js';

/** Permissions the demo application asks for: enough to try data reads and commands on a simulated EV. */
export const demoScope = [
  'read_vehicle_info',
  'read_vin',
  'read_odometer',
  'read_location',
  'read_battery',
  'read_charge',
  'read_security',
  'control_charge',
  'control_security',
] as const;

/** Credentials shown once, right after the demo application is created. */
export interface DemoApplication {
  readonly name: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly managementToken: string;
  readonly redirectUri: string;
  readonly connectUrl: string;
}

/** Builds the Connect URL an owner opens to connect vehicles to `clientId`. */
export function connectUrl(publicUrl: string, clientId: string, redirectUri: string, scope: readonly string[], mode: string): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: scope.join(' '),
    mode,
    state: 'demo',
  });
  return `${publicUrl}/oauth/authorize?${query.toString()}`;
}

/**
 * Creates the demo application when the database has no application yet; returns its one-time
 * credentials, or undefined when applications already exist (secrets are never shown twice).
 */
export async function ensureDemoApplication(context: Pick<AppContext, 'config' | 'repositories'>): Promise<DemoApplication | undefined> {
  const existing = await context.repositories.applications.list();
  if (existing.length > 0) return undefined;
  const redirectUri = `${context.config.publicUrl}/demo/callback`;
  const created = await context.repositories.applications.createApplication({
    name: 'Demo application',
    redirectUris: [redirectUri],
    defaultScope: [...demoScope],
  });
  return {
    name: created.application.name,
    clientId: created.application.clientId,
    clientSecret: created.clientSecret,
    managementToken: created.managementToken,
    redirectUri,
    connectUrl: connectUrl(context.config.connectUrl, created.application.clientId, redirectUri, demoScope, 'simulated'),
  };
}

/** The banner printed to standard output on first start (not through the logger, which redacts secrets). */
export function formatDemoBanner(demo: DemoApplication): string {
  return [
    '',
    '================ Carport demo application (shown once) ================',
    `  name:             ${demo.name}`,
    `  client id:        ${demo.clientId}`,
    `  client secret:    ${demo.clientSecret}`,
    `  management token: ${demo.managementToken}`,
    `  redirect URI:     ${demo.redirectUri}`,
    `  Connect URL:      ${demo.connectUrl}`,
    '  Lost them? `npx carport apps rotate-secret <client id>` issues a new secret.',
    '=======================================================================',
    '',
  ].join('\n');
}

/**
 * @module First start: a demo application, so a new user has credentials and a Connect URL at once.
 * Later starts keep it working with the current PUBLIC_URL and the README's walkthroughs (an
 * install created on another port or by an older version), and print its Connect URL again.
 */
import type { PermissionName } from '../catalog/permissions.js';
import type { AppContext } from '../app/services.js';
import { DEFAULT_PLAN, DEVELOPMENT_PLAN } from '../catalog/plans.js';
import type { ApplicationRecord } from '../store/repositories/application-repository.js';

/**
 * Permissions the demo application asks for: enough for the README's walkthroughs on a simulated
 * EV: data reads, commands, and the charging events its Webhooks walkthrough subscribes to.
 */
export const demoScope = [
  'read_vehicle_info',
  'read_vin',
  'read_odometer',
  'read_location',
  'read_battery',
  'read_charge',
  'read_charge_events',
  'read_security',
  'control_charge',
  'control_security',
] as const satisfies readonly PermissionName[];

const DEMO_NAME = 'Demo application';
const DEMO_CALLBACK_PATH = '/demo/callback';
const DEMO_MODE = 'simulated';

/** Credentials shown once, right after the demo application is created. */
export interface DemoApplication {
  readonly name: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly managementToken: string;
  readonly redirectUri: string;
  readonly connectUrl: string;
}

/** Builds the Connect URL an owner opens to connect vehicles to `clientId` (`make` skips brand selection). */
export function connectUrl(publicUrl: string, clientId: string, redirectUri: string, scope: readonly string[], mode: string, options: { readonly make?: string } = {}): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: scope.join(' '),
    mode,
    ...(options.make === undefined ? {} : { make: options.make }),
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
  const redirectUri = `${context.config.publicUrl}${DEMO_CALLBACK_PATH}`;
  const created = await context.repositories.applications.createApplication({
    name: DEMO_NAME,
    redirectUris: [redirectUri],
    defaultScope: [...demoScope],
    plan: DEVELOPMENT_PLAN,
  });
  return {
    name: created.application.name,
    clientId: created.application.clientId,
    clientSecret: created.clientSecret,
    managementToken: created.managementToken,
    redirectUri,
    connectUrl: connectUrl(context.config.connectUrl, created.application.clientId, redirectUri, demoScope, DEMO_MODE),
  };
}

/** The demo application as the first start created it (its name and Carport's own callback page). */
function isDemoApplication(application: ApplicationRecord): boolean {
  return application.name === DEMO_NAME && application.redirectUris.some(isDemoCallback);
}

/**
 * Whether `uri` is Carport's own demo callback page, on whichever origin Carport had when it was
 * stored; any other redirect URI is the operator's, and is never rewritten.
 */
function isDemoCallback(uri: string): boolean {
  try {
    const url = new URL(uri);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.pathname.endsWith(DEMO_CALLBACK_PATH) && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

/** What a later start tells about the demo application: where to connect, never its secrets. */
export interface DemoApplicationNotice {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly connectUrl: string;
  /** What this start changed, one sentence each. */
  readonly changes: readonly string[];
}

/**
 * On a later start: keeps the stored demo application working with this start's configuration,
 * and returns what to print about it (undefined when there is no demo application). A redirect URI
 * that is Carport's demo callback on another origin (PUBLIC_URL or PORT changed) moves to this
 * one's; permissions the demo now asks for (an install created by an older version) are added to
 * its default scope, keeping any the operator added.
 */
export async function refreshDemoApplication(context: Pick<AppContext, 'config' | 'repositories'>): Promise<DemoApplicationNotice | undefined> {
  const demo = (await context.repositories.applications.list()).find(isDemoApplication);
  if (demo === undefined) return undefined;
  const redirectUri = `${context.config.publicUrl}${DEMO_CALLBACK_PATH}`;
  const changes: string[] = [];
  const moved = demo.redirectUris.filter((uri) => isDemoCallback(uri) && uri !== redirectUri);
  const redirectUris = [...new Set(demo.redirectUris.map((uri) => (isDemoCallback(uri) ? redirectUri : uri)))];
  if (moved.length > 0) changes.push(`its redirect URI moved from ${moved.join(', ')} to ${redirectUri} (PUBLIC_URL or PORT changed)`);
  const missing = demoScope.filter((permission) => !demo.defaultScope.includes(permission));
  const scope = [...demo.defaultScope, ...missing];
  if (missing.length > 0) changes.push(`its Connect URL now also asks for ${missing.join(', ')}`);
  if (changes.length > 0) {
    await context.repositories.applications.update(demo.id, {
      ...(moved.length > 0 ? { redirectUris } : {}),
      ...(missing.length > 0 ? { defaultScope: scope } : {}),
    });
  }
  return { clientId: demo.clientId, redirectUri, connectUrl: connectUrl(context.config.connectUrl, demo.clientId, redirectUri, scope, DEMO_MODE), changes };
}

/** Where the demo application connects now (its client id and Connect URL), or undefined when there is none. */
export async function findDemoApplication(context: Pick<AppContext, 'config' | 'repositories'>): Promise<{ readonly clientId: string; readonly connectUrl: string } | undefined> {
  const demo = (await context.repositories.applications.list()).find(isDemoApplication);
  if (demo === undefined) return undefined;
  const redirectUri = `${context.config.publicUrl}${DEMO_CALLBACK_PATH}`;
  return { clientId: demo.clientId, connectUrl: connectUrl(context.config.connectUrl, demo.clientId, redirectUri, demo.defaultScope, DEMO_MODE) };
}

/** The command that shows an application again (its credentials were printed once, at creation). */
function showCommand(clientId: string): string {
  return `npx carport apps show ${clientId}`;
}

/** What every later start prints about the demo application (no secret). */
export function formatDemoNotice(notice: DemoApplicationNotice): string {
  return [
    '',
    '================ Carport demo application =============================',
    `  client id:        ${notice.clientId}`,
    `  redirect URI:     ${notice.redirectUri}`,
    `  Connect URL:      ${notice.connectUrl}`,
    `  credentials:      ${showCommand(notice.clientId)}`,
    ...notice.changes.map((change) => `  This start updated it: ${change}.`),
    '=======================================================================',
    '',
  ].join('\n');
}

/**
 * On a later start: moves a demo application still on the default plan (created before the demo
 * had a plan of its own) to the development plan, so exploring locally does not meet the default
 * plan's per-vehicle bucket after a few reads. A demo application an operator moved to any other
 * plan is left where it is. Returns whether it moved.
 */
export async function moveDemoApplicationToDevelopmentPlan(context: Pick<AppContext, 'repositories'>): Promise<boolean> {
  const demo = (await context.repositories.applications.list()).find(isDemoApplication);
  if (demo === undefined || demo.plan !== DEFAULT_PLAN) return false;
  await context.repositories.applications.update(demo.id, { plan: DEVELOPMENT_PLAN });
  return true;
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
    `  Later starts print the Connect URL again, never these secrets; \`${showCommand(demo.clientId)}\` shows the`,
    '  application, and `npx carport apps rotate-secret <client id>` issues a new client secret.',
    '=======================================================================',
    '',
  ].join('\n');
}

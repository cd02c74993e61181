/** @module `carport webhooks ...`: create, list, show, update, delete and verify webhooks, and browse and replay deliveries. */
import type { Command } from 'commander';
import {
  CallbackSender,
  createWebhook,
  deleteWebhook,
  deliveryEventTime,
  deliveryStatuses,
  deliveryView,
  InvalidCursorError,
  listDeliveryRecords,
  replayDelivery,
  resolvePlans,
  reverifyWebhook,
  showDelivery,
  showWebhook,
  updateWebhook,
  webhookSettingsFrom,
  webhookView,
  type ApplicationGone,
  type PlanWithoutWebhooks,
  type Services,
  type Validated,
  type WebhookAdminDeps,
  type WebhookView,
} from '@carport/server/core';
import { printRecord, printTable } from '../output.js';
import { openCommandServices } from '../services.js';

interface Tools {
  readonly services: Services;
  readonly admin: WebhookAdminDeps;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function integer(value: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`expected a whole number, got ${value}`);
  return Number(value);
}

/** Opens the configured database and a callback sender (verification POSTs from this process). */
async function withTools<T>(command: Command, work: (tools: Tools) => Promise<T>): Promise<T> {
  const services = await openCommandServices(command);
  const settings = webhookSettingsFrom(services.config);
  const sender = new CallbackSender(settings);
  try {
    return await work({ services, admin: { repositories: services.repositories, sender, settings, plans: resolvePlans(services.config.planOverrides) } });
  } finally {
    await sender.close();
    await services.close();
  }
}

async function applicationIdOf(services: Services, clientId: string): Promise<string> {
  const application = await services.repositories.applications.findByClientId(clientId);
  if (application === null) throw new Error(`no application has client id ${clientId}`);
  return application.id;
}

/** The application a webhook belongs to (the CLI is the operator's tool: a webhook id is enough). */
async function ownerOfWebhook(services: Services, webhookId: string): Promise<string> {
  const webhook = await services.repositories.webhooks.findById(webhookId);
  if (webhook === null) throw new Error(`no webhook has id ${webhookId}`);
  return webhook.applicationId;
}

function valid<T>(result: Validated<T>): T {
  if (result.ok) return result.value;
  throw new Error(`invalid webhook: ${result.problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`);
}

/** The operator is told what the Management API tells the developer, and what to run instead. */
function withinPlan<T>(result: Validated<T> | PlanWithoutWebhooks | ApplicationGone, clientId: string): Validated<T> {
  if (result.ok) return result;
  if ('applicationGone' in result) throw new Error(`the application ${clientId} was deleted while the webhook was being created`);
  if (!('lackedFeature' in result)) return result;
  throw new Error(`the application's plan "${result.lackedFeature.plan}" does not include webhooks; move it to a plan that does: carport apps set-plan ${clientId} <plan>`);
}

/** People read one line per field; `--json` prints the Management API's shape. */
function printWebhook(view: WebhookView & { vehicleIds?: readonly string[] }, json: boolean): void {
  if (json) {
    printRecord({ ...view }, true);
    return;
  }
  const { verification, ...rest } = view;
  printRecord({ ...rest, verification: verification.status, verificationError: verification.error }, false);
}

interface DeliveryListOptions {
  readonly clientId?: string;
  readonly webhook?: string;
  readonly vehicle?: string;
  readonly status?: string;
  readonly limit: number;
  readonly after?: string;
  readonly json: boolean;
}

/** The filters of a listing, as arguments that list its next page. */
function nextPageArguments(options: DeliveryListOptions): string[] {
  const filters: [string, string | undefined][] = [['--client-id', options.clientId], ['--webhook', options.webhook], ['--vehicle', options.vehicle], ['--status', options.status]];
  return [...filters.flatMap(([flag, value]) => (value === undefined ? [] : [flag, value])), '--limit', String(options.limit)];
}

interface TriggerOptions {
  eventType: string[];
  interval?: number;
  endpoint: string[];
}

function triggerChanges(options: TriggerOptions) {
  return {
    ...(options.eventType.length === 0 ? {} : { eventTypes: options.eventType }),
    ...(options.interval === undefined ? {} : { intervalSeconds: options.interval }),
    ...(options.endpoint.length === 0 ? {} : { endpoints: options.endpoint }),
  };
}

function addTriggerOptions(command: Command): Command {
  return command
    .option('--event-type <type>', 'eventBased: an event to deliver (repeat for several)', collect, [])
    .option('--interval <seconds>', 'scheduled: seconds between deliveries (3600: hourly)', integer)
    .option('--endpoint <path>', 'scheduled: a vehicle endpoint whose data to include, e.g. /battery (repeat for several)', collect, []);
}

export function registerWebhooksCommands(program: Command): void {
  const webhooks = program.command('webhooks').description('Manage webhooks and their deliveries');

  addTriggerOptions(
    webhooks
      .command('create')
      .description('Create a webhook and verify its callback URL with a challenge')
      .requiredOption('--client-id <id>', 'the application the webhook belongs to')
      .requiredOption('--name <name>', 'a name for people')
      .requiredOption('--url <url>', 'the callback URL deliveries are POSTed to')
      .requiredOption('--kind <kind>', 'scheduled or eventBased')
      .requiredOption('--mode <mode>', 'live, test or simulated: which vehicles it serves (live needs https://)'),
  )
    .option('--disabled', 'create it disabled', false)
    .option('--json', 'print exactly one JSON object', false)
    .action(async (options: TriggerOptions & { clientId: string; name: string; url: string; kind: string; mode: string; disabled: boolean; json: boolean }, command: Command) => {
      const created = await withTools(command, async ({ services, admin }) =>
        valid(
          withinPlan(
            await createWebhook(admin, await applicationIdOf(services, options.clientId), {
              name: options.name,
              callbackUrl: options.url,
              kind: options.kind,
              mode: options.mode,
              enabled: !options.disabled,
              ...triggerChanges(options),
            }),
            options.clientId,
          ),
        ),
      );
      printWebhook(webhookView(created), options.json);
    });

  webhooks
    .command('list')
    .description('List webhooks (of one application, or of all)')
    .option('--client-id <id>', 'only this application')
    .option('--json', 'print a JSON array', false)
    .action(async (options: { clientId?: string; json: boolean }, command: Command) => {
      const list = await withTools(command, async ({ services }) => {
        const applications = options.clientId === undefined ? await services.repositories.applications.list() : [{ id: await applicationIdOf(services, options.clientId) }];
        const found = await Promise.all(applications.map((application) => services.repositories.webhooks.listByApplication(application.id)));
        return found.flat().map(webhookView);
      });
      if (options.json) printTable(list.map((view) => ({ ...view })), true);
      else printTable(list.map(({ id, name, kind, mode, enabled, callbackUrl, verification }) => ({ id, name, kind, mode, enabled, verification: verification.status, callbackUrl })), false);
    });

  webhooks
    .command('show')
    .description('Show a webhook, its verification state and its subscribed vehicles')
    .argument('<webhookId>')
    .option('--json', 'print exactly one JSON object', false)
    .action(async (webhookId: string, options: { json: boolean }, command: Command) => {
      const detail = await withTools(command, async ({ services }) => showWebhook(services.repositories, await ownerOfWebhook(services, webhookId), webhookId));
      if (detail === null) throw new Error(`no webhook has id ${webhookId}`);
      printWebhook(detail, options.json);
    });

  addTriggerOptions(webhooks.command('update').description('Change a webhook; a new URL is verified again').argument('<webhookId>'))
    .option('--name <name>', 'a new name')
    .option('--url <url>', 'a new callback URL')
    .option('--enable', 'resume deliveries')
    .option('--disable', 'hold deliveries')
    .option('--json', 'print exactly one JSON object', false)
    .action(async (webhookId: string, options: TriggerOptions & { name?: string; url?: string; enable?: boolean; disable?: boolean; json: boolean }, command: Command) => {
      if (options.enable === true && options.disable === true) throw new Error('--enable and --disable exclude each other');
      const updated = await withTools(command, async ({ services, admin }) => {
        const result = await updateWebhook(admin, await ownerOfWebhook(services, webhookId), webhookId, {
          ...(options.name === undefined ? {} : { name: options.name }),
          ...(options.url === undefined ? {} : { callbackUrl: options.url }),
          ...(options.enable === true ? { enabled: true } : options.disable === true ? { enabled: false } : {}),
          ...triggerChanges(options),
        });
        if (result === null) throw new Error(`no webhook has id ${webhookId}`);
        return valid(result);
      });
      printWebhook(webhookView(updated), options.json);
    });

  webhooks
    .command('delete')
    .description('Delete a webhook with its subscriptions and deliveries')
    .argument('<webhookId>')
    .option('--json', 'print exactly one JSON object', false)
    .action(async (webhookId: string, options: { json: boolean }, command: Command) => {
      const deleted = await withTools(command, async ({ services }) => deleteWebhook(services.repositories, await ownerOfWebhook(services, webhookId), webhookId));
      if (!deleted) throw new Error(`no webhook has id ${webhookId}`);
      printRecord({ id: webhookId, status: 'deleted' }, options.json);
    });

  webhooks
    .command('verify')
    .description('Send a new verification challenge to the callback URL')
    .argument('<webhookId>')
    .option('--json', 'print exactly one JSON object', false)
    .action(async (webhookId: string, options: { json: boolean }, command: Command) => {
      const verified = await withTools(command, async ({ services, admin }) => reverifyWebhook(admin, await ownerOfWebhook(services, webhookId), webhookId));
      if (verified === null) throw new Error(`no webhook has id ${webhookId}`);
      printWebhook(webhookView(verified), options.json);
    });

  webhooks
    .command('deliveries')
    .description('List deliveries of every application, newest first, by application, webhook, vehicle and status; with an id, show one with every attempt')
    .argument('[deliveryId]', 'show this delivery with its body and attempts')
    .option('--client-id <id>', 'only this application')
    .option('--webhook <id>', 'only this webhook')
    .option('--vehicle <id>', 'only this vehicle (the id the application knows)')
    .option('--status <status>', `${deliveryStatuses.slice(0, -1).join(', ')} or ${deliveryStatuses.at(-1) ?? ''}`)
    .option('--limit <n>', 'how many (1 to 100)', integer, 20)
    .option('--after <cursor>', 'the next page: the cursor the previous page printed')
    .option('--json', 'print JSON: {"deliveries": [...], "paging": {"cursor": ...}}, or the one delivery', false)
    .action(async (deliveryId: string | undefined, options: DeliveryListOptions, command: Command) => {
      const status = deliveryStatuses.find((known) => known === options.status);
      if (options.status !== undefined && status === undefined) throw new Error(`--status must be one of ${deliveryStatuses.join(', ')}`);
      if (options.limit < 1 || options.limit > 100) throw new Error('--limit must be from 1 to 100');
      await withTools(command, async ({ services }) => {
        if (deliveryId !== undefined) {
          const record = await services.repositories.outbox.findById(deliveryId);
          const detail = record === null ? null : await showDelivery(services.repositories, record.applicationId, deliveryId);
          if (detail === null) throw new Error(`no delivery has id ${deliveryId}`);
          if (options.json) printRecord({ ...detail }, true);
          else {
            const { attempts, body, ...rest } = detail;
            printRecord({ ...rest, body: JSON.stringify(body) }, false);
            process.stdout.write('\n');
            printTable(attempts.map((attempt) => ({ ...attempt })), false);
          }
          return;
        }
        const applicationId = options.clientId === undefined ? null : await applicationIdOf(services, options.clientId);
        // An unknown webhook id is a typo to point out, not an empty log.
        if (options.webhook !== undefined) await ownerOfWebhook(services, options.webhook);
        const page = await listDeliveryRecords(services.repositories, {
          applicationId,
          limit: options.limit,
          ...(options.webhook === undefined ? {} : { webhookId: options.webhook }),
          ...(options.vehicle === undefined ? {} : { vehicleId: options.vehicle }),
          ...(status === undefined ? {} : { status }),
          ...(options.after === undefined ? {} : { cursor: options.after }),
        }).catch((error: unknown) => {
          throw error instanceof InvalidCursorError ? new Error(`--after: ${error.message}`) : error;
        });
        const clientIds = new Map((await services.repositories.applications.list()).map((application) => [application.id, application.clientId]));
        const rows = page.records.map((record) => ({ ...deliveryView(record), clientId: clientIds.get(record.applicationId) ?? null, eventTime: deliveryEventTime(record) }));
        if (options.json) {
          printRecord({ deliveries: rows, paging: { cursor: page.cursor } }, true);
          return;
        }
        printTable(
          rows.map(({ id, clientId, eventType, eventTime, vehicleId, status: state, failedAttempts, nextAttemptAt, deliveredAt }) => ({
            id,
            ...(applicationId === null ? { clientId } : {}),
            eventType,
            eventTime,
            vehicleId,
            status: state,
            failedAttempts,
            nextAttemptAt,
            deliveredAt,
          })),
          false,
        );
        if (page.cursor !== null) process.stdout.write(`more: carport webhooks deliveries ${[...nextPageArguments(options), '--after', page.cursor].join(' ')}\n`);
      });
    });

  webhooks
    .command('replay')
    .description('Deliver a past event again (same body, same eventId) as a new delivery')
    .argument('<deliveryId>')
    .option('--json', 'print exactly one JSON object', false)
    .action(async (deliveryId: string, options: { json: boolean }, command: Command) => {
      const replay = await withTools(command, async ({ services }) => {
        const original = await services.repositories.outbox.findById(deliveryId);
        return original === null ? null : replayDelivery(services.repositories, original.applicationId, deliveryId);
      });
      if (replay === null) throw new Error(`no delivery has id ${deliveryId}`);
      printRecord({ ...replay }, options.json);
    });
}

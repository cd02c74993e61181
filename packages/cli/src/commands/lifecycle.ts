/** @module `carport lifecycle ...`: the operator's side of the partner lifecycle (review, approve, release, suspend, revoke) and its views. */
import type { Command } from 'commander';
import { describeAction, isLifecycleState, lifecycleActions, lifecycleStates, PLAN_CACHE_TTL_MS, readLifecycle, takeLifecycleAction, type LifecycleAction, type LifecycleView } from '@carport/server/core';
import { printRecord, printTable } from '../output.js';
import { findApplication, withServices } from '../services.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `request_changes` is typed `request-changes` on the command line. */
const commandName = (action: LifecycleAction): string => action.replace('_', '-');

function printTimeline(view: LifecycleView, json: boolean): void {
  printTable(
    view.timeline.map((entry) => ({ at: entry.at, from: entry.from, to: entry.to, action: entry.action, actor: entry.actor, reason: entry.reason })),
    json,
  );
}

function printChecklist(view: LifecycleView, json: boolean): void {
  if (json) {
    printRecord({ complete: view.checklist.complete, items: view.checklist.items }, true);
    return;
  }
  printTable(view.checklist.items.map((item) => ({ done: item.doneAt === null ? 'no' : 'yes', item: item.item, at: item.doneAt })), false);
  process.stdout.write(view.checklist.complete ? 'joint testing complete\n' : 'joint testing open\n');
}

function registerActionCommand(lifecycle: Command, action: LifecycleAction): void {
  lifecycle
    .command(commandName(action))
    .description(`${describeAction(action)[0]?.toUpperCase() ?? ''}${describeAction(action).slice(1)} an application (docs/lifecycle.md)`)
    .argument('<clientId>', 'the application')
    .option('--reason <text>', 'why; required for reject, request-changes, suspend and revoke (the developer is told it)')
    .option('--data-package <id>', 'approve: a data package approved (repeat; default those requested)', collect, [])
    .option('--force', 'release: release although the joint-testing checklist is open', false)
    .option('--json', 'print the lifecycle as one JSON object', false)
    .action(async (clientId: string, options: { reason?: string; dataPackage: string[]; force: boolean; json: boolean }, command: Command) => {
      const view = await withServices(command, async (services) => {
        const application = await findApplication(services, clientId);
        const outcome = await takeLifecycleAction(services.repositories, application, {
          action,
          actor: { role: 'operator', name: 'cli' },
          reason: options.reason ?? null,
          ...(options.dataPackage.length === 0 ? {} : { dataPackages: options.dataPackage }),
          force: options.force,
        });
        if (!outcome.ok) throw new Error(outcome.message);
        return readLifecycle(services.repositories, outcome.application);
      });
      if (options.json) {
        printRecord({ ...view }, true);
        return;
      }
      process.stdout.write(`${clientId}: ${view.state}${view.reason === null ? '' : ` (${view.reason})`}; running servers apply it within ${PLAN_CACHE_TTL_MS / 1000} s\n`);
    });
}

export function registerLifecycleCommands(program: Command): void {
  const lifecycle = program.command('lifecycle').description('Review, approve, test, release, suspend and revoke applications (the partner lifecycle)');

  lifecycle
    .command('list')
    .description('List applications with their lifecycle state')
    .option('--state <state>', `only this state (${lifecycleStates.join(', ')})`)
    .option('--json', 'print a JSON array', false)
    .action(async (options: { state?: string; json: boolean }, command: Command) => {
      const { state } = options;
      if (state !== undefined && !isLifecycleState(state)) throw new Error(`unknown state "${state}"; known states: ${lifecycleStates.join(', ')}`);
      const applications = await withServices(command, (services) => services.repositories.applications.list());
      printTable(
        applications
          .filter((application) => state === undefined || application.lifecycleState === state)
          .map((application) => ({ clientId: application.clientId, name: application.name, state: application.lifecycleState, reason: application.lifecycleReason })),
        options.json,
      );
    });

  const view = (name: string, description: string, print: (view: LifecycleView, json: boolean) => void): void => {
    lifecycle
      .command(name)
      .description(description)
      .argument('<clientId>', 'the application')
      .option('--json', 'print JSON', false)
      .action(async (clientId: string, options: { json: boolean }, command: Command) => {
        print(await withServices(command, async (services) => readLifecycle(services.repositories, await findApplication(services, clientId))), options.json);
      });
  };
  view('show', 'Show state, request, approved data packages and what can happen next', (found, json) => {
    printRecord(
      json
        ? { ...found }
        : {
            name: found.name,
            clientId: found.clientId,
            state: found.state,
            reason: found.reason,
            next: found.nextActions.map(commandName),
            approvedDataPackages: found.approvedDataPackages,
            company: found.request?.company ?? null,
            contact: found.request === null ? null : `${found.request.contactName} <${found.request.contactEmail}>`,
            intendedUse: found.request?.intendedUse ?? null,
            requestedDataPackages: found.request?.dataPackages ?? null,
          },
      json,
    );
  });
  view('timeline', 'Show every lifecycle step: when, from, to, who and why', printTimeline);
  view('checklist', 'Show the joint-testing checklist the platform fills as it observes the application', printChecklist);

  for (const action of lifecycleActions) registerActionCommand(lifecycle, action);
}

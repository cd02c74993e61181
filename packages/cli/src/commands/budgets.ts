/**
 * @module `carport budgets [--vehicle <id|VIN>]`: what is left today of each connected vehicle's
 * manufacturer budgets (data requests, commands, wake-ups). The counts are the servers' only when
 * they share them through Redis (`REDIS_URL`).
 */
import type { Command } from 'commander';
import { listUpstreamBudgets } from '@carport/server/core';
import { printTable } from '../output.js';
import { withServices } from '../services.js';

export function registerBudgetsCommand(program: Command): void {
  program
    .command('budgets')
    .description("Show what is left today of each vehicle's manufacturer budgets (data, commands, wakes)")
    .option('--vehicle <id>', "only this vehicle: Carport's vehicle id or its VIN")
    .option('--json', 'print exactly one JSON array', false)
    .action(async (options: { vehicle?: string; json: boolean }, command: Command) => {
      const vehicles = await withServices(command, (services) => listUpstreamBudgets(services, options.vehicle));
      if (vehicles === null) throw new Error(`no stored vehicle has the id or VIN "${options.vehicle ?? ''}"`);
      printTable(
        vehicles.map((vehicle) => ({
          vehicle: vehicle.vehicleId,
          vin: vehicle.vin ?? '',
          provider: vehicle.provider,
          data: `${vehicle.budgets.data.remaining}/${vehicle.budgets.data.limit}`,
          commands: `${vehicle.budgets.commands.remaining}/${vehicle.budgets.commands.limit}`,
          wakes: `${vehicle.budgets.wakes.remaining}/${vehicle.budgets.wakes.limit}`,
          resetsAt: vehicle.budgets.data.resetsAt.toISOString(),
        })),
        options.json,
      );
    });
}

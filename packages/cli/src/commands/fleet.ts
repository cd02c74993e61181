/**
 * @module `carport fleet ...`: the operator's view of the simulated fleet on the configured
 * database: list vehicles and demo owners, show one, advance simulated time, plug, unplug, inject
 * faults, swap batteries. Changes are interventions in the database, so a running server sees them.
 */
import type { Command } from 'commander';
import { createSimulatedProvider, FleetOperator, simulator, storedVehicleDirectory, vehicleModes, type VehicleMode, type VehicleSelector } from '@carport/server/core';
import { openCommandServices } from '../services.js';
import { durationMs } from '../durations.js';
import { printRecord, printTable } from '../output.js';

type SelectorOptions = { mode?: string; make?: string; json: boolean };

const vehicleArgument = 'the Vehicle API id an application sees, the VIN, or the key (mode/MAKE/id)';

/** Runs `work` with an operator over the configured database, closing everything after. */
async function withOperator<T>(command: Command, work: (operator: FleetOperator) => Promise<T>): Promise<T> {
  const services = await openCommandServices(command);
  // The operator drives the simulated provider itself (never started: no events, no background work), over the services' repositories.
  const { config, now, logger, repositories } = services;
  const provider = createSimulatedProvider({ config, now, logger, interventions: repositories.simulatorInterventions });
  try {
    return await work(new FleetOperator(provider, storedVehicleDirectory(services.repositories.vehicles)));
  } catch (error) {
    // A refusal reads better with its catalog name: `VEHICLE_STATE:IN_MOTION: The vehicle is driving.`
    if (error instanceof Error && 'type' in error && 'code' in error) throw new Error(`${String(error.type)}:${String(error.code)}: ${error.message}`);
    throw error;
  } finally {
    await provider.stop();
    await services.close();
  }
}

/** The mode `--mode` names, undefined when absent; a typo is refused rather than ignored. */
function modeOption(text: string | undefined): VehicleMode | undefined {
  const mode = vehicleModes.find((candidate) => candidate === text);
  if (text !== undefined && mode === undefined) throw new Error(`--mode must be one of ${vehicleModes.join(', ')}`);
  return mode;
}

function selectorOf(vehicle: string, options: SelectorOptions): VehicleSelector {
  const mode = modeOption(options.mode);
  return { vehicle, ...(mode === undefined ? {} : { mode }), ...(options.make === undefined ? {} : { make: options.make.toUpperCase() }) };
}

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`expected a whole number, got ${value}`);
  return Number(value);
}

function withSelectorOptions(command: Command): Command {
  return command
    .option('--mode <mode>', 'mode of a VIN connected in several modes, or outside the embedded fleet (live, test, simulated)')
    .option('--make <make>', 'make of a VIN whose WMI several makes share')
    .option('--json', 'print exactly one JSON object', false);
}

export function registerFleetCommands(program: Command): void {
  const fleet = program.command('fleet').description('Operate the simulated fleet (state, time, plugs, faults)');

  fleet
    .command('list')
    .description('List the embedded fleet, vehicles with interventions and every vehicle connected through Connect (test and simulated too)')
    .option('--make <make>', 'only this make')
    .option('--mode <mode>', 'only this mode (live, test, simulated)')
    .option('--limit <n>', 'at most this many', count, 50)
    .option('--offset <n>', 'skip this many', count, 0)
    .option('--json', 'print a JSON object with clock, total and vehicles', false)
    .action(async (options: { make?: string; mode?: string; limit: number; offset: number; json: boolean }, command: Command) => {
      const mode = modeOption(options.mode);
      const make = options.make?.toUpperCase();
      const result = await withOperator(command, async (operator) => ({
        clock: await operator.clock(),
        ...(await operator.list({ limit: options.limit, offset: options.offset, ...(mode === undefined ? {} : { mode }), ...(make === undefined ? {} : { make }) })),
      }));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      process.stdout.write(`simulated time ${result.clock.simulatedNow} (x${result.clock.accelerationFactor}); ${result.vehicles.length} of ${result.total} vehicles\n`);
      printTable(
        result.vehicles.map((vehicle) => ({
          key: vehicle.key, model: `${vehicle.year} ${vehicle.model}`, status: vehicle.status, odometerKm: vehicle.odometerKm,
          soc: vehicle.stateOfCharge, fuel: vehicle.fuelLevel, fault: vehicle.fault, owner: vehicle.owner,
        })),
        false,
      );
      const next = options.offset + options.limit;
      if (next < result.total) {
        const filters = [...(make === undefined ? [] : ['--make', make]), ...(mode === undefined ? [] : ['--mode', mode])];
        process.stdout.write(`more: carport fleet list ${[...filters, '--offset', String(next), '--limit', String(options.limit)].join(' ')}\n`);
      }
    });

  fleet
    .command('accounts')
    .description('List the live-mode demo owners (password carport-demo) and their VINs')
    .option('--json', 'print a JSON array', false)
    .action(async (options: { json: boolean }, command: Command) => {
      const accounts = await withOperator(command, (operator) => operator.accounts());
      printTable(accounts.map(({ email, make, vins }) => ({ email, make, vins })), options.json);
    });

  withSelectorOptions(fleet.command('show').description("Show one vehicle's state").argument('<vehicle>', vehicleArgument)).action(
    async (vehicle: string, options: SelectorOptions, command: Command) => {
      printRecord({ ...(await withOperator(command, (operator) => operator.show(selectorOf(vehicle, options)))) }, options.json);
    },
  );

  fleet
    .command('advance')
    .description('Move simulated time forward for every process on this database')
    .argument('<duration>', `how far: ${simulator.DURATION_FORMS}; at most ${simulator.MAX_DURATION_TEXT}`)
    .option('--json', 'print exactly one JSON object', false)
    .action(async (duration: string, options: { json: boolean }, command: Command) => {
      const milliseconds = durationMs(duration);
      printRecord(await withOperator(command, (operator) => operator.advance(milliseconds)), options.json);
    });

  withSelectorOptions(fleet.command('plug').description('Plug a charging cable in where the vehicle is parked').argument('<vehicle>', vehicleArgument))
    .option('--dc', 'a DC fast charger instead of the AC wall box', false)
    .option('--power-kw <kw>', 'charger power')
    .action(async (vehicle: string, options: SelectorOptions & { dc: boolean; powerKw?: string }, command: Command) => {
      const details = await withOperator(command, (operator) =>
        operator.plug(selectorOf(vehicle, options), options.dc ? 'DC' : 'AC', options.powerKw === undefined ? undefined : Number(options.powerKw)),
      );
      printRecord({ ...details }, options.json);
    });

  withSelectorOptions(fleet.command('unplug').description('Unplug the charging cable').argument('<vehicle>', vehicleArgument)).action(
    async (vehicle: string, options: SelectorOptions, command: Command) => {
      printRecord({ ...(await withOperator(command, (operator) => operator.unplug(selectorOf(vehicle, options)))) }, options.json);
    },
  );

  withSelectorOptions(
    fleet
      .command('fault')
      .description(`Inject a fault (${simulator.faultKinds.join(', ')}) or clear it`)
      .argument('<vehicle>', vehicleArgument)
      .argument('<kind>', `${simulator.faultKinds.join(', ')} or clear`),
  )
    .option('--code <code>', `upstream: ${simulator.upstreamCodes.join(', ')}; account: ${simulator.accountCodes.join(', ')}`)
    .option('--delay-ms <ms>', 'slow: added latency per request')
    .option('--rpm <n>', 'rate_limit: requests accepted per minute (0 refuses all)')
    .option('--for <duration>', 'simulated time until the fault clears by itself, e.g. 10m, 2h')
    .action(async (vehicle: string, kind: string, options: SelectorOptions & { code?: string; delayMs?: string; rpm?: string; for?: string }, command: Command) => {
      const faultKind = simulator.faultKinds.find((candidate) => candidate === kind);
      if (kind !== 'clear' && faultKind === undefined) throw new Error(`fault kind must be one of ${simulator.faultKinds.join(', ')} or clear`);
      // Which code fits which kind is the operator's check (it also knows the vehicle's make).
      const codes = [...simulator.upstreamCodes, ...simulator.accountCodes];
      const code = codes.find((candidate) => candidate === options.code?.toUpperCase());
      if (options.code !== undefined && code === undefined) throw new Error(`--code must be one of ${codes.join(', ')}`);
      const lastsMs = options.for === undefined ? null : durationMs(options.for);
      const details = await withOperator(command, async (operator) => {
        const now = Date.parse((await operator.clock()).simulatedNow);
        const fault = faultKind === undefined ? null : {
          kind: faultKind,
          ...(code === undefined ? {} : { code }),
          ...(options.delayMs === undefined ? {} : { delayMs: Number(options.delayMs) }),
          ...(options.rpm === undefined ? {} : { requestsPerMinute: Number(options.rpm) }),
          until: lastsMs === null ? null : now + lastsMs,
        };
        return operator.fault(selectorOf(vehicle, options), fault);
      });
      printRecord({ ...details }, options.json);
    });

  withSelectorOptions(fleet.command('swap').description("Swap a NIO vehicle's battery pack").argument('<vehicle>', vehicleArgument))
    .requiredOption('--pack <index>', "index of the pack in the model's batteries (0: 75 kWh, 1: 100 kWh)")
    .option('--soc <fraction>', 'state of charge of the new pack', '0.95')
    .action(async (vehicle: string, options: SelectorOptions & { pack: string; soc: string }, command: Command) => {
      const details = await withOperator(command, (operator) => operator.swap(selectorOf(vehicle, options), Number(options.pack), Number(options.soc)));
      printRecord({ ...details }, options.json);
    });
}

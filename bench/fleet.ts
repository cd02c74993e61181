/**
 * @module Fleet benchmark: builds a simulated fleet (1,000,000 vehicles by default), reads every
 * vehicle's state, runs a simulated day of events, and prints resident memory after creation and
 * after the day and state reads per second, each against its goal. For context it also reads a
 * plain Map of precomputed objects, keyed the same way, in a process of its own. The fleet's
 * process gets an old-space budget (`--max-old-space-size`, as a container would): without it V8
 * keeps collected garbage resident because nothing asks it not to.
 * Run: `npx tsx --conditions=source bench/fleet.ts [--vehicles N] [--no-heap-cap]`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { simulator } from '@carport/server';

const { EventScheduler, HOUR_MS, InMemoryInterventionLog, MINUTE_MS, SimulatedFleet, fleetVehicleSpec } = simulator;

/** What one state read hands back: the figures a dashboard row or a batch of core reads needs. */
interface StateRow {
  stateOfCharge: number;
  odometerKm: number;
  rangeKm: number;
  charging: boolean;
  driving: boolean;
}

/** What the fleet's process measures. */
interface FleetFigures {
  readonly createdRssBytes: number;
  readonly afterDayRssBytes: number;
  readonly liveHeapBytes: number;
  readonly externalBytes: number;
  readonly readsPerSecond: number;
  readonly eventsPerSimulatedHour: number;
  /** Real time to produce one simulated hour of events, ms. */
  readonly msPerSimulatedHour: number;
  readonly registerMs: number;
  readonly coldMs: number;
  readonly byType: Record<string, number>;
}

/** What the plain-objects process measures. */
interface MapFigures {
  readonly rssBytes: number;
  readonly readsPerSecond: number;
}

const GOALS = { vehicles: 1_000_000, residentMiB: 2048, readsPerSecond: 500_000 } as const;
/** The fleet's process gets this old-space budget unless `--no-heap-cap` is given. */
const HEAP_CAP_MIB = 1024;

function optionValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

const vehiclesText = optionValue('--vehicles') ?? String(GOALS.vehicles);
if (!/^\d+$/.test(vehiclesText) || Number(vehiclesText) < 1) throw new Error(`--vehicles takes a positive whole number, not ${vehiclesText}`);
const vehicles = Number(vehiclesText);
const simulationStart = Date.parse('2026-03-02T00:00:00.000Z');
const firstTime = simulationStart + 30 * HOUR_MS;
const HOURS = 24;
const READ_ROUNDS = 5;

// Forced collections make resident memory reflect what is kept, not garbage waiting for collection.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
function settled(): NodeJS.MemoryUsage {
  collect();
  collect();
  const usage = process.memoryUsage();
  if (process.env.FLEET_BENCH_VERBOSE !== undefined) {
    const status = readFileSync('/proc/self/status', 'utf8').split('\n').filter((line) => line.startsWith('Rss')).join(' ');
    process.stderr.write(`${status}; heap used ${usage.heapUsed >> 20} of ${usage.heapTotal >> 20} MiB, external ${usage.external >> 20} MiB\n`);
  }
  return usage;
}

function readsPerSecond(keys: readonly string[], read: (key: string, time: number) => StateRow): number {
  let checksum = 0;
  const began = performance.now();
  for (let round = 0; round < READ_ROUNDS; round++) {
    const time = firstTime + (round + 1) * MINUTE_MS;
    for (const key of keys) checksum += read(key, time).stateOfCharge;
  }
  const elapsed = performance.now() - began;
  if (!Number.isFinite(checksum)) throw new Error('state reads produced no numbers');
  return Math.round(((READ_ROUNDS * keys.length) / elapsed) * 1000);
}

const keyOf = (make: string, vin: string): string => `live/${make}/${vin}`;

/** The simulated fleet: register, first reads, steady reads, then a simulated day of events. */
function measureFleet(): FleetFigures {
  const fleet = new SimulatedFleet({ seed: 'bench', simulationStart, log: new InMemoryInterventionLog() });
  const keys: string[] = [];
  let began = performance.now();
  for (let index = 0; index < vehicles; index++) keys.push(fleet.register(fleetVehicleSpec(fleet.seed, index, keyOf)).key);
  const registerMs = performance.now() - began;
  began = performance.now();
  for (const key of keys) fleet.read(key, firstTime);
  const coldMs = performance.now() - began;
  const created = settled();
  const perSecond = readsPerSecond(keys, (key, time) => {
    const reading = fleet.read(key, time);
    return { stateOfCharge: reading.stateOfCharge, odometerKm: reading.odometerKm, rangeKm: reading.electricRangeKm, charging: reading.state.charging, driving: reading.driving };
  });
  const byType: Record<string, number> = {};
  let events = 0;
  const scheduler = new EventScheduler({
    fleet,
    emit: (event) => {
      events += 1;
      byType[event.type] = (byType[event.type] ?? 0) + 1;
    },
  });
  for (const key of keys) scheduler.watch(key, firstTime);
  began = performance.now();
  for (let time = firstTime; time <= firstTime + HOURS * HOUR_MS; time += MINUTE_MS) scheduler.runUntil(time);
  const eventMs = performance.now() - began;
  const afterDay = settled();
  return {
    createdRssBytes: created.rss, afterDayRssBytes: afterDay.rss, liveHeapBytes: Math.max(created.heapUsed, afterDay.heapUsed),
    externalBytes: Math.max(created.external, afterDay.external), readsPerSecond: perSecond, eventsPerSimulatedHour: events / HOURS,
    msPerSimulatedHour: eventMs / HOURS, registerMs, coldMs, byType,
  };
}

/** For context: the same number of rows as plain objects in a Map under the same keys. */
function measureMap(): MapFigures {
  const keys = Array.from({ length: vehicles }, (_unused, index) => keyOf('MAKE', String(index).padStart(17, '0')));
  const rows = new Map<string, StateRow>(keys.map((key, index) => [key, {
    stateOfCharge: (index % 100) / 100, odometerKm: index * 10, rangeKm: index % 400, charging: index % 7 === 0, driving: index % 11 === 0,
  }]));
  const { rss } = settled();
  const missing: StateRow = { stateOfCharge: 0, odometerKm: 0, rangeKm: 0, charging: false, driving: false };
  const perSecond = readsPerSecond(keys, (key) => {
    const row = rows.get(key) ?? missing;
    return { stateOfCharge: row.stateOfCharge, odometerKm: row.odometerKm, rangeKm: row.rangeKm, charging: row.charging, driving: row.driving };
  });
  return { rssBytes: rss, readsPerSecond: perSecond };
}

/** Runs one side in a child process (this script again) and returns what it printed. */
function child(mode: string, nodeFlags: readonly string[] = []): unknown {
  const args = [...nodeFlags, ...process.execArgv, process.argv[1] ?? '', '--vehicles', String(vehicles), mode];
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`benchmark child ${mode} failed with status ${String(result.status)}`);
  return JSON.parse(result.stdout);
}

if (process.argv.includes('--fleet')) {
  process.stdout.write(JSON.stringify(measureFleet()));
} else if (process.argv.includes('--map')) {
  process.stdout.write(JSON.stringify(measureMap()));
} else {
  const capped = !process.argv.includes('--no-heap-cap');
  const fleet = child('--fleet', capped ? [`--max-old-space-size=${HEAP_CAP_MIB}`] : []) as FleetFigures;
  const map = child('--map') as MapFigures;
  const mib = (bytes: number): number => bytes / 1024 / 1024;
  const count = (value: number): string => Math.round(value).toLocaleString('en');
  const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');
  // The memory goal is for a fleet of the goal's size: a smaller run shows its figure but cannot meet or miss it.
  const atGoalSize = vehicles >= GOALS.vehicles;
  const memoryVerdict = (bytes: number): string => (atGoalSize ? verdict(mib(bytes) <= GOALS.residentMiB) : `${(bytes / vehicles).toFixed(0)} B per vehicle`);
  const table = [
    ['figure', 'measured', 'goal (baseline)', 'verdict'],
    ['vehicles', count(vehicles), count(GOALS.vehicles), verdict(vehicles >= GOALS.vehicles)],
    ['resident after creation and first reads', `${mib(fleet.createdRssBytes).toFixed(0)} MiB`, `≤ ${GOALS.residentMiB} MiB`, memoryVerdict(fleet.createdRssBytes)],
    ['resident after a simulated day', `${mib(fleet.afterDayRssBytes).toFixed(0)} MiB`, `≤ ${GOALS.residentMiB} MiB`, memoryVerdict(fleet.afterDayRssBytes)],
    ['state reads / s', count(fleet.readsPerSecond), `≥ ${count(GOALS.readsPerSecond)}`, verdict(fleet.readsPerSecond >= GOALS.readsPerSecond)],
    ['plain Map-of-objects reads / s (context)', count(map.readsPerSecond), '', `fleet at ${((100 * fleet.readsPerSecond) / map.readsPerSecond).toFixed(1)} %`],
    ['plain Map-of-objects resident (context)', `${mib(map.rssBytes).toFixed(0)} MiB`, '', ''],
  ];
  const widths = table[0]?.map((_cell, column) => Math.max(...table.map((row) => (row[column] ?? '').length))) ?? [];
  process.stdout.write(`Simulated fleet benchmark: ${count(vehicles)} vehicles, ${HOURS} simulated hours of events (node ${process.version})\n`);
  process.stdout.write(`fleet process: ${capped ? `--max-old-space-size=${HEAP_CAP_MIB}` : 'no heap cap'}; registration ${fleet.registerMs.toFixed(0)} ms; first reads (about a simulated day each) ${fleet.coldMs.toFixed(0)} ms\n`);
  process.stdout.write(`live heap ${mib(fleet.liveHeapBytes).toFixed(0)} MiB, typed arrays and other external memory ${mib(fleet.externalBytes).toFixed(0)} MiB\n\n`);
  for (const row of table) process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}\n`);
  process.stdout.write(`\nevents: ${count(fleet.eventsPerSimulatedHour)} per simulated hour, ${fleet.msPerSimulatedHour.toFixed(0)} ms of real time per simulated hour\n`);
  process.stdout.write(`events by type: ${Object.entries(fleet.byType).map(([type, total]) => `${type} ${total}`).join(', ')}\n`);
}

/**
 * @module Fleet benchmark: builds a simulated fleet (100,000 vehicles by default) and prints its
 * resident memory, state reads per second and events produced per simulated hour beside a
 * baseline, as a ratio. The baseline (plain precomputed objects, read by copying them; the same
 * number of precomputed events, drained minute by minute) and the fleet each run in a child
 * process of their own, so each resident-memory figure is one process's. The fleet's process gets
 * the memory budget the aim sets (`--max-old-space-size`, as a container would): without it V8
 * keeps several hundred MiB of collected garbage resident because nothing asks it not to.
 * Run: `npx tsx --conditions=source bench/fleet.ts [vehicles] [--no-heap-cap]`.
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

/** The figures one side of the comparison produces. */
interface Figures {
  readonly rssBytes: number;
  readonly peakRssBytes: number;
  readonly readsPerSecond: number;
  readonly eventsPerSimulatedHour: number;
  /** Real time to produce one simulated hour of events, ms. */
  readonly msPerSimulatedHour: number;
  /** V8 heap in use after a full collection, bytes (what the fleet really keeps). */
  readonly liveHeapBytes: number;
}

/** The fleet's process gets this old-space budget unless `--no-heap-cap` is given. */
const HEAP_CAP_MIB = 768;

const vehicles = Number(process.argv[2] !== undefined && /^\d+$/.test(process.argv[2]) ? process.argv[2] : 100_000);
const simulationStart = Date.parse('2026-03-02T00:00:00.000Z');
const firstTime = simulationStart + 30 * HOUR_MS;
const HOURS = 24;
const READ_ROUNDS = 5;

// Forced collections make resident memory reflect what is kept, not garbage waiting for collection.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
let peakRss = 0;
let liveHeap = 0;
function settledRss(): number {
  collect();
  collect();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  peakRss = Math.max(peakRss, rss);
  liveHeap = Math.max(liveHeap, heapUsed);
  if (process.env.FLEET_BENCH_VERBOSE !== undefined) {
    const status = readFileSync('/proc/self/status', 'utf8').split('\n').filter((line) => line.startsWith('Rss')).join(' ');
    process.stderr.write(`${status}; heap used ${heapUsed >> 20} of ${heapTotal >> 20} MiB, external ${external >> 20} MiB\n`);
  }
  return rss;
}

function readsPerSecond(read: (index: number, time: number) => StateRow): number {
  let checksum = 0;
  const began = performance.now();
  for (let round = 0; round < READ_ROUNDS; round++) {
    for (let index = 0; index < vehicles; index++) checksum += read(index, firstTime + (round + 1) * MINUTE_MS).stateOfCharge;
  }
  const elapsed = performance.now() - began;
  if (!Number.isFinite(checksum)) throw new Error('state reads produced no numbers');
  return Math.round(((READ_ROUNDS * vehicles) / elapsed) * 1000);
}

/** The simulated fleet: register, first reads, steady reads, then a simulated day of events. */
function measureFleet(): Figures & { registerMs: number; coldMs: number; byType: Record<string, number> } {
  const fleet = new SimulatedFleet({ seed: 'bench', simulationStart, log: new InMemoryInterventionLog() });
  const keys: string[] = [];
  let began = performance.now();
  for (let index = 0; index < vehicles; index++) {
    const spec = fleetVehicleSpec(fleet.seed, index, (make, vin) => `live/${make}/${vin}`);
    fleet.register(spec);
    keys.push(spec.key);
  }
  const registerMs = performance.now() - began;
  began = performance.now();
  for (const key of keys) fleet.read(key, firstTime);
  const coldMs = performance.now() - began;
  const rssBytes = settledRss();
  const perSecond = readsPerSecond((index, time) => {
    const reading = fleet.read(keys[index] ?? '', time);
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
  settledRss();
  return {
    rssBytes, peakRssBytes: peakRss, readsPerSecond: perSecond, eventsPerSimulatedHour: events / HOURS, msPerSimulatedHour: eventMs / HOURS,
    liveHeapBytes: liveHeap, registerMs, coldMs, byType,
  };
}

/** The baseline: the same rows as plain objects, and the same number of events precomputed. */
function measureBaseline(eventCount: number): Figures {
  const rows: StateRow[] = Array.from({ length: vehicles }, (_unused, index) => ({
    stateOfCharge: (index % 100) / 100, odometerKm: index * 10, rangeKm: index % 400, charging: index % 7 === 0, driving: index % 11 === 0,
  }));
  const events = Array.from({ length: eventCount }, (_unused, index) => ({ occurredAt: firstTime + ((index * HOURS * HOUR_MS) / eventCount), eventId: `event-${index}` }));
  const rssBytes = settledRss();
  const perSecond = readsPerSecond((index) => {
    const row = rows[index] ?? { stateOfCharge: 0, odometerKm: 0, rangeKm: 0, charging: false, driving: false };
    return { stateOfCharge: row.stateOfCharge, odometerKm: row.odometerKm, rangeKm: row.rangeKm, charging: row.charging, driving: row.driving };
  });
  let drained = 0;
  const began = performance.now();
  for (let time = firstTime, cursor = 0; time <= firstTime + HOURS * HOUR_MS; time += MINUTE_MS) {
    while (cursor < events.length && (events[cursor]?.occurredAt ?? Infinity) <= time) {
      drained += 1;
      cursor += 1;
    }
  }
  const msPerSimulatedHour = (performance.now() - began) / HOURS;
  settledRss();
  return { rssBytes, peakRssBytes: peakRss, readsPerSecond: perSecond, eventsPerSimulatedHour: drained / HOURS, msPerSimulatedHour, liveHeapBytes: liveHeap };
}

/** Runs one side in a child process (this script again) and returns what it printed. */
function child(args: readonly string[], nodeFlags: readonly string[] = []): unknown {
  const result = spawnSync(process.execPath, [...nodeFlags, ...process.execArgv, process.argv[1] ?? '', ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0) throw new Error(`benchmark child ${args.join(' ')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

const mode = process.argv[3];
if (mode === '--baseline') {
  process.stdout.write(JSON.stringify(measureBaseline(Number(process.argv[4]))));
} else if (mode === '--fleet') {
  process.stdout.write(JSON.stringify(measureFleet()));
} else {
  const capped = !process.argv.includes('--no-heap-cap');
  const fleet = child([String(vehicles), '--fleet'], capped ? [`--max-old-space-size=${HEAP_CAP_MIB}`] : []) as ReturnType<typeof measureFleet>;
  const baseline = child([String(vehicles), '--baseline', String(Math.round(fleet.eventsPerSimulatedHour * HOURS))]) as Figures;
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  const table = [
    ['figure', 'simulated fleet', 'baseline (plain objects)', 'fleet / baseline'],
    ['resident memory', mib(fleet.rssBytes), mib(baseline.rssBytes), (fleet.rssBytes / baseline.rssBytes).toFixed(2)],
    ['resident after events', mib(fleet.peakRssBytes), mib(baseline.peakRssBytes), (fleet.peakRssBytes / baseline.peakRssBytes).toFixed(2)],
    ['live heap', mib(fleet.liveHeapBytes), mib(baseline.liveHeapBytes), (fleet.liveHeapBytes / baseline.liveHeapBytes).toFixed(2)],
    ['state reads / s', fleet.readsPerSecond.toLocaleString('en'), baseline.readsPerSecond.toLocaleString('en'), (fleet.readsPerSecond / baseline.readsPerSecond).toFixed(3)],
    ['events / simulated hour', Math.round(fleet.eventsPerSimulatedHour).toLocaleString('en'), Math.round(baseline.eventsPerSimulatedHour).toLocaleString('en'), (fleet.eventsPerSimulatedHour / baseline.eventsPerSimulatedHour).toFixed(2)],
    ['ms per simulated hour', fleet.msPerSimulatedHour.toFixed(1), baseline.msPerSimulatedHour.toFixed(2), (fleet.msPerSimulatedHour / baseline.msPerSimulatedHour).toFixed(0)],
  ];
  const widths = table[0]?.map((_cell, column) => Math.max(...table.map((row) => (row[column] ?? '').length))) ?? [];
  process.stdout.write(`Simulated fleet benchmark: ${vehicles.toLocaleString('en')} vehicles, ${HOURS} simulated hours of events (node ${process.version})\n`);
  process.stdout.write(`fleet process: ${capped ? `--max-old-space-size=${HEAP_CAP_MIB}` : 'no heap cap'}; registration ${fleet.registerMs.toFixed(0)} ms; first reads (about a simulated day each) ${fleet.coldMs.toFixed(0)} ms\n\n`);
  for (const row of table) process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}\n`);
  process.stdout.write(`\nevents by type: ${Object.entries(fleet.byType).map(([type, count]) => `${type} ${count}`).join(', ')}\n`);
}

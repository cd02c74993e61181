/**
 * @module The simulated provider: every make in live, test and simulated modes, backed by the
 * deterministic fleet. Reads shape one simulator reading into each endpoint's body; commands check
 * the vehicle's state, record interventions and answer as the vehicle would; faults and latency
 * make it behave like a manufacturer's cloud.
 */
import { vehicleModes } from '../../catalog/vehicle-modes.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeCatalog } from '../../catalog/makes.js';
import { findError } from '../../catalog/errors.js';
import type { Fault, InterventionLog } from '../../simulator/index.js';
import type { PasswordLinking, SignInCredentials, SignInResult, VehicleEventSink, VehicleProvider } from '../contract/index.js';
import {
  VehicleError, incapableError, isVehicleError, type CommandRequest, type ProviderAccount, type ProviderVehicle, type ReadOutcome, type ReadRequest,
  type VehicleMode, type VehicleRef,
} from '../vehicle-provider.js';
import { accountVehicleIds, signIn } from './accounts.js';
import { EventPump } from './event-pump.js';
import { activeFault, faultEffect, ManufacturerRateLimiter, type FaultEffect } from './faults.js';
import { FleetRuntime } from './fleet-runtime.js';
import { commandHandlers, makeBehaviours, readHandlers } from './makes/index.js';
import { readContextOf, type CommandContext, type ReadContext, type SimulatedVehicle } from './vehicle-context.js';
import { sceneOf } from './vehicle-scene.js';

/** Real-time latency of commands: manufacturers' clouds take a while, and longer when the car must wake. */
export interface SimulatedLatency {
  readonly commandMs: number;
  readonly wakeMs: number;
}

/** Options of {@link SimulatedVehicleProvider}. */
export interface SimulatedProviderOptions {
  /** Fleet seed: the same seed gives the same vehicles and behaviour everywhere. */
  readonly seed: string;
  /** Vehicles in the embedded live-mode fleet (owned by the demo accounts). */
  readonly fleetSize: number;
  /** Simulated seconds per real second. */
  readonly accelerationFactor: number;
  readonly log: InterventionLog;
  /** The real clock; default the system clock. */
  readonly now?: () => Date;
  /** Carport's public origin, for URLs in answers. */
  readonly publicUrl?: string;
  readonly latency?: SimulatedLatency;
  /** Waits `ms` real milliseconds; tests inject a recorder. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Reports background errors (the event pump never throws). */
  readonly onError?: (error: unknown) => void;
  readonly pollIntervalMs?: number;
  /**
   * The makes Connect links through this provider; default every make of the catalog. Vehicles
   * already connected stay served whatever this says (they are routed by provider id).
   */
  readonly makes?: readonly string[];
  /** The modes Connect links through this provider; default all three. */
  readonly modes?: readonly VehicleMode[];
}


/** A vehicle at the workshop for a service visit: its manufacturer's cloud cannot reach it. */
function offlineForService(): VehicleError {
  return new VehicleError('VEHICLE_STATE', 'VEHICLE_OFFLINE_FOR_SERVICE', { message: 'The vehicle is at the workshop for a service visit.' });
}

/** A handler's refusal; anything else is a bug and propagates (the HTTP layer answers it as SERVER:INTERNAL). */
function asVehicleError(error: unknown): VehicleError {
  if (!isVehicleError(error) || findError(error.type, error.code) === undefined) throw error;
  return error;
}

/** The embedded default provider: a simulated fleet of every make. */
export class SimulatedVehicleProvider implements VehicleProvider {
  readonly id = 'simulated';
  readonly makes: readonly string[];
  readonly modes: readonly VehicleMode[];
  /** Owners link with the documented demo and test logins, checked here. */
  readonly linking: PasswordLinking = { kind: 'password', signIn: (make, mode, credentials) => this.signIn(make, mode, credentials) };
  readonly #options: SimulatedProviderOptions;
  readonly #listeners = new Set<VehicleEventSink>();
  readonly #limiter = new ManufacturerRateLimiter();
  #runtime: Promise<{ runtime: FleetRuntime; pump: EventPump }> | undefined;
  #started = false;

  constructor(options: SimulatedProviderOptions) {
    this.#options = options;
    this.makes = options.makes ?? makeCatalog.map((make) => make.id);
    this.modes = options.modes ?? vehicleModes;
  }

  get #publicUrl(): string {
    return this.#options.publicUrl ?? 'http://localhost:8080';
  }

  #realNow(): number {
    return (this.#options.now?.() ?? new Date()).getTime();
  }

  /** The fleet runtime, opened on first use (a read may arrive before `start`). */
  runtime(): Promise<FleetRuntime> {
    return this.#open().then(({ runtime }) => runtime);
  }

  #open(): Promise<{ runtime: FleetRuntime; pump: EventPump }> {
    this.#runtime ??= FleetRuntime.open({
      seed: this.#options.seed,
      fleetSize: this.#options.fleetSize,
      accelerationFactor: this.#options.accelerationFactor,
      log: this.#options.log,
      realNow: () => this.#realNow(),
    }).then((runtime) => {
      const pump = new EventPump({
        runtime,
        log: this.#options.log,
        realNow: () => this.#realNow(),
        emit: (event) => {
          for (const listener of this.#listeners) listener(event);
        },
        onError: (error) => this.#options.onError?.(error),
        pollIntervalMs: this.#options.pollIntervalMs ?? 2_000,
      });
      for (const key of runtime.fleetKeys) pump.watch(key);
      return { runtime, pump };
    });
    return this.#runtime;
  }

  async #resolve(ref: VehicleRef): Promise<{ runtime: FleetRuntime; pump: EventPump; vehicle: SimulatedVehicle | null }> {
    const { runtime, pump } = await this.#open();
    const vehicle = runtime.resolve(ref);
    if (vehicle !== null) pump.watch(vehicle.key);
    return { runtime, pump, vehicle };
  }

  /** Checks an owner's credentials for `make` in `mode`. Test mode accepts any password. */
  signIn(make: string, mode: VehicleMode, credentials: SignInCredentials): Promise<SignInResult> {
    return Promise.resolve(signIn(make, mode, credentials, this.#options.fleetSize));
  }

  async listVehicles(account: ProviderAccount): Promise<readonly ProviderVehicle[]> {
    const { runtime } = await this.#open();
    const ids = accountVehicleIds(account, this.#options.fleetSize, (index) => runtime.fleetVehicleId(index));
    const vehicles: ProviderVehicle[] = [];
    for (const providerVehicleId of ids) {
      const { vehicle } = await this.#resolve({ make: account.make, mode: account.mode, providerVehicleId });
      if (vehicle !== null) vehicles.push(vehicle.vehicle);
    }
    return vehicles;
  }

  async resumeEvents(ref: VehicleRef, since: Date): Promise<void> {
    const { runtime, pump, vehicle } = await this.#resolve(ref);
    if (vehicle === null) return;
    await runtime.sync(vehicle.key);
    pump.watchFrom(vehicle.key, runtime.clock.simulatedAt(since.getTime()));
  }

  async getVehicle(ref: VehicleRef): Promise<ProviderVehicle | null> {
    return (await this.#resolve(ref)).vehicle?.vehicle ?? null;
  }

  async read(ref: VehicleRef, requests: readonly ReadRequest[]): Promise<readonly ReadOutcome[]> {
    const { runtime, vehicle } = await this.#resolve(ref);
    if (vehicle === null) return requests.map(() => ({ ok: false, error: new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'VEHICLE_MISSING') }));
    await runtime.sync(vehicle.key);
    const now = runtime.clock.now();
    const { fault, effect } = this.#faultEffect(runtime, vehicle.key, now, 'read');
    if (effect.delayMs > 0) await this.#sleep(effect.delayMs);
    if (effect.error !== null) return requests.map(() => ({ ok: false, error: effect.error ?? new VehicleError('UPSTREAM', 'UNKNOWN_ISSUE') }));
    // One reading serves every request of the batch: the vehicle is asked once.
    const reading = runtime.fleet.read(vehicle.key, effect.dataTime ?? now);
    const scene = sceneOf(ref, reading);
    if (scene.inService) return requests.map(() => ({ ok: false, error: offlineForService() }));
    const publicUrl = this.#publicUrl;
    const recordedAt = new Date(reading.time);
    return requests.map((request): ReadOutcome => {
      try {
        const context = readContextOf(vehicle, { reading, now, query: request.query ?? {}, fleet: runtime.fleet, publicUrl, fault, scene });
        return { ok: true, body: this.#readOne(vehicle, request, context), recordedAt };
      } catch (error) {
        return { ok: false, error: asVehicleError(error) };
      }
    });
  }

  #readOne(vehicle: SimulatedVehicle, request: ReadRequest, context: ReadContext): unknown {
    const handler = readHandlers[request.endpointId];
    if (!vehicle.vehicle.capabilities.has(request.endpointId) || handler === undefined) throw incapableError(vehicle.vehicle, request.endpointId);
    makeBehaviours[vehicle.profile.make]?.checkRead?.(request.endpointId, context);
    return handler(context);
  }

  async execute(ref: VehicleRef, command: CommandRequest): Promise<unknown> {
    const { runtime, pump, vehicle } = await this.#resolve(ref);
    if (vehicle === null) throw new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'VEHICLE_MISSING');
    const handler = commandHandlers[command.endpointId];
    if (!vehicle.vehicle.capabilities.has(command.endpointId) || handler === undefined) throw incapableError(vehicle.vehicle, command.endpointId);
    await runtime.sync(vehicle.key);
    const now = runtime.clock.now();
    const { fault, effect } = this.#faultEffect(runtime, vehicle.key, now, 'command');
    if (effect.error !== null) throw effect.error;
    const reading = runtime.fleet.read(vehicle.key, now);
    const scene = sceneOf(ref, reading);
    if (scene.inService) throw offlineForService();
    const latency = this.#options.latency ?? { commandMs: 0, wakeMs: 0 };
    // A sleeping vehicle must wake first: the command takes longer.
    await this.#sleep(effect.delayMs + (reading.asleep ? latency.wakeMs : latency.commandMs));
    const context: CommandContext = Object.assign(readContextOf(vehicle, { reading, now, query: command.query ?? {}, fleet: runtime.fleet, publicUrl: this.#publicUrl, fault, scene }), { request: command });
    const behaviour = makeBehaviours[vehicle.profile.make];
    behaviour?.checkCommand?.(command.endpointId, context);
    const outcome = handler(context);
    const actions = behaviour?.adaptActions?.(command.endpointId, outcome.actions, context) ?? outcome.actions;
    for (const action of reading.asleep ? [{ kind: 'wake' as const }, ...actions] : actions) {
      await runtime.fleet.record(vehicle.key, now, action, { recordedAt: this.#realNow() });
    }
    pump.touch(vehicle.key);
    return outcome.body;
  }

  /** The owner's choice is an intervention like any other, so every process sharing the database sees it. */
  async selectNominalCapacity(ref: VehicleRef, nominalKwh: number): Promise<void> {
    const { runtime, vehicle } = await this.#resolve(ref);
    if (vehicle === null) throw new VehicleError('CONNECTED_SERVICES_ACCOUNT', 'VEHICLE_MISSING');
    await runtime.sync(vehicle.key);
    await runtime.fleet.record(vehicle.key, runtime.clock.now(), { kind: 'select_capacity', nominalKwh }, { recordedAt: this.#realNow() });
  }

  /** Re-examines a vehicle's upcoming events after an intervention recorded outside a command (the operator view). */
  async touch(key: string): Promise<void> {
    const { pump } = await this.#open();
    pump.touch(key);
  }

  #faultEffect(runtime: FleetRuntime, key: string, now: number, operation: 'read' | 'command'): { fault: Fault | null; effect: FaultEffect } {
    const active = activeFault(runtime.fleet.interventions(key).list, now);
    return { fault: active?.fault ?? null, effect: faultEffect(active, operation, this.#limiter, key, this.#realNow()) };
  }

  #sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return this.#options.sleep?.(ms) ?? sleep(ms);
  }

  subscribe(listener: VehicleEventSink): () => void {
    this.#listeners.add(listener);
    if (this.#started) {
      this.#open().then(
        ({ pump }) => {
          pump.start();
        },
        (error: unknown) => this.#options.onError?.(error),
      );
    }
    return () => {
      this.#listeners.delete(listener);
    };
  }

  async start(): Promise<void> {
    this.#started = true;
    const { pump } = await this.#open();
    if (this.#listeners.size > 0) pump.start();
  }

  async stop(): Promise<void> {
    this.#started = false;
    if (this.#runtime === undefined) return;
    const { pump } = await this.#runtime;
    await pump.stop();
  }
}

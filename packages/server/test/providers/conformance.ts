/**
 * @module The provider conformance suite, one suite every implementation runs (the simulated
 * provider, the test fakes, and each manufacturer's provider against its emulator), in the way
 * better-auth's `createTestSuite` serves every database adapter: the provider declares a
 * well-formed contract, declared reads answer schema-valid bodies with a recorded-at time,
 * undeclared endpoints fail with `COMPATIBILITY:VEHICLE_NOT_CAPABLE` (or `SMARTCAR_NOT_CAPABLE`
 * where the vehicle declares the endpoint unserved), commands change what later reads show, and
 * every failure is a catalog error. A case that cannot run is skipped with its reason; an
 * implementation may skip a whole case by name, with its reason, in `skip`.
 */
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it, type TestContext } from 'vitest';
import { endpointCatalog, registerSchemaFormats, type EndpointId } from '../../src/catalog/endpoints/index.js';
import { findError } from '../../src/catalog/errors.js';
import { findMake } from '../../src/catalog/makes.js';
import type { EndpointDefinition } from '../../src/catalog/types.js';
import type { VehicleProvider } from '../../src/providers/contract/index.js';
import { VehicleError, type ProviderVehicle, type ReadOutcome, type VehicleRef } from '../../src/providers/vehicle-provider.js';
import { commandScenarios, type ScenarioStep } from './conformance-scenarios.js';

registerSchemaFormats();

/** A provider under test, fresh for one test case, and what it can do to set a scene. */
export interface ConformanceSubject {
  readonly provider: VehicleProvider;
  /** Plugs the vehicle in below its charge limit; returns why it cannot, or null when done. Absent: plug-in cases are skipped. */
  readonly plugIn?: (ref: VehicleRef) => Promise<string | null>;
  /** Makes the vehicle charge; returns why it cannot, or null when charging. Absent: charging-only reads are skipped. */
  readonly startCharging?: (ref: VehicleRef) => Promise<string | null>;
  readonly close: () => Promise<void>;
}

/** A vehicle under test, with the capabilities its provider is expected to declare (known at collection time, so each declared command gets its own case). */
export interface ConformanceVehicle {
  readonly label: string;
  readonly ref: VehicleRef;
  readonly capabilities: ReadonlySet<EndpointId>;
}

/** The cases of the suite, by name (commands share one name: each declared command is a case of it). */
export const conformanceCases = ['contract', 'declared-capabilities', 'declared-reads', 'charging-reads', 'undeclared-reads', 'undeclared-commands', 'commands'] as const;
export type ConformanceCase = (typeof conformanceCases)[number];

/** The vehicles a suite covers and how to build a fresh subject for a test of one of them. */
export interface ConformanceOptions {
  readonly vehicles: readonly ConformanceVehicle[];
  readonly makeSubject: (vehicle: ConformanceVehicle) => Promise<ConformanceSubject>;
  /** Cases this implementation cannot run, each with the reason (shown in the skipped test's name). */
  readonly skip?: Readonly<Partial<Record<ConformanceCase, string>>>;
}

const linkingKinds = ['password', 'oauth-redirect', 'device-code'];
const modes = ['live', 'test', 'simulated'];

/** Endpoints a provider answers: the vehicle surface minus what the HTTP layer answers itself. */
const httpOnly = new Set(['listVehicles', 'getPermissions', 'disconnectVehicle', 'getUser', 'batch']);
export const providerEndpoints: readonly EndpointDefinition[] = endpointCatalog.filter((endpoint) => endpoint.surface === 'vehicle' && !httpOnly.has(endpoint.id));
const reads = providerEndpoints.filter((endpoint) => endpoint.method === 'GET');
const commands = providerEndpoints.filter((endpoint) => endpoint.method !== 'GET');

/** Errors a read may answer in some states (asleep data aside, charging-only reads). */
const stateDependent = new Set(['VEHICLE_STATE:NOT_CHARGING', 'VEHICLE_STATE:CHARGING_PLUG_NOT_CONNECTED']);

/** Asserts an error is a VehicleError naming a catalog pair. */
export function expectCatalogError(error: unknown): asserts error is VehicleError {
  expect(error).toBeInstanceOf(VehicleError);
  const vehicleError = error as VehicleError;
  expect(findError(vehicleError.type, vehicleError.code), `${vehicleError.type}:${vehicleError.code} is not in the error catalog`).toBeDefined();
}

function expectValidRead(endpoint: EndpointDefinition, outcome: ReadOutcome | undefined): void {
  expect(outcome, endpoint.id).toBeDefined();
  if (outcome === undefined || !outcome.ok) return;
  const errors = [...Value.Errors(endpoint.response, outcome.body)].map((error) => `${error.path} ${error.message}`);
  expect(errors, `${endpoint.id} answers a body its schema rejects`).toEqual([]);
  expect(outcome.recordedAt).toBeInstanceOf(Date);
  expect(Number.isNaN(outcome.recordedAt.getTime()), `${endpoint.id} recordedAt`).toBe(false);
}

async function withSubject(options: ConformanceOptions, vehicle: ConformanceVehicle, work: (subject: ConformanceSubject) => Promise<void>): Promise<void> {
  const subject = await options.makeSubject(vehicle);
  try {
    await work(subject);
  } finally {
    await subject.close();
  }
}

async function readOne(subject: ConformanceSubject, ref: VehicleRef, endpointId: EndpointId, query?: Readonly<Record<string, unknown>>): Promise<unknown> {
  const [outcome] = await subject.provider.read(ref, [{ endpointId, ...(query === undefined ? {} : { query }) }]);
  if (outcome === undefined) throw new Error(`no outcome for ${endpointId}`);
  if (!outcome.ok) throw outcome.error;
  return outcome.body;
}

async function declared(subject: ConformanceSubject, ref: VehicleRef): Promise<ReadonlySet<EndpointId>> {
  return (await declaredVehicle(subject, ref)).capabilities;
}

async function declaredVehicle(subject: ConformanceSubject, ref: VehicleRef): Promise<ProviderVehicle> {
  const vehicle = await subject.provider.getVehicle(ref);
  if (vehicle === null) throw new Error(`the provider does not know ${ref.providerVehicleId}`);
  return vehicle;
}

/** The code an undeclared endpoint answers: unserved ones `SMARTCAR_NOT_CAPABLE`, the rest `VEHICLE_NOT_CAPABLE`. */
function incapableCode(vehicle: ProviderVehicle, id: EndpointId): string {
  return vehicle.unserved?.has(id) === true ? 'SMARTCAR_NOT_CAPABLE' : 'VEHICLE_NOT_CAPABLE';
}

async function runStep(subject: ConformanceSubject, ref: VehicleRef, step: ScenarioStep, capabilities: ReadonlySet<EndpointId>, context: TestContext, first: boolean): Promise<void> {
  const observer = step.observedBy.find((id) => capabilities.has(id));
  if (observer === undefined) return context.skip(`${step.command.endpointId}: the vehicle declares none of ${step.observedBy.join(', ')}`);
  const query = step.queryFrom === undefined ? step.command.query : step.queryFrom.pick(await readOne(subject, ref, step.queryFrom.endpointId));
  try {
    const body = await subject.provider.execute(ref, { ...step.command, ...(query === undefined ? {} : { query }) });
    const endpoint = commands.find((candidate) => candidate.id === step.command.endpointId);
    if (endpoint !== undefined) expect(Value.Check(endpoint.response, body), `${endpoint.id} success body`).toBe(true);
  } catch (error) {
    expectCatalogError(error);
    // A refusal for the vehicle's state (GM's 50 % rule, a full battery) is a legitimate answer, not a conformance failure,
    // and so is refusing one action of a declared command once another worked (US Nissans only START charging).
    if (error.type === 'VEHICLE_STATE') return context.skip(`${step.command.endpointId} refused in this state: ${error.type}:${error.code}`);
    if (!first && error.type === 'COMPATIBILITY') return context.skip(`${step.command.endpointId} refuses this action: ${error.type}:${error.code}`);
    throw error;
  }
  const observed = await readOne(subject, ref, observer).catch((error: unknown) => {
    expectCatalogError(error);
    // Some makes only report a value in some states (Stellantis' charge limit needs the cable in).
    if (error.type === 'VEHICLE_STATE') context.skip(`${observer} cannot be read in this state: ${error.type}:${error.code}`);
    throw error;
  });
  expect(observed).toMatchObject(step.expect(observer) as object);
}

/** Registers the conformance suite for `name`'s vehicles. */
export function describeProviderConformance(name: string, options: ConformanceOptions): void {
  /** `it`, or a skipped test naming why when the implementation skips the case. */
  const test = (kind: ConformanceCase, title: string, body: (context: TestContext) => Promise<void>): void => {
    const reason = options.skip?.[kind];
    if (reason === undefined) it(title, body);
    else it.skip(`${title} (skipped: ${reason})`, body);
  };
  describe(`${name} conformance`, () => {
    const first = options.vehicles[0];
    if (first !== undefined) {
      test('contract', 'declares its identity, account linking and event source', async () => {
        await withSubject(options, first, (subject) => {
          const { provider } = subject;
          expect(provider.id).toMatch(/^[a-z][a-z0-9-]*$/);
          for (const make of provider.makes) expect(findMake(make), `${make} is not a catalog make`).toBeDefined();
          for (const mode of provider.modes) expect(modes).toContain(mode);
          expect(linkingKinds).toContain(provider.linking.kind);
          // Subscribing and unsubscribing an event sink neither throws nor delivers anything by itself.
          const unsubscribe = provider.subscribe(() => undefined);
          expect(typeof unsubscribe).toBe('function');
          unsubscribe();
          return Promise.resolve();
        });
      });
    }
    for (const vehicle of options.vehicles) {
      const { label, ref, capabilities: expected } = vehicle;
      describe(label, () => {
        test('declared-capabilities', 'declares only catalog vehicle endpoints its make may serve', async () => {
          await withSubject(options, vehicle, async (subject) => {
            const segment = findMake(ref.make)?.pathSegment;
            const capabilities = await declared(subject, ref);
            expect([...capabilities].sort()).toEqual([...expected].sort());
            for (const id of capabilities) {
              const endpoint = providerEndpoints.find((candidate) => candidate.id === id);
              expect(endpoint, `${id} is not a provider endpoint of the catalog`).toBeDefined();
              if (endpoint?.makes !== null && endpoint?.makes !== undefined) expect(endpoint.makes, id).toContain(segment);
            }
          });
        });

        test('declared-reads', 'answers every declared read with a schema-valid body and a recorded-at time', async () => {
          await withSubject(options, vehicle, async (subject) => {
            const capabilities = await declared(subject, ref);
            const own = reads.filter((endpoint) => capabilities.has(endpoint.id as EndpointId));
            const outcomes = await subject.provider.read(ref, own.map((endpoint) => ({ endpointId: endpoint.id as EndpointId })));
            expect(outcomes).toHaveLength(own.length);
            own.forEach((endpoint, index) => {
              const outcome = outcomes[index];
              expectValidRead(endpoint, outcome);
              if (outcome !== undefined && !outcome.ok) {
                expectCatalogError(outcome.error);
                expect(stateDependent, `${endpoint.id} failed with ${outcome.error.type}:${outcome.error.code}`).toContain(`${outcome.error.type}:${outcome.error.code}`);
              }
            });
          });
        });

        test('charging-reads', 'answers charging-only reads once the vehicle charges', async (context) => {
          await withSubject(options, vehicle, async (subject) => {
            const capabilities = await declared(subject, ref);
            if (subject.startCharging === undefined) return context.skip('the subject cannot make a vehicle charge');
            const refusal = await subject.startCharging(ref);
            if (refusal !== null) return context.skip(refusal);
            const own = reads.filter((endpoint) => capabilities.has(endpoint.id as EndpointId));
            const outcomes = await subject.provider.read(ref, own.map((endpoint) => ({ endpointId: endpoint.id as EndpointId })));
            own.forEach((endpoint, index) => {
              const outcome = outcomes[index];
              if (outcome !== undefined && !outcome.ok) throw new Error(`${endpoint.id} fails while charging: ${outcome.error.type}:${outcome.error.code}`);
              expectValidRead(endpoint, outcome);
            });
          });
        });

        test('undeclared-reads', 'refuses undeclared reads with COMPATIBILITY:VEHICLE_NOT_CAPABLE or SMARTCAR_NOT_CAPABLE', async () => {
          await withSubject(options, vehicle, async (subject) => {
            const providerVehicle = await declaredVehicle(subject, ref);
            const capabilities = providerVehicle.capabilities;
            const others = reads.filter((endpoint) => !capabilities.has(endpoint.id as EndpointId));
            const outcomes = await subject.provider.read(ref, others.map((endpoint) => ({ endpointId: endpoint.id as EndpointId })));
            others.forEach((endpoint, index) => {
              const outcome = outcomes[index];
              expect(outcome?.ok, endpoint.id).toBe(false);
              if (outcome !== undefined && !outcome.ok) {
                expectCatalogError(outcome.error);
                expect([outcome.error.type, outcome.error.code], endpoint.id).toEqual(['COMPATIBILITY', incapableCode(providerVehicle, endpoint.id as EndpointId)]);
              }
            });
          });
        });

        test('undeclared-commands', 'refuses undeclared commands with COMPATIBILITY:VEHICLE_NOT_CAPABLE or SMARTCAR_NOT_CAPABLE', async () => {
          await withSubject(options, vehicle, async (subject) => {
            const providerVehicle = await declaredVehicle(subject, ref);
            const capabilities = providerVehicle.capabilities;
            for (const endpoint of commands.filter((candidate) => !capabilities.has(candidate.id as EndpointId))) {
              const failure = await subject.provider.execute(ref, { endpointId: endpoint.id as EndpointId, body: endpoint.examples.request }).then(
                () => new Error(`${endpoint.id} succeeded on a vehicle that does not declare it`),
                (error: unknown) => error,
              );
              expectCatalogError(failure);
              expect([failure.type, failure.code], endpoint.id).toEqual(['COMPATIBILITY', incapableCode(providerVehicle, endpoint.id as EndpointId)]);
            }
          });
        });

        for (const endpoint of commands.filter((candidate) => expected.has(candidate.id as EndpointId))) {
          test('commands', `${endpoint.id}: changes what later reads show`, async (context) => {
            await withSubject(options, vehicle, async (subject) => {
              const capabilities = await declared(subject, ref);
              const scenario = commandScenarios[endpoint.id as EndpointId];
              if (scenario === undefined) throw new Error(`no conformance scenario for ${endpoint.id}`);
              if ('unobservable' in scenario) return context.skip(scenario.unobservable);
              if (scenario.precondition === 'plugged-in') {
                if (subject.plugIn === undefined) return context.skip('the subject cannot plug a vehicle in');
                const refusal = await subject.plugIn(ref);
                if (refusal !== null) return context.skip(refusal);
              }
              for (const [index, step] of scenario.steps.entries()) await runStep(subject, ref, step, capabilities, context, index === 0);
            });
          });
        }
      });
    }
  });
}

/**
 * @module Finds the provider for a vehicle: by the provider id stored with a connected vehicle, and
 * by make and mode only when Connect chooses a provider for a new link. The only place a make
 * selects code.
 */
import type { VehicleProvider } from './contract/index.js';
import type { VehicleMode } from './vehicle-provider.js';

/** A stored vehicle as the registry needs it: who served it at Connect, and its make and mode. */
export interface ServedVehicle {
  readonly providerId: string;
  readonly make: string;
  readonly mode: VehicleMode;
}

/**
 * What to change when two providers claim one make and mode. The simulated provider's claim is a
 * setting; any other provider's is its own configuration.
 */
function overlapAdvice(ids: readonly string[]): string {
  return ids.includes('simulated')
    ? 'Leave this make or mode out of the simulated provider with CARPORT_SIMULATED_MAKES or CARPORT_SIMULATED_MODES.'
    : 'Configure one of them not to serve it.';
}

/** Providers by id, and by make and mode for Connect. Two for the same pair is a configuration error. */
export class ProviderRegistry {
  readonly #byKey = new Map<string, VehicleProvider>();
  readonly #byId = new Map<string, VehicleProvider>();

  /** Registers `provider` under its id and for every make and mode it declares. */
  register(provider: VehicleProvider): void {
    const sameId = this.#byId.get(provider.id);
    if (sameId !== undefined && sameId !== provider) throw new Error(`two providers have the id ${provider.id}`);
    for (const make of provider.makes) {
      for (const mode of provider.modes) {
        const existing = this.#byKey.get(`${make}:${mode}`);
        if (existing !== undefined && existing !== provider) {
          throw new Error(`providers ${existing.id} and ${provider.id} both serve ${make} in ${mode} mode. ${overlapAdvice([existing.id, provider.id])}`);
        }
      }
    }
    for (const make of provider.makes) for (const mode of provider.modes) this.#byKey.set(`${make}:${mode}`, provider);
    this.#byId.set(provider.id, provider);
  }

  /** The provider Connect links `make` in `mode` with, or undefined when none serves it. */
  find(make: string, mode: VehicleMode): VehicleProvider | undefined {
    return this.#byKey.get(`${make}:${mode}`);
  }

  /** The registered provider with this id. */
  byId(id: string): VehicleProvider | undefined {
    return this.#byId.get(id);
  }

  /**
   * The provider serving a connected vehicle: the one that linked it, even when another provider has
   * since taken its make and mode for new links (a real cloud replacing the simulator never moves
   * the simulated vehicles). A vehicle whose provider is not registered in this process (an embedder
   * that brings its own registry) falls back to whichever provider serves its make and mode.
   */
  forVehicle(vehicle: ServedVehicle): VehicleProvider | undefined {
    return this.#byId.get(vehicle.providerId) ?? this.find(vehicle.make, vehicle.mode);
  }

  /** Makes that can be connected in `mode`, in registration order. */
  makes(mode: VehicleMode): string[] {
    return [...this.#byKey.keys()].filter((key) => key.endsWith(`:${mode}`)).map((key) => key.slice(0, key.indexOf(':')));
  }

  /** Every registered provider once. */
  all(): readonly VehicleProvider[] {
    return [...this.#byId.values()];
  }
}

/** @module Finds the provider for a make and mode; the only place a make selects code. */
import type { VehicleMode, VehicleProvider } from './vehicle-provider.js';

/** Providers by make and mode. Registering two for the same pair is a configuration error. */
export class ProviderRegistry {
  readonly #byKey = new Map<string, VehicleProvider>();
  readonly #providers = new Set<VehicleProvider>();

  /** Registers `provider` for every make and mode it declares. */
  register(provider: VehicleProvider): void {
    for (const make of provider.makes) {
      for (const mode of provider.modes) {
        const key = `${make}:${mode}`;
        const existing = this.#byKey.get(key);
        if (existing !== undefined && existing !== provider) {
          throw new Error(`providers ${existing.id} and ${provider.id} both serve ${make} in ${mode} mode`);
        }
        this.#byKey.set(key, provider);
      }
    }
    this.#providers.add(provider);
  }

  /** The provider for `make` in `mode`, or undefined when none serves it. */
  find(make: string, mode: VehicleMode): VehicleProvider | undefined {
    return this.#byKey.get(`${make}:${mode}`);
  }

  /** Makes that can be connected in `mode`, in registration order. */
  makes(mode: VehicleMode): string[] {
    return [...this.#byKey.keys()].filter((key) => key.endsWith(`:${mode}`)).map((key) => key.slice(0, key.indexOf(':')));
  }

  /** Every registered provider once. */
  all(): readonly VehicleProvider[] {
    return [...this.#providers];
  }
}

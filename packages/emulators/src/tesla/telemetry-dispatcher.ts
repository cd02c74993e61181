/**
 * @module The MQTT dispatcher of Tesla's fleet-telemetry server, as the emulated cloud plays it:
 * each field of a record is published (QoS 1) on `<prefix>/<vin>/v/<field>` with the JSON
 * `{"value": ..., "createdAt": "<ISO time the car recorded it>"}`.
 */
import { connectAsync, type MqttClient } from 'mqtt';

export interface TelemetryDispatcherOptions {
  readonly mqttUrl: string;
  readonly topicPrefix: string;
}

export class TelemetryDispatcher {
  readonly #options: TelemetryDispatcherOptions;
  #client: Promise<MqttClient> | undefined;

  constructor(options: TelemetryDispatcherOptions) {
    this.#options = options;
  }

  /** Publishes one record; resolves once the broker acknowledged every field. */
  async publish(vin: string, createdAt: Date, values: Readonly<Record<string, unknown>>): Promise<void> {
    this.#client ??= connectAsync(this.#options.mqttUrl, { clientId: `tesla-fleet-telemetry-${process.pid}-${Math.random().toString(36).slice(2, 10)}`, clean: true });
    const client = await this.#client;
    const when = createdAt.toISOString();
    await Promise.all(
      Object.entries(values).map((entry) => client.publishAsync(`${this.#options.topicPrefix}/${vin}/v/${entry[0]}`, JSON.stringify({ value: entry[1], createdAt: when }), { qos: 1 })),
    );
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    if (client !== undefined) await (await client).endAsync();
  }
}

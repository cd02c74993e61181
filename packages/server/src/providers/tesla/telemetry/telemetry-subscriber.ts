/**
 * @module Carport's subscription to the fleet-telemetry MQTT dispatcher. At-least-once: QoS 1 in a
 * persistent session (`clean: false`) under a stable client id, so the broker keeps the records
 * published while Carport is down and delivers them on reconnect; and each message is acknowledged
 * only after it was applied, so a crash mid-way redelivers it (applying twice is harmless).
 */
import { connect, type IPublishPacket, type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { TelemetrySample } from '../../../store/index.js';
import { sampleOf, valueTopicFilter } from './telemetry-message.js';

export interface TelemetrySubscriberOptions {
  readonly mqttUrl: string;
  readonly topicPrefix: string;
  readonly clientId: string;
  readonly logger: Logger;
  readonly accept: (sample: TelemetrySample) => Promise<void>;
}

export class TelemetrySubscriber {
  readonly #options: TelemetrySubscriberOptions;
  #client: MqttClient | undefined;

  constructor(options: TelemetrySubscriberOptions) {
    this.#options = options;
  }

  /** Connects and subscribes; resolves once the subscription is in place. */
  async start(): Promise<void> {
    if (this.#client !== undefined) return;
    const { mqttUrl, topicPrefix, clientId, logger } = this.#options;
    const client = connect(mqttUrl, { clientId, clean: false, reconnectPeriod: 1000 });
    // Set before the connection opens: the broker hands over the session's waiting records right after it.
    // Acknowledges a message only once it was applied (mqtt.js sends PUBACK when this calls back).
    client.handleMessage = (packet: IPublishPacket, callback: (error?: Error) => void): void => {
      this.#handle(packet).then(
        () => {
          callback();
        },
        (error: unknown) => {
          logger.error({ err: error, topic: packet.topic }, 'tesla telemetry: a record could not be applied');
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    };
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => {
        resolve();
      });
      client.once('error', reject);
    }).catch(async (error: unknown) => {
      await client.endAsync(true);
      throw error;
    });
    client.on('error', (error) => {
      logger.warn({ err: error }, 'tesla telemetry: MQTT connection failed');
    });
    this.#client = client;
    await client.subscribeAsync(valueTopicFilter(topicPrefix), { qos: 1 });
  }

  async #handle(packet: IPublishPacket): Promise<void> {
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const sample = sampleOf(this.#options.topicPrefix, packet.topic, payload);
    if (sample === null) return;
    await this.#options.accept(sample);
  }

  /** Disconnects, keeping the session: records published from now on wait at the broker. */
  async stop(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    if (client !== undefined) await client.endAsync();
  }
}

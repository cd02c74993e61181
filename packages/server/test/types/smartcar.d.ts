/** @module Types for the parts of the official `smartcar` SDK (plain JavaScript) that Carport's compatibility tests drive. */
declare module 'smartcar' {
  namespace smartcar {
    interface Meta {
      readonly requestId?: string;
      readonly dataAge?: Date | null;
      readonly fetchedAt?: Date | null;
      readonly unitSystem?: string;
    }
    interface Access {
      readonly accessToken: string;
      readonly refreshToken: string;
      readonly expiration: Date;
      readonly refreshExpiration: Date;
      readonly tokenType?: string;
      readonly expiresIn?: number;
    }
    interface Paging {
      readonly limit?: number;
      readonly offset?: number;
    }
    interface AuthUrlOptions {
      readonly state?: string;
      readonly forcePrompt?: boolean;
      readonly makeBypass?: string;
      readonly singleSelect?: { readonly enabled?: boolean; readonly vin?: string };
      readonly flags?: Readonly<Record<string, string | boolean>>;
      readonly user?: string;
    }
    class AuthClient {
      constructor(options: { clientId: string; clientSecret: string; redirectUri?: string; mode?: 'live' | 'test' | 'simulated' });
      getAuthUrl(scope?: readonly string[], options?: AuthUrlOptions): string;
      exchangeCode(code: string, options?: { flags?: Readonly<Record<string, string | boolean>> }): Promise<Access>;
      exchangeRefreshToken(token: string, options?: { flags?: Readonly<Record<string, string | boolean>> }): Promise<Access>;
    }
    interface BatchResponse {
      [path: string]: () => unknown;
    }
    class Vehicle {
      constructor(id: string, token: string, options?: { unitSystem?: 'metric' | 'imperial'; version?: string; flags?: Readonly<Record<string, string | boolean>> });
      readonly id: string;
      permissions(paging?: Paging): Promise<{ permissions: string[]; paging: { count: number; offset: number }; meta: Meta }>;
      disconnect(): Promise<{ status: string; meta: Meta }>;
      attributes(): Promise<{ id: string; make: string; model: string; year: number; meta: Meta }>;
      vin(): Promise<{ vin: string; meta: Meta }>;
      odometer(): Promise<{ distance: number; meta: Meta }>;
      location(): Promise<{ latitude: number; longitude: number; meta: Meta }>;
      battery(): Promise<{ percentRemaining: number; range: number; meta: Meta }>;
      batteryCapacity(): Promise<{ capacity: number; meta: Meta }>;
      nominalCapacity(): Promise<{ capacity: unknown; availableCapacities: unknown[]; url: string | null; meta: Meta }>;
      charge(): Promise<{ isPluggedIn: boolean; state: string; meta: Meta }>;
      fuel(): Promise<{ range: number; percentRemaining: number; amountRemaining: number; meta: Meta }>;
      tirePressure(): Promise<{ frontLeft: number; frontRight: number; backLeft: number; backRight: number; meta: Meta }>;
      engineOil(): Promise<{ lifeRemaining: number; meta: Meta }>;
      lockStatus(): Promise<{ isLocked: boolean; meta: Meta }>;
      lock(): Promise<{ status: string; message: string; meta: Meta }>;
      unlock(): Promise<{ status: string; message: string; meta: Meta }>;
      startCharge(): Promise<{ status: string; message: string; meta: Meta }>;
      stopCharge(): Promise<{ status: string; message: string; meta: Meta }>;
      getChargeLimit(): Promise<{ limit: number; meta: Meta }>;
      setChargeLimit(limit: number): Promise<{ status: string; message: string; meta: Meta }>;
      sendDestination(latitude: number, longitude: number): Promise<{ status: string; message: string; meta: Meta }>;
      serviceHistory(startDate?: string, endDate?: string): Promise<unknown>;
      diagnosticSystemStatus(): Promise<{ systems: unknown[]; meta: Meta }>;
      diagnosticTroubleCodes(): Promise<{ activeCodes: unknown[]; meta: Meta }>;
      batch(paths: readonly string[]): Promise<BatchResponse>;
      request(method: string, path: string, body?: unknown, headers?: Readonly<Record<string, string>>): Promise<{ body: unknown; meta: Meta; headers: Record<string, string> }>;
      subscribe(webhookId: string): Promise<{ webhookId: string; vehicleId: string; meta: Meta }>;
      unsubscribe(amt: string, webhookId: string): Promise<{ status: string; meta: Meta }>;
    }
    class SmartcarError extends Error {
      readonly statusCode: number;
      readonly type: string;
      readonly code?: string | null;
      readonly description: string;
      readonly docURL: string;
      readonly requestId: string;
      readonly resolution: { type: string | null };
      readonly detail?: unknown[];
      readonly suggestedUserMessage?: string;
    }
    function getUser(accessToken: string): Promise<{ id: string; meta: Meta }>;
    function getVehicles(accessToken: string, paging?: Paging): Promise<{ vehicles: string[]; paging: { count: number; offset: number }; meta: Meta }>;
    function hashChallenge(amt: string, challenge: string): string;
    function verifyPayload(amt: string, signature: string, body: unknown): boolean;
    function getConnections(
      amt: string,
      filter?: { userId?: string; vehicleId?: string; mode?: string },
      paging?: { limit?: number; cursor?: string },
    ): Promise<{ connections: { userId: string; vehicleId: string; connectedAt: string; mode: string }[]; paging: { cursor: string | null }; meta?: Meta }>;
    interface CompatibilityOptions {
      readonly clientId?: string;
      readonly clientSecret?: string;
      readonly mode?: 'live' | 'test' | 'simulated';
      readonly version?: string;
    }
    function getCompatibility(
      vin: string,
      scope: readonly string[],
      countryOrOptions?: string | CompatibilityOptions,
      options?: CompatibilityOptions,
    ): Promise<{ compatible: boolean; reason: string | null; capabilities: { capable: boolean; endpoint: string; permission: string; reason: string | null }[]; meta?: Meta }>;
    function getCompatibilityMatrix(
      region: string,
      options?: CompatibilityOptions & { readonly scope?: readonly string[]; readonly make?: string | readonly string[]; readonly type?: string },
    ): Promise<Record<string, unknown>>;
    function deleteConnections(amt: string, filter: { userId?: string; vehicleId?: string }): Promise<{ connections: { userId: string; vehicleId: string }[]; meta?: Meta }>;
  }
  export = smartcar;
}

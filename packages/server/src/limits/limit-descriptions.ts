/**
 * @module The `description` of every limit answer: which limit of which plan was met, and how it is
 * lifted, so a developer stuck on a 429 or 430 knows whom to ask and for what.
 */
import type { RefusingPlan } from './limiter.js';
import type { BucketRate } from '../catalog/plans.js';

const count = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 2 });

/**
 * A bucket in words, naming what it counts.
 * @example bucketWording({ capacity: 20, refillPerMinute: 1 / 3 }, 'requests to one vehicle') // '20 requests to one vehicle at once, then 1 more every 3 min'
 */
export function bucketWording(rate: BucketRate, what: string): string {
  const refill = rate.refillPerMinute >= 1 ? `${count(rate.refillPerMinute)} more a minute` : `1 more every ${count(1 / rate.refillPerMinute)} min`;
  return `${count(rate.capacity)} ${what} at once, then ${refill}`;
}

/** How a plan limit is lifted: only an operator can, or a developer running Carport locally. */
const liftLimit =
  'An operator can lift it by moving the application to a larger plan (`carport apps set-plan <client id> <plan>`), ' +
  'or for local development by switching limits off (`CARPORT_LIMITS_ENABLED=false`).';

const planOf = (refusing: RefusingPlan): string => `the application's plan \`${refusing.plan}\``;

/** 429 `RATE_LIMIT:VEHICLE`. */
export function vehicleRateDescription(refusing: RefusingPlan): string {
  const rate = refusing.limits.vehicleRate;
  const allows = rate === null ? 'limits requests to one vehicle' : `allows ${bucketWording(rate, 'requests to one vehicle')}`;
  return `The application sent requests to this vehicle too often: ${planOf(refusing)} ${allows}. Retry after \`Retry-After\` seconds. ${liftLimit}`;
}

/** 429 `RATE_LIMIT:SMARTCAR_API`. */
export function applicationRateDescription(refusing: RefusingPlan): string {
  const rate = refusing.limits.applicationRate;
  const allows = rate === null ? 'limits requests across its vehicles' : `allows ${bucketWording(rate, 'requests across its vehicles')}`;
  return `The application exceeded its overall request rate: ${planOf(refusing)} ${allows}. Retry after \`Retry-After\` seconds. ${liftLimit}`;
}

/** 430 `BILLING:VEHICLE_REQUEST_LIMIT`. */
export function vehicleRequestsDescription(refusing: RefusingPlan, limit: number): string {
  return (
    `The application has used this vehicle's request allowance for the current billing period: ${planOf(refusing)} ` +
    `allows ${count(limit)} requests to one vehicle per calendar month (UTC), renewed on the 1st. ${liftLimit}`
  );
}

/** 430 `BILLING:VEHICLE_LIMIT` from the API, for a vehicle connected beyond the plan's maximum. */
export function vehicleBeyondPlanDescription(refusing: RefusingPlan, maxConnectedVehicles: number): string {
  return (
    `This vehicle is beyond the ${count(maxConnectedVehicles)} connected vehicles ${planOf(refusing)} allows. ` +
    `Disconnect vehicles to bring it within the plan. ${liftLimit}`
  );
}

/** 430 `BILLING:VEHICLE_LIMIT` from Connect, refusing to add vehicles. */
export function connectBeyondPlanDescription(refusing: RefusingPlan, connected: { readonly max: number; readonly connected: number; readonly additional: number }): string {
  return (
    `The application's plan \`${refusing.plan}\` allows ${count(connected.max)} connected vehicles and ${count(connected.connected)} are connected, ` +
    `so ${count(connected.additional)} more cannot be added. Disconnect vehicles to make room. ${liftLimit}`
  );
}

/** 430 `BILLING:ACCOUNT_SUSPENDED`: not a plan limit, so neither a plan nor switching limits off lifts it. */
export function suspendedDescription(refusing: RefusingPlan): string {
  return `The application's account is suspended (its plan is \`${refusing.plan}\`). An operator lifts the suspension with \`carport apps resume <client id>\`.`;
}

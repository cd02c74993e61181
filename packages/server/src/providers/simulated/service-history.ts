/**
 * @module Service history: the dealer visits before the simulation began (one per service interval
 * the odometer had covered) and those the simulation produced since, as the catalog's records.
 */
import { DAY_MS, SERVICE_INTERVAL_KM, hashString, mixSeeds, Random, type VehicleProfile } from '../../simulator/index.js';
import { iso, round, type ReadContext } from './vehicle-context.js';

/** One dealer visit. */
interface Visit {
  readonly time: number;
  readonly odometerKm: number;
}

const MAX_RECORDS = 20;
const currencies: Readonly<Record<string, string>> = { US: 'USD', CA: 'CAD', EUROPE: 'EUR' };

/** Visits before the simulation: the last at the profile's last service, earlier ones an interval apart. */
function visitsBeforeStart(profile: VehicleProfile): Visit[] {
  const visits: Visit[] = [];
  const { lastServiceAt, lastServiceOdometerKm, averageKmPerDay } = profile.start;
  for (let odometerKm = lastServiceOdometerKm; odometerKm >= 1_000 && visits.length < MAX_RECORDS; odometerKm -= SERVICE_INTERVAL_KM) {
    visits.push({ time: lastServiceAt - ((lastServiceOdometerKm - odometerKm) / averageKmPerDay) * DAY_MS, odometerKm });
  }
  return visits.reverse();
}

function tasksOf(profile: VehicleProfile, visit: Visit, number: number): { taskId: string | null; taskDescription: string | null }[] {
  const names = profile.model.powertrain === 'BEV'
    ? ['Tire rotation', 'Cabin air filter replacement', 'Multi-point inspection', ...(number % 2 === 1 ? ['Brake fluid replacement'] : [])]
    : ['Engine oil and filter change', 'Tire rotation', 'Multi-point inspection', ...(number % 3 === 2 ? ['Engine air filter replacement'] : [])];
  return names.map((taskDescription, index) => ({ taskId: String(1000 + ((hashString(taskDescription) + index) % 9000)), taskDescription }));
}

/** Parses `start_date`/`end_date` (a date, or a date-time); undefined when absent or unreadable. */
function dateBound(value: unknown, endOfDay: boolean): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z` : value);
  return Number.isNaN(time) ? undefined : time;
}

/** The service-history endpoint's body: every visit up to now within the query's dates, newest first. */
export function serviceHistory(context: ReadContext): unknown {
  const { profile, fleet, key, reading } = context;
  const during = fleet
    .history(key, reading.time)
    .flatMap((transition) => (transition.type === 'serviced' ? [{ time: transition.time, odometerKm: transition.odometerKm }] : []));
  const from = dateBound(context.query.start_date, false) ?? Number.NEGATIVE_INFINITY;
  const to = dateBound(context.query.end_date, true) ?? Number.POSITIVE_INFINITY;
  const currency = currencies[profile.region] ?? 'USD';
  return [...visitsBeforeStart(profile), ...during]
    .map((visit, number) => ({ visit, number }))
    .filter(({ visit }) => visit.time >= from && visit.time <= to)
    .slice(-MAX_RECORDS)
    .reverse()
    .map(({ visit, number }) => {
      const random = new Random(mixSeeds(profile.seed, number, 0x5e41));
      return {
        serviceId: mixSeeds(profile.seed, number) % 1_000_000,
        odometerDistance: round(visit.odometerKm, 2),
        serviceDate: iso(Math.round(visit.time)),
        serviceTasks: tasksOf(profile, visit, number),
        serviceDetails: [{ type: 'SERVICE_PROVIDER', value: random.chance(0.85) ? 'DEALERSHIP' : 'OWNER_ENTERED' }],
        serviceCost: { totalCost: round(random.between(90, 420), 2), currency },
      };
    });
}

/** @module Tesla's make-specific reads other than charging: configuration, status, alerts, climate, motion, account. */
import type { EndpointId } from '../../../catalog/endpoints/index.js';
import { compassDirection, DAY_MS, dtcsBetween, mixSeeds, Random, type VehicleProfile } from '../../../simulator/index.js';
import { iso, round, stableUuid, type ReadContext, type ReadHandler } from '../vehicle-context.js';
import { legacyIntegrationRefusal, onLegacyIntegration, virtualKeyPaired } from './tesla-integration.js';

const colors = ['SolidBlack', 'PearlWhite', 'DeepBlueMetallic', 'MidnightSilverMetallic', 'RedMulticoat', 'QuicksilverMetallic'] as const;
const wheels = [
  { style: 'Aero', diameter: 457.2 },
  { style: 'Gemini', diameter: 482.6 },
  { style: 'Induction', diameter: 508 },
  { style: 'Apollo', diameter: 482.6 },
] as const;
const nicknames = ['Tommy', 'Bolt', 'Silent Bob', 'Electra', 'Sparky', 'Blue Thunder'] as const;

/** Configuration drawn once from the vehicle's seed, so every read agrees. */
function configuration(profile: VehicleProfile) {
  const random = new Random(mixSeeds(profile.seed, 0x7e51a));
  const battery = profile.battery;
  const dualMotor = battery !== null && battery !== undefined && /D|Long Range|Performance|Cybertruck/.test(`${battery.trim ?? ''}${profile.model.name}`);
  const performance = battery?.trim === 'Performance';
  return {
    driveUnit: { front: dualMotor ? 'PM216MOSFET' : 'NoneOrSmall', rear: performance ? 'PM216MOSFETP' : 'PM216MOSFET' },
    driverAssistVersion: profile.year >= 2023 ? 'TeslaAP4' : 'TeslaAP3',
    efficiencyPackage: `MY${profile.year}`,
    firmwareVersion: `2025.${random.integer(2, 38)}.${random.integer(1, 9)} ${profile.seed.toString(16).padStart(12, '0').slice(0, 12)}`,
    nickname: random.pick(nicknames),
    performancePackage: performance ? 'Performance' : 'Base',
    sentryAvailable: true,
    sentryEnabled: random.chance(0.4),
    exteriorColor: random.pick(colors),
    wheel: random.pick(wheels),
    trimBadging: `${Math.round(battery?.usableKwh ?? 75)}${dualMotor ? 'd' : ''}`,
  };
}

/** A plausible email for the connected Tesla account (the provider is never told the owner's). */
export function ownerEmail(context: Pick<ReadContext, 'vehicle'>): string {
  return `owner-${context.vehicle.vin.slice(-6).toLowerCase()}@tesla-owner.carport.example`;
}

export const teslaReads: Readonly<Partial<Record<EndpointId, ReadHandler>>> = {
  teslaGetExtendedVehicleInfo: ({ key, vehicle, profile, reading }) => {
    const config = configuration(profile);
    return {
      driveUnit: config.driveUnit,
      driverAssistVersion: config.driverAssistVersion,
      efficiencyPackage: config.efficiencyPackage,
      firmwareVersion: config.firmwareVersion,
      id: stableUuid(key),
      make: vehicle.ref.make,
      model: vehicle.model,
      nickname: config.nickname,
      performancePackage: config.performancePackage,
      sentryMode: { available: config.sentryAvailable, enabled: config.sentryEnabled },
      style: { exteriorColor: config.exteriorColor, exteriorTrim: 'Black', interiorTrim: 'Black2' },
      trimBadging: config.trimBadging,
      wheel: { diameter: config.wheel.diameter, style: config.wheel.style },
      year: vehicle.year,
      atHome: reading.driving ? false : reading.state.parkedAtHome,
    };
  },
  teslaGetVehicleStatus: ({ reading }) => ({
    status: reading.asleep ? 'ASLEEP' : reading.driving ? 'DRIVING' : reading.state.charging ? 'CHARGING' : 'ONLINE',
    inService: false,
    gear: reading.driving ? 'DRIVE' : 'PARK',
  }),
  teslaGetAlerts: ({ reading, profile }) => {
    // Trouble codes the car raised in the last week, as Tesla reports them: most recent first.
    const alerts = dtcsBetween(profile, reading.time - 7 * DAY_MS, reading.time).reverse();
    return {
      alerts: alerts.map((dtc) => ({
        name: `${profile.model.powertrain === 'BEV' ? 'VCFRONT' : 'ECU'}_a${dtc.code}`,
        dateTime: iso(dtc.activeFrom),
        audience: ['service-fix', 'customer'],
        userText: dtc.description,
      })),
    };
  },
  teslaGetCabinClimate: ({ reading }) => ({ status: reading.state.climateOn ? 'ON' : 'OFF', temperature: reading.state.settings.cabinTargetC }),
  teslaGetDefroster: ({ reading }) => ({ frontStatus: reading.state.defrosterOn ? 'ON' : 'OFF', rearStatus: reading.state.defrosterOn ? 'ON' : 'OFF' }),
  teslaGetSteeringHeater: ({ reading }) => ({ status: reading.state.steeringHeaterOn ? 'ON' : 'OFF' }),
  teslaGetExteriorTemperature: ({ reading }) => ({ temperature: round(reading.exteriorC, 2) }),
  teslaGetInteriorTemperature: ({ reading }) => ({ temperature: round(reading.cabinC(), 2) }),
  teslaGetCompass: ({ reading }) => {
    const heading = Math.round(reading.position().headingDegrees) % 360;
    return { direction: compassDirection(heading), heading };
  },
  teslaGetSpeedometer: ({ reading }) => ({ speed: round(reading.speedKmh, 2) }),
  teslaGetMigrationStatus: (context) => ({ requiresMigration: onLegacyIntegration(context) }),
  teslaGetVirtualKeyStatus: (context) => {
    if (onLegacyIntegration(context)) throw legacyIntegrationRefusal();
    return { isPaired: virtualKeyPaired(context) };
  },
  teslaGetUserAccess: () => ({ accessType: 'OWNER', permissions: ['vehicle_device_data', 'vehicle_cmds', 'vehicle_charging_cmds', 'vehicle_location'] }),
  teslaGetUserInfo: (context) => ({ email: ownerEmail(context) }),
};

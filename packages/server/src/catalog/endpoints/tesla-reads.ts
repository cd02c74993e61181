/** @module Tesla make-specific reads other than charging: configuration, status, climate, motion, account. */
import { Type } from '@sinclair/typebox';
import type { EndpointDefinition } from '../types.js';
import { closedObject, dateTime, nullable } from './shared.js';

/** `{temperature}` of a thermometer; NIO's thermometers answer the same body. */
export const temperatureResponse = (description: string) => closedObject({ temperature: Type.Number({ description }) });

export const onOff = (description: string) => Type.Union([Type.Literal('ON'), Type.Literal('OFF')], { description });

const teslaRead = {
  method: 'GET',
  surface: 'vehicle',
  answeredBy: 'provider',
  makes: ['tesla'],
  request: {},
} as const;

export const teslaReadEndpoints = [
  {
    ...teslaRead,
    id: 'teslaGetExtendedVehicleInfo',
    path: '/vehicles/{id}/{make}/attributes',
    title: 'Extended Vehicle Info',
    description: 'Returns detailed configuration information for a vehicle.',
    permission: 'read_extended_vehicle_info',
    docPage: 'api-reference/tesla/get-ext-vehicle-info',
    response: closedObject({
      driveUnit: closedObject(
        { front: Type.String({ description: 'Front drive unit.' }), rear: Type.String({ description: 'Rear drive unit.' }) },
        { description: "Details on the vehicle's drive unit(s)." },
      ),
      driverAssistVersion: Type.String({ description: 'Driver Assist version.' }),
      efficiencyPackage: Type.String({ description: 'Efficiency package.' }),
      firmwareVersion: Type.String({ description: "Vehicle's current firmware." }),
      id: Type.String({ description: 'A vehicle ID (UUID v4).' }),
      make: Type.String({ description: 'The manufacturer of the vehicle.' }),
      model: Type.String({ description: 'The model of the vehicle.' }),
      nickname: Type.String({ description: "Vehicle's nickname." }),
      performancePackage: Type.String({ description: 'Performance package.' }),
      sentryMode: closedObject(
        {
          available: Type.Boolean({ description: 'Does the vehicle support Sentry Mode.' }),
          enabled: Type.Boolean({ description: 'Is Sentry Mode currently enabled for a vehicle.' }),
        },
        { description: 'Sentry Mode status and availability.' },
      ),
      style: closedObject(
        {
          exteriorColor: Type.String({ description: 'Exterior color.' }),
          exteriorTrim: Type.String({ description: 'Exterior trim.' }),
          interiorTrim: Type.String({ description: 'Interior trim.' }),
        },
        { description: "Descriptors of the vehicle's interior and exterior." },
      ),
      trimBadging: Type.String({ description: "Indicates the Tesla's trim." }),
      wheel: closedObject(
        {
          diameter: Type.Number({ minimum: 0, description: 'Diameter of the wheel.' }),
          style: Type.String({ description: 'Style of the wheel.' }),
        },
        { description: "Descriptors of the vehicle's wheel." },
      ),
      year: Type.Integer({ description: 'The model year.' }),
      atHome: nullable(
        Type.Boolean({
          description:
            '`true` if the vehicle is at the home address set in the vehicle; `null` if this could not be determined or the vehicle does not support streaming.',
        }),
      ),
    }),
    examples: {
      response: {
        driveUnit: { front: 'PM216MOSFET', rear: 'NoneOrSmall' },
        driverAssistVersion: 'TeslaAP3',
        efficiencyPackage: 'MY2021',
        firmwareVersion: '2022.8.10.12 0ce482dac45d',
        id: '36ab27d0-fd9d-4455-823a-ce30af709ffc',
        make: 'TESLA',
        model: 'Model S',
        nickname: 'Tommy',
        performancePackage: 'Base',
        sentryMode: { available: false, enabled: true },
        style: { exteriorColor: 'SolidBlack', exteriorTrim: 'Black', interiorTrim: 'Black2' },
        trimBadging: '74d',
        wheel: { diameter: 482.6, style: 'Apollo' },
        year: 2022,
        atHome: true,
      },
    },
  },
  {
    ...teslaRead,
    id: 'teslaGetVehicleStatus',
    path: '/vehicles/{id}/{make}/status',
    title: 'Vehicle Status',
    description: 'Returns the status for the vehicle. If the vehicle is asleep, this request will not wake the vehicle.',
    permission: 'read_extended_vehicle_info',
    docPage: 'api-reference/tesla/get-vehicle-status',
    response: closedObject({
      status: Type.String({ description: 'The current status of the vehicle, e.g. `ASLEEP`.' }),
      inService: Type.Boolean({ description: 'Indicates if the vehicle is in service mode.' }),
      gear: Type.String({ description: 'Indicates the current gear shift position, e.g. `DRIVE`.' }),
    }),
    examples: { response: { status: 'ASLEEP', inService: true, gear: 'DRIVE' } },
  },
  {
    ...teslaRead,
    id: 'teslaGetAlerts',
    path: '/vehicles/{id}/{make}/alerts',
    title: 'Alerts',
    description: 'Returns recent alerts from the vehicle.',
    permission: 'read_alerts',
    docPage: 'api-reference/tesla/get-alerts',
    response: closedObject({
      alerts: Type.Array(
        closedObject({
          name: Type.String({ description: 'The name of the alert.' }),
          dateTime: dateTime('Date and time of the alert.'),
          audience: Type.Array(Type.String(), { description: 'Indicates recipients of the alert.' }),
          userText: Type.String({ description: 'Additional context related to the alert.' }),
        }),
      ),
    }),
    examples: {
      response: {
        alerts: [
          {
            name: 'Name_Of_The_Alert',
            dateTime: '2022-07-10T16:20:00.000Z',
            audience: ['service-fix', 'customer'],
            userText: 'additional description text',
          },
        ],
      },
    },
  },
  {
    ...teslaRead,
    id: 'teslaGetCabinClimate',
    path: '/vehicles/{id}/{make}/climate/cabin',
    title: 'Cabin Climate',
    description: "Returns the current state and target temperature setting of a vehicle's cabin climate system.",
    permission: 'read_climate',
    docPage: 'api-reference/tesla/get-cabin',
    response: closedObject({
      status: onOff('The current state of the climate cabin system.'),
      temperature: Type.Number({
        description: 'The target temperature setting of the vehicle when the climate system is on (Celsius, or Fahrenheit with imperial units).',
      }),
    }),
    examples: { response: { status: 'ON', temperature: 20 } },
  },
  {
    ...teslaRead,
    id: 'teslaGetDefroster',
    path: '/vehicles/{id}/{make}/climate/defroster',
    title: 'Defroster',
    description: "Returns the current state of a vehicle's front and rear defroster.",
    permission: 'read_climate',
    docPage: 'api-reference/tesla/get-defroster',
    response: closedObject({
      frontStatus: onOff('The current state of the front defroster.'),
      rearStatus: onOff('The current state of the rear defroster.'),
    }),
    examples: { response: { frontStatus: 'ON', rearStatus: 'OFF' } },
  },
  {
    ...teslaRead,
    id: 'teslaGetSteeringHeater',
    path: '/vehicles/{id}/{make}/climate/steering_wheel',
    title: 'Steering Heater',
    description: "Returns the current state of a vehicle's steering wheel heater system.",
    permission: 'read_climate',
    docPage: 'api-reference/tesla/get-steering-heater',
    response: closedObject({
      status: Type.Union([Type.Literal('ON'), Type.Literal('OFF'), Type.Literal('UNAVAILABLE')], {
        description:
          'The current state of the steering wheel heater system. `UNAVAILABLE` indicates the vehicle is not equipped with a steering wheel heater.',
      }),
    }),
    examples: { response: { status: 'ON' } },
  },
  {
    ...teslaRead,
    id: 'teslaGetExteriorTemperature',
    path: '/vehicles/{id}/{make}/thermometer/exterior',
    title: 'Exterior Temperature',
    description: 'Returns the vehicle’s last known exterior thermometer reading.',
    permission: 'read_thermometer',
    docPage: 'api-reference/tesla/get-exterior-temperature',
    response: temperatureResponse('The current exterior temperature of the vehicle.'),
    examples: { response: { temperature: 33.42 } },
  },
  {
    ...teslaRead,
    id: 'teslaGetInteriorTemperature',
    path: '/vehicles/{id}/{make}/thermometer/interior',
    title: 'Interior Temperature',
    description: 'Returns the vehicle’s last known interior thermometer reading.',
    permission: 'read_thermometer',
    docPage: 'api-reference/tesla/get-interior-temperature',
    response: temperatureResponse('The current interior temperature of the vehicle.'),
    examples: { response: { temperature: 25.64 } },
  },
  {
    ...teslaRead,
    id: 'teslaGetCompass',
    path: '/vehicles/{id}/{make}/compass',
    title: 'Compass',
    description: 'Returns the current compass heading and direction of the vehicle.',
    permission: 'read_compass',
    docPage: 'api-reference/tesla/get-compass-heading',
    response: closedObject({
      direction: Type.String({ description: 'The current direction of the vehicle, e.g. `SW`.' }),
      heading: Type.Number({ minimum: 0, maximum: 360, description: 'The current compass heading of the vehicle (in degrees).' }),
    }),
    examples: { response: { direction: 'SW', heading: 185 } },
  },
  {
    ...teslaRead,
    id: 'teslaGetSpeedometer',
    path: '/vehicles/{id}/{make}/speedometer',
    title: 'Speed',
    description: 'Returns the current speed of the vehicle.',
    permission: 'read_speedometer',
    docPage: 'api-reference/tesla/get-speedometer',
    response: closedObject({ speed: Type.Number({ minimum: 0, description: 'The current speed of the vehicle.' }) }),
    examples: { response: { speed: 84.32 } },
  },
  {
    ...teslaRead,
    id: 'teslaGetMigrationStatus',
    path: '/vehicles/{id}/{make}/migration',
    title: 'Migration Status',
    description: "Indicates if the vehicle needs to migrate to Tesla's new API.",
    permission: 'read_vehicle_info',
    docPage: 'api-reference/tesla/get-migration-status',
    response: closedObject({
      requiresMigration: Type.Boolean({
        description: "Set to `false` if the vehicle is connected to Smartcar via Tesla's new integration.",
      }),
    }),
    examples: { response: { requiresMigration: false } },
  },
  {
    ...teslaRead,
    id: 'teslaGetVirtualKeyStatus',
    path: '/vehicles/{id}/{make}/virtual_key',
    title: 'Virtual Key Status',
    description: 'Indicates if a vehicle has the appropriate virtual key installed.',
    permission: 'read_vehicle_info',
    docPage: 'api-reference/tesla/get-virtual-key-status',
    response: closedObject({
      isPaired: Type.Boolean({ description: 'Returns `true` if the vehicle has the appropriate Virtual Key installed.' }),
    }),
    examples: { response: { isPaired: true } },
  },
  {
    ...teslaRead,
    id: 'teslaGetUserAccess',
    path: '/vehicles/{id}/{make}/user/access',
    title: 'User Access',
    description: 'Returns the account type and permissions for the connected Tesla account.',
    // The seed's page names no permission: any token for the vehicle may ask which account type it holds.
    permission: null,
    docPage: 'api-reference/tesla/get-user-access',
    response: closedObject({
      accessType: Type.Union([Type.Literal('OWNER'), Type.Literal('DRIVER')], {
        description: 'The type of Tesla account connected.',
      }),
      permissions: Type.Array(Type.String(), {
        description: 'The permissions granted by the user with their Tesla account, in Tesla’s names.',
      }),
    }),
    examples: { response: { accessType: 'OWNER', permissions: ['vehicle_cmds', 'vehicle_device_data'] } },
  },
  {
    ...teslaRead,
    id: 'teslaGetUserInfo',
    path: '/vehicles/{id}/{make}/user/info',
    title: 'User Info',
    description: 'Returns the email associated with the connected Tesla account.',
    permission: 'read_user_profile',
    docPage: 'api-reference/tesla/get-user-info',
    response: closedObject({ email: Type.String({ description: 'The email associated with the connected Tesla account.' }) }),
    examples: { response: { email: 'api@smartcar.com' } },
  },
] as const satisfies readonly EndpointDefinition[];

/**
 * @module Models of the makes Land Rover to Nissan, NIO's with its swappable 75 and 100 kWh packs.
 * Figures are the makers' published ones rounded. Append new models at the end of a make's list:
 * the VIN carries each model's position.
 */
import { bev, hev, ice, phev, type ModelDraft } from './model-types.js';

/** NIO's two standard swap packs; a swap may hand the car either one. */
export const nioPacks = [[70, 75, 'Standard Range'], [90, 100, 'Long Range']] as const;

const nio = (name: string, firstYear: number, whPerKm: number, dcKw: number): ModelDraft =>
  bev(name, [firstYear, 2025], nioPacks, whPerKm, 11, dcKw, { swappable: true });

export const modelsLToN: Readonly<Record<string, readonly ModelDraft[]>> = {
  LAND_ROVER: [
    phev('Range Rover Sport P440e', [2023, 2025], [[31.8, 38.2]], 260, 9.0, 71, 7, 50, { tireKpa: 260 }),
    phev('Range Rover Evoque P300e', [2021, 2025], [[12, 15]], 210, 7.0, 57, 7),
    ice('Defender', [2020, 2025], 11.6, 90, { tireKpa: 270 }),
    ice('Discovery', [2017, 2025], 10.9, 90, { tireKpa: 260 }),
  ],
  LEXUS: [
    bev('RZ', [2023, 2025], [[64, 71.4]], 185, 6.6, 150),
    phev('NX 450h+', [2022, 2025], [[17, 18.1]], 200, 6.2, 55, 6.6),
    hev('RX Hybrid', [2016, 2025], 6.9, 65),
    ice('ES', [2013, 2025], 8.4, 60),
  ],
  LINCOLN: [
    phev('Aviator Grand Touring', [2020, 2025], [[11.1, 13.6]], 290, 11.2, 75, 3.3, 0, { tireKpa: 250 }),
    phev('Corsair Grand Touring', [2021, 2025], [[11.1, 14.4]], 220, 6.9, 42, 3.3),
    ice('Navigator', [2015, 2025], 14.7, 106, { tireKpa: 280 }),
    ice('Nautilus', [2019, 2025], 10.2, 68),
  ],
  MAZDA: [
    bev('MX-30', [2021, 2025], [[30, 35.5]], 185, 6.6, 50, { volts: 355 }),
    ice('CX-5', [2013, 2025], 8.1, 56),
    ice('Mazda3', [2014, 2025], 6.9, 51),
    phev('CX-60 PHEV', [2022, 2025], [[14.8, 17.8]], 230, 7.5, 50, 7.2),
  ],
  MERCEDES_BENZ: [
    bev('EQS', [2022, 2025], [[107.8, 120, 'EQS 450+'], [118, 120, 'EQS 450+ 118 kWh']], 190, 11, 200),
    bev('EQE', [2022, 2025], [[89, 96, 'EQE 350+'], [90.6, 96, 'EQE 500 4MATIC']], 185, 11, 170),
    bev('EQA', [2021, 2025], [[66.5, 70.5]], 175, 11, 100),
    phev('GLC 300e', [2023, 2025], [[25.4, 31.2]], 200, 7.8, 50, 11, 60),
    ice('C-Class', [2015, 2025], 7.2, 66),
    ice('GLE', [2016, 2025], 10.1, 85, { tireKpa: 260 }),
  ],
  MG: [
    bev('MG4 Electric', [2022, 2025], [[49, 51, 'Standard Range'], [61.7, 64, 'Long Range'], [74.4, 77, 'Extended Range']], 165, 11, 140),
    bev('ZS EV', [2019, 2025], [[44.5, 44.5, 'Standard Range'], [68.3, 72.6, 'Long Range']], 170, 7, 92),
    phev('HS Plug-in Hybrid', [2020, 2025], [[14.5, 16.6]], 200, 7.3, 37, 7.2),
    hev('MG3 Hybrid+', [2024, 2025], 4.4, 36),
  ],
  MINI: [
    bev('Cooper SE', [2020, 2023], [[28.9, 32.6]], 150, 11, 50, { volts: 350 }),
    phev('Countryman Cooper SE ALL4', [2017, 2024], [[7.6, 9.6]], 190, 6.7, 36, 3.7),
    ice('Cooper', [2014, 2025], 6.2, 44, { tireKpa: 230 }),
    bev('Cooper Electric', [2024, 2025], [[36.6, 40.7, 'Cooper E'], [49.2, 54.2, 'Cooper SE']], 145, 11, 95),
    bev('Countryman SE ALL4', [2024, 2025], [[64.7, 66.5]], 180, 11, 130),
  ],
  NIO: [
    nio('ET5', 2022, 160, 140),
    nio('ET5T', 2023, 165, 140),
    nio('ET7', 2022, 170, 140),
    nio('ES6', 2019, 200, 90),
    nio('EC6', 2020, 195, 90),
    nio('ES8', 2018, 220, 90),
    nio('EL6', 2023, 195, 140),
    nio('EL7', 2022, 210, 140),
  ],
  NISSAN: [
    // Nissan writes it "LEAF", as the seeds' matrix prints it.
    bev('Leaf', [2011, 2025], [[21.3, 24, '24 kWh'], [27.5, 30, '30 kWh'], [39, 40, '40 kWh'], [59, 62, 'e+ 62 kWh']], 165, 6.6, 50, { volts: 350, matrixName: 'LEAF' }),
    bev('Ariya', [2023, 2025], [[63, 66, '63 kWh'], [87, 91, '87 kWh']], 180, 7.4, 130),
    ice('Rogue', [2014, 2025], 8.4, 55),
    hev('Qashqai e-POWER', [2022, 2025], 5.3, 55),
  ],
};

/**
 * @module Models of the makes Acura to CUPRA. Figures are the makers' published ones rounded
 * (usable/nominal kWh, consumption at mild temperatures, tank litres, AC/DC kW). Append new models
 * at the end of a make's list: the VIN carries each model's position.
 */
import { bev, ice, phev, type ModelDraft } from './model-types.js';

export const modelsAToC: Readonly<Record<string, readonly ModelDraft[]>> = {
  ACURA: [
    bev('ZDX', [2024, 2025], [[102, 102]], 225, 11.5, 190),
    ice('MDX', [2014, 2025], 11.2, 70, { tireKpa: 250 }),
    ice('RDX', [2013, 2025], 10.2, 65),
    ice('Integra', [2023, 2025], 7.6, 47),
  ],
  ALFA_ROMEO: [
    ice('Giulia', [2016, 2025], 7.8, 58),
    ice('Stelvio', [2017, 2025], 8.9, 64),
    phev('Tonale Plug-In Hybrid Q4', [2023, 2025], [[12, 15.5]], 190, 6.3, 42, 7.4),
    bev('Junior Elettrica', [2024, 2025], [[51, 54]], 150, 11, 100),
  ],
  AUDI: [
    bev('e-tron', [2019, 2023], [[64.7, 71, 'e-tron 50'], [86.5, 95, 'e-tron 55']], 235, 11, 150),
    bev('Q4 e-tron', [2021, 2025], [[52, 55, 'Q4 35 e-tron'], [77, 82, 'Q4 40 e-tron']], 180, 11, 135),
    bev('Q8 e-tron', [2024, 2025], [[89, 95, 'Q8 50 e-tron'], [106, 114, 'Q8 55 e-tron']], 230, 11, 170),
    phev('Q5 55 TFSI e', [2020, 2025], [[14.1, 17.9]], 210, 8.0, 54, 7.4),
    ice('A4', [2016, 2025], 6.8, 54),
  ],
  BMW: [
    bev('i3', [2014, 2022], [[19.4, 21.6, '60 Ah'], [27.2, 33.2, '94 Ah'], [37.9, 42.2, '120 Ah']], 140, 11, 50, { volts: 360 }),
    bev('i4', [2022, 2025], [[70.2, 83.9, 'eDrive35'], [80.7, 83.9, 'eDrive40']], 165, 11, 205),
    bev('iX', [2022, 2025], [[71, 76.6, 'xDrive40'], [105.2, 111.5, 'xDrive50']], 205, 11, 195),
    phev('330e', [2019, 2025], [[10.2, 12]], 170, 6.4, 40, 3.7),
    ice('X5', [2019, 2025], 9.5, 80, { tireKpa: 260 }),
    ice('3 Series', [2015, 2025], 6.9, 59),
  ],
  BUICK: [
    ice('Enclave', [2018, 2025], 11.8, 83, { tireKpa: 250 }),
    ice('Envision', [2021, 2025], 9.4, 62),
    ice('Encore GX', [2020, 2025], 7.8, 50),
  ],
  CADILLAC: [
    bev('Lyriq', [2023, 2025], [[102, 102]], 215, 19.2, 190),
    bev('Optiq', [2025, 2025], [[85, 85]], 200, 11.5, 150),
    ice('Escalade', [2015, 2025], 14.7, 91, { tireKpa: 280 }),
    ice('XT5', [2017, 2025], 10.7, 70),
  ],
  CHEVROLET: [
    bev('Bolt EV', [2017, 2023], [[57, 60, 'LT'], [65, 66, 'Premier']], 160, 7.2, 55, { volts: 350 }),
    bev('Equinox EV', [2024, 2025], [[85, 85]], 190, 11.5, 150),
    bev('Silverado EV', [2024, 2025], [[200, 205]], 320, 19.2, 350, { volts: 800, tireKpa: 290 }),
    phev('Volt', [2011, 2019], [[14, 18.4]], 165, 5.6, 34, 3.6),
    ice('Malibu', [2016, 2025], 8.1, 59),
    ice('Silverado 1500', [2014, 2025], 13.1, 91, { tireKpa: 280 }),
    ice('Equinox', [2018, 2025], 8.7, 56),
  ],
  CHRYSLER: [
    phev('Pacifica Hybrid', [2017, 2025], [[12.9, 16]], 255, 7.8, 62, 6.6),
    ice('Pacifica', [2017, 2025], 11.2, 72, { tireKpa: 250 }),
    ice('300', [2011, 2023], 10.7, 72),
  ],
  CITROEN: [
    bev('ë-C4', [2021, 2025], [[46, 50, 'BEV 50 kWh'], [51, 54, 'BEV 54 kWh']], 160, 7.4, 100),
    phev('C5 Aircross Hybrid', [2020, 2025], [[10.8, 13.2]], 190, 6.2, 43, 7.4),
    ice('C3', [2017, 2025], 5.2, 45, { tireKpa: 230 }),
    bev('ë-C3', [2024, 2025], [[44, 44]], 150, 7.4, 100),
  ],
  CUPRA: [
    bev('Born', [2021, 2025], [[58, 62, 'e-Boost 58 kWh'], [77, 82, 'e-Boost 77 kWh']], 160, 11, 135),
    phev('Formentor e-HYBRID', [2021, 2025], [[10.4, 12.8]], 180, 6.0, 40, 3.6),
    ice('Leon', [2020, 2025], 6.0, 50),
  ],
};

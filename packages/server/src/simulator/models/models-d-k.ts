/**
 * @module Models of the makes Dacia to Kia. Figures are the makers' published ones rounded. Append
 * new models at the end of a make's list: the VIN carries each model's position.
 */
import { bev, hev, ice, phev, type ModelDraft } from './model-types.js';

export const modelsDToK: Readonly<Record<string, readonly ModelDraft[]>> = {
  DACIA: [
    bev('Spring', [2021, 2025], [[26.8, 27.4]], 130, 6.6, 30, { tireKpa: 230, volts: 240 }),
    ice('Sandero', [2021, 2025], 5.3, 50, { tireKpa: 230 }),
    hev('Jogger Hybrid 140', [2023, 2025], 4.8, 40),
    ice('Duster', [2018, 2025], 6.1, 50),
  ],
  DODGE: [
    bev('Charger Daytona', [2024, 2025], [[93.9, 100.5]], 230, 11, 183),
    phev('Hornet R/T', [2024, 2025], [[12, 15.5]], 200, 7.6, 42, 7.4),
    ice('Durango', [2011, 2025], 13.1, 93, { tireKpa: 250 }),
    ice('Challenger', [2015, 2023], 11.8, 70),
  ],
  DS: [
    bev('DS 3 E-Tense', [2019, 2025], [[46, 50, 'E-Tense 50 kWh'], [51, 54, 'E-Tense 54 kWh']], 155, 7.4, 100),
    phev('DS 7 E-Tense', [2019, 2025], [[11.5, 14.2]], 200, 6.8, 43, 7.4),
    ice('DS 4', [2021, 2025], 5.9, 52),
  ],
  FIAT: [
    bev('500e', [2020, 2025], [[21.3, 23.8, 'Action'], [37.3, 42, 'La Prima']], 135, 11, 85, { tireKpa: 230, volts: 350 }),
    hev('Panda Hybrid', [2020, 2025], 5.0, 37, { tireKpa: 220 }),
    ice('Tipo', [2016, 2025], 6.0, 50),
    bev('600e', [2023, 2025], [[51, 54]], 155, 11, 100),
  ],
  FORD: [
    bev('Mustang Mach-E', [2021, 2025], [[70, 75.7, 'Standard Range'], [91, 98.7, 'Extended Range']], 185, 11, 150),
    bev('F-150 Lightning', [2022, 2025], [[98, 98, 'Standard Range'], [131, 131, 'Extended Range']], 300, 19.2, 155, { tireKpa: 290 }),
    phev('Escape Plug-In Hybrid', [2020, 2025], [[11.1, 14.4]], 190, 6.2, 42, 3.3),
    ice('F-150', [2015, 2025], 12.4, 98, { tireKpa: 240 }),
    ice('Explorer', [2016, 2025], 11.2, 68, { tireKpa: 240 }),
    phev('Kuga Plug-In Hybrid', [2020, 2025], [[11.9, 14.4]], 190, 5.9, 45, 3.7),
  ],
  GMC: [
    bev('Hummer EV', [2022, 2025], [[212.7, 246]], 400, 19.2, 350, { volts: 800, tireKpa: 300 }),
    bev('Sierra EV', [2024, 2025], [[200, 205]], 330, 19.2, 350, { volts: 800, tireKpa: 290 }),
    ice('Sierra 1500', [2014, 2025], 13.2, 91, { tireKpa: 280 }),
    ice('Yukon', [2015, 2025], 14.0, 91, { tireKpa: 280 }),
    ice('Terrain', [2018, 2025], 9.0, 56),
  ],
  HONDA: [
    bev('Prologue', [2024, 2025], [[85, 85]], 200, 11.5, 150),
    ice('Civic', [2016, 2025], 6.9, 47),
    hev('CR-V Hybrid', [2020, 2025], 6.5, 53),
    hev('Accord Hybrid', [2017, 2025], 5.2, 48),
    phev('Clarity Plug-In Hybrid', [2018, 2021], [[14, 17]], 185, 5.9, 26, 6.6),
  ],
  HYUNDAI: [
    bev('IONIQ 5', [2022, 2025], [[54, 58, 'Standard Range'], [74, 77.4, 'Long Range'], [80, 84, 'Long Range 84 kWh']], 175, 10.9, 235, { volts: 800 }),
    bev('Kona Electric', [2019, 2025], [[38.3, 39.2, 'Standard Range'], [62, 64, 'Long Range'], [64.8, 65.4, 'Long Range 65 kWh']], 150, 10.5, 100, { volts: 356 }),
    bev('IONIQ 6', [2023, 2025], [[74, 77.4]], 150, 10.9, 235, { volts: 800 }),
    phev('Tucson Plug-in Hybrid', [2022, 2025], [[11.5, 13.8]], 200, 7.0, 42, 7.2),
    ice('Elantra', [2017, 2025], 6.9, 47),
  ],
  INFINITI: [
    ice('QX50', [2019, 2025], 9.4, 60),
    ice('QX60', [2013, 2025], 10.9, 74, { tireKpa: 250 }),
    ice('Q50', [2014, 2024], 9.8, 76),
    ice('QX80', [2011, 2025], 15.7, 98, { tireKpa: 270 }),
  ],
  JAGUAR: [
    bev('I-PACE', [2019, 2024], [[84.7, 90]], 230, 11, 104),
    ice('F-PACE', [2017, 2025], 9.5, 82),
    phev('F-PACE P400e', [2021, 2025], [[15, 17.1]], 220, 8.1, 53, 7),
    ice('XF', [2016, 2024], 7.4, 66),
  ],
  JEEP: [
    phev('Wrangler 4xe', [2021, 2025], [[14, 17.3]], 310, 9.4, 65, 7.4, 0, { tireKpa: 260 }),
    phev('Grand Cherokee 4xe', [2022, 2025], [[14, 17.3]], 290, 9.0, 71, 7.4, 0, { tireKpa: 260 }),
    bev('Wagoneer S', [2024, 2025], [[94, 100.5]], 215, 11, 160),
    ice('Compass', [2017, 2025], 8.7, 51),
    ice('Grand Cherokee', [2014, 2025], 11.8, 87, { tireKpa: 260 }),
  ],
  KIA: [
    bev('EV6', [2022, 2025], [[54, 58, 'Standard Range'], [74, 77.4, 'Long Range']], 170, 10.9, 235, { volts: 800 }),
    bev('Niro EV', [2019, 2025], [[62, 64.8]], 160, 11, 80, { volts: 356 }),
    bev('EV9', [2024, 2025], [[74, 76.1, 'Standard Range'], [96, 99.8, 'Long Range']], 220, 10.9, 215, { volts: 800 }),
    phev('Sorento Plug-in Hybrid', [2022, 2025], [[11.5, 13.8]], 220, 7.8, 47, 3.3),
    ice('Sportage', [2017, 2025], 8.1, 54),
  ],
};

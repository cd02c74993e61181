/**
 * @module Models of the makes Opel to Volvo. Figures are the makers' published ones rounded. Append
 * new models at the end of a make's list: the VIN carries each model's position.
 */
import { bev, hev, ice, phev, type ModelDraft } from './model-types.js';

const stellantisSmall = [[46, 50, '50 kWh'], [51, 54, '54 kWh']] as const;

export const modelsOToV: Readonly<Record<string, readonly ModelDraft[]>> = {
  OPEL: [
    bev('Corsa Electric', [2020, 2025], stellantisSmall, 155, 7.4, 100, { tireKpa: 230 }),
    bev('Mokka Electric', [2021, 2025], stellantisSmall, 160, 7.4, 100),
    phev('Astra Plug-in Hybrid', [2022, 2025], [[12.4, 14.2]], 170, 5.7, 40, 3.7),
    ice('Corsa', [2019, 2025], 5.4, 44, { tireKpa: 230 }),
  ],
  PEUGEOT: [
    bev('e-208', [2020, 2025], stellantisSmall, 150, 7.4, 100, { tireKpa: 230 }),
    bev('e-2008', [2020, 2025], stellantisSmall, 165, 7.4, 100),
    phev('3008 Hybrid', [2020, 2025], [[11.8, 13.2]], 180, 6.4, 43, 7.4),
    ice('308', [2014, 2025], 5.8, 52),
  ],
  PORSCHE: [
    bev('Taycan', [2020, 2025], [[71, 79.2, 'Performance Battery'], [83.7, 93.4, 'Performance Battery Plus'], [97, 105, 'Performance Battery Plus 105 kWh']], 200, 11, 270, { volts: 800, tireKpa: 270 }),
    bev('Macan Electric', [2024, 2025], [[95, 100]], 195, 11, 270, { volts: 800, tireKpa: 270 }),
    phev('Cayenne E-Hybrid', [2019, 2025], [[14.1, 17.9]], 250, 9.8, 75, 7.2, 0, { tireKpa: 270 }),
    ice('911', [2012, 2025], 10.1, 64, { tireKpa: 260 }),
  ],
  RAM: [
    ice('1500', [2013, 2025], 13.0, 98, { tireKpa: 280 }),
    bev('ProMaster EV', [2024, 2025], [[110, 110]], 330, 11, 150, { tireKpa: 380 }),
    ice('2500', [2013, 2025], 14.5, 121, { tireKpa: 420 }),
  ],
  RENAULT: [
    bev('Zoe', [2013, 2024], [[22, 22, 'Z.E. 22'], [41, 44.1, 'Z.E. 40'], [52, 54.7, 'Z.E. 50']], 155, 22, 46, { volts: 360, tireKpa: 230 }),
    bev('Megane E-Tech Electric', [2022, 2025], [[40, 42, 'EV40'], [60, 62, 'EV60']], 165, 22, 130),
    hev('Clio E-Tech Full Hybrid', [2020, 2025], 4.3, 39, { tireKpa: 230 }),
    phev('Captur E-Tech Plug-in', [2020, 2024], [[9.8, 10.4]], 170, 5.8, 39, 3.7),
  ],
  RIVIAN: [
    bev('R1T', [2022, 2025], [[105, 109, 'Standard Pack'], [131, 135, 'Large Pack'], [141, 149, 'Max Pack']], 250, 11.5, 220, { tireKpa: 330 }),
    bev('R1S', [2022, 2025], [[105, 109, 'Standard Pack'], [131, 135, 'Large Pack'], [141, 149, 'Max Pack']], 255, 11.5, 220, { tireKpa: 330 }),
  ],
  SKODA: [
    bev('Enyaq iV', [2021, 2025], [[58, 62, 'iV 60'], [77, 82, 'iV 80']], 175, 11, 135),
    phev('Octavia iV', [2020, 2024], [[10.4, 13]], 160, 5.6, 40, 3.6),
    phev('Superb iV', [2020, 2025], [[10.4, 13]], 170, 6.0, 50, 3.6),
    ice('Octavia', [2013, 2025], 5.8, 50),
  ],
  SUBARU: [
    bev('Solterra', [2023, 2025], [[64, 71.4]], 190, 6.6, 100),
    ice('Outback', [2015, 2025], 8.7, 70),
    ice('Forester', [2014, 2025], 8.4, 63),
    phev('Crosstrek Hybrid', [2019, 2023], [[7.3, 8.8]], 180, 7.3, 50, 3.3),
  ],
  // The seeds' matrix prints the Model 3 as "3"; the other Models follow the same convention there.
  TESLA: [
    bev('Model S', [2012, 2025], [[56, 60, '60'], [72.5, 75, '75D'], [81.5, 85, '85D'], [95, 100, '100D']], 185, 11.5, 250, { matrixName: 'S' }),
    bev('Model 3', [2017, 2025], [[54, 57.5, 'Standard Range Plus'], [75, 78.1, 'Long Range'], [79, 82, 'Performance']], 150, 11.5, 250, { matrixName: '3' }),
    bev('Model X', [2016, 2025], [[72.5, 75, '75D'], [87, 90, '90D'], [95, 100, '100D']], 210, 11.5, 250, { tireKpa: 290, matrixName: 'X' }),
    bev('Model Y', [2020, 2025], [[57.5, 60, 'Standard Range'], [75, 78.1, 'Long Range']], 165, 11.5, 250, { tireKpa: 290, matrixName: 'Y' }),
    bev('Cybertruck', [2024, 2025], [[123, 123]], 270, 11.5, 325, { volts: 800, tireKpa: 330 }),
  ],
  TOYOTA: [
    bev('bZ4X', [2023, 2025], [[64, 71.4, 'FWD'], [72.8, 74.7, 'AWD']], 180, 6.6, 150),
    phev('RAV4 Prime', [2021, 2025], [[16.5, 18.1]], 190, 6.0, 55, 6.6),
    hev('Prius', [2016, 2025], 4.4, 43),
    ice('Camry', [2015, 2025], 7.6, 60),
    ice('Corolla', [2014, 2025], 6.7, 50),
  ],
  VAUXHALL: [
    bev('Corsa Electric', [2020, 2025], stellantisSmall, 155, 7.4, 100, { tireKpa: 230 }),
    bev('Mokka Electric', [2021, 2025], stellantisSmall, 160, 7.4, 100),
    bev('Astra Sports Tourer Electric', [2023, 2025], [[51, 54]], 160, 11, 100),
    ice('Corsa', [2019, 2025], 5.4, 44, { tireKpa: 230 }),
  ],
  VOLKSWAGEN: [
    bev('ID.4', [2021, 2025], [[52, 58, 'Pure'], [77, 82, 'Pro']], 180, 11, 135),
    bev('ID.3', [2020, 2025], [[45, 48, 'Pure'], [58, 62, 'Pro'], [77, 82, 'Pro S']], 160, 11, 125),
    bev('e-Golf', [2015, 2020], [[24.2, 26.5, '24 kWh'], [32, 35.8, '36 kWh']], 150, 7.2, 40, { volts: 323 }),
    phev('Golf GTE', [2015, 2025], [[10.4, 13]], 170, 5.8, 40, 3.6),
    ice('Tiguan', [2016, 2025], 8.4, 58),
    ice('Golf', [2013, 2025], 6.2, 50),
    bev('ID. Buzz', [2024, 2025], [[77, 82, 'Pro'], [86, 91, 'Pro LWB']], 210, 11, 200),
  ],
  VOLVO: [
    bev('XC40 Recharge', [2021, 2025], [[67, 69, 'Single Motor'], [75, 78, 'Twin Motor']], 190, 11, 150),
    bev('EX30', [2024, 2025], [[49, 51, 'Single Motor'], [64, 69, 'Extended Range']], 165, 11, 153),
    phev('XC60 Recharge', [2018, 2025], [[10.4, 11.6, 'T8 11.6 kWh'], [14.9, 18.8, 'T8 18.8 kWh']], 220, 8.4, 71, 3.7),
    ice('XC90', [2016, 2025], 9.4, 71, { tireKpa: 260 }),
  ],
};

/**
 * @module Stellantis' European brands (Citroën, DS, Opel, Peugeot, Vauxhall): their cloud reports the
 * charge limit only while a cable is plugged in, the case the seeds' Charge Limit notes describe.
 */
import { plugNotConnected, type ProviderMakeBehaviour } from '../vehicle-context.js';

export const stellantisEuropeBehaviour: ProviderMakeBehaviour = {
  checkRead(endpointId, context) {
    if (endpointId === 'getChargeLimit' && !context.reading.charge().isPluggedIn) throw plugNotConnected();
  },
};

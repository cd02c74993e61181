/** @module Charge records, specified on BMW's page and served for BMW, MINI and Tesla: the last 30 days of finished sessions. */
import type { EndpointId } from '../../../catalog/endpoints/index.js';
import { chargeSessions, dateRange, sessionSite } from '../charge-sessions.js';
import { iso, round, type ReadHandler } from '../vehicle-context.js';

/** The seeds limit records to the last 30 days. */
const RECORD_DAYS = 30;

export const chargeRecordReads: Readonly<Partial<Record<EndpointId, ReadHandler>>> = {
  getChargeRecords: (context) => {
    const { from, to } = dateRange(context.query, context.reading.time, RECORD_DAYS);
    const earliest = context.reading.time - RECORD_DAYS * 24 * 3_600_000;
    return {
      records: chargeSessions(context, Math.max(from, earliest), to).map((session) => ({
        chargeStart: iso(session.start),
        chargeEnd: iso(session.end),
        location: sessionSite(context, session),
        energy: round(session.deliveredKwh, 3),
        isPublic: session.isPublic,
        startPercentRemaining: round(Math.min(1, session.startStateOfCharge), 3),
        endPercentRemaining: round(Math.min(1, session.endStateOfCharge), 3),
        chargingType: session.kind,
      })),
    };
  },
};

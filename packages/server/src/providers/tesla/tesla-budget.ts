/**
 * @module Tesla's published daily limits per vehicle, which Carport's upstream budgets enforce
 * before a request reaches Tesla. Source: Tesla Fleet API, "Subscription Plans", Discovery plan
 * (https://developer.tesla.com/docs/fleet-api/getting-started/subscription-plans): device data
 * 200 requests, commands 50 requests and wakes 15 requests per vehicle per day.
 */
import type { DailyBudget } from '../upstream/index.js';

export const teslaDailyBudget: DailyBudget = { data: 200, commands: 50, wakes: 15 };

import type { Db } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";

/** Slack replays a request for up to 5 minutes; a day's worth of keys covers that with room to spare. */
export const deliveryKeyLifetimeMs = 24 * 60 * 60 * 1000;

/**
 * At-most-once handling of Slack deliveries across replicas: the first to insert a delivery's key
 * acts on it; any retry or replay finds the key taken.
 */
export function deliveryUseCases(deps: { db: Db }) {
  const { db } = deps;
  return {
    async isFirst(key: string, now: Date): Promise<boolean> {
      try {
        await db.slackDelivery.create({ data: { key, receivedAt: now } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async prune(now: Date): Promise<number> {
      const { count } = await db.slackDelivery.deleteMany({
        where: { receivedAt: { lt: new Date(now.getTime() - deliveryKeyLifetimeMs) } },
      });
      return count;
    },
  };
}

export type DeliveryUseCases = ReturnType<typeof deliveryUseCases>;

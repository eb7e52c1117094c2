/** The Node options of the Dockerfile's CMD (see production-node-args.mjs). */
export function productionNodeArgs(): string[];

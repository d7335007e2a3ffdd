export * from "./checkChainId.js";
export * from "./envOverrides.js";
export * from "./errors.js";
export * from "./knownMainnets.js";
export * from "./loadConfig.js";
export * from "./loadRulesInputs.js";
export * from "./loadSigner.js";
export * from "./schema.js";

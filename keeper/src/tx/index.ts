export * from "./classifyRevert.js";
export * from "./classifySendError.js";
export * from "./errors.js";
export * from "./fees.js";
export * from "./nonceSource.js";
export * from "./rpcClient.js";
export * from "./txManager.js";

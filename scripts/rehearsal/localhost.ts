// The local rehearsal's fixed parts: which of Hardhat's default accounts signs what (they match
// ignition/parameters/localhost.json), where the deployment is recorded and where the run's files go.
// Hardhat's default accounts are public test keys: never fund them on a real chain.
import { hardhatAccountKey } from "../demo/keeperStep.js";

/** Roles of the rehearsal, by Hardhat default account index. */
export const REHEARSAL_ACCOUNTS = {
  deployer: {
    index: 0,
    signs:
      "the Ignition deployment; the seeding (test tokens, flash-vault and DEX liquidity, the option pool's LP deposit); every push, as the pusher (Feeds.reporter): index rounds (REPORTER_ROLE on both feeds) and volatility surfaces (VOL_ORACLE_ROLE on the surface oracle)",
  },
  keeper: {
    index: 1,
    signs: "the keeper's transactions (KEEPER_ROLE, granted at deployment: HedgeVault.keeper)",
  },
  guardian: { index: 2, signs: "nothing unless it pauses the vault (GUARDIAN_ROLE, HedgeVault.guardian)" },
  multisig: {
    index: 3,
    signs:
      "timelock proposals, as its only proposer (Governance.multisig): e.g. a KEEPER_ROLE grant to another key",
  },
  depositor: { index: 4, signs: "the first hedge-vault deposit request (ERC-7540 requestDeposit)" },
} as const;

export type RehearsalRole = keyof typeof REHEARSAL_ACCOUNTS;

/** The private key of a rehearsal role (a Hardhat default account: public, test only). */
export function rehearsalKey(role: RehearsalRole): string {
  return hardhatAccountKey(REHEARSAL_ACCOUNTS[role].index);
}

/** Ignition records the rehearsal under this id (ignition/deployments/<id>, git-ignored). */
export const REHEARSAL_DEPLOYMENT_ID = "localhost-rehearsal";
/** The parameters file of the rehearsal's deployment. */
export const REHEARSAL_PARAMETERS = "ignition/parameters/localhost.json";
/** Where the rehearsal writes its keeper config, logs and the node's output. */
export const REHEARSAL_DIR = "out/rehearsal";

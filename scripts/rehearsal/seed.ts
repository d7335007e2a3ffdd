// Manual rehearsal step 3 (docs/testnet.md, "Local rehearsal"): seeds the localhost deployment like its first
// users would, then switches the node to one block a second.
//   npx hardhat run --network localhost scripts/rehearsal/seed.ts
import { network } from "hardhat";
import { REHEARSAL_DEPLOYMENT_ID } from "./localhost.js";
import { readRehearsalAddresses, seedRehearsal } from "./setup.js";

const conn = await network.create();
const addresses = readRehearsalAddresses(process.env.ALVH_REHEARSAL_DEPLOYMENT_ID ?? REHEARSAL_DEPLOYMENT_ID);
await seedRehearsal(conn, addresses);
await conn.provider.request({ method: "evm_setAutomine", params: [false] });
await conn.provider.request({ method: "evm_setIntervalMining", params: [1_000] });
console.log(`seeded; one block a second from now. Hedge vault ${addresses.hedgeVault}`);
console.log(
  `feeds: ALVH_PUSH_VIX_FEED=${addresses.vixFeed} ALVH_PUSH_SPX_FEED=${addresses.spxFeed} ALVH_PUSH_VOL_ORACLE=${addresses.volOracle}`,
);

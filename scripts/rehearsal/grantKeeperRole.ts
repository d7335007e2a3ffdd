// Grants KEEPER_ROLE on the rehearsal's hedge vault to KEEPER_ADDRESS through the timelock (the multisig
// schedules, the delay is skipped on localhost, anyone executes): what governance does for a keeper key that was
// not named at deployment, or for a rotated one (docs/keeper.md, "Rotating the key").
//   KEEPER_ADDRESS=0x… npx hardhat run --network localhost scripts/rehearsal/grantKeeperRole.ts
import { isAddress } from "ethers";
import { network } from "hardhat";
import { REHEARSAL_DEPLOYMENT_ID } from "./localhost.js";
import { grantKeeperRole, readRehearsalAddresses } from "./setup.js";

const keeper = process.env.KEEPER_ADDRESS ?? "";
if (!isAddress(keeper)) {
  process.stderr.write(`KEEPER_ADDRESS: expected the keeper's 0x address, got "${keeper}"\n`);
  process.exit(2);
}
const conn = await network.create();
const addresses = readRehearsalAddresses(process.env.ALVH_REHEARSAL_DEPLOYMENT_ID ?? REHEARSAL_DEPLOYMENT_ID);
const granted = await grantKeeperRole(conn, addresses, keeper);
console.log(
  granted ? `KEEPER_ROLE granted to ${keeper} through the timelock` : `${keeper} already holds KEEPER_ROLE`,
);

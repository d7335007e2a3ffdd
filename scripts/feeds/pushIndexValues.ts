// One push of both index feeds: the volatility index and the equity index, stamped with the same
// observation time, through an ethers signer: the demo's day-by-day replay. The testnet pusher (feedPusher.ts)
// pushes the same values (`IndexValues`) through the keeper's transaction manager instead.
import type { ContractTransactionReceipt } from "ethers";
import type { IndexFeed } from "../../types/ethers-contracts/index.js";
import type { NonPayableOverrides } from "../../types/ethers-contracts/common.js";

export interface IndexFeeds {
  vixFeed: IndexFeed;
  spxFeed: IndexFeed;
}

/** Values in the feeds' 8-decimal units. */
export interface IndexValues {
  vix: bigint;
  spx: bigint;
}

/**
 * Pushes `values` to both feeds as observed at `observedAt` (unix seconds, not after the chain's time and
 * after each feed's previous round — the feed refuses anything else with a named error) and waits for both
 * transactions. `overrides` go to both transactions (the demo's fixed gas limit). Returns the two new round ids.
 */
export async function pushIndexValues(
  feeds: IndexFeeds,
  values: IndexValues,
  observedAt: number,
  overrides: NonPayableOverrides = {},
): Promise<{ vixRound: bigint; spxRound: bigint }> {
  const vixTx = await feeds.vixFeed.pushRound(values.vix, observedAt, overrides);
  const spxTx = await feeds.spxFeed.pushRound(values.spx, observedAt, overrides);
  const [vix, spx] = await Promise.all([vixTx.wait(), spxTx.wait()]);
  // The round ids from the receipts' AnswerUpdated events: no call to each feed after the push.
  return { vixRound: pushedRound(feeds.vixFeed, vix), spxRound: pushedRound(feeds.spxFeed, spx) };
}

/** The id of the round a `pushRound` receipt holds (its `AnswerUpdated` event). */
function pushedRound(feed: IndexFeed, receipt: ContractTransactionReceipt | null): bigint {
  for (const log of receipt?.logs ?? []) {
    const event = feed.interface.parseLog(log);
    if (event?.name === "AnswerUpdated") return event.args.roundId as bigint;
  }
  throw new Error(`pushRound: no AnswerUpdated event in ${receipt?.hash ?? "a missing receipt"}`);
}

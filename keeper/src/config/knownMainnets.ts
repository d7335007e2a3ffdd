/**
 * Chain ids of production networks where gas and positions cost real money: the keeper refuses them unless
 * `allowMainnet` is set, so a testnet config pointed at a mainnet RPC by mistake stops before it sends.
 * (Ids from each network's own documentation; chainlist.org lists them all.)
 */
export const KNOWN_MAINNETS: ReadonlyMap<number, string> = new Map([
  [1, "Ethereum mainnet"],
  [10, "OP Mainnet"],
  [25, "Cronos"],
  [56, "BNB Smart Chain"],
  [100, "Gnosis"],
  [130, "Unichain"],
  [137, "Polygon PoS"],
  [146, "Sonic"],
  [250, "Fantom Opera"],
  [324, "zkSync Era"],
  [1101, "Polygon zkEVM"],
  [1284, "Moonbeam"],
  [5000, "Mantle"],
  [8453, "Base"],
  [34443, "Mode"],
  [42161, "Arbitrum One"],
  [42170, "Arbitrum Nova"],
  [42220, "Celo"],
  [43114, "Avalanche C-Chain"],
  [59144, "Linea"],
  [81457, "Blast"],
  [534352, "Scroll"],
  [7777777, "Zora"],
]);

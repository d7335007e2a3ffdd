/**
 * One trading day of the replayed market: closes (marks) and opens (settlement) of the volatility index
 * (VIX-like) and the equity index (SPX-like), and the optional inputs of the volatility oracle. An absent
 * optional input is filled in by the oracle's model for that day (scripts/volatility, docs/volatility.md).
 */
export interface MarketDay {
  /** Trading date, `YYYY-MM-DD`. */
  date: string;
  /** Volatility-index close, index points (e.g. 17.6). */
  vix: number;
  /** Equity-index close, index points (e.g. 4500.25). */
  spx: number;
  /** Volatility-index open, index points: index options settle at a morning quotation. */
  vixOpen: number;
  /** Equity-index open, index points. */
  spxOpen: number;
  /** 93-day volatility index (VIX3M) close, when known. */
  vix3m?: number;
  /** 182-day volatility index (VIX6M) close, when known. */
  vix6m?: number;
  /** Volatility of the volatility index (VVIX) close, when known. */
  vvix?: number;
}

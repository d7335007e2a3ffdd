/** One trading day of the replayed market: closes of the volatility index (VIX-like) and the equity index (SPX-like). */
export interface MarketDay {
  /** Trading date, `YYYY-MM-DD`. */
  date: string;
  /** Volatility-index close, index points (e.g. 17.6). */
  vix: number;
  /** Equity-index close, index points (e.g. 4500.25). */
  spx: number;
}

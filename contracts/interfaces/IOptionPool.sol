// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IOptionPool
/// @notice A pool that writes and buys fully collateralised, cash-settled vertical spreads (call spreads and put
///         spreads) on registered index feeds, against the capital of its LPs (ERC-4626 shares).
/// @dev Units, everywhere:
///      - strikes, index levels and per-unit values: 18-decimal index points (the feed's 8 decimals normalised);
///      - size: 18-decimal contracts; ONE CONTRACT PAYS ONE STABLECOIN UNIT (e.g. 1 USDC) PER INDEX POINT, so
///        a call spread 20/25 of size 1e18 pays at most 5 USDC;
///      - cash (premiums, collateral, payoffs, LP assets): the stablecoin's own decimals (6 for USDC);
///      - rates, volatilities, fractions: WAD (1e18 = 100 %); time: seconds, ACT/365.
///      Rounding always favours the pool's money holders: premiums paid by traders and collateral taken are
///      rounded UP, premiums and payoffs paid out are rounded DOWN.
///      Prices come from the feed's latest index and its volatility surface (IVolSurfaceOracle, read by the
///      pool's pricer at each series' time to expiry): forward = index x the surface's forward factor (which
///      converges to exactly 1 at expiry), a smile in log-moneyness, Black-76. Real VIX options are priced off
///      VIX futures of the same expiry (both settle to one special opening quotation), not spot VIX; the
///      surface carries that term structure. Settlement pays on the feed value itself (the first round at or
///      after expiry). A feed whose latest round is older than its heartbeat, or whose surface is older than
///      `surfaceMaxAge`, cannot be traded, and its series are marked at their worst case for leaving LPs and
///      their best case for entering ones.
///      Feed reads, valuations and the settlement lookup run in the pool's stateless `OptionPricer`, so FeedReader's
///      and Black76's errors (e.g. `FeedStale`) come from that contract's ABI.
interface IOptionPool {
    // ---------------------------------------------------------------- types

    /// @notice CALL_SPREAD pays clamp(S - kLow, 0, kHigh - kLow); PUT_SPREAD pays clamp(kHigh - S, 0, kHigh - kLow).
    enum Kind {
        CALL_SPREAD,
        PUT_SPREAD
    }

    /// @notice Which way a trade went, from the trader's side.
    enum Side {
        BUY, // trader opens/extends a long: pays the ask, receives ERC-1155 tokens
        SELL, // trader opens/extends a short: posts width x size collateral, receives the bid
        CLOSE_LONG, // trader sells a long back: burns tokens, receives the bid
        CLOSE_SHORT // trader buys a short back: pays the ask, gets the released collateral
    }

    /// @notice A listed series and its running totals (see the struct members).
    struct Series {
        address feed; // the index feed (AggregatorV3Interface)
        uint64 expiry; // unix seconds, on the expiry grid
        Kind kind;
        bool settled;
        uint8 activeSlot; // while it has longs or shorts open: 1 + its place in the pool's active set, else 0
        uint128 strikeLow; // 18-decimal index points
        uint128 strikeHigh; // 18-decimal index points, > strikeLow
        uint128 longSupply; // contracts held long by traders (ERC-1155 supply)
        uint128 shortSupply; // contracts written by traders
        uint128 writerCollateral; // cash: before settlement the writers' collateral; after it, the payout pot
        uint128 payoffPerUnit; // set at settlement: 18-decimal index points per contract, <= width
        uint128 settlementPrice; // set at settlement: 18-decimal index level
    }

    /// @notice Governance parameters (all bounded, see `setParams`).
    struct Params {
        uint64 minTenor; // seconds from listing to expiry, minimum
        uint64 maxTenor; // seconds from listing to expiry, maximum
        uint32 expiryTimeOfDay; // expiries must be at this second of a UTC day (28,800 = 08:00 UTC)
        uint32 settlementWindow; // the settlement round must come at most this long after expiry
        uint64 gracePeriod; // after expiry + gracePeriod, governance may set a missing settlement price
        uint64 strikeBandLow; // WAD: strikes >= index x strikeBandLow at listing
        uint64 strikeBandHigh; // WAD: strikes <= index x strikeBandHigh at listing
        uint64 halfSpread; // WAD fraction of the width added to (ask) / taken from (bid) the fair value
        uint64 fee; // WAD fraction of the fair value added to (ask) / taken from (bid) the fair value
        uint64 maxUtilisation; // WAD: locked / LP cash may not exceed this after a trade that adds exposure
        uint64 rate; // WAD per year: discount rate of Black-76
        uint64 minVol; // WAD: lowest implied volatility after skew
        uint64 maxVol; // WAD: highest implied volatility after skew
    }

    /// @notice Per-feed configuration. A feed is registered when `heartbeat != 0`.
    struct FeedConfig {
        uint32 heartbeat; // maximum age of the latest round for trading and listing, seconds
        uint32 surfaceMaxAge; // maximum age of the feed's volatility surface for trading, seconds
    }

    // ---------------------------------------------------------------- errors

    /// @notice The series id is not listed.
    error SeriesNotListed(uint256 seriesId);
    /// @notice A series with these terms exists already.
    error SeriesAlreadyListed(uint256 seriesId);
    /// @notice The feed is not registered (heartbeat 0).
    error FeedNotRegistered(address feed);
    /// @notice Expiry minus now is outside [minTenor, maxTenor].
    error TenorOutOfBounds(uint256 tenor, uint256 minTenor, uint256 maxTenor);
    /// @notice The expiry is not at `expiryTimeOfDay` of a UTC day.
    error ExpiryNotOnGrid(uint256 expiry, uint256 expiryTimeOfDay);
    /// @notice Strikes must satisfy 0 < strikeLow < strikeHigh.
    error StrikesNotOrdered(uint256 strikeLow, uint256 strikeHigh);
    /// @notice A strike lies outside the listing band [minStrike, maxStrike] around the current index.
    error StrikeOutOfBand(uint256 strike, uint256 minStrike, uint256 maxStrike);
    /// @notice The trader's deadline has passed.
    error DeadlinePassed(uint256 deadline, uint256 timestamp);
    /// @notice The premium the trader would pay is above the trader's maximum.
    error PremiumAboveMax(uint256 premium, uint256 maxPremium);
    /// @notice The premium the trader would receive is below the trader's minimum.
    error PremiumBelowMin(uint256 premium, uint256 minPremium);
    /// @notice Size is zero or above `MAX_SIZE`.
    error SizeOutOfBounds(uint256 size, uint256 maxSize);
    /// @notice Trading in the series stopped (`TRADING_CUTOFF` before expiry).
    error SeriesTradingClosed(uint256 seriesId, uint256 expiry);
    /// @notice The trade would raise utilisation (locked / LP cash) above the cap.
    error UtilisationAboveCap(uint256 locked, uint256 lpCash, uint256 maxUtilisation);
    /// @notice The pool's cash would not cover its locked capital after the trade.
    error InsufficientLiquidity(uint256 needed, uint256 available);
    /// @notice The trade would open exposure in more than `MAX_ACTIVE_SERIES` series.
    error TooManyActiveSeries(uint256 maxActiveSeries);
    /// @notice The writer's short in the series is smaller than the size to close.
    error ShortTooSmall(uint256 seriesId, address writer, uint256 shortSize, uint256 size);
    /// @notice The series has not expired yet.
    error SeriesNotExpired(uint256 seriesId, uint256 expiry);
    /// @notice The series is settled already.
    error SeriesAlreadySettled(uint256 seriesId);
    /// @notice The series is not settled yet.
    error SeriesNotSettled(uint256 seriesId);
    /// @notice Governance may set a settlement price only after expiry + gracePeriod.
    error GracePeriodNotOver(uint256 seriesId, uint256 availableAt);
    /// @notice The feed has a valid settlement round: use `settle`, not the governance fallback.
    error SettlementRoundAvailable(uint256 seriesId);
    /// @notice A settlement price of zero is not accepted.
    error SettlementPriceZero(uint256 seriesId);
    /// @notice The writer has no short in the settled series.
    error NothingToReclaim(uint256 seriesId, address writer);
    /// @notice A governance parameter is outside its hard bounds (`name` says which).
    error ParameterOutOfBounds(bytes32 name, uint256 value, uint256 min, uint256 max);
    /// @notice The feed's volatility surface is missing (`updatedAt` 0) or older than `maxAge` seconds.
    error SurfaceStale(address feed, uint256 updatedAt, uint256 maxAge);
    /// @notice The admin given to the constructor is the zero address.
    error AdminZero();

    // ---------------------------------------------------------------- events

    /// @notice A series was listed.
    /// @param seriesId The deterministic id (also the ERC-1155 token id of its longs).
    /// @param feed The index feed.
    /// @param kind Call spread or put spread.
    /// @param strikeLow Lower strike (18-decimal index points).
    /// @param strikeHigh Upper strike (18-decimal index points).
    /// @param expiry Expiry (unix seconds).
    /// @param lister Who listed it.
    event SeriesListed(
        uint256 indexed seriesId,
        address indexed feed,
        Kind kind,
        uint256 strikeLow,
        uint256 strikeHigh,
        uint256 expiry,
        address indexed lister
    );

    /// @notice A trade with the pool.
    /// @param seriesId The series.
    /// @param trader The trader.
    /// @param side Buy, sell, close long or close short (trader's side).
    /// @param size Contracts (18 decimals).
    /// @param premium Cash paid (BUY, CLOSE_SHORT) or received (SELL, CLOSE_LONG) by the trader.
    /// @param collateral Cash posted (SELL) or released (CLOSE_SHORT); 0 for the other sides.
    event Traded(
        uint256 indexed seriesId,
        address indexed trader,
        Side indexed side,
        uint256 size,
        uint256 premium,
        uint256 collateral
    );

    /// @notice A series was settled.
    /// @param seriesId The series.
    /// @param price Settlement index level (18 decimals).
    /// @param payoffPerUnit Payoff per contract (18-decimal index points).
    /// @param roundId The feed round used (0 when set by governance).
    /// @param byGovernance True for the grace-period fallback.
    event SeriesSettled(
        uint256 indexed seriesId,
        uint256 price,
        uint256 payoffPerUnit,
        uint80 roundId,
        bool byGovernance
    );

    /// @notice A long redeemed its payoff (its tokens were burned).
    /// @param seriesId The series.
    /// @param holder The token holder.
    /// @param size Contracts redeemed.
    /// @param payout Cash paid.
    event LongRedeemed(uint256 indexed seriesId, address indexed holder, uint256 size, uint256 payout);

    /// @notice A writer took back collateral minus payoff after settlement.
    /// @param seriesId The series.
    /// @param writer The writer.
    /// @param size The writer's short size (now closed).
    /// @param returned Cash returned.
    event CollateralReclaimed(
        uint256 indexed seriesId,
        address indexed writer,
        uint256 size,
        uint256 returned
    );

    /// @notice Rounding dust left in a fully redeemed series' pot went back to the LPs.
    /// @param seriesId The series.
    /// @param amount Cash moved to the LPs.
    event PotSwept(uint256 indexed seriesId, uint256 amount);

    /// @notice Governance changed the parameters.
    /// @param params The new parameters.
    event ParamsSet(Params params);

    /// @notice Governance registered, changed or removed (heartbeat 0) a feed.
    /// @param feed The feed.
    /// @param heartbeat Maximum accepted age of its latest round, seconds.
    /// @param surfaceMaxAge Maximum accepted age of its volatility surface, seconds.
    event FeedConfigured(address indexed feed, uint256 heartbeat, uint256 surfaceMaxAge);

    // ---------------------------------------------------------------- listing

    /// @notice Lists a series within the governance bounds (anyone; not while paused).
    /// @dev Reverts with `FeedNotRegistered`, `StrikesNotOrdered`, `ExpiryNotOnGrid`, `TenorOutOfBounds`,
    ///      `StrikeOutOfBand` (band around the current index, read with `FeedReader.latest`),
    ///      `SeriesAlreadyListed`, or a FeedReader error for a stale or bad feed. Emits `SeriesListed`.
    /// @param feed A registered feed.
    /// @param kind Call spread or put spread.
    /// @param strikeLow Lower strike, 18-decimal index points.
    /// @param strikeHigh Upper strike, 18-decimal index points.
    /// @param expiry Expiry, unix seconds, on the grid.
    /// @return seriesId `uint256(keccak256(abi.encode(feed, kind, strikeLow, strikeHigh, expiry)))`
    ///         (also `OptionPricer.seriesIdOf`).
    function listSeries(
        address feed,
        Kind kind,
        uint256 strikeLow,
        uint256 strikeHigh,
        uint256 expiry
    ) external returns (uint256 seriesId);

    // ---------------------------------------------------------------- trading

    /// @notice Buys `size` contracts from the pool: pays the ask, receives ERC-1155 long tokens.
    /// @dev Reverts with `DeadlinePassed`, `SizeOutOfBounds`, `SeriesNotListed`, `SeriesTradingClosed`,
    ///      `PremiumAboveMax`, `TooManyActiveSeries`, `UtilisationAboveCap`, `InsufficientLiquidity`, a
    ///      FeedReader error, or when paused. Emits `Traded(BUY)`.
    /// @param seriesId The series.
    /// @param size Contracts (18 decimals).
    /// @param maxPremium Most cash the trader accepts to pay.
    /// @param deadline Last timestamp at which the trade may execute.
    /// @return premium Cash paid (rounded up).
    function buy(
        uint256 seriesId,
        uint256 size,
        uint256 maxPremium,
        uint256 deadline
    ) external returns (uint256 premium);

    /// @notice Sells (writes) `size` contracts to the pool: posts width x size collateral, receives the bid.
    /// @dev Only the difference collateral - bid is pulled. Reverts like `buy`, with `PremiumBelowMin` for the
    ///      bound. Emits `Traded(SELL)`.
    /// @param seriesId The series.
    /// @param size Contracts (18 decimals).
    /// @param minPremium Least cash the trader accepts to receive.
    /// @param deadline Last timestamp at which the trade may execute.
    /// @return premium Cash received (rounded down).
    function sell(
        uint256 seriesId,
        uint256 size,
        uint256 minPremium,
        uint256 deadline
    ) external returns (uint256 premium);

    /// @notice Sells a long back to the pool: burns `size` tokens of the caller, receives the bid.
    /// @dev Reverts like `sell` (and with the token's ERC1155InsufficientBalance). Emits `Traded(CLOSE_LONG)`.
    /// @param seriesId The series.
    /// @param size Contracts (18 decimals).
    /// @param minPremium Least cash the trader accepts to receive.
    /// @param deadline Last timestamp at which the trade may execute.
    /// @return premium Cash received (rounded down).
    function closeLong(
        uint256 seriesId,
        uint256 size,
        uint256 minPremium,
        uint256 deadline
    ) external returns (uint256 premium);

    /// @notice Buys a short back from the pool: pays the ask, gets the released collateral back (netted).
    /// @dev Reverts like `buy` and with `ShortTooSmall`. Emits `Traded(CLOSE_SHORT)`.
    /// @param seriesId The series.
    /// @param size Contracts (18 decimals).
    /// @param maxPremium Most cash the trader accepts to pay.
    /// @param deadline Last timestamp at which the trade may execute.
    /// @return premium Cash paid (rounded up).
    function closeShort(
        uint256 seriesId,
        uint256 size,
        uint256 maxPremium,
        uint256 deadline
    ) external returns (uint256 premium);

    /// @notice What `size` contracts cost to buy (ask) and bring when sold (bid), right now.
    /// @dev From the feed, the parameters and the time only (no pool balance or AMM price enters).
    /// @param seriesId The series.
    /// @param size Contracts (18 decimals).
    /// @return ask Cash a buyer pays (rounded up).
    /// @return bid Cash a seller receives (rounded down).
    function quote(uint256 seriesId, uint256 size) external view returns (uint256 ask, uint256 bid);

    // ---------------------------------------------------------------- settlement

    /// @notice Settles an expired series at the first feed round at or after expiry (anyone, also when paused).
    /// @dev Reverts with `SeriesNotListed`, `SeriesNotExpired`, `SeriesAlreadySettled`, or FeedReader's
    ///      `FeedNoRoundAtOrAfter` / `FeedSettlementRoundTooLate` (then wait for the grace-period fallback).
    ///      Releases the pool's locked capital and removes the series from the active set. Emits `SeriesSettled`.
    /// @param seriesId The series.
    /// @return price The settlement index level (18 decimals).
    function settle(uint256 seriesId) external returns (uint256 price);

    /// @notice Fallback when no feed round came within the settlement window: governance sets the price once
    ///         expiry + gracePeriod has passed, so funds are never stuck. Only DEFAULT_ADMIN_ROLE.
    /// @dev Reverts with `GracePeriodNotOver`, `SettlementPriceZero`, `SeriesAlreadySettled`, and
    ///      `SettlementRoundAvailable` when `settle` would succeed (the feed has a valid round). Emits
    ///      `SeriesSettled(byGovernance = true)`.
    /// @param seriesId The series.
    /// @param price Settlement index level (18 decimals).
    function settleByGovernance(uint256 seriesId, uint256 price) external;

    /// @notice Burns `size` long tokens of the caller in a settled series and pays their payoff (also when paused).
    /// @dev Reverts with `SeriesNotSettled`, `SizeOutOfBounds`, or the token's ERC1155InsufficientBalance.
    ///      Emits `LongRedeemed`.
    /// @param seriesId The series.
    /// @param size Contracts to redeem.
    /// @return payout Cash paid (rounded down).
    function redeemLong(uint256 seriesId, uint256 size) external returns (uint256 payout);

    /// @notice Returns the caller's collateral minus its payoff in a settled series (also when paused).
    /// @dev Reverts with `SeriesNotSettled` or `NothingToReclaim`. Emits `CollateralReclaimed`.
    /// @param seriesId The series.
    /// @return returned Cash returned (the payoff owed is rounded up).
    function reclaimCollateral(uint256 seriesId) external returns (uint256 returned);

    // ---------------------------------------------------------------- governance

    /// @notice Sets all parameters. Only DEFAULT_ADMIN_ROLE. Each is checked against hard bounds.
    /// @dev Reverts with `ParameterOutOfBounds(name, value, min, max)`. Emits `ParamsSet`.
    /// @param newParams The parameters.
    function setParams(Params calldata newParams) external;

    /// @notice Registers or updates a feed (heartbeat 0 unregisters it: no new listings or trades).
    ///         Only DEFAULT_ADMIN_ROLE.
    /// @dev Reverts with `ParameterOutOfBounds` for a heartbeat above `MAX_HEARTBEAT` or a surface maximum age
    ///      outside [MIN_SURFACE_MAX_AGE, MAX_SURFACE_MAX_AGE] (OptionPricer constants). Emits `FeedConfigured`.
    /// @param feed The feed.
    /// @param heartbeat Maximum age of its latest round, seconds.
    /// @param surfaceMaxAge Maximum age of its volatility surface (IVolSurfaceOracle), seconds.
    function configureFeed(address feed, uint256 heartbeat, uint256 surfaceMaxAge) external;

    /// @notice Stops listing, trading and deposits. Only GUARDIAN_ROLE. Settlement, redemption, reclaiming
    ///         and LP withdrawals keep working.
    function pause() external;

    /// @notice Resumes listing, trading and deposits. Only DEFAULT_ADMIN_ROLE.
    function unpause() external;

    // ---------------------------------------------------------------- views

    /// @notice A series' terms and totals.
    /// @param seriesId The series.
    /// @return The stored series (feed zero when not listed).
    function getSeries(uint256 seriesId) external view returns (Series memory);

    /// @notice A writer's short size in a series (18 decimals).
    /// @param seriesId The series.
    /// @param writer The writer.
    /// @return The short size.
    function shortOf(uint256 seriesId, address writer) external view returns (uint256);

    /// @notice Series in which the pool has open exposure (at most `MAX_ACTIVE_SERIES`): unsettled, with longs or
    ///         shorts open. In the order of their places in the set (a new series takes the lowest free place).
    /// @return The series ids.
    function activeSeries() external view returns (uint256[] memory);

    /// @notice Cash owned by the LPs (premiums in, premiums and net payoffs out), tracked internally so that
    ///         donations cannot move the share price. Includes the locked part.
    /// @return Cash in the stablecoin's decimals.
    function lpCash() external view returns (uint256);

    /// @notice LP cash locked against the pool's net short exposure: sum over active series of
    ///         max(longSupply - shortSupply, 0) x width (rounded up).
    /// @return Cash locked.
    function totalLocked() external view returns (uint256);

    /// @notice Cash the pool owes to others: writers' collateral and settled series' payout pots.
    /// @return Cash held for traders.
    function traderCash() external view returns (uint256);

    /// @notice The parameters.
    /// @return The current parameters.
    function params() external view returns (Params memory);

    /// @notice A feed's configuration.
    /// @param feed The feed.
    /// @return The configuration (heartbeat 0 when not registered).
    function feedConfig(address feed) external view returns (FeedConfig memory);

    /// @notice The ERC-1155 contract whose token ids are series ids and whose balances are long positions.
    /// @return The token address.
    function optionToken() external view returns (address);
}

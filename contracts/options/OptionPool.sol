// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IOptionPool} from "../interfaces/IOptionPool.sol";
import {OptionPoolState} from "./OptionPoolState.sol";
import {OptionPricer} from "./OptionPricer.sol";
import {OptionToken} from "./OptionToken.sol";
import {SeriesMath} from "./lib/SeriesMath.sol";
import {SpreadPricing} from "./SpreadPricing.sol";

/// @title OptionPool
/// @notice Writes and buys fully collateralised, cash-settled call and put spreads on registered index feeds,
///         priced with Black-76, against the capital of its LPs (ERC-4626 shares). See IOptionPool for units.
/// @dev Money in the contract = lpCash (LPs', of which totalLocked backs the pool's net shorts) + traderCash
///      (writers' collateral and settled series' payout pots). Both are tracked internally, never from
///      balanceOf, so donations cannot move the share price.
contract OptionPool is OptionPoolState, ERC4626, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using SeriesMath for Series;

    OptionToken private immutable _token;
    /// @dev 10^(36 - asset decimals): cash = size x points / _cashScale.
    uint256 private immutable _cashScale;

    /// @param asset_ The stablecoin (at most 18 decimals).
    /// @param pricer_ The stateless OptionPricer (deployed first; shared by pools).
    /// @param admin Receives DEFAULT_ADMIN_ROLE (a TimelockController in production).
    /// @param initialParams The first parameters.
    /// @param name_ LP share name.
    /// @param symbol_ LP share symbol.
    constructor(
        IERC20Metadata asset_,
        OptionPricer pricer_,
        address admin,
        Params memory initialParams,
        string memory name_,
        string memory symbol_
    ) OptionPoolState(pricer_, admin, initialParams) ERC4626(asset_) ERC20(name_, symbol_) {
        _cashScale = 10 ** (36 - uint256(asset_.decimals()));
        _token = new OptionToken(address(this));
    }

    // ================================================================ listing

    /// @inheritdoc IOptionPool
    function listSeries(
        address feed,
        Kind kind,
        uint256 strikeLow,
        uint256 strikeHigh,
        uint256 expiry
    ) external whenNotPaused returns (uint256 seriesId) {
        FeedConfig storage f = _registeredFeed(feed);
        if (strikeLow == 0 || strikeLow >= strikeHigh) revert StrikesNotOrdered(strikeLow, strikeHigh);
        Params memory p = _params;
        if (expiry % 1 days != p.expiryTimeOfDay) revert ExpiryNotOnGrid(expiry, p.expiryTimeOfDay);
        uint256 tenor = expiry > block.timestamp ? expiry - block.timestamp : 0;
        if (tenor < p.minTenor || tenor > p.maxTenor) revert TenorOutOfBounds(tenor, p.minTenor, p.maxTenor);
        uint256 index = pricer.latestIndex(feed, f.heartbeat);
        uint256 minStrike = Math.mulDiv(index, p.strikeBandLow, 1e18, Math.Rounding.Ceil);
        uint256 maxStrike = Math.min(Math.mulDiv(index, p.strikeBandHigh, 1e18), MAX_STRIKE);
        if (strikeLow < minStrike) revert StrikeOutOfBand(strikeLow, minStrike, maxStrike);
        if (strikeHigh > maxStrike) revert StrikeOutOfBand(strikeHigh, minStrike, maxStrike);

        seriesId = SeriesMath.id(feed, kind, strikeLow, strikeHigh, expiry);
        Series storage s = _series[seriesId];
        if (s.feed != address(0)) revert SeriesAlreadyListed(seriesId);
        s.feed = feed;
        s.expiry = uint64(expiry);
        s.kind = kind;
        s.strikeLow = uint128(strikeLow); // <= MAX_STRIKE
        s.strikeHigh = uint128(strikeHigh);
        emit SeriesListed(seriesId, feed, kind, strikeLow, strikeHigh, expiry, msg.sender);
    }

    // ================================================================ trading

    /// @inheritdoc IOptionPool
    function buy(
        uint256 seriesId,
        uint256 size,
        uint256 maxPremium,
        uint256 deadline
    ) external nonReentrant whenNotPaused returns (uint256 premium) {
        (premium, ) = _trade(seriesId, Side.BUY, size, maxPremium, deadline);
        IERC20(asset()).safeTransferFrom(msg.sender, address(this), premium);
        _token.mint(msg.sender, seriesId, size);
    }

    /// @inheritdoc IOptionPool
    function sell(
        uint256 seriesId,
        uint256 size,
        uint256 minPremium,
        uint256 deadline
    ) external nonReentrant whenNotPaused returns (uint256 premium) {
        uint256 collateral;
        (premium, collateral) = _trade(seriesId, Side.SELL, size, minPremium, deadline);
        // premium <= floor(size x width) <= collateral: the writer only pays in the difference.
        IERC20(asset()).safeTransferFrom(msg.sender, address(this), collateral - premium);
    }

    /// @inheritdoc IOptionPool
    function closeLong(
        uint256 seriesId,
        uint256 size,
        uint256 minPremium,
        uint256 deadline
    ) external nonReentrant whenNotPaused returns (uint256 premium) {
        // Burning first reports a short balance as the token's ERC1155InsufficientBalance (no callback on burn).
        _token.burn(msg.sender, seriesId, size);
        (premium, ) = _trade(seriesId, Side.CLOSE_LONG, size, minPremium, deadline);
        IERC20(asset()).safeTransfer(msg.sender, premium);
    }

    /// @inheritdoc IOptionPool
    function closeShort(
        uint256 seriesId,
        uint256 size,
        uint256 maxPremium,
        uint256 deadline
    ) external nonReentrant whenNotPaused returns (uint256 premium) {
        uint256 released;
        (premium, released) = _trade(seriesId, Side.CLOSE_SHORT, size, maxPremium, deadline);
        // Netted: the released collateral pays the premium (the ask is capped at the width).
        if (released >= premium) IERC20(asset()).safeTransfer(msg.sender, released - premium);
        else IERC20(asset()).safeTransferFrom(msg.sender, address(this), premium - released);
    }

    /// @inheritdoc IOptionPool
    function quote(uint256 seriesId, uint256 size) external view returns (uint256 ask, uint256 bid) {
        _quotable(seriesId);
        (, uint256 askUnit, uint256 bidUnit) = _unitPrices(seriesId);
        ask = SeriesMath.cashUp(size, askUnit, _cashScale);
        bid = SeriesMath.cashDown(size, bidUnit, _cashScale);
    }

    // ================================================================ settlement

    /// @inheritdoc IOptionPool
    function settle(uint256 seriesId) external nonReentrant returns (uint256 price) {
        Series storage s = _settleable(seriesId);
        if (block.timestamp < s.expiry) revert SeriesNotExpired(seriesId, s.expiry);
        uint80 roundId;
        (price, roundId) = pricer.settlementPrice(s.feed, s.expiry, _params.settlementWindow);
        _settle(seriesId, s, price, roundId, false);
    }

    /// @inheritdoc IOptionPool
    function settleByGovernance(
        uint256 seriesId,
        uint256 price
    ) external nonReentrant onlyRole(DEFAULT_ADMIN_ROLE) {
        Series storage s = _settleable(seriesId);
        uint256 availableAt = uint256(s.expiry) + _params.gracePeriod;
        if (block.timestamp < availableAt) revert GracePeriodNotOver(seriesId, availableAt);
        if (price == 0) revert SettlementPriceZero(seriesId);
        // Only a fallback: when the feed has a valid settlement round, anyone must use it through `settle`.
        try pricer.settlementPrice(s.feed, s.expiry, _params.settlementWindow) returns (uint256, uint80) {
            revert SettlementRoundAvailable(seriesId);
        } catch {} // solhint-disable-line no-empty-blocks
        _settle(seriesId, s, price, 0, true);
    }

    /// @inheritdoc IOptionPool
    function redeemLong(uint256 seriesId, uint256 size) external nonReentrant returns (uint256 payout) {
        Series storage s = _settled(seriesId);
        if (size == 0 || size > MAX_SIZE) revert SizeOutOfBounds(size, MAX_SIZE);
        _token.burn(msg.sender, seriesId, size); // checks the balance; a burn calls no hook
        payout = SeriesMath.cashDown(size, s.payoffPerUnit, _cashScale);
        s.longSupply -= uint128(size);
        s.writerCollateral -= uint128(payout);
        _traderCash -= payout;
        _sweepIfEmpty(seriesId, s);
        emit LongRedeemed(seriesId, msg.sender, size, payout);

        IERC20(asset()).safeTransfer(msg.sender, payout);
    }

    /// @inheritdoc IOptionPool
    function reclaimCollateral(uint256 seriesId) external nonReentrant returns (uint256 returned) {
        Series storage s = _settled(seriesId);
        uint256 size = _shorts[seriesId][msg.sender];
        if (size == 0) revert NothingToReclaim(seriesId, msg.sender);
        uint256 width = uint256(s.strikeHigh) - s.strikeLow;
        // The writer's payoff owed is rounded up; payoff <= width, so this never underflows.
        returned =
            SeriesMath.cashUp(size, width, _cashScale) - SeriesMath.cashUp(size, s.payoffPerUnit, _cashScale);
        _shorts[seriesId][msg.sender] = 0;
        s.shortSupply -= uint128(size);
        s.writerCollateral -= uint128(returned);
        _traderCash -= returned;
        _sweepIfEmpty(seriesId, s);
        emit CollateralReclaimed(seriesId, msg.sender, size, returned);

        IERC20(asset()).safeTransfer(msg.sender, returned);
    }

    // ================================================================ LP accounting (ERC-4626)

    /// @notice LP assets at their exit value: lpCash plus the mark of the pool's open positions in the LPs'
    ///         worst order (never below zero).
    /// @dev Net shorts at the ask, net longs at the bid, series that cannot be priced now at their worst case;
    ///      see `OptionPricer.poolMarks`. Withdrawals and redemptions convert at this value. Bounded: at most
    ///      MAX_ACTIVE_SERIES series.
    /// @return LP assets in the stablecoin's decimals.
    function totalAssets() public view override returns (uint256) {
        (uint256 exitAssets, ) = _valuations();
        return exitAssets;
    }

    /// @notice Shares a deposit of `assets` mints now: converted at the ENTRY value of the LP assets (net
    ///         shorts at the bid, net longs at the ask, unpriceable series at their best case), rounded down.
    /// @dev A depositor pays for the spread a closing trade would book and never buys below what a series that
    ///      cannot be priced may be worth (see `OptionPricer.poolMarks`).
    /// @param assets Stablecoin to deposit.
    /// @return Shares.
    function previewDeposit(uint256 assets) public view override returns (uint256) {
        (, uint256 entryAssets) = _valuations();
        return _toShares(assets, entryAssets, Math.Rounding.Floor);
    }

    /// @notice Assets a mint of `shares` costs now: at the entry value (see `previewDeposit`), rounded up.
    /// @param shares Shares to mint.
    /// @return Assets.
    function previewMint(uint256 shares) public view override returns (uint256) {
        (, uint256 entryAssets) = _valuations();
        return _toAssets(shares, entryAssets, Math.Rounding.Ceil);
    }

    /// @notice Shares a withdrawal of `assets` burns now: at the exit value (`totalAssets`), rounded up.
    /// @param assets Stablecoin to withdraw.
    /// @return Shares.
    function previewWithdraw(uint256 assets) public view override returns (uint256) {
        return _toShares(assets, totalAssets(), Math.Rounding.Ceil);
    }

    /// @notice Assets a redemption of `shares` pays now: at the exit value (`totalAssets`), rounded down.
    /// @param shares Shares to redeem.
    /// @return Assets.
    function previewRedeem(uint256 shares) public view override returns (uint256) {
        return _toAssets(shares, totalAssets(), Math.Rounding.Floor);
    }

    /// @notice Shares an owner may redeem now, capped by the unlocked cash (LPs never touch locked capital).
    /// @dev OpenZeppelin's maxWithdraw is previewRedeem(maxRedeem(owner)), so it is capped the same way.
    /// @param owner The LP.
    /// @return Shares (rounded down).
    function maxRedeem(address owner) public view override returns (uint256) {
        return Math.min(balanceOf(owner), _convertToShares(_freeCash(), Math.Rounding.Floor));
    }

    /// @notice Zero while paused (deposits stop), else unlimited.
    /// @param receiver The receiver (unused).
    /// @return Assets.
    function maxDeposit(address receiver) public view override returns (uint256) {
        return paused() ? 0 : super.maxDeposit(receiver);
    }

    /// @notice Zero while paused (deposits stop), else unlimited.
    /// @param receiver The receiver (unused).
    /// @return Shares.
    function maxMint(address receiver) public view override returns (uint256) {
        return paused() ? 0 : super.maxMint(receiver);
    }

    // ================================================================ views

    /// @inheritdoc IOptionPool
    function optionToken() external view returns (address) {
        return address(_token);
    }

    // ================================================================ internal

    function _decimalsOffset() internal pure override returns (uint8) {
        return 12; // 18-decimal shares over a 6-decimal stablecoin; virtual shares defeat inflation attacks
    }

    function _deposit(
        address caller,
        address receiver,
        uint256 assets,
        uint256 shares
    ) internal override nonReentrant {
        _lpCash += assets;
        super._deposit(caller, receiver, assets, shares);
    }

    function _withdraw(
        address caller,
        address receiver,
        address owner,
        uint256 assets,
        uint256 shares
    ) internal override nonReentrant {
        _lpCash -= assets; // maxWithdraw / maxRedeem kept assets within the free cash
        super._withdraw(caller, receiver, owner, assets, shares);
    }

    /// @dev LP assets at their exit and entry values (entry >= exit: each series' entry mark is its exit mark
    ///      plus the spread, or its best case instead of its worst).
    function _valuations() private view returns (uint256 exitAssets, uint256 entryAssets) {
        OptionPricer.Marks memory m = pricer.poolMarks(this, _cashScale);
        uint256 credit = _lpCash + m.exitCredit;
        exitAssets = credit > m.exitDebit ? credit - m.exitDebit : 0;
        credit = _lpCash + m.entryCredit;
        entryAssets = credit > m.entryDebit ? credit - m.entryDebit : 0;
    }

    /// @dev OpenZeppelin's conversion (virtual shares and assets) at a given value of the LP assets.
    function _toShares(uint256 assets, uint256 value, Math.Rounding rounding) private view returns (uint256) {
        return Math.mulDiv(assets, totalSupply() + 10 ** _decimalsOffset(), value + 1, rounding);
    }

    function _toAssets(uint256 shares, uint256 value, Math.Rounding rounding) private view returns (uint256) {
        return Math.mulDiv(shares, value + 1, totalSupply() + 10 ** _decimalsOffset(), rounding);
    }

    function _freeCash() private view returns (uint256) {
        return _lpCash > _totalLocked ? _lpCash - _totalLocked : 0;
    }

    /// @dev The accounting of every trade (effects only; the callers move tokens afterwards). Traders pay the
    ///      ask rounded up (BUY, CLOSE_SHORT) and receive the bid rounded down (SELL, CLOSE_LONG). A writer's
    ///      collateral is always cashUp(short, width): SELL posts, CLOSE_SHORT releases the difference.
    function _trade(
        uint256 seriesId,
        Side side,
        uint256 size,
        uint256 premiumBound,
        uint256 deadline
    ) private returns (uint256 premium, uint256 collateral) {
        if (block.timestamp > deadline) revert DeadlinePassed(deadline, block.timestamp);
        if (size == 0 || size > MAX_SIZE) revert SizeOutOfBounds(size, MAX_SIZE);
        Series storage s = _quotable(seriesId);
        uint256 shortBefore = _shorts[seriesId][msg.sender];
        if (side == Side.CLOSE_SHORT && shortBefore < size) {
            revert ShortTooSmall(seriesId, msg.sender, shortBefore, size);
        }
        bool traderPays = side == Side.BUY || side == Side.CLOSE_SHORT;
        (, uint256 askUnit, uint256 bidUnit) = _unitPrices(seriesId);
        if (traderPays) {
            premium = SeriesMath.cashUp(size, askUnit, _cashScale);
            if (premium > premiumBound) revert PremiumAboveMax(premium, premiumBound);
        } else {
            premium = SeriesMath.cashDown(size, bidUnit, _cashScale);
            if (premium < premiumBound) revert PremiumBelowMin(premium, premiumBound);
        }

        uint256 lockedBefore = s.locked(_cashScale);
        if (side == Side.BUY) {
            s.longSupply += uint128(size); // size <= MAX_SIZE; checked uint128 sums
        } else if (side == Side.CLOSE_LONG) {
            s.longSupply -= uint128(size); // the caller burned the tokens: supply >= size
        } else {
            collateral = _bookShort(seriesId, s, side == Side.SELL, shortBefore, size);
        }
        if (traderPays) _lpCash += premium;
        else if (premium > _lpCash) revert InsufficientLiquidity(premium, _lpCash);
        else _lpCash -= premium;
        _afterTrade(seriesId, s, lockedBefore);
        emit Traded(seriesId, msg.sender, side, size, premium, collateral);
    }

    /// @dev A writer's collateral is always cashUp(short, width): opening posts, closing releases the difference.
    function _bookShort(
        uint256 seriesId,
        Series storage s,
        bool open,
        uint256 shortBefore,
        uint256 size
    ) private returns (uint256 collateral) {
        uint256 width = uint256(s.strikeHigh) - s.strikeLow;
        uint256 shortAfter = open ? shortBefore + size : shortBefore - size;
        uint256 before = SeriesMath.cashUp(shortBefore, width, _cashScale);
        uint256 after_ = SeriesMath.cashUp(shortAfter, width, _cashScale);
        _shorts[seriesId][msg.sender] = shortAfter;
        if (open) {
            collateral = after_ - before;
            s.shortSupply += uint128(size);
            s.writerCollateral += uint128(collateral); // <= size x MAX_STRIKE / cashScale
            _traderCash += collateral;
        } else {
            collateral = before - after_;
            s.shortSupply -= uint128(size);
            s.writerCollateral -= uint128(collateral);
            _traderCash -= collateral;
        }
    }

    /// @dev Books the change of the pool's locked capital, keeps the active set, and checks the caps: cash
    ///      always covers the locked capital, and a trade that adds locked capital keeps utilisation <= cap.
    function _afterTrade(uint256 seriesId, Series storage s, uint256 lockedBefore) private {
        uint256 lockedAfter = s.locked(_cashScale);
        _totalLocked = _totalLocked + lockedAfter - lockedBefore;
        if (s.longSupply == 0 && s.shortSupply == 0) _deactivate(s);
        else _activate(seriesId, s);
        if (_totalLocked > _lpCash) revert InsufficientLiquidity(_totalLocked, _lpCash);
        if (lockedAfter > lockedBefore && _totalLocked * 1e18 > uint256(_params.maxUtilisation) * _lpCash) {
            revert UtilisationAboveCap(_totalLocked, _lpCash, _params.maxUtilisation);
        }
    }

    function _settle(uint256 seriesId, Series storage s, uint256 price, uint80 roundId, bool byGov) private {
        uint256 payoff = SeriesMath.payoff(s.kind, s.strikeLow, s.strikeHigh, price);
        _totalLocked -= s.locked(_cashScale);
        uint256 longs = s.longSupply;
        uint256 shorts = s.shortSupply;
        uint256 pot = s.writerCollateral;
        // The pot must cover every long's payoff (rounded down) and every writer's collateral minus payoff
        // (payoff rounded up): the LPs pay in the net short's payoff rounded up, take out a net long's
        // rounded down. The locked capital (net short x width, rounded up) always covers the former.
        if (longs > shorts) {
            uint256 amount = SeriesMath.cashUp(longs - shorts, payoff, _cashScale);
            _lpCash -= amount;
            _traderCash += amount;
            pot += amount;
        } else {
            uint256 amount = SeriesMath.cashDown(shorts - longs, payoff, _cashScale);
            _lpCash += amount;
            _traderCash -= amount;
            pot -= amount;
        }
        s.writerCollateral = uint128(pot);
        s.payoffPerUnit = uint128(payoff); // <= width
        s.settlementPrice = price.toUint128();
        s.settled = true;
        _deactivate(s);
        emit SeriesSettled(seriesId, price, payoff, roundId, byGov);
        _sweepIfEmpty(seriesId, s);
    }

    /// @dev Once every long and short of a settled series is paid, rounding dust in its pot goes to the LPs.
    function _sweepIfEmpty(uint256 seriesId, Series storage s) private {
        uint256 pot = s.writerCollateral;
        if (s.longSupply != 0 || s.shortSupply != 0 || pot == 0) return;
        s.writerCollateral = 0;
        _traderCash -= pot;
        _lpCash += pot;
        emit PotSwept(seriesId, pot);
    }

    /// @dev The pool's only call into the pricing model (OptionPricer -> SpreadPricing -> Black76). The inputs
    ///      are read here from the pool's own storage (the same as `OptionPricer.seriesUnitPrices` reads through
    ///      the pool's views): this saves three call-backs and the series' settlement slots on every trade.
    function _unitPrices(uint256 seriesId) private view returns (uint256 fair, uint256 ask, uint256 bid) {
        Series storage s = _series[seriesId];
        address feed = s.feed;
        FeedConfig memory f = _registeredFeed(feed);
        Params storage p = _params;
        SpreadPricing.Inputs memory inp = SpreadPricing.Inputs({
            isCall: s.kind == Kind.CALL_SPREAD,
            forward: 0, // from the feed and its surface, by unitPrices
            strikeLow: s.strikeLow,
            strikeHigh: s.strikeHigh,
            timeSeconds: s.expiry - block.timestamp, // every caller checked _quotable: expiry is ahead
            atmVol: 0, // from the surface, by unitPrices
            skew: 0,
            curvature: 0,
            minVol: p.minVol,
            maxVol: p.maxVol,
            rate: p.rate,
            halfSpread: p.halfSpread,
            fee: p.fee
        });
        return pricer.unitPrices(feed, f, inp);
    }
}

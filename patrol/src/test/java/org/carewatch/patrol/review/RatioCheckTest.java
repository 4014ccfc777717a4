package org.carewatch.patrol.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.carewatch.patrol.classes.AgeGroup;

/** The ratio and class-size flags: national examples, and properties over generated counts and limits. */
class RatioCheckTest {
    static final RatioLimits N = RatioLimits.NATIONAL;

    @Example
    void nationalRatiosByAgeGroup() {
        assertThat(RatioCheck.check(AgeGroup.UNDER_12_MONTHS, 1, 3, N)).isEqualTo(new RatioCheck.Flags(false, false));
        assertThat(RatioCheck.check(AgeGroup.UNDER_12_MONTHS, 1, 4, N)).isEqualTo(new RatioCheck.Flags(true, false));
        assertThat(RatioCheck.check(AgeGroup.MONTHS_12_24, 1, 5, N).any()).isFalse();
        assertThat(RatioCheck.check(AgeGroup.MONTHS_12_24, 1, 6, N).ratio()).isTrue();
        assertThat(RatioCheck.check(AgeGroup.MONTHS_24_36, 2, 14, N).any()).isFalse();
        assertThat(RatioCheck.check(AgeGroup.MONTHS_24_36, 2, 15, N).ratio()).isTrue();
        // Mixed classes: 1:5 (configured) and at most 18.
        assertThat(RatioCheck.check(AgeGroup.MIXED, 4, 18, N).any()).isFalse();
        assertThat(RatioCheck.check(AgeGroup.MIXED, 4, 19, N)).isEqualTo(new RatioCheck.Flags(false, true));
        assertThat(RatioCheck.check(AgeGroup.MIXED, 3, 16, N)).isEqualTo(new RatioCheck.Flags(true, false));
    }

    @Example
    void classSizesByAgeGroup() {
        assertThat(RatioCheck.check(AgeGroup.UNDER_12_MONTHS, 4, 10, N).any()).isFalse();
        assertThat(RatioCheck.check(AgeGroup.UNDER_12_MONTHS, 4, 11, N)).isEqualTo(new RatioCheck.Flags(false, true));
        assertThat(RatioCheck.check(AgeGroup.MONTHS_12_24, 4, 16, N)).isEqualTo(new RatioCheck.Flags(false, true));
        assertThat(RatioCheck.check(AgeGroup.MONTHS_24_36, 3, 21, N)).isEqualTo(new RatioCheck.Flags(false, true));
        assertThat(RatioCheck.check(AgeGroup.MONTHS_24_36, 3, 22, N)).isEqualTo(new RatioCheck.Flags(true, true));
    }

    @Example
    void childrenWithNoAdultInViewAreFlaggedAndAnEmptyRoomIsNot() {
        assertThat(RatioCheck.check(AgeGroup.MONTHS_24_36, 0, 1, N).ratio()).isTrue();
        assertThat(RatioCheck.check(AgeGroup.MONTHS_24_36, 0, 0, N).any()).isFalse();
    }

    @Example
    void negativeCountsAreRefused() {
        assertThatThrownBy(() -> RatioCheck.check(AgeGroup.MIXED, -1, 3, N)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RatioCheck.check(AgeGroup.MIXED, 1, -3, N)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void flagsAreExactlyTheLimitsBroken(@ForAll("groups") AgeGroup g, @ForAll("limits") RatioLimits l,
                                        @ForAll @IntRange(max = 500) int adults, @ForAll @IntRange(max = 500) int children) {
        RatioCheck.Flags f = RatioCheck.check(g, adults, children, l);
        RatioLimits.Limit lim = l.of(g);
        assertThat(f.ratio()).isEqualTo(children > adults * lim.childrenPerAdult());
        assertThat(f.size()).isEqualTo(children > lim.classSize());
    }

    @Property
    void moreChildrenNeverClearAFlagAndMoreAdultsNeverRaiseTheRatioFlag(@ForAll("groups") AgeGroup g, @ForAll("limits") RatioLimits l,
                                                                      @ForAll @IntRange(max = 300) int adults,
                                                                      @ForAll @IntRange(max = 300) int children,
                                                                      @ForAll @IntRange(max = 50) int more) {
        RatioCheck.Flags base = RatioCheck.check(g, adults, children, l);
        RatioCheck.Flags moreChildren = RatioCheck.check(g, adults, children + more, l);
        assertThat(!base.ratio() || moreChildren.ratio()).isTrue();
        assertThat(!base.size() || moreChildren.size()).isTrue();
        RatioCheck.Flags moreAdults = RatioCheck.check(g, adults + more, children, l);
        assertThat(!moreAdults.ratio() || base.ratio()).isTrue();
        assertThat(moreAdults.size()).isEqualTo(base.size());
    }

    @Property
    void aCountWithinTheNationalLimitsIsNeverFlagged(@ForAll("groups") AgeGroup g, @ForAll @IntRange(min = 1, max = 10) int adults) {
        RatioLimits.Limit lim = N.of(g);
        int children = Math.min(adults * lim.childrenPerAdult(), lim.classSize());
        assertThat(RatioCheck.check(g, adults, children, N).any()).isFalse();
    }

    @Provide
    Arbitrary<AgeGroup> groups() {
        return Arbitraries.of(AgeGroup.class);
    }

    @Provide
    Arbitrary<RatioLimits> limits() {
        Arbitrary<RatioLimits.Limit> limit = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(1, 50),
                Arbitraries.integers().between(1, 200)).as(RatioLimits.Limit::new);
        return net.jqwik.api.Combinators.combine(limit, limit, limit, limit).as(RatioLimits::new);
    }
}

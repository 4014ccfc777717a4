package org.carewatch.patrol.rotation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.carewatch.patrol.draw.Canonical;
import org.carewatch.patrol.plan.DayJson;
import org.carewatch.patrol.plan.RoundRule;

/**
 * The rounds of a drawn day as they were frozen with its draw (later edits of the rules do not move a day's
 * windows), with the district's time zone: when each round starts and ends as instants.
 */
public record DayRounds(LocalDate day, ZoneId zone, List<RoundRule> rounds) {

    public static DayRounds of(RotationRepository.StoredDraw dayDraw) {
        var in = DayJson.input(Canonical.parse(dayDraw.record().inputsJson()));
        return new DayRounds(in.date(), ZoneId.of(in.timeZone()), in.rounds());
    }

    public RoundRule round(int index) {
        return rounds.get(index);
    }

    public Instant startsAt(int index) {
        return day.atTime(rounds.get(index).startsAt()).atZone(zone).toInstant();
    }

    public Instant endsAt(int index) {
        return day.atTime(rounds.get(index).endsAt()).atZone(zone).toInstant();
    }
}

package org.carewatch.ui.officer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carewatch.patrol.review.QueueView;
import org.carewatch.patrol.rotation.VisitStatus;
import org.carewatch.ui.console.Shell;

/** The officer's day as /patrol shows it, from the review's queue: rounds in order, progress, overdue, the next visit. */
final class Today {
    private Today() {
    }

    /** The first visit still to review, in the queue's order (rounds, then the officer's order), or null. */
    static Long nextVisit(QueueView q) {
        return q.visits().stream().filter(i -> i.status() == VisitStatus.PLANNED).map(QueueView.Item::visitId).findFirst().orElse(null);
    }

    static PatrolHomePage of(QueueView q, Shell shell, Instant now, String done) {
        Long next = nextVisit(q);
        Map<Integer, List<PatrolHomePage.VisitRow>> byRound = new LinkedHashMap<>();
        Map<Integer, QueueView.Item> firstOfRound = new LinkedHashMap<>();
        int reviewed = 0;
        int overdue = 0;
        for (QueueView.Item i : q.visits()) {
            boolean ended = i.round().windowEnd() != null && !i.round().windowEnd().isAfter(now);
            boolean late = ended && i.status() == VisitStatus.PLANNED;
            if (i.status() == VisitStatus.REVIEWED) {
                reviewed++;
            }
            if (late) {
                overdue++;
            }
            firstOfRound.putIfAbsent(i.round().index(), i);
            byRound.computeIfAbsent(i.round().index(), k -> new ArrayList<>()).add(new PatrolHomePage.VisitRow(i.visitId(), i.order(),
                    i.centreName(), i.status().code(), shell.t("patrol.status." + i.status().code()), late, next != null && next == i.visitId()));
        }
        List<PatrolHomePage.RoundView> rounds = new ArrayList<>();
        byRound.forEach((index, rows) -> {
            var r = firstOfRound.get(index).round();
            rounds.add(new PatrolHomePage.RoundView(index, r.name(), r.startsAt() + "-" + r.endsAt(),
                    r.windowEnd() != null && !r.windowEnd().isAfter(now), rows));
        });
        return new PatrolHomePage(shell, q.date().toString(), reviewed, q.visits().size(), overdue, rounds, next, done);
    }
}

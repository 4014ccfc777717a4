package org.carewatch.ui.officer;

import java.util.List;
import org.carewatch.ui.console.Shell;

/**
 * The model of patrol/home.jte: the officer's day (rounds in order, each with its visits in the officer's order),
 * progress (reviewed of planned), what is overdue, and the next visit to open (focused, so Enter opens it).
 */
public record PatrolHomePage(Shell shell, String date, int reviewed, int planned, int overdue, List<RoundView> rounds, Long nextVisitId,
                             String done) {

    /** One round of the day: its name, its window ("08:00-09:30"), whether it has ended, the officer's visits in it. */
    public record RoundView(int index, String name, String window, boolean ended, List<VisitRow> visits) {
    }

    /** One visit: its position in the round, the centre, its state and whether it is overdue (round ended, not reviewed). */
    public record VisitRow(long id, int position, String centre, String status, String statusLabel, boolean overdue, boolean next) {
    }

    public int percent() {
        return planned == 0 ? 100 : reviewed * 100 / planned;
    }
}

package org.carewatch.ui.officer;

import java.util.List;
import org.carewatch.ui.alerts.AlertRow;
import org.carewatch.ui.console.Option;
import org.carewatch.ui.console.Shell;

/**
 * The model of patrol/visit.jte: one visit's centre as the officer reviews it — the sampled frames (thumbnails,
 * keys 1-9), the classes, the sensors with their latest values and a chart of the last hours, the open alerts
 * with deadlines, and the verdict (keys for "normal" and each finding category, the finding form with counts).
 */
public record VisitPage(Shell shell, Head head, List<FrameTile> frames, List<ClassRow> classes, List<SensorCard> sensors,
                        List<AlertRow> alerts, List<Category> categories, List<Option> severities, String recorded, String error,
                        String errorField) {

    /** Whether any frame has a picture (the finding form then offers them). */
    public boolean pictures() {
        return frames.stream().anyMatch(FrameTile::picture);
    }

    /** Which visit this is: centre, round and its window, the officer's position in the round, state. */
    public record Head(long id, String centre, String round, String window, String due, boolean overdue, int position, int of,
                       boolean reviewed) {
    }

    /**
     * A sampled frame: its key (1-9, 0 past nine), camera, age ("12 min ago"), whether it is older than the rules allow,
     * its thumbnail and full-size addresses; or, when the camera gave no picture, why.
     */
    public record FrameTile(int key, long id, long cameraId, String camera, String age, boolean stale, String thumb, String full,
                            String problem) {
        public boolean picture() {
            return problem == null;
        }
    }

    /** A class of the centre with its age group and the counts the ratio check uses. */
    public record ClassRow(long id, String name, String ageGroup, String ageGroupLabel, int enrolled, int carers) {
    }

    /** A sensor with its latest values ("temperature 23.1 at 10:42") and its last hours as JSON for the chart. */
    public record SensorCard(long id, String name, String location, List<String> latest, String chart) {
    }

    /** A finding category with its key and label. */
    public record Category(String code, String key, String label) {
    }
}

package org.carewatch.alerts.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.alerts.model.Trigger;
import org.carewatch.alerts.testing.AlertsFixture;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.profiles.sensor.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AlertHistoryIT {
    static AlertsFixture fx;
    static final Instant T = AlertsFixture.WEDNESDAY_10;

    @BeforeAll
    static void setUp() throws SQLException {
        fx = new AlertsFixture();
        // 2 weeks x A1 and A2 alerts of several kinds, one in district B.
        raise(fx.centreA1, "1", "smoke", Severity.CRITICAL, T);
        raise(fx.centreA1, "2", "co2-warning", Severity.WARNING, T.plus(Duration.ofHours(1)));
        raise(fx.centreA1, "3", "tamper", Severity.MAJOR, T.plus(Duration.ofDays(7)));
        raise(fx.centreA2, "4", "smoke", Severity.CRITICAL, T.plus(Duration.ofDays(7)));
        Alert a = raise(fx.centreA2, "5", "battery-low", Severity.MINOR, T.plus(Duration.ofDays(8)));
        fx.service.acknowledge(fx.officer, a.id(), null);
        raise(fx.centreB1, "6", "smoke", Severity.CRITICAL, T);
        // A title that a spreadsheet would run as a formula, with a comma and a quote.
        fx.service.recordFinding(fx.officer, fx.centreA1, "patrol-finding", Severity.MINOR, "=HYPERLINK(\"x\"), bad", "text");
    }

    static Alert raise(long centre, String sensor, String kind, Severity s, Instant t) throws SQLException {
        return fx.service.raise(new Trigger(centre, AlertSource.SENSOR, sensor, kind, kind, s, kind, Map.of(), t)).alert();
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    @Test
    void filtersAndScope() throws SQLException {
        assertThat(fx.history.list(fx.officer, AlertQuery.all()).total()).isEqualTo(6);
        assertThat(fx.history.list(fx.officerB, AlertQuery.all()).total()).isEqualTo(1);
        assertThat(fx.history.list(fx.facilityA2, AlertQuery.all()).items()).extracting(Alert::sourceId).containsExactly("5", "4");
        assertThat(fx.history.list(fx.officer, new AlertQuery(null, null, null, "smoke", null, null, null, 100, 0)).total()).isEqualTo(2);
        assertThat(fx.history.list(fx.officer, new AlertQuery(fx.centreA1, T, T.plus(Duration.ofDays(1)), null, null, null,
                AlertSource.SENSOR, 100, 0)).items()).extracting(Alert::sourceId).containsExactly("2", "1");
        assertThat(fx.history.list(fx.officer, new AlertQuery(null, null, null, null, Severity.MINOR, AlertState.ACKNOWLEDGED,
                null, 100, 0)).items()).extracting(Alert::sourceId).containsExactly("5");
        // A facility asking for another centre sees nothing.
        assertThat(fx.history.list(fx.facilityA2, new AlertQuery(fx.centreA1, null, null, null, null, null, null, 100, 0)).total()).isZero();
    }

    @Test
    void pagesAreStableAndCompleteNewestFirst() throws SQLException {
        var p1 = fx.history.list(fx.officer, AlertQuery.all().page(4, 0));
        var p2 = fx.history.list(fx.officer, AlertQuery.all().page(4, 4));
        assertThat(p1.total()).isEqualTo(6);
        assertThat(p1.items()).hasSize(4);
        assertThat(p2.items()).hasSize(2);
        assertThat(p1.items().get(0).firstSeen()).isAfterOrEqualTo(p1.items().get(3).firstSeen());
        assertThat(p1.items().stream().map(Alert::id)).doesNotContainAnyElementsOf(p2.items().stream().map(Alert::id).toList());
        assertThatThrownBy(() -> AlertQuery.all().page(0, 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new AlertQuery(null, T, T, null, null, null, null, 10, 0)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void csvExportIsCompleteAndSafe() throws Exception {
        StringWriter out = new StringWriter();
        long n = fx.history.exportCsv(fx.auditor, new AlertQuery(null, null, null, null, null, null, null, 1, 0), out);
        String[] lines = out.toString().split("\r\n");
        assertThat(n).isEqualTo(6);
        assertThat(lines).hasSize(7);
        assertThat(lines[0]).startsWith("id,centre_id,source,source_id,rule_id,kind,severity,state,title,");
        assertThat(out.toString()).contains("\"'=HYPERLINK(\"\"x\"\"), bad\"");
        assertThat(lines[1]).contains(",sensor,1,smoke,smoke,critical,open,smoke,");
    }

    @Test
    void countsPerCentreAndWeek() throws SQLException {
        var counts = fx.history.weeklyCounts(fx.officer, AlertQuery.all());
        assertThat(counts).contains(
                new AlertHistory.WeekCount(fx.centreA1, "2026-W47", 3, 1, 0, 1, 1),
                new AlertHistory.WeekCount(fx.centreA1, "2026-W48", 1, 0, 1, 0, 0),
                new AlertHistory.WeekCount(fx.centreA2, "2026-W48", 2, 1, 0, 1, 0));
        assertThat(counts).hasSize(3);
    }
}

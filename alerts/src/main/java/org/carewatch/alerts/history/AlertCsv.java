package org.carewatch.alerts.history;

import org.carewatch.alerts.model.Alert;

/** One CSV line per alert (RFC 4180 quoting; a leading = + - @ is neutralised against spreadsheet formulas). */
final class AlertCsv {
    static final String HEADER = "id,centre_id,source,source_id,rule_id,kind,severity,state,title,first_seen,last_seen,occurrences,"
            + "condition_active,ack_due,answer_due,escalation_level,updated_at\r\n";

    private AlertCsv() {
    }

    static String row(Alert a) {
        return String.join(",", Long.toString(a.id()), Long.toString(a.centreId()), a.source().id(), cell(a.sourceId()),
                cell(a.ruleId()), cell(a.kind()), a.severity().id(), a.state().id(), cell(a.title()), a.firstSeen().toString(),
                a.lastSeen().toString(), Integer.toString(a.occurrences()), Boolean.toString(a.conditionActive()),
                a.ackDue().toString(), a.answerDue().toString(), Integer.toString(a.escalationLevel()), a.updatedAt().toString())
                + "\r\n";
    }

    static String cell(String s) {
        if (s == null) {
            return "";
        }
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || !v.equals(s)) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}

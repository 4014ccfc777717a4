package org.carewatch.ui.audit;

import java.util.List;

/** RFC 4180 CSV cells; a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with {@code '}. */
final class Csv {
    private Csv() {
    }

    static String line(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(cells.get(i)));
        }
        return b.append("\r\n").toString();
    }

    static String cell(String raw) {
        String s = raw == null ? "" : raw;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}

package org.carewatch.ui.console;

/** One choice of a {@code <select>}: its value, its label and whether it is the current one. */
public record Option(String value, String label, boolean selected) {
}

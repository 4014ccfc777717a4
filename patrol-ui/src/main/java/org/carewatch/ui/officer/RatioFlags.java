package org.carewatch.ui.officer;

import org.carewatch.ui.console.Shell;

/**
 * The model of patrol/flags.jte: what the ratio check says of the counts typed for one class (flags for review,
 * never a violation by themselves), with the limits it compared against; nothing while a count is missing.
 */
public record RatioFlags(Shell shell, boolean counted, boolean ratio, boolean size, int childrenPerAdult, int classSize) {
}

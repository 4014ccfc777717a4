package org.carewatch.ui.health;

/** One dependency {@code /readyz} checks. Called on a worker thread; may block briefly. */
public interface ReadinessCheck {
    String name();

    /** Null when ready, else why not (shown to operators). */
    String problem();
}

package org.carewatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Collects every ERROR logged (by any logger) while a test class runs, from before its node starts until
 * after it stops, and fails the class if there was one: the attacks of the security suite must be refused
 * cleanly, never by something breaking.
 */
final class NoErrorsLogged extends AppenderBase<ILoggingEvent> implements BeforeAllCallback, AfterAllCallback {
    private final List<String> errors = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent e) {
        if (e.getLevel().isGreaterOrEqual(Level.ERROR)) {
            errors.add(e.getLoggerName() + ": " + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : " (" + e.getThrowableProxy().getClassName() + ")"));
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
        start();
        root().addAppender(this);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        root().detachAppender(this);
        stop();
        assertThat(errors).as("ERROR lines logged during " + context.getDisplayName()).isEmpty();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}

package org.carewatch.ui.i18n;

import io.vertx.ext.web.RoutingContext;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** User-facing text in Simplified Chinese (default) and English, chosen by Accept-Language. */
public final class Messages {
    public static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    private final ResourceBundle bundle;
    private final Locale locale;

    private Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("org.carewatch.ui.i18n.messages", locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static Messages of(Locale locale) {
        return new Messages(locale.getLanguage().equals("en") ? Locale.ENGLISH : ZH);
    }

    public static Messages forRequest(RoutingContext ctx) {
        for (var lang : ctx.acceptableLanguages()) {
            if (lang.tag().equalsIgnoreCase("en")) {
                return of(Locale.ENGLISH);
            }
            if (lang.tag().equalsIgnoreCase("zh")) {
                return of(ZH);
            }
        }
        return of(ZH);
    }

    public Locale locale() {
        return locale;
    }

    /** Whether this language has a text for {@code key}. */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    public String get(String key, Object... args) {
        try {
            String pattern = bundle.getString(key);
            return args == null || args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
        } catch (MissingResourceException e) {
            return key;
        }
    }
}

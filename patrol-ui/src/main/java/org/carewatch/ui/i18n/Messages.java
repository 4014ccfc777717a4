package org.carewatch.ui.i18n;

import io.vertx.ext.web.RoutingContext;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * User-facing text in Simplified Chinese (default) and English, for API errors and console pages alike (one
 * bundle, {@code org/carewatch/ui/i18n/messages*.properties}). The language is the one the person chose in the
 * console (cookie {@value #COOKIE}), else the browser's Accept-Language.
 */
public final class Messages {
    public static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    /** The console's remembered language switch: {@code en} or {@code zh}. */
    public static final String COOKIE = "cw_lang";
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
        var chosen = ctx.request().getCookie(COOKIE);
        if (chosen != null) {
            if ("en".equals(chosen.getValue())) {
                return of(Locale.ENGLISH);
            }
            if ("zh".equals(chosen.getValue())) {
                return of(ZH);
            }
        }
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

    public boolean english() {
        return locale.getLanguage().equals("en");
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

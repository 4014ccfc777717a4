package org.carewatch.alerts.lifecycle;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * User-facing alert words in English and Simplified Chinese ({@code org/carewatch/alerts/messages*.properties}).
 * Stored titles are English; consoles show {@link #title} in the reader's language by kind.
 */
public final class AlertText {
    private static final String BUNDLE = "org.carewatch.alerts.messages";
    public static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    private AlertText() {
    }

    /** The title of a kind in the locale (English when null); a generic title when the kind has none. */
    public static String title(String kind, Locale locale) {
        return title(kind, null, locale);
    }

    public static String title(String kind, String metric, Locale locale) {
        ResourceBundle b = bundle(locale);
        try {
            return b.getString("kind." + kind);
        } catch (MissingResourceException e) {
            return MessageFormat.format(b.getString("kind.generic"), metric == null ? "-" : metric, kind);
        }
    }

    /** Every kind with a title of its own, in the bundle's order of keys (sorted). */
    public static java.util.List<String> kinds() {
        return bundle(Locale.ROOT).keySet().stream().filter(k -> k.startsWith("kind.") && !k.equals("kind.generic"))
                .map(k -> k.substring(5)).sorted().toList();
    }

    public static String word(String key, Locale locale) {
        try {
            return bundle(locale).getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    private static ResourceBundle bundle(Locale locale) {
        Locale l = locale != null && "zh".equals(locale.getLanguage()) ? ZH : Locale.ROOT;
        return ResourceBundle.getBundle(BUNDLE, l, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}

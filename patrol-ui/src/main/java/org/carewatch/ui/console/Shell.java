package org.carewatch.ui.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.carewatch.core.users.Principal;
import org.carewatch.ui.i18n.Messages;

/**
 * What the frame around every page needs (layout.jte): the language and its messages, who is signed in (null
 * on the sign-in page), the session's CSRF token for forms, the navigation for the role, the current path, the
 * page title and the time formatter.
 */
public record Shell(Messages m, Principal user, String csrf, String path, String title, List<NavEntry> nav, Fmt fmt) {

    public String t(String key, Object... args) {
        return m.get(key, args);
    }

    /** The {@code lang} attribute of the page. */
    public String lang() {
        return m.english() ? "en" : "zh-CN";
    }

    /** The link that switches to the other language and comes back here. */
    public String switchLanguageHref() {
        return "/lang/" + (m.english() ? "zh" : "en") + "?back=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    /** The other language's name, written in that language. */
    public String otherLanguage() {
        return m.english() ? "中文" : "English";
    }

    public String otherLang() {
        return m.english() ? "zh-CN" : "en";
    }

    public boolean signedIn() {
        return user != null;
    }

    public String roleLabel() {
        return user == null ? "" : t("role." + user.role().code());
    }

    /** Whether a navigation entry is the current page (or a page under it). */
    public boolean current(NavEntry e) {
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return p.equals(e.path()) || p.startsWith(e.path() + "/");
    }
}

package org.carewatch.ui.console;

import java.util.List;
import java.util.Map;
import org.carewatch.core.users.Role;

/**
 * Where each role lands after sign-in: the first of its preferred pages that this node serves. Officers work
 * from their patrol rotation, facility staff from their centre's queue, auditors from history, administrators
 * from administration; where a preferred page is not served yet, the alerts page is the fallback.
 */
public final class Homes {
    private static final Map<Role, List<String>> PREFERRED = Map.of(
            Role.OFFICER, List.of("/patrol", "/alerts"),
            Role.FACILITY, List.of("/centre", "/alerts"),
            Role.AUDITOR, List.of("/history", "/alerts"),
            Role.ADMIN, List.of("/admin", "/alerts"));

    private final List<NavEntry> nav;

    public Homes(List<NavEntry> nav) {
        this.nav = List.copyOf(nav);
    }

    public String of(Role role) {
        for (String path : PREFERRED.get(role)) {
            if (nav.stream().anyMatch(e -> e.path().equals(path) && e.roles().contains(role))) {
                return path;
            }
        }
        return "/alerts";
    }
}

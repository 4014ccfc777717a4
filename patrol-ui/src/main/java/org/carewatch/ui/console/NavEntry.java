package org.carewatch.ui.console;

import java.util.Set;
import org.carewatch.core.users.Role;

/**
 * A page in the console's navigation: its path, the message key of its label, and the roles it is shown to.
 * The first entry of a role in {@link Homes}' order is where that role lands after sign-in.
 */
public record NavEntry(String path, String labelKey, Set<Role> roles) {
    public NavEntry {
        roles = Set.copyOf(roles);
    }
}

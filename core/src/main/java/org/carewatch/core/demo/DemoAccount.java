package org.carewatch.core.demo;

/** One line of {@code demo-accounts.txt}: {@code ROLE USERNAME PASSWORD}. */
public record DemoAccount(String role, String username, String password) {
    public String line() {
        return role + " " + username + " " + password;
    }

    public static DemoAccount parse(String line) {
        String[] p = line.strip().split("\\s+");
        if (p.length != 3) {
            throw new IllegalArgumentException("expected 'ROLE USERNAME PASSWORD', got: " + line);
        }
        return new DemoAccount(p[0], p[1], p[2]);
    }
}

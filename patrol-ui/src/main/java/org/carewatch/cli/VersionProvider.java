package org.carewatch.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = CareWatchCommand.class.getPackage().getImplementationVersion();
        return new String[] {"CareWatch " + (v == null ? "development build" : v)};
    }
}

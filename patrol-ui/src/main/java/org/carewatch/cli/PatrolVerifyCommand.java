package org.carewatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.carewatch.patrol.draw.Canonical;
import org.carewatch.patrol.publish.Verification;
import org.carewatch.patrol.publish.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verifies an exported draw (GET /api/v1/rotations/{date}/export or /spot-checks/{id}/export) from the file alone:",
                "the seed against its commitment, the inputs against their digest, and the plan recomputed from both.",
                "Exit 0 when verified, 1 with the reason when not, 2 when the file cannot be read."})
public final class PatrolVerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the exported JSON document")
    Path file;

    @Override
    public Integer call() {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            System.err.println("carewatch patrol verify: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        Verification v;
        try {
            v = Verifier.verify(Canonical.parse(text));
        } catch (IllegalArgumentException e) {
            v = Verification.failed("malformed document: " + e.getMessage());
        }
        if (v.verified()) {
            System.out.println("verified: the plan is the one its published inputs and seed give");
            return 0;
        }
        System.out.println("NOT verified: " + v.reason());
        return 1;
    }
}

package org.carewatch.profiles.catalog;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carewatch.profiles.camera.CameraProfile;
import org.carewatch.profiles.camera.CameraProfileParser;
import org.carewatch.profiles.parse.ObjectFields;
import org.carewatch.profiles.parse.Problems;
import org.carewatch.profiles.sensor.SensorProfile;
import org.carewatch.profiles.sensor.SensorProfileParser;

/** Parses profile files (YAML or JSON) into profiles, turning every problem into a {@link CheckError}. */
final class ProfileReader {

    static final int MAX_FILE_BYTES = 1024 * 1024;

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** What reading a set of files produced: valid profiles and errors, in file order. */
    record Result(List<CameraProfile> cameras, List<SensorProfile> sensors, List<CheckError> errors) {
    }

    private ProfileReader() {
    }

    static Result read(List<ProfileFile> files) {
        List<CameraProfile> cameras = new ArrayList<>();
        List<SensorProfile> sensors = new ArrayList<>();
        List<CheckError> errors = new ArrayList<>();
        for (ProfileFile file : files) {
            Optional<JsonNode> doc = document(file, errors);
            if (doc.isEmpty()) {
                continue;
            }
            Problems problems = new Problems();
            Object profile = ObjectFields.root(doc.get(), problems).map(f -> file.kind() == ProfileKind.CAMERA
                    ? (Object) CameraProfileParser.parse(f)
                    : (Object) SensorProfileParser.parse(f)).orElse(null);
            problems.list().forEach(p -> errors.add(new CheckError(file.name(), p.field(), p.message())));
            String id = profile instanceof CameraProfile c ? c.id() : profile instanceof SensorProfile s ? s.id() : null;
            if (id == null) {
                continue;
            }
            if (!id.equals(file.stem())) {
                errors.add(new CheckError(file.name(), "id", "must match the file name \"" + file.stem() + "\", got \"" + id + "\""));
                continue;
            }
            boolean duplicate = cameras.stream().anyMatch(c -> c.id().equals(id)) || sensors.stream().anyMatch(s -> s.id().equals(id));
            if (duplicate) {
                errors.add(new CheckError(file.name(), "id", "\"" + id + "\" is already used by another profile"));
            } else if (profile instanceof CameraProfile c) {
                cameras.add(c);
            } else {
                sensors.add((SensorProfile) profile);
            }
        }
        return new Result(cameras, sensors, errors);
    }

    private static Optional<JsonNode> document(ProfileFile file, List<CheckError> errors) {
        if (file.content().length > MAX_FILE_BYTES) {
            errors.add(new CheckError(file.name(), null, "file is larger than " + MAX_FILE_BYTES + " bytes"));
            return Optional.empty();
        }
        ObjectMapper mapper = file.name().endsWith(".json") ? JSON : YAML;
        try {
            JsonNode node = mapper.readTree(file.content());
            if (node == null || node.isMissingNode()) {
                errors.add(new CheckError(file.name(), null, "file is empty"));
                return Optional.empty();
            }
            return Optional.of(node);
        } catch (JacksonException e) {
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException y && y.getProblemMark() != null) {
                // SnakeYAML's own problem and mark say what is wrong where ("expected ',' or '}', but got {").
                errors.add(new CheckError(file.name(), null, "not valid YAML: line " + (y.getProblemMark().getLine() + 1)
                        + ", column " + (y.getProblemMark().getColumn() + 1) + ": "
                        + (y.getContext() == null ? "" : y.getContext() + ": ") + y.getProblem()));
                return Optional.empty();
            }
            JsonLocation loc = e.getLocation();
            String where = loc == null || loc.getLineNr() < 1 ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
            String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().lines()
                    .filter(l -> !l.isBlank()).findFirst().orElse("unreadable").trim();
            errors.add(new CheckError(file.name(), null, "not valid " + (mapper == JSON ? "JSON" : "YAML") + ": " + where + message));
            return Optional.empty();
        } catch (IOException e) {
            errors.add(new CheckError(file.name(), null, "cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
    }
}
